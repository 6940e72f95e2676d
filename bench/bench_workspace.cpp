// The desktop workspace on the demo, as a user meets it (offscreen): open the demo model with its
// data, run Analysis ▸ Run… with the dialog's defaults until every view is filled, re-run samples
// under a mask, and replot a 32 × 32 × 128 heatmap. Baselines in the same run: the engine's
// analyses and re-runs called directly (what the GUI adds is the ratio) and an empty plot's
// replot. While the analyses run a 10 ms timer stamps the event loop; its longest gap is the
// longest the window stalled. Usage: bench_workspace [REPEATS]
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "app/analysis_dialog.h"
#include "app/main_window.h"
#include "bench_support.h"
#include "engine/analysis/analysis_run.h"
#include "engine/analysis/qa_sample.h"
#include "engine/core/resources.h"
#include "engine/model/runtime.h"
#include "engine/model/transformer.h"
#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/qa_sample_view.h"
#include "widgets/rope_playground.h"

namespace {

using namespace ropescope;

template <typename Done>
bool pump(Done done, int ms = 600000) {
  QElapsedTimer t;
  t.start();
  while (!done() && t.elapsed() < ms) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QThread::usleep(200);
  }
  return done();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  engine::useFastBlasKernels();
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QElapsedTimer sinceStart;
  sinceStart.start();
  QApplication application(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("RoPEScope-bench"));
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const auto folder = QString::fromStdString(engine::resolveModelName("demo"));
  const auto data = QString::fromStdString(engine::resolveDataName("demo"));
  const bench::TempDir scratch;

  // 1. Launch to the demo's quick analyses.
  app::MainWindow window;
  window.resize(1280, 800);
  window.show();
  window.setDataPath(data);
  QSignalSpy jobs(&window, &app::MainWindow::jobFinished);
  window.openModel(folder);
  pump([&] { return jobs.count() >= 1; });
  const double opened = sinceStart.elapsed() / 1000.0;
  if (!window.lastError().isEmpty()) {
    std::fprintf(stderr, "%s\n", qPrintable(window.lastError()));
    return 1;
  }

  // 2. Analysis ▸ Run… with the dialog's defaults, into a scratch file; the event loop stamped.
  app::AnalysisDialog dialog(QString::fromStdString((scratch.path() / "analyses.h5").string()));
  const auto request = *dialog.request();
  std::vector<qint64> stamps;
  QElapsedTimer loop;
  loop.start();
  QTimer ticker;
  QObject::connect(&ticker, &QTimer::timeout, [&] { stamps.push_back(loop.elapsed()); });
  ticker.start(10);
  QElapsedTimer analysis;
  analysis.start();
  window.runAnalysis(request);
  pump([&] { return jobs.count() >= 2; });
  const double analysed = analysis.elapsed() / 1000.0;
  ticker.stop();
  qint64 stall = 0;
  for (std::size_t i = 1; i < stamps.size(); ++i) stall = std::max(stall, stamps[i] - stamps[i - 1]);
  int filled = 0;
  QStringList empty;
  for (const auto& id : app::MainWindow::tabIds()) {
    if (window.tabEnabled(id))
      ++filled;
    else
      empty << id;
  }
  const double allViews = sinceStart.elapsed() / 1000.0;

  // The same analyses by the engine alone (the CLI's path), for the ratio.
  const auto model = engine::Transformer::load(
      std::make_shared<const engine::Checkpoint>(engine::Checkpoint::open(folder.toStdString())));
  const auto tokenizer = engine::Tokenizer::load(folder.toStdString() + "/tokenizer.json");
  const auto qa = engine::readQaFile(data.toStdString());
  engine::AnalysisOptions options;
  options.analyses = request.analyses;
  options.samples = request.samples;
  options.goldPositions = engine::defaultGoldPositions(qa, options.totalDocuments, false);
  options.setups = engine::paperMaskSetups(model->config().headDim, true);
  QElapsedTimer direct;
  direct.start();
  engine::runAnalyses(*model, tokenizer, qa, options);
  const double engineOnly = direct.elapsed() / 1000.0;

  // 3. A masked re-run of one sample, end to end (request to row in the table).
  auto* page = window.qaSampleView();
  page->setMaskText(QStringLiteral("heads=retrieval>0.5 dims=first4"));
  std::vector<double> gui, engineRerun;
  const auto samples = engine::qaSamplesToBrowse(qa, {0}, 20, 0);
  for (int r = 0; r < repeats; ++r) {
    page->setCurrentSample(10 + r);
    pump([&] { return !page->running(); });
    const int before = page->runCount();
    QElapsedTimer t;
    t.start();
    page->run();
    pump([&] { return page->runCount() > before; });
    gui.push_back(t.nsecsElapsed() / 1e6);
    pump([&] { return !page->running(); });  // the unmasked run it asks for
  }
  const auto* scores = &window.results()->arrays.at("/retrieval/score");
  for (int r = 0; r < repeats; ++r) {
    engine::QaSampleOptions o;
    o.mask = "heads=retrieval>0.5 dims=first4";
    o.retrievalScores = scores;
    QElapsedTimer t;
    t.start();
    engine::answerQaSample(*model, tokenizer, qa.at(static_cast<std::size_t>(10 + r)), o);
    engineRerun.push_back(t.nsecsElapsed() / 1e6);
  }

