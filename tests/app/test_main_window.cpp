// The main window end to end: open by call, by drop and by results file; errors; export; --screenshot.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <cmath>
#include <set>

#include "app/main_window.h"
#include "app/playground_window.h"
#include "engine/analysis/weight_norms.h"
#include "engine/io/checkpoint.h"
#include "engine/io/results_io.h"
#include "tests/app/app_test_support.h"
#include "tests/results_fixture.h"
#include "widgets/angles_view.h"
#include "widgets/bands_view.h"
#include "widgets/compare_view.h"
#include "widgets/dimensions_view.h"
#include "widgets/heads_view.h"
#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/mask_editor.h"
#include "widgets/positional_view.h"
#include "widgets/qa_sample_view.h"
#include "widgets/qa_view.h"
#include "widgets/retrieval_scatter_view.h"
#include "widgets/rope_playground.h"
#include "widgets/toy_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::app {
namespace {

using support::fixture;
using support::waitForJob;
using support::waitUntil;

// The tiny Llama with a byte-level tokenizer.json in `dir`.
bool copyTinyLlamaWithTokenizer(const QTemporaryDir& dir) {
  support::tinyLlamaWithTokenizer(dir.path());
  return QFile::exists(dir.filePath("tokenizer.json"));
}

// View ▸ RoPE Playground opens one window of its own, needing no model, raised again when asked
// twice; the toolbar carries it too.
TEST(MainWindow, ThePlaygroundOpensWithoutAModel) {
  MainWindow window;
  window.show();
  QAction* action = nullptr;
  for (auto* a : window.findChildren<QAction*>())
    if (a->text().remove(QLatin1Char('&')) == QStringLiteral("RoPE Playground")) action = a;
  ASSERT_NE(action, nullptr);
  action->trigger();
  auto* first = window.findChild<PlaygroundWindow*>();
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(first->isVisible());
  EXPECT_TRUE(first->isWindow());
  EXPECT_EQ(window.showPlayground(), first);
  EXPECT_EQ(window.findChildren<PlaygroundWindow*>().size(), 1);
  EXPECT_EQ(first->playground()->inverseFrequencies().size(), 64u);  // Llama-2's 64 pairs
  EXPECT_FALSE(window.results().has_value());
}

TEST(MainWindow, OpensAModelAndShowsTheMeanQueryNorms) {
  MainWindow window;
  window.show();
  window.openModel(fixture("llama"));
  EXPECT_TRUE(window.busy());
  waitForJob(window);
  EXPECT_FALSE(window.busy());
  ASSERT_TRUE(window.results().has_value());
  auto* view = window.weightNormsView();
  ASSERT_TRUE(view->hasResults());
  const auto& q = window.results()->weights->qRowL1;  // [layers, heads, dim]
  for (int layer = 0; layer < 2; ++layer)
    for (int dim = 0; dim < 16; ++dim) {
      double mean = 0;
      for (int h = 0; h < 4; ++h) mean += q.at({layer, h, dim}) / 4.0;
      EXPECT_NEAR(view->heatmap()->cellValue(layer, dim), mean, 1e-5);
    }
  EXPECT_TRUE(window.lastError().isEmpty());
}

TEST(MainWindow, OpeningAModelEnablesTheTokenLevelTabs) {
  MainWindow window;
  window.show();
  window.openModel(fixture("llama"));
  waitForJob(window);
  ASSERT_TRUE(window.results().has_value());
  for (const char* id : {"dimensions", "heads", "bands", "angles"}) EXPECT_TRUE(window.tabEnabled(id)) << id;
  // No QA data: no retrieval scores, no utility, no accuracy; the tab says what it needs.
  for (const char* id : {"scatter", "qa"}) {
    EXPECT_FALSE(window.tabEnabled(id)) << id;
    const int index = MainWindow::tabIds().indexOf(id);
    EXPECT_FALSE(window.tabs()->tabToolTip(index).isEmpty()) << id;
  }
  EXPECT_EQ(window.headsView()->measures(),
            std::vector<widgets::HeadsView::Measure>{widgets::HeadsView::kPositionalRho});
  const auto& rho = window.results()->arrays.at("/positional/rho");
  EXPECT_FLOAT_EQ(window.headsView()->heatmap()->cellValue(1, 3), rho.at({1, 3}));
  EXPECT_EQ(window.anglesView()->pairCount(), 8);
  EXPECT_EQ(window.currentTabId(), "dimensions");
}

TEST(MainWindow, QaDataAndATokenizerAddRetrievalScores) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  MainWindow window;
  window.setDataPath(QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"));
  window.openModel(dir.path());
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  ASSERT_TRUE(window.results().has_value());
  EXPECT_EQ(window.headsView()->measure(), widgets::HeadsView::kRetrieval);
  const auto& score = window.results()->arrays.at("/retrieval/score");
  EXPECT_FLOAT_EQ(window.headsView()->heatmap()->cellValue(0, 2), score.at({0, 2}));
  EXPECT_FALSE(window.tabEnabled("scatter"));  // needs utility, which the quick analyses leave out
}

// The Sample page re-runs one sample through the worker with the model the quick analyses kept.
TEST(MainWindow, TheSampleTabReRunsASampleUnderAMask) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  MainWindow window;
  window.show();
  auto* page = window.qaSampleView();
  window.setDataPath(QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"));
  window.openModel(dir.path());
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  ASSERT_TRUE(window.setCurrentTab("sample"));
  EXPECT_EQ(page->sampleCount(), 6);
  EXPECT_EQ(page->presets().at(1), "heads=retrieval>0.5 dims=first2");  // head_dim 16
  // The first sample's prompt arrives from the worker.
  ASSERT_TRUE(waitUntil([&] { return !page->goldDocumentText().isEmpty(); }));
  EXPECT_EQ(page->goldDocumentText(), "Document [1](Title: Person 0) Person 0 lives in Paris.");
  page->setCurrentSample(1);
  ASSERT_TRUE(waitUntil([&] { return page->goldDocumentText().contains("Person 4 lives in Lima"); }));
  page->setMaskText("heads=L0H1,L1 dims=first4");
  ASSERT_TRUE(page->run());
  // The masked run, then the unmasked run of the same sample that the comparison asks for.
  ASSERT_TRUE(waitUntil([&] { return page->runCount() == 2 && !page->running(); }));
  EXPECT_EQ(page->runCell(0, 0), "2");
  EXPECT_EQ(page->runCell(0, 1), "heads=L0H1,L1 dims=first4");
  EXPECT_EQ(page->runCell(1, 1), "none");
  EXPECT_EQ(page->beforeValues().size(), page->afterValues().size());
  EXPECT_EQ(page->beforeValues().size(), 3u);
  QString error;
  ASSERT_TRUE(window.exportFigure(dir.filePath("sample.svg"), &error)) << error.toStdString();

  // A bad mask: marked in the page naming the clause, nothing runs, and the page can run again.
  page->setMaskText("dims=fist4");
  EXPECT_FALSE(page->run());
  EXPECT_TRUE(page->maskEditor()->errorText().contains("dims=fist4"));
  page->setMaskText("heads=L1H0 dims=last2");
  ASSERT_TRUE(page->run());
  ASSERT_TRUE(waitUntil([&] { return page->runCount() == 3; }));
  EXPECT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
}

TEST(MainWindow, OpeningAModelShowsAResultsTabNotTheSamplePageThatFillsFirst) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  MainWindow window;
  window.show();
  window.setDataPath(QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"));
  window.openModel(dir.path());
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  ASSERT_TRUE(waitUntil([&] { return window.tabEnabled("sample"); }));
  EXPECT_EQ(window.currentTabId(), "dimensions");

  // A tab the user picks stays when the model is opened again.
  ASSERT_TRUE(window.setCurrentTab("bands"));
  window.openModel(dir.path());
  waitForJob(window);
  ASSERT_TRUE(waitUntil([&] { return window.tabEnabled("sample"); }));
  EXPECT_EQ(window.currentTabId(), "bands");
}

TEST(MainWindow, AResultsFileWithEveryGroupEnablesEveryTab) {
  QTemporaryDir dir;
  const auto path = dir.filePath("full.h5");
  engine::writeResultsFile(path.toStdString(), test::fullResults());
  MainWindow window;
  window.show();
  window.openResults(path);
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  // Every tab but Sample, which needs a model kept for live runs, not a file, and Compare, which
  // needs two; the Toy page, which trains without anything, is always open.
  for (const auto& id : MainWindow::tabIds())
    EXPECT_EQ(window.tabEnabled(id), id != "sample" && id != "compare") << id.toStdString();
  for (int i = 0; i < window.tabs()->count(); ++i) {
    const QString id = MainWindow::tabIds()[i];
    EXPECT_EQ(window.tabs()->tabToolTip(i).isEmpty(), id != "sample" && id != "toy" && id != "compare")
        << id.toStdString();
  }
  // What the file holds reaches the views.
  EXPECT_FLOAT_EQ(window.headsView()->heatmap()->cellValue(2, 1), test::retrievalScore(2, 1));
  EXPECT_EQ(window.scatterView()->points().size(), static_cast<std::size_t>(test::kLayers * test::kHeads));
  EXPECT_DOUBLE_EQ(window.scatterView()->slope(), -0.25);
  EXPECT_EQ(window.qaView()->graphCount(), 2);
  EXPECT_EQ(window.anglesView()->pairCount(), test::kPairs);
  EXPECT_TRUE(window.dimensionsView()->hasMeasure(widgets::DimensionsView::kUtility));
  EXPECT_EQ(window.positionalView()->table()->rowCount(), test::kLayers * test::kHeads);

  // A file with only norms: the other tabs are disabled again and the Dimensions tab is shown.
  ASSERT_TRUE(window.setCurrentTab("qa"));
  auto normsOnly = test::fullResults();
  normsOnly.arrays.clear();
  normsOnly.groupAttributes.clear();
  engine::writeResultsFile(dir.filePath("norms.h5").toStdString(), normsOnly);
  window.openResults(dir.filePath("norms.h5"));
  waitForJob(window);
  EXPECT_TRUE(window.tabEnabled("dimensions"));
  for (const char* id : {"heads", "positional", "scatter", "bands", "angles", "qa"})
    EXPECT_FALSE(window.tabEnabled(id)) << id;
  EXPECT_EQ(window.currentTabId(), "dimensions");
}

TEST(MainWindow, ExportAllKeepsTheSelectedHeadAndTheTabNamesStillFindTheirPages) {
  QTemporaryDir dir;
  engine::writeResultsFile(dir.filePath("full.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.show();
  window.openResults(dir.filePath("full.h5"));
  waitForJob(window);
  // "retrieval" and "utility" name the scatter, wherever it stands among the tabs.
  ASSERT_TRUE(window.setCurrentTab("retrieval"));
  EXPECT_EQ(window.currentTabId(), "scatter");
  window.selectHead(1, 3);
  QStringList written;
  QString error;
  ASSERT_TRUE(window.exportAllFigures(dir.filePath("figures"), {widgets::ExportFormat::Csv}, widgets::FigureSize{},
                                      &written, &error))
      << error.toStdString();
  EXPECT_TRUE(written.contains(dir.filePath("figures/bands-k.csv")));
  // After the key figures (KV heads), the query views show the selected query head again.
  EXPECT_EQ(window.bandsView()->sliceView()->currentSeries(), widgets::BandsView::kQueries);
  EXPECT_EQ(window.bandsView()->sliceView()->head(), 3);
  EXPECT_EQ(window.dimensionsView()->weightNormsView()->head(), 3);
  // The key figure showed the head's KV head (query heads 2 and 3 read KV head 1), not the mean.
  QFile csv(dir.filePath("figures/bands-k.csv"));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  const auto lines = csv.readAll().split('\n');
  ASSERT_GT(lines.size(), 2);
  EXPECT_FLOAT_EQ(lines[1].split(',')[2].toFloat(), test::kBand(0, 1, 0));
}

TEST(MainWindow, TwoResultsFilesAreComparedOnTheComparePage) {
  QTemporaryDir dir;
  auto other = test::fullResults();
  other.info.model = "/models/other";
  for (auto& v : other.weights->qRowL1.values) v *= 2.0f;
  engine::writeResultsFile(dir.filePath("a.h5").toStdString(), test::fullResults());
  engine::writeResultsFile(dir.filePath("b.h5").toStdString(), other);
  MainWindow window;
  window.show();
  window.openResults(dir.filePath("a.h5"));
  waitForJob(window);
  EXPECT_FALSE(window.tabEnabled("compare"));  // one file: nothing to compare
  window.openResults(dir.filePath("b.h5"));
  waitForJob(window);
  ASSERT_TRUE(window.tabEnabled("compare"));
  ASSERT_TRUE(window.setCurrentTab("compare"));
  auto* compare = window.compareView();
  compare->setProfile(widgets::CompareView::Profile::Norms);
  const auto a = compare->line(0);
  const auto b = compare->line(1);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(b[i].y(), 2.0 * a[i].y(), 1e-3);
  QString error;
  EXPECT_TRUE(window.exportFigure(dir.filePath("compare.pdf"), widgets::FigureSize{}, &error)) << error.toStdString();
}

TEST(MainWindow, TheToyPageTrainsWithoutAModelAndItsFileReopensAsTheSameFigure) {
  MainWindow window;
  window.show();
  window.showToy();
  EXPECT_EQ(window.currentTabId(), "toy");
  auto settings = window.toyView()->settings();
  settings.epochs = 2;
  settings.samplesPerEpoch = 64;
  settings.tuples = 32;
  settings.dims = 8;
  settings.evalSamples = 16;
  window.toyView()->setSettings(settings);
  window.toyView()->run();
  EXPECT_TRUE(window.toyView()->running());
  waitForJob(window);
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  EXPECT_FALSE(window.toyView()->running());
  const auto rope = window.toyView()->line("q", "RoPE");
  ASSERT_EQ(rope.size(), 8u);
  // The run's file is a source of the session; opened again it draws the same curves.
  ASSERT_NE(window.session().shown(), nullptr);
  const QString path = window.session().shown()->path;
  EXPECT_TRUE(path.endsWith(".h5")) << path.toStdString();
  MainWindow again;
  again.show();
  again.openResults(path);
  waitForJob(again);
  EXPECT_TRUE(again.tabEnabled("toy"));
  EXPECT_EQ(again.currentTabId(), "toy");  // the only tab with data
  const auto reopened = again.toyView()->line("q", "RoPE");
  ASSERT_EQ(reopened.size(), rope.size());
  for (std::size_t i = 0; i < rope.size(); ++i) EXPECT_EQ(reopened[i], rope[i]);
  EXPECT_EQ(again.toyView()->line("removal", "no PE: last r dims removed").size(), 9u);
  QFile::remove(path);
}

TEST(MainWindow, ClickingAHeadSelectsItInEveryView) {
  QTemporaryDir dir;
  engine::writeResultsFile(dir.filePath("full.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.resize(1000, 700);
  window.show();
  window.openResults(dir.filePath("full.h5"));
  waitForJob(window);
  ASSERT_TRUE(window.setCurrentTab("Heads"));
  for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
  QSignalSpy selected(&window, &MainWindow::headSelected);
  auto* heatmap = window.headsView()->heatmap();
  const QPointF at = heatmap->pixelOfCell(1, 3);
  for (auto type : {QEvent::MouseButtonPress, QEvent::MouseButtonRelease}) {
    QMouseEvent event(type, at, heatmap->plotWidget()->mapToGlobal(at), Qt::LeftButton,
                      type == QEvent::MouseButtonPress ? Qt::LeftButton : Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(heatmap->plotWidget(), &event);
  }
  ASSERT_EQ(selected.count(), 1);
  EXPECT_EQ(window.selectedHead(), std::pair(1, 3));
  EXPECT_EQ(heatmap->markedCell(), (widgets::HeatmapView::Cell{1, 3}));
  EXPECT_EQ(window.scatterView()->selectedHead(), std::pair(1, 3));
  EXPECT_EQ(window.weightNormsView()->head(), 3);
  EXPECT_EQ(window.dimensionsView()->utilityView()->head(), 3);
  EXPECT_EQ(window.bandsView()->sliceView()->head(), 3);
  // Per-head views show every layer: the selected head's is outlined.
  EXPECT_EQ(window.weightNormsView()->heatmap()->markedRow(), 1);
  EXPECT_EQ(window.dimensionsView()->utilityView()->heatmap()->markedRow(), 1);
  EXPECT_EQ(window.bandsView()->sliceView()->heatmap()->markedRow(), 1);
  EXPECT_TRUE(window.selectionText().startsWith("L1H3 · retrieval ")) << window.selectionText().toStdString();
  EXPECT_TRUE(window.selectionText().contains("utility first")) << window.selectionText().toStdString();
  // Arrow keys move the selection in the heads heatmap.
  QTest::keyClick(heatmap->plotWidget(), Qt::Key_Left);
  EXPECT_EQ(window.selectedHead(), std::pair(1, 2));
  QTest::keyClick(heatmap->plotWidget(), Qt::Key_Up);
  EXPECT_EQ(window.selectedHead(), std::pair(0, 2));
  EXPECT_EQ(window.weightNormsView()->heatmap()->markedRow(), 0);
  EXPECT_EQ(selected.count(), 3);
  window.selectHead(1, 3);
  window.bandsView()->sliceView()->setCurrentSeries(widgets::BandsView::kKeys);
  window.selectHead(0, 2);  // query head 2 uses KV head 1
  EXPECT_EQ(window.bandsView()->sliceView()->head(), 1);
  EXPECT_EQ(heatmap->markedCell(), (widgets::HeatmapView::Cell{0, 2}));
}

TEST(MainWindow, TabsAreFoundByIdOrTitle) {
  QTemporaryDir dir;
  engine::writeResultsFile(dir.filePath("full.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.openResults(dir.filePath("full.h5"));
  waitForJob(window);
  EXPECT_TRUE(window.setCurrentTab("Heads"));
  EXPECT_EQ(window.currentTabId(), "heads");
  EXPECT_TRUE(window.setCurrentTab("retrieval vs utility"));
  EXPECT_EQ(window.currentTabId(), "scatter");
  EXPECT_TRUE(window.setCurrentTab("QA"));
  EXPECT_EQ(window.currentTabId(), "qa");
  EXPECT_FALSE(window.setCurrentTab("spectrum"));
  EXPECT_FALSE(window.setCurrentTab(""));
  EXPECT_EQ(window.currentTabId(), "qa");
  EXPECT_EQ(window.pane("bands"), window.bandsView());
  EXPECT_EQ(window.pane("nope"), nullptr);
}

TEST(MainWindow, ExportsTheCurrentTab) {
  QTemporaryDir dir;
  engine::writeResultsFile(dir.filePath("full.h5").toStdString(), test::fullResults());
  MainWindow window;
  window.show();
  window.openResults(dir.filePath("full.h5"));
  waitForJob(window);
  QString error;
  for (const auto& [tab, text] : {std::pair{"angles", "Turns of each RoPE pair"}, std::pair{"qa", "QA accuracy"},
                                  std::pair{"scatter", "Retrieval score against"}}) {
    ASSERT_TRUE(window.setCurrentTab(tab));
    const auto svg = dir.filePath(QStringLiteral("%1.svg").arg(tab));
    ASSERT_TRUE(window.exportFigure(svg, &error)) << error.toStdString();
    QFile file(svg);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().contains(text)) << tab;
    ASSERT_TRUE(window.exportFigure(dir.filePath(QStringLiteral("%1.png").arg(tab)), &error)) << error.toStdString();
    EXPECT_FALSE(QImage(dir.filePath(QStringLiteral("%1.png").arg(tab))).isNull());
  }
}

TEST(MainWindow, BadFolderShowsAnErrorAndStaysUsable) {
  MainWindow window;
  window.openModel(QStringLiteral("/no/such/model"));
  waitForJob(window);
  EXPECT_FALSE(window.busy());
  EXPECT_FALSE(window.results().has_value());
  EXPECT_TRUE(window.lastError().contains(QStringLiteral("/no/such/model")));
  window.openModel(fixture("mistral"));
  waitForJob(window);
  EXPECT_TRUE(window.results().has_value());
}

TEST(MainWindow, DroppedFolderIsOpened) {
  MainWindow window;
  window.show();
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(fixture("olmo2"))});
  QSignalSpy finished(&window, &MainWindow::jobFinished);
  QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &enter);
  EXPECT_TRUE(enter.isAccepted());
  QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &drop);
  ASSERT_TRUE(finished.wait(30000));
  ASSERT_TRUE(window.results().has_value());
  EXPECT_EQ(window.results()->weights->model.architecture, "Olmo2ForCausalLM");
}

TEST(MainWindow, OpensAResultsFile) {
  QTemporaryDir dir;
  engine::ResultsFile results;
  const auto ckpt = engine::Checkpoint::open(fixture("gemma").toStdString());
  results.info.model = ckpt.folder().string();
  results.weights = engine::computeWeightNorms(ckpt);
  const auto path = dir.filePath("gemma.h5");
  engine::writeResultsFile(path.toStdString(), results);

  MainWindow window;
  window.openPath(path);
  waitForJob(window);
  ASSERT_TRUE(window.results().has_value());
  EXPECT_EQ(window.results()->weights->qRowL1.values, results.weights->qRowL1.values);
}

TEST(MainWindow, ExportsTheFigureAsPngAndSvg) {
  QTemporaryDir dir;
  MainWindow window;
  window.show();
  window.openModel(fixture("llama"));
  waitForJob(window);
  QString error;
  ASSERT_TRUE(window.exportFigure(dir.filePath("f.png"), &error)) << error.toStdString();
  EXPECT_FALSE(QImage(dir.filePath("f.png")).isNull());
  ASSERT_TRUE(window.exportFigure(dir.filePath("f.svg"), &error)) << error.toStdString();
  QFile svg(dir.filePath("f.svg"));
  ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
  EXPECT_TRUE(svg.readAll().contains("<svg"));
  EXPECT_FALSE(window.exportFigure(dir.filePath("f.bmpx"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("f.bmpx")));
}

// Runs the ropescope binary offscreen; returns its exit code (-1 if it did not finish).
int runApp(const QStringList& args, QString* output = nullptr) {
  QProcess app;
  app.setProcessChannelMode(QProcess::MergedChannels);
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  app.setProcessEnvironment(env);
  app.start(QStringLiteral(ROPESCOPE_APP_BINARY), args);
  const bool finished = app.waitForFinished(60000);
  if (output) *output = QString::fromLocal8Bit(app.readAll());
  return finished && app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
}

TEST(RopescopeBinary, ScreenshotRendersTheLoadedModel) {
  QTemporaryDir dir;
  const auto shot = dir.filePath("shot.png");
  QString output;
  ASSERT_EQ(runApp({fixture("llama"), QStringLiteral("--screenshot"), shot}, &output), 0) << output.toStdString();
  const QImage image(shot);
  ASSERT_FALSE(image.isNull());
  EXPECT_GE(image.width(), 800);
  EXPECT_GE(image.height(), 500);
  // A drawn heatmap has many colours; an empty window has a handful.
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4) colours.insert(image.pixel(x, y));
  EXPECT_GT(colours.size(), 40u);
}

// Reads a CSV written by the export (no quoted fields in these) as rows of fields.
std::vector<QStringList> readCsv(const QString& path) {
  QFile file(path);
  std::vector<QStringList> rows;
  if (!file.open(QIODevice::ReadOnly)) return rows;
  for (const auto& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
    rows.push_back(line.split(QLatin1Char(',')));
  return rows;
}

// A results file of the demo model with every analysis, made once by the CLI (about 5 s).
QString fullDemoResults() {
  static QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("all.h5"));
  if (QFileInfo::exists(path)) return path;
  QProcess cli;
  cli.setProcessChannelMode(QProcess::MergedChannels);
  cli.start(QStringLiteral(ROPESCOPE_CLI_BINARY),
            {"analyze", "--model", "demo", "--data", "demo", "--samples", "2", "--gold-positions", "0,19",
             "--utility-steps", "20", "--token-samples", "2", "--paper-masks", "--output", path});
  EXPECT_TRUE(cli.waitForFinished(180000));
  EXPECT_EQ(cli.exitCode(), 0) << cli.readAll().toStdString();
  return path;
}

TEST(RopescopeBinary, ExportAllWritesEveryAnalysisInEveryFormatWithoutADisplay) {
  const QString results = fullDemoResults();
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("figures"));
  // No display at all: the export must not need one.
  QProcess app;
  app.setProcessChannelMode(QProcess::SeparateChannels);
  auto env = QProcessEnvironment::systemEnvironment();
  env.remove(QStringLiteral("DISPLAY"));
  env.remove(QStringLiteral("WAYLAND_DISPLAY"));
  env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  app.setProcessEnvironment(env);
  app.start(QStringLiteral(ROPESCOPE_APP_BINARY), {QStringLiteral("--results"), results, QStringLiteral("--export-all"),
                                                   out, QStringLiteral("--size"), QStringLiteral("120x80mm")});
  ASSERT_TRUE(app.waitForFinished(120000));
  const QString errors = QString::fromLocal8Bit(app.readAllStandardError());
  ASSERT_EQ(app.exitStatus(), QProcess::NormalExit) << errors.toStdString();
  ASSERT_EQ(app.exitCode(), 0) << errors.toStdString();
  // One figure (at least) per analysis: norms, retrieval, utility, qa, bands, positional, angles.
  const QStringList figures = {
      "dimensions-q-norms",  "heads-retrieval",     "dimensions-utility", "qa",     "bands-q",
      "bands-profiles",      "positional-distance", "positional-rho",     "angles", "scatter-first",
      "heads-positional-rho"};
  for (const auto& figure : figures)
    for (const char* format : {"png", "svg", "pdf", "csv"}) {
      const QFileInfo file(QDir(out).filePath(figure + QLatin1Char('.') + QLatin1String(format)));
      EXPECT_TRUE(file.exists() && file.size() > 0) << file.filePath().toStdString();
    }
  // Every file printed is there, and nothing else was written.
  const QStringList printed =
      QString::fromLocal8Bit(app.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  EXPECT_EQ(printed.size(), QDir(out).entryList(QDir::Files).size());
  EXPECT_TRUE(errors.contains(QStringLiteral(" files in "))) << errors.toStdString();

  // The CSV behind the retrieval heatmap holds the dataset, one row per head.
  const auto file = engine::readResultsFile(results.toStdString());
  const auto* score = engine::find(file, engine::schema::kRetrievalScore);
  ASSERT_NE(score, nullptr);
  const auto rows = readCsv(QDir(out).filePath(QStringLiteral("heads-retrieval.csv")));
  ASSERT_EQ(rows.size(), score->values.size() + 1);
  EXPECT_EQ(rows[0], (QStringList{"layer", "head", "retrieval score"}));
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const int l = rows[r][0].toInt();
    const int h = rows[r][1].toInt();
    EXPECT_FLOAT_EQ(rows[r][2].toFloat(), score->at({l, h})) << "L" << l << "H" << h;
  }
  // The QA figure's CSV: one row per mask set and gold position, the accuracy of the file.
  const auto qa = readCsv(QDir(out).filePath(QStringLiteral("qa.csv")));
  const std::string nonePath = engine::schema::qaPath("none", engine::schema::kQaAccuracy);
  const auto* none = engine::find(file, engine::Dataset{nonePath, 1});
  ASSERT_NE(none, nullptr);
  int noneRows = 0;
  for (std::size_t r = 1; r < qa.size(); ++r)
    if (qa[r][0] == QLatin1String("no mask")) {
      EXPECT_FLOAT_EQ(qa[r][2].toFloat(), none->values[static_cast<std::size_t>(noneRows)]);
      ++noneRows;
    }
  EXPECT_EQ(noneRows, static_cast<int>(none->values.size()));
}

TEST(RopescopeBinary, ExportAllRefusesABadFormatOrSizeBeforeOpeningAnything) {
  QString output;
  EXPECT_EQ(runApp({"--results", "missing.h5", "--export-all", "x", "--format", "png,tiff"}, &output), 2);
  EXPECT_TRUE(output.contains("unknown figure format 'tiff'")) << output.toStdString();
  EXPECT_EQ(runApp({"--results", "missing.h5", "--export-all", "x", "--size", "180mm"}, &output), 2);
  EXPECT_TRUE(output.contains("--size")) << output.toStdString();
  EXPECT_EQ(runApp({"--results", "missing.h5", "--export-all", "x", "--size", "1x1mm"}, &output), 2);
  EXPECT_TRUE(output.contains("too small")) << output.toStdString();
  EXPECT_NE(runApp({"--results", "missing.h5", "--export-all", "x"}, &output), 0);
  EXPECT_TRUE(output.contains("missing.h5")) << output.toStdString();
}

TEST(RopescopeBinary, ScreenshotOfAFailedOpenExitsNonZero) {
  QTemporaryDir dir;
  QString output;
  EXPECT_EQ(runApp({dir.filePath("missing-model"), QStringLiteral("--screenshot"), dir.filePath("shot.png")}, &output),
            1);
  EXPECT_TRUE(output.contains(QStringLiteral("missing-model"))) << output.toStdString();
}

// The Sample page's comparison, headless: the masked run and the unmasked run in one figure.
TEST(RopescopeBinary, SampleAndMaskExportTheBeforeAfterFigure) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  const auto svg = dir.filePath("sample.svg");
  const QString data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  QString output;
  ASSERT_EQ(runApp({dir.path(), QStringLiteral("--data"), data, QStringLiteral("--sample"), QStringLiteral("2"),
                    QStringLiteral("--mask"), QStringLiteral("heads=L0 dims=first4"), QStringLiteral("--export"), svg},
                   &output),
            0)
      << output.toStdString();
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const auto text = file.readAll();
  EXPECT_TRUE(text.contains("Sample 2")) << text.left(400).toStdString();
  EXPECT_TRUE(text.contains("unmasked"));
  EXPECT_TRUE(text.contains("under the mask"));
  // A malformed mask, a sample out of range, a model without data: non-zero, saying why.
  EXPECT_EQ(runApp({dir.path(), QStringLiteral("--data"), data, QStringLiteral("--sample"), QStringLiteral("2"),
                    QStringLiteral("--mask"), QStringLiteral("dims=fist4"), QStringLiteral("--export"), svg},
                   &output),
            1);
  EXPECT_TRUE(output.contains("dims=fist4")) << output.toStdString();
  EXPECT_EQ(runApp({dir.path(), QStringLiteral("--data"), data, QStringLiteral("--sample"), QStringLiteral("99"),
                    QStringLiteral("--export"), svg},
                   &output),
            1);
  EXPECT_TRUE(output.contains("give 1 to 6")) << output.toStdString();
  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--sample"), QStringLiteral("1"), QStringLiteral("--export"), svg},
                   &output),
            1);
  EXPECT_TRUE(output.contains("no samples")) << output.toStdString();
}

