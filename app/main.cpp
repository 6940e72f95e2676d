// The RoPEScope desktop app, the entry point of libropescope-gui.so that the ropescope launcher
// loads (app/launcher.h):
// `ropescope [MODEL_FOLDER | RESULTS.h5 | demo | demo-nope] [--data QA.jsonl] [--tab NAME] [--head N] [--export FIG]
// [--run-analyses] [--sample N [--mask SPEC] [--batch N]] [--size WxH] [--screenshot PNG]`.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QStatusBar>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/analysis_dialog.h"
#include "app/main_window.h"
#include "app/playground_window.h"
#include "app/translations.h"
#include "engine/core/resources.h"
#include "engine/core/version.h"
#include "widgets/mask_editor.h"
#include "widgets/qa_sample_view.h"
#include "widgets/rope_playground.h"

namespace {

// Saves the window as rendered and quits (used for docs and tests).
// `shown` is the window to save: the main window, or the playground.
void takeScreenshotAndQuit(ropescope::app::MainWindow& window, const QString& path, QWidget* shown = nullptr) {
  // Let queued replots and layout settle first.
  QTimer::singleShot(200, &window, [&window, path, shown] {
    const bool ok = (shown ? shown : static_cast<QWidget*>(&window))->grab().save(path);
    if (!ok) std::fprintf(stderr, "ropescope: cannot write screenshot %s\n", qPrintable(path));
    // The window is saved as it is, an error message too; what failed to load makes it a failure.
    if (!window.lastError().isEmpty()) std::fprintf(stderr, "ropescope: %s\n", qPrintable(window.lastError()));
    QCoreApplication::exit(ok && window.lastError().isEmpty() ? 0 : 1);
  });
}

// With ROPESCOPE_STARTUP_REPORT set, prints how long after the process started the window was
// first painted ("quit": then exits), to measure start-up.
class FirstPaintReport : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint && !m_done) {
      m_done = true;
      std::fprintf(stderr, "ropescope: first paint %.2f s after the process started\n", secondsSinceStart());
      if (std::string_view(std::getenv("ROPESCOPE_STARTUP_REPORT")) == "quit")
        QTimer::singleShot(0, [] { QCoreApplication::exit(0); });
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  // From the kernel's start time of this process (clock ticks since boot) and the uptime.
  static double secondsSinceStart() {
    std::ifstream stat("/proc/self/stat"), uptime("/proc/uptime");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }
    double up = 0;
    uptime >> up;
    return up - std::stod(field) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }
  bool m_done = false;
};

