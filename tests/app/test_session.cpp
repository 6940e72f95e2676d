// One session, many sources: results files beside the live model, and failed opens that change
// nothing.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <set>

#include "app/main_window.h"
#include "app/session.h"
#include "engine/core/resources.h"
#include "engine/io/results_io.h"
#include "engine/results/schema.h"
#include "tests/app/app_test_support.h"
#include "tests/results_fixture.h"
#include "widgets/mask_editor.h"
#include "widgets/qa_sample_view.h"

namespace ropescope::app {
namespace {

using support::fixture;
using support::waitForJob;
using support::waitUntil;

const QString kData = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");

QString llamaWithTokenizer(const QTemporaryDir& dir) { return support::tinyLlamaWithTokenizer(dir.filePath("llama")); }

// The live tiny Llama with QA data, a sample answered, on the Bands tab.
void openLive(MainWindow& window, const QString& folder) {
  window.setDataPath(kData);
  window.openModel(folder);
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  ASSERT_TRUE(waitUntil([&] { return window.tabEnabled("sample"); }));
  auto* page = window.qaSampleView();
  ASSERT_TRUE(waitUntil([&] { return !page->goldDocumentText().isEmpty(); }));
  page->setMaskText("heads=L0 dims=first4");
  page->run();
  ASSERT_TRUE(waitUntil([&] { return page->runCount() == 2 && !page->running(); }));  // with the unmasked run
  ASSERT_TRUE(window.setCurrentTab("bands"));
}

TEST(Session, AResultsFileOfTheLiveModelAddsItsAnalysesAndKeepsTheModel) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  MainWindow window;
  window.show();
  openLive(window, folder);
  ASSERT_FALSE(window.tabEnabled("scatter"));

  // A file of the same model with utility scores (as an analysis run writes them).
  auto file = *window.results();
  const auto L = file.weights->model.layers, H = file.weights->model.heads, D = file.weights->model.headDim;
  auto u = engine::NdArray::zeros({L, H, D}, {"layer", "head", "dim"});
  for (std::size_t i = 0; i < u.values.size(); ++i) u.values[i] = static_cast<float>(i % 7) / 7.0f;
  file.arrays["/utility/u"] = u;
  file.arrays.erase("/bands/q_norm");
  const auto path = dir.filePath("utility.h5");
  engine::writeResultsFile(path.toStdString(), file);
  window.openResults(path);
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();

  ASSERT_EQ(window.session().sources().size(), 1u);
  EXPECT_TRUE(window.session().shown()->live);
  EXPECT_TRUE(window.results()->arrays.count("/utility/u"));
  EXPECT_TRUE(window.results()->arrays.count("/bands/q_norm"));  // the live analyses stay
  EXPECT_TRUE(window.tabEnabled("sample"));
  EXPECT_EQ(window.qaSampleView()->runCount(), 2);
  EXPECT_TRUE(window.headerText().contains("Live model llama")) << window.headerText().toStdString();
  EXPECT_TRUE(window.headerText().contains("utility.h5")) << window.headerText().toStdString();