// --run-analyses fills every view of the demo: the QA tab exports the paper masks' accuracy.
TEST(RopescopeBinary, RunAnalysesFillsEveryView) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  const auto svg = dir.filePath("qa.svg");
  QString output;
  ASSERT_EQ(runApp({dir.path(), QStringLiteral("--data"), QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"),
                    QStringLiteral("--run-analyses"), QStringLiteral("--analysis-output"), dir.filePath("a.h5"),
                    QStringLiteral("--tab"), QStringLiteral("scatter"), QStringLiteral("--export"), svg},
                   &output),
            0)
      << output.toStdString();
  EXPECT_TRUE(QFile::exists(dir.filePath("a.h5")));
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.readAll().contains("Retrieval score against"));
}

TEST(RopescopeBinary, OptionsThatCannotApplySaySo) {
  QTemporaryDir dir;
  QString output;
  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--head"), QStringLiteral("7"), QStringLiteral("--export"),
                    dir.filePath("x.png")},
                   &output),
            1);
  EXPECT_TRUE(output.contains("--head 7: the model has 4 query heads")) << output.toStdString();
  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--batch"), QStringLiteral("3")}, &output), 2);
  EXPECT_TRUE(output.contains("--batch needs --sample")) << output.toStdString();
  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--mask"), QStringLiteral("none")}, &output), 2);
  EXPECT_TRUE(output.contains("--mask needs --sample")) << output.toStdString();
  // A missing results file is named as a file, not a model folder.
  EXPECT_EQ(runApp({dir.filePath("missing.h5"), QStringLiteral("--screenshot"), dir.filePath("s.png")}, &output), 1);
  EXPECT_TRUE(output.contains("missing.h5")) << output.toStdString();
  EXPECT_FALSE(output.contains("folder")) << output.toStdString();
}