// --help and --version print and exit: they need no display, so no QApplication.
bool printsAndExits(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") return true;
  }
  return false;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int ropescope_gui_main(int argc, char** argv) {
  std::unique_ptr<QCoreApplication> application;
  if (printsAndExits(argc, argv))
    application = std::make_unique<QCoreApplication>(argc, argv);
  else
    application = std::make_unique<QApplication>(argc, argv);
  QCoreApplication& app = *application;
  QCoreApplication::setOrganizationName(QStringLiteral("RoPEScope"));
  QCoreApplication::setApplicationName(QStringLiteral("RoPEScope"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(ropescope::engine::kVersion));
  ropescope::app::installTranslations(QLocale());

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("main", "Explore how attention heads use their RoPE dimensions."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("path"),
      QCoreApplication::translate(
          "main",
          "Model folder or results file (.h5) to open; demo (the default) or demo-nope opens a shipped demo model."),
      QStringLiteral("[path]"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QCoreApplication::translate("main", "Render the window after loading, save it as PNG and exit."),
      QStringLiteral("file.png"));
  const QCommandLineOption head(QStringLiteral("head"),
                                QCoreApplication::translate("main", "Head to show (-1: mean over heads)."),
                                QStringLiteral("n"), QStringLiteral("-1"));
  const QCommandLineOption exportFigure(
      QStringLiteral("export"),
      QCoreApplication::translate("main", "Export the figure after loading (.png or .svg) and exit."),
      QStringLiteral("file"));
  const QCommandLineOption data(
      QStringLiteral("data"),
      QCoreApplication::translate("main",
                                  "QA data (.jsonl) for a model folder: with the model's tokenizer.json, retrieval "
                                  "scores are computed too."),
      QStringLiteral("file"));
  const QCommandLineOption tab(QStringLiteral("tab"),
                               QCoreApplication::translate("main", "Tab to show after loading: %1.")
                                   .arg(ropescope::app::MainWindow::tabIds().join(QStringLiteral(", "))),
                               QStringLiteral("name"));
  const QCommandLineOption sample(
      QStringLiteral("sample"),
      QCoreApplication::translate("main",
                                  "Answer sample n (1-based) of the QA data on the Sample page, unmasked and under "
                                  "--mask, before --export or --screenshot."),
      QStringLiteral("n"));
  const QCommandLineOption mask(QStringLiteral("mask"),
                                QCoreApplication::translate("main", "Mask for --sample (mask syntax; default none)."),
                                QStringLiteral("spec"), QStringLiteral("none"));
  const QCommandLineOption runAnalyses(
      QStringLiteral("run-analyses"),
      QCoreApplication::translate("main",
                                  "After opening the model with QA data, run every analysis (Analysis ▸ Run… with its "
                                  "defaults)."));
  const QCommandLineOption analysisOutput(
      QStringLiteral("analysis-output"),
      QCoreApplication::translate("main", "Results file of --run-analyses (default: beside the model)."),
      QStringLiteral("file.h5"));
  const QCommandLineOption batch(
      QStringLiteral("batch"),
      QCoreApplication::translate("main", "With --sample: a batch run of --mask over n samples per gold position."),
      QStringLiteral("n"));
  const QCommandLineOption screenshotAfter(
      QStringLiteral("screenshot-after"),
      QCoreApplication::translate("main", "Take --screenshot this many seconds after start, whatever is running."),
      QStringLiteral("seconds"));
  const QCommandLineOption size(QStringLiteral("size"),
                                QCoreApplication::translate("main", "Window size, e.g. 1024x768."),
                                QStringLiteral("WxH"));
  const QCommandLineOption playground(
      QStringLiteral("playground"),
      QCoreApplication::translate("main",
                                  "Open the RoPE playground (no model needed) with preset n (1: Llama-2, 2: Llama-3.1, "
                                  "3: Qwen2.5, 4: Gemma, 5: the demo); --screenshot and --size then apply to it."),
      QStringLiteral("n"));
  parser.addOption(playground);
  parser.addOption(runAnalyses);
  parser.addOption(analysisOutput);
  parser.addOption(sample);
  parser.addOption(mask);
  parser.addOption(batch);
  parser.addOption(screenshotAfter);
  parser.addOption(size);
  parser.addOption(screenshot);
  parser.addOption(exportFigure);
  parser.addOption(head);
  parser.addOption(data);
  parser.addOption(tab);
  parser.process(app);

  ropescope::app::MainWindow window;
  const QString tabName = parser.value(tab);
  if (parser.isSet(tab) && !window.pane(tabName)) {
    std::fprintf(stderr, "ropescope: --tab %s: unknown tab; tabs are %s\n", qPrintable(tabName),
                 qPrintable(ropescope::app::MainWindow::tabIds().join(QStringLiteral(", "))));
    return 2;
  }
  if (parser.isSet(data)) window.setDataPath(parser.value(data));
  for (const auto* option : {&mask, &batch})
    if (parser.isSet(*option) && !parser.isSet(sample)) {
      std::fprintf(stderr, "ropescope: --%s needs --sample N\n", qPrintable(option->names().front()));
      return 2;
    }
  if (parser.isSet(screenshotAfter) && !parser.isSet(screenshot)) {
    std::fprintf(stderr, "ropescope: --screenshot-after needs --screenshot FILE.png\n");
    return 2;
  }
  std::optional<QSize> windowSize;
  if (parser.isSet(size)) {
    const auto parts = parser.value(size).split(QLatin1Char('x'));
    const int w = parts.value(0).toInt(), h = parts.value(1).toInt();
    if (parts.size() != 2 || w < 200 || h < 200) {
      std::fprintf(stderr, "ropescope: --size %s: give WIDTHxHEIGHT of at least 200x200, e.g. 1024x768\n",
                   qPrintable(parser.value(size)));
      return 2;
    }
    windowSize = QSize(w, h);
    if (!parser.isSet(playground)) window.resize(w, h);
  }
  std::optional<int> playgroundPreset;
  if (parser.isSet(playground)) {
    bool ok = false;
    const int n = parser.value(playground).toInt(&ok);
    const int count = static_cast<int>(ropescope::widgets::RopePlayground::presets().size());
    if (!ok || n < 1 || n > count) {
      std::fprintf(stderr, "ropescope: --playground %s: give a preset 1 to %d\n", qPrintable(parser.value(playground)),
                   count);
      return 2;
    }
    playgroundPreset = n - 1;
  }
  FirstPaintReport firstPaint;
  if (std::getenv("ROPESCOPE_STARTUP_REPORT") != nullptr) window.installEventFilter(&firstPaint);
  window.show();
  if (playgroundPreset) {
    auto* shown = window.showPlayground();
    shown->playground()->applyPreset(*playgroundPreset);
    if (windowSize) shown->resize(*windowSize);
    if (parser.isSet(screenshot)) {
      takeScreenshotAndQuit(window, QDir::current().absoluteFilePath(parser.value(screenshot)), shown);
      return QCoreApplication::exec();
    }
  }

  const auto args = parser.positionalArguments();
  const bool wantsShot = parser.isSet(screenshot);
  const bool wantsExport = parser.isSet(exportFigure);
  const QString exportPath = QDir::current().absoluteFilePath(parser.value(exportFigure));
  const QString shotPath = QDir::current().absoluteFilePath(parser.value(screenshot));
  const int headIndex = parser.value(head).toInt();
  const auto fail = [](const QString& message) {
    std::fprintf(stderr, "ropescope: %s\n", qPrintable(message));
    QCoreApplication::exit(1);
  };
  // What happens once everything asked for is shown: export, screenshot, or nothing (stay open).
  const auto finish = [&] {
    if (wantsExport) {
      QString error;
      if (!window.lastError().isEmpty() || !window.exportFigure(exportPath, &error)) {
        fail(window.lastError().isEmpty() ? error : window.lastError());
        return;
      }
      if (!wantsShot) QCoreApplication::exit(0);
    }
    if (wantsShot) takeScreenshotAndQuit(window, shotPath);
  };
  // After the first job (what the command line opened): the steps asked for, each waiting for
  // the one before, then finish().
  std::vector<std::function<void(std::function<void()>)>> steps;
  const auto afterJob = [&window](std::function<void()> next) {
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(&window, &ropescope::app::MainWindow::jobFinished, &window, [connection, next] {
      QObject::disconnect(*connection);
      next();
    });
  };
  if (parser.isSet(runAnalyses))
    steps.push_back([&, afterJob](std::function<void()> next) {
      const QString output = parser.isSet(analysisOutput)
                                 ? QDir::current().absoluteFilePath(parser.value(analysisOutput))
                                 : window.defaultAnalysisOutput();
      const auto request = ropescope::app::AnalysisDialog(output).request();
      if (!request || !window.runAnalysis(*request))
        return fail(QStringLiteral("--run-analyses: ") + window.lastError());
      afterJob(next);
    });
  if (parser.isSet(sample))
    steps.push_back([&](std::function<void()> next) {
      auto* page = window.qaSampleView();
      bool ok = false;
      const int n = parser.value(sample).toInt(&ok);
      if (!window.tabEnabled(QStringLiteral("sample")))
        return fail(QCoreApplication::translate(
            "main", "--sample: no samples to answer (open a model folder with tokenizer.json and --data QA.jsonl)"));
      if (!ok || n < 1 || n > page->sampleCount())
        return fail(QCoreApplication::translate("main", "--sample %1: give 1 to %2")
                        .arg(parser.value(sample))
                        .arg(page->sampleCount()));
      window.setCurrentTab(QStringLiteral("sample"));
      page->setCurrentSample(n - 1);
      page->setMaskText(parser.value(mask));
      if (!page->maskValid()) return fail(QStringLiteral("--mask: ") + page->maskEditor()->errorText());
      page->run();
      // The masked run and the unmasked run it is compared with.
      auto* poll = new QTimer(&window);
      QObject::connect(poll, &QTimer::timeout, &window, [poll, page, next] {
        if (page->running()) return;
        poll->stop();
        poll->deleteLater();
        next();
      });
      poll->start(20);
    });
  if (parser.isSet(batch))
    steps.push_back([&, afterJob](std::function<void()> next) {
      auto* page = window.qaSampleView();
      page->setBatchSamples(parser.value(batch).toInt());
      if (!page->runBatch()) return fail(QStringLiteral("--batch needs --sample and a valid --mask"));
      afterJob(next);
    });
  std::function<void(std::size_t)> runStep = [&](std::size_t i) {
    if (!window.lastError().isEmpty()) return fail(window.lastError());
    if (i < steps.size()) return steps[i]([&runStep, i] { runStep(i + 1); });
    if (!parser.isSet(sample) && !tabName.isEmpty() && !window.setCurrentTab(tabName)) {
      std::fprintf(stderr, "ropescope: --tab %s: these results have nothing to show there\n", qPrintable(tabName));
      if (wantsExport || wantsShot) return QCoreApplication::exit(1);
    }
    finish();
  };
  afterJob([&] {
    const int heads = window.results() && window.results()->weights ? window.results()->weights->model.heads : 0;
    if (headIndex >= heads && heads > 0)
      return fail(QCoreApplication::translate("main", "--head %1: the model has %2 query heads (0 to %3)")
                      .arg(headIndex)
                      .arg(heads)
                      .arg(heads - 1));
    if (headIndex >= 0) window.showHeadInHeatmaps(headIndex);
    if (!window.lastError().isEmpty() && !steps.empty()) return fail(window.lastError());
    if (!window.lastError().isEmpty()) return finish();
    if (!tabName.isEmpty()) window.setCurrentTab(tabName);  // shown while the steps run, if it can be
    runStep(0);
  });
  if (parser.isSet(screenshotAfter))
    QTimer::singleShot(static_cast<int>(parser.value(screenshotAfter).toDouble() * 1000), &window,
                       [&] { takeScreenshotAndQuit(window, shotPath); });
  // No path opens the demo model with its evaluation set; "demo" and "demo-nope" name the two
  // demo models.
  const QString target = args.isEmpty() ? QStringLiteral("demo") : args.front();
  if (target == QLatin1String("demo") || target == QLatin1String("demo-nope")) {
    const auto folder = QString::fromStdString(ropescope::engine::resolveModelName(target.toStdString()));
    if (QFileInfo::exists(folder + QStringLiteral("/config.json"))) {
      if (!parser.isSet(data)) window.setDataPath(QString::fromStdString(ropescope::engine::resolveDataName("demo")));
      window.openModel(folder);
      return QCoreApplication::exec();
    }
    const QString missing =
        QCoreApplication::translate("main", "The demo model is not installed (no %1); open a model folder instead.")
            .arg(QDir::toNativeSeparators(folder));
    if (!args.isEmpty()) {
      std::fprintf(stderr, "ropescope: %s\n", qPrintable(missing));
      return 1;
    }
    window.statusBar()->showMessage(missing);
    if (wantsShot) takeScreenshotAndQuit(window, shotPath);
    return QCoreApplication::exec();
  }
  window.openPath(target);
  return QCoreApplication::exec();
}