  // The Sample page may now mask by utility.
  window.qaSampleView()->setMaskText("dims=utility<0.5");
  ASSERT_TRUE(window.qaSampleView()->run()) << window.qaSampleView()->maskEditor()->errorText().toStdString();
  ASSERT_TRUE(waitUntil([&] { return !window.qaSampleView()->running(); }));
  EXPECT_EQ(window.qaSampleView()->runCount(), 3) << window.lastError().toStdString();
}

TEST(Session, AResultsFileOfAnotherModelOpensBeside) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  engine::writeResultsFile(dir.filePath("other.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.show();
  openLive(window, folder);
  window.openResults(dir.filePath("other.h5"));
  waitForJob(window);
  ASSERT_EQ(window.session().sources().size(), 2u);
  EXPECT_FALSE(window.session().shown()->live);
  EXPECT_TRUE(window.tabEnabled("qa"));      // the file's analyses are shown
  EXPECT_TRUE(window.tabEnabled("sample"));  // and the live model stays
  EXPECT_TRUE(window.headerText().contains("Results file other.h5")) << window.headerText().toStdString();
  EXPECT_TRUE(window.headerText().contains("live model (Sample page): llama")) << window.headerText().toStdString();
  window.showSource(0);
  EXPECT_TRUE(window.session().shown()->live);
  EXPECT_FALSE(window.tabEnabled("qa"));
}

// Whatever fails to open, what was loaded stays: results, samples, runs, tab and header.
TEST(Session, AFailedOpenChangesNothing) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  MainWindow window;
  window.show();
  openLive(window, folder);
  const auto before = *window.results();
  const auto header = window.headerText();

  QFile text(dir.filePath("notes.h5"));
  ASSERT_TRUE(text.open(QIODevice::WriteOnly));
  text.write("not HDF5\n");
  text.close();
  QFile badQa(dir.filePath("bad.jsonl"));
  ASSERT_TRUE(badQa.open(QIODevice::WriteOnly));
  badQa.write("{\"question\": \"q\", \"answers\": [\"a\"], \"ctxs\": [{\"title\": \"t\", \"text\": 3}]}\n{oops\n");
  badQa.close();
  const auto newer = dir.filePath("newer.h5");
  engine::writeResultsFile(newer.toStdString(), test::fullResults());
  {
    const hid_t file = H5Fopen(newer.toUtf8().constData(), H5F_ACC_RDWR, H5P_DEFAULT);
    const hid_t attr = H5Aopen(file, "format_version", H5P_DEFAULT);
    const long long future = engine::kResultsFormatVersion + 1;
    H5Awrite(attr, H5T_NATIVE_LLONG, &future);
    H5Aclose(attr);
    H5Fclose(file);
  }
  const std::pair<QString, QString> attempts[] = {
      {dir.path(), dir.path()},                  // a folder that is not a model
      {dir.filePath("notes.h5"), "notes.h5"},    // a text file named .h5
      {dir.filePath("bad.jsonl"), "bad.jsonl"},  // malformed QA data
      {newer, "newer RoPEScope"},                // results of a newer format
  };
  for (const auto& [path, named] : attempts) {
    window.openPath(path);
    waitForJob(window);
    EXPECT_TRUE(window.lastError().contains(named)) << path.toStdString() << ": " << window.lastError().toStdString();
    ASSERT_TRUE(window.results().has_value());
    ASSERT_EQ(window.results()->arrays.size(), before.arrays.size()) << path.toStdString();
    for (const auto& [name, array] : before.arrays)
      EXPECT_EQ(window.results()->arrays.at(name).values, array.values) << name;
    EXPECT_EQ(window.session().sources().size(), 1u) << path.toStdString();
    EXPECT_TRUE(window.session().live()) << path.toStdString();
    EXPECT_EQ(window.headerText(), header) << path.toStdString();
    EXPECT_EQ(window.currentTabId(), "bands") << path.toStdString();
    EXPECT_EQ(window.qaSampleView()->sampleCount(), 6) << path.toStdString();
    EXPECT_EQ(window.qaSampleView()->runCount(), 2) << path.toStdString();
    EXPECT_EQ(window.dataPath(), kData) << path.toStdString();
  }
  // And the live model still answers.
  window.qaSampleView()->setMaskText("heads=L1 dims=first2");
  ASSERT_TRUE(window.qaSampleView()->run());
  ASSERT_TRUE(waitUntil([&] { return window.qaSampleView()->runCount() == 3; }));
}

// A batch on the Sample page is the qa analysis the CLI runs: the table holds its accuracies. On
// the demo model, whose answers the mask changes (so the comparison can fail).
TEST(Session, TheBatchTableEqualsTheCliQaRun) {
  QTemporaryDir dir;
  const auto folder = dir.filePath("demo");
  QDir().mkpath(folder);
  const auto shipped = QString::fromStdString(engine::resolveModelName("demo"));
  for (const auto& name : QDir(shipped).entryList(QDir::Files)) QFile::copy(shipped + "/" + name, folder + "/" + name);
  const auto data = QString::fromStdString(engine::resolveDataName("demo"));
  MainWindow window;
  window.show();
  window.setDataPath(data);
  window.openModel(folder);
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  auto* page = window.qaSampleView();
  ASSERT_TRUE(waitUntil([&] { return page->sampleCount() > 0; }));
  const QString mask = QStringLiteral("heads=retrieval>0.5 dims=last4");
  page->setMaskText(mask);
  page->setBatchSamples(2);
  ASSERT_TRUE(page->runBatch());
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  ASSERT_TRUE(page->batchRowCount() > 0) << "no batch";
  ASSERT_EQ(page->batchRowCount(), 2);
  EXPECT_EQ(page->batchCell(0, 0), "none");
  EXPECT_EQ(page->batchCell(1, 0), mask);

  // The CLI with the retrieval scores the page's mask used (the quick analyses').
  engine::ResultsFile scores;
  scores.info = window.results()->info;
  scores.arrays["/retrieval/score"] = window.results()->arrays.at("/retrieval/score");
  engine::writeResultsFile(dir.filePath("scores.h5").toStdString(), scores);
  QProcess cli;
  cli.start(QStringLiteral(ROPESCOPE_CLI_BINARY),
            {"qa", "--model", folder, "--data", data, "--samples", "2", "--mask", mask, "--scores",
             dir.filePath("scores.h5"), "--output", dir.filePath("cli.h5")});
  ASSERT_TRUE(cli.waitForFinished(120000));
  ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
  const auto ref = engine::readResultsFile(dir.filePath("cli.h5").toStdString());
  const auto batch = engine::readResultsFile(window.batchOutput().toStdString());
  const auto& positions = engine::find(ref, engine::schema::kGoldPositions)->values;
  ASSERT_EQ(page->batchHeader().size(), static_cast<qsizetype>(positions.size() + 2));
  int row = 0;
  std::set<float> seen;
  for (const std::string& setup : std::vector<std::string>{"none", mask.toStdString()}) {
    const auto& expected = ref.arrays.at("/qa/" + setup + "/accuracy").values;
    EXPECT_EQ(batch.arrays.at("/qa/" + setup + "/accuracy").values, expected) << setup;
    for (std::size_t g = 0; g < positions.size(); ++g) {
      EXPECT_EQ(page->batchCell(row, static_cast<int>(g) + 2), QString::number(expected[g], 'f', 3)) << setup << g;
      seen.insert(expected[g]);
    }
    double sum = 0;
    for (float v : expected) sum += v;
    EXPECT_EQ(page->batchCell(row, 1), QString::number(sum / static_cast<double>(expected.size()), 'f', 3)) << setup;
    ++row;
  }
  EXPECT_GT(seen.size(), 1u);  // the mask changes answers: equal tables are not trivially equal
  // A second mask adds a row; the first stays.
  page->setMaskText(QStringLiteral("heads=L1 dims=first8"));
  ASSERT_TRUE(page->runBatch());
  waitForJob(window);
  EXPECT_EQ(page->batchRowCount(), 3);
}

// Dropping a results file adds it; dropping QA data opens the live model with it; each lands in
// File ▸ Open Recent, a failed open does not.
TEST(Session, DroppedResultsAndDataAreOpenedAndRemembered) {
  QSettings().remove("paths/recent");
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  engine::writeResultsFile(dir.filePath("other.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.show();
  openLive(window, folder);
  const auto drop = [&](const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent event(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &event);
    waitForJob(window);
  };
  drop(dir.filePath("other.h5"));
  EXPECT_EQ(window.session().sources().size(), 2u);
  // QA data with one sample fewer: the live model is opened again with it.
  QFile all(kData), some(dir.filePath("some.jsonl"));
  ASSERT_TRUE(all.open(QIODevice::ReadOnly) && some.open(QIODevice::WriteOnly));
  const auto lines = all.readAll().split('\n');
  for (int i = 0; i + 1 < lines.size() - 1; ++i) some.write(lines[i] + '\n');
  some.close();
  drop(dir.filePath("some.jsonl"));
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  EXPECT_EQ(window.dataPath(), dir.filePath("some.jsonl"));
  EXPECT_TRUE(window.session().live());
  EXPECT_TRUE(window.headerText().contains("some.jsonl")) << window.headerText().toStdString();
  drop(dir.filePath("missing.h5"));
  EXPECT_FALSE(window.lastError().isEmpty());
  const auto recent = MainWindow::recentPaths();
  ASSERT_GE(recent.size(), 3);
  EXPECT_EQ(recent.at(0), folder);
  EXPECT_TRUE(recent.contains(dir.filePath("some.jsonl")));
  EXPECT_TRUE(recent.contains(dir.filePath("other.h5")));
  EXPECT_FALSE(recent.contains(dir.filePath("missing.h5")));
}

// Results of the shipped demo go to the user's data folder, never into the installation (or the
// source tree); a model folder of the user's gets them beside it.
TEST(Session, AnalysesOfTheShippedDemoAreWrittenToTheUsersDataFolder) {
  MainWindow window;
  window.openModel(QString::fromStdString(engine::resolveModelName("demo")));
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  const auto output = window.defaultAnalysisOutput();
  const auto resources = QFileInfo(QString::fromStdString(engine::resourcesDir().string())).canonicalFilePath();
  EXPECT_FALSE(output.startsWith(resources)) << output.toStdString();
  EXPECT_TRUE(output.endsWith("rope-analyses.h5")) << output.toStdString();
  EXPECT_TRUE(window.batchOutput().endsWith("rope-qa-batch.h5")) << window.batchOutput().toStdString();

  QTemporaryDir dir;
  window.openModel(llamaWithTokenizer(dir));
  waitForJob(window);
  EXPECT_EQ(window.defaultAnalysisOutput(), dir.filePath("llama/ropescope-analyses.h5"));
}

TEST(Session, SameModelComparesTheConfigAsJson) {
  engine::RunInfo a, b;
  a.modelConfig = R"({"hidden_size": 64, "num_attention_heads": 4})";
  b.modelConfig = R"({ "num_attention_heads": 4,
                       "hidden_size": 64 })";
  EXPECT_TRUE(Session::sameModel(a, b));
  b.modelConfig = R"({"hidden_size": 65, "num_attention_heads": 4})";
  EXPECT_FALSE(Session::sameModel(a, b));
  b.modelConfig.clear();
  EXPECT_FALSE(Session::sameModel(a, b));
}

}  // namespace
}  // namespace ropescope::app