TEST(RopescopeBinary, HelpAndVersionNeedNoDisplay) {
  QProcess app;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("WAYLAND_DISPLAY");
  env.remove("QT_QPA_PLATFORM");
  app.setProcessEnvironment(env);
  for (const char* option : {"--help", "--version"}) {
    app.start(QStringLiteral(ROPESCOPE_APP_BINARY), {QString::fromLatin1(option)});
    ASSERT_TRUE(app.waitForFinished(30000));
    EXPECT_EQ(app.exitStatus(), QProcess::NormalExit) << option;
    EXPECT_EQ(app.exitCode(), 0) << option << app.readAllStandardError().toStdString();
    EXPECT_FALSE(app.readAllStandardOutput().isEmpty()) << option;
  }
}

TEST(RopescopeBinary, ExportWritesTheFigureOrFailsNamingTheModel) {
  QTemporaryDir dir;
  const auto svg = dir.filePath("fig.svg");
  QString output;
  ASSERT_EQ(runApp({fixture("gemma"), QStringLiteral("--head"), QStringLiteral("0"), QStringLiteral("--export"), svg},
                   &output),
            0)
      << output.toStdString();
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.readAll().contains("head 0"));

  EXPECT_EQ(runApp({dir.filePath("missing-model"), QStringLiteral("--export"), dir.filePath("x.png")}, &output), 1);
  EXPECT_TRUE(output.contains(QStringLiteral("missing-model"))) << output.toStdString();
  EXPECT_FALSE(QFile::exists(dir.filePath("x.png")));
}