  // 4. Replot of a 32-layer × 32-head × 128-dim heatmap (layer × dim of one head), against an
  // empty plot of the same size.
  widgets::LayerSliceView slices;
  slices.resize(1280, 700);
  slices.show();
  engine::NdArray big = engine::NdArray::zeros({32, 32, 128}, {"layer", "head", "dim"});
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (auto& v : big.values) v = u(rng);
  std::vector<double> replots, headSwitches, emptyReplots;
  auto* heatmap = slices.heatmap();
  widgets::HeatmapView blank;
  blank.resize(heatmap->size());
  blank.show();
  for (int r = 0; r < repeats; ++r) {
    QElapsedTimer t;
    t.start();
    slices.setSeries({widgets::SliceSeries{QStringLiteral("u"), big, false, QStringLiteral("%1"), QStringLiteral("dim"),
                                           QStringLiteral("dim"), QStringLiteral("u")}});
    heatmap->replotNow();
    replots.push_back(t.nsecsElapsed() / 1e6);
    t.restart();
    slices.setHead(r % 32);
    heatmap->replotNow();
    headSwitches.push_back(t.nsecsElapsed() / 1e6);
    t.restart();
    blank.replotNow();
    emptyReplots.push_back(t.nsecsElapsed() / 1e6);
  }

  // The RoPE playground at head_dim 256 and a 128k context: a control step (every figure
  // recomputed and redrawn) and a distance-slider step (the rotation), against an empty plot's
  // replot.
  widgets::RopePlayground playground;
  playground.resize(1280, 800);
  playground.show();
  engine::RopeSpec wide;
  wide.headDim = 256;
  wide.theta = 1e6;
  playground.setSpec(wide, 131072);
  QCoreApplication::processEvents();
  std::vector<double> controlSteps, sliderSteps;
  for (int r = 0; r < repeats; ++r) {
    QElapsedTimer t;
    t.start();
    wide.theta = 1e6 + 1000.0 * (r + 1);
    playground.setSpec(wide, 131072);
    playground.replotNow();
    controlSteps.push_back(t.nsecsElapsed() / 1e6);
    t.restart();
    playground.setDistance(100 * (r + 1));
    playground.replotNow();
    sliderSteps.push_back(t.nsecsElapsed() / 1e6);
  }

  std::printf("workspace on the demo (%d cores for LibTorch)\n", at::get_num_threads());
  std::printf("  launch to the quick analyses shown        %7.2f s\n", opened);
  std::printf("  Analysis > Run... (dialog defaults)         %7.2f s   engine alone %6.2f s   ratio %.2f\n", analysed,
              engineOnly, analysed / engineOnly);
  std::printf("  launch to all %d views filled               %7.2f s   (budget 60 s)%s%s\n", filled, allViews,
              empty.isEmpty() ? "" : "  empty: ", qPrintable(empty.join(',')));
  std::printf("  longest event-loop gap while it ran        %7lld ms   (10 ms timer; budget 100 ms)\n",
              static_cast<long long>(stall));
  std::printf(
      "  masked re-run of one sample, end to end     %7.1f ms   engine alone %6.1f ms   ratio %.2f (budget 300 ms)\n",
      median(gui), median(engineRerun), median(gui) / median(engineRerun));
  std::printf(
      "  32x32x128 heatmap: set + replot             %7.1f ms   empty plot %6.1f ms   ratio %.1f (budget 30 ms)\n",
      median(replots), median(emptyReplots), median(replots) / std::max(1e-3, median(emptyReplots)));
  std::printf("  32x32x128 heatmap: switch head + replot     %7.1f ms\n", median(headSwitches));
  std::printf(
      "  playground, head_dim 256, 128k: a control   %7.1f ms   empty plot %6.1f ms   ratio %.1f (budget 16 ms)\n",
      median(controlSteps), median(emptyReplots), median(controlSteps) / std::max(1e-3, median(emptyReplots)));
  std::printf("  playground, head_dim 256, 128k: the slider  %7.1f ms   (budget 16 ms)\n", median(sliderSteps));
  return empty.isEmpty() ? 0 : 1;
}
