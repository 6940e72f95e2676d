// The main window end to end: open by call, by drop and by results file; errors; export; --screenshot.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <cmath>
#include <set>

#include "app/main_window.h"
#include "engine/checkpoint.h"
#include "engine/results_store.h"
#include "engine/weight_norms.h"
#include "widgets/heatmap_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::app {
namespace {

QString fixture(const char* name) { return QStringLiteral(ROPESCOPE_FIXTURES_DIR "/hf-tiny/") + name; }

void waitForJob(MainWindow& window) {
  QSignalSpy finished(&window, &MainWindow::jobFinished);
  ASSERT_TRUE(finished.wait(30000));
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

}  // namespace
}  // namespace ropescope::app