TEST(RopescopeBinary, TabChoosesWhatIsScreenshotAndExported) {
  QTemporaryDir dir;
  const auto svg = dir.filePath("angles.svg");
  QString output;
  ASSERT_EQ(runApp({fixture("llama"), QStringLiteral("--tab"), QStringLiteral("Angles"), QStringLiteral("--export"),
                    svg, QStringLiteral("--screenshot"), dir.filePath("shot.png")},
                   &output),
            0)
      << output.toStdString();
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.readAll().contains("Turns of each RoPE pair over 256 tokens"));
  EXPECT_FALSE(QImage(dir.filePath("shot.png")).isNull());

  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--tab"), QStringLiteral("spectrum")}, &output), 2);
  EXPECT_TRUE(output.contains(QStringLiteral("unknown tab"))) << output.toStdString();
  // The tiny model alone has no QA accuracy: the QA tab cannot be shown.
  EXPECT_EQ(runApp({fixture("llama"), QStringLiteral("--tab"), QStringLiteral("qa"), QStringLiteral("--export"),
                    dir.filePath("qa.png")},
                   &output),
            1);
  EXPECT_TRUE(output.contains(QStringLiteral("nothing to show"))) << output.toStdString();
  EXPECT_FALSE(QFile::exists(dir.filePath("qa.png")));
}

TEST(RopescopeBinary, DataOptionComputesRetrievalScores) {
  QTemporaryDir dir;
  ASSERT_TRUE(copyTinyLlamaWithTokenizer(dir));
  const auto svg = dir.filePath("heads.svg");
  QString output;
  ASSERT_EQ(runApp({dir.path(), QStringLiteral("--data"), QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"),
                    QStringLiteral("--tab"), QStringLiteral("heads"), QStringLiteral("--export"), svg},
                   &output),
            0)
      << output.toStdString();
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.readAll().contains("Retrieval score per head"));
}

}  // namespace
}  // namespace ropescope::app
