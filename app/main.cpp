// The RoPEScope desktop app, the entry point of libropescope-gui.so that the ropescope launcher
// loads (app/launcher.h):
// `ropescope [MODEL_FOLDER | RESULTS.h5 | demo | demo-nope] [--data QA.jsonl] [--tab NAME] [--head N] [--export FIG]
// [--run-analyses] [--sample N [--mask SPEC] [--batch N]] [--size WxH] [--screenshot PNG]`
// `ropescope --results R.h5 --export-all DIR [--format png,svg,pdf,csv] [--size 180x120mm] [--dpi N]
// [--colormap NAME]` writes every figure the file supports and exits, without a display.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileInfo>
#include <QRegularExpression>
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
#include "widgets/bands_view.h"
#include "widgets/color_maps.h"
#include "widgets/mask_editor.h"
#include "widgets/plot_export.h"
#include "widgets/qa_sample_view.h"
#include "widgets/rope_playground.h"
#include "widgets/toy_view.h"

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
  // Exporting needs no screen: draw offscreen unless the user chose a platform.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--export-all" || std::string_view(argv[i]).starts_with("--export-all="))
      if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  std::unique_ptr<QCoreApplication> application;
  if (printsAndExits(argc, argv))
    application = std::make_unique<QCoreApplication>(argc, argv);
  else
    application = std::make_unique<QApplication>(argc, argv);
  QCoreApplication& app = *application;
  QCoreApplication::setOrganizationName(QStringLiteral("RoPEScope"));
  QCoreApplication::setApplicationName(QStringLiteral("RoPEScope"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(ropescope::engine::kVersion));
  // --language (for this run) wins over View ▸ Language, which wins over the system's locale.
  QLocale uiLocale = ropescope::app::startupLocale();
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--language") uiLocale = QLocale(QString::fromLocal8Bit(argv[i + 1]));
  ropescope::app::installTranslations(uiLocale);

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
      QStringLiteral("[path] [results.h5...]"));
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
  const QCommandLineOption size(
      QStringLiteral("size"),
      QCoreApplication::translate("main",
                                  "Window size, e.g. 1024x768; with a unit (180x120mm, 7x5in) or with --export-all, "
                                  "the size of exported figures (default 180x120mm)."),
      QStringLiteral("WxH"));
  const QCommandLineOption exportAll(
      QStringLiteral("export-all"),
      QCoreApplication::translate("main",
                                  "Write every figure the results support into the folder (made when missing) and "
                                  "exit; no display needed."),
      QStringLiteral("folder"));
  const QCommandLineOption formats(
      QStringLiteral("format"),
      QCoreApplication::translate("main",
                                  "Formats of --export-all, comma-separated: png, svg, pdf, csv (default all)."),
      QStringLiteral("list"), QStringLiteral("png,svg,pdf,csv"));
  const QCommandLineOption dpi(QStringLiteral("dpi"),
                               QCoreApplication::translate("main", "PNG resolution of exported figures (default 300)."),
                               QStringLiteral("n"), QStringLiteral("300"));
  const QCommandLineOption colorMap(
      QStringLiteral("colormap"),
      QCoreApplication::translate("main", "Colour map of heatmaps: viridis (default), cividis, greys."),
      QStringLiteral("name"));
  const QCommandLineOption figure(
      QStringLiteral("figure"),
      QCoreApplication::translate(
          "main", "Figure of the --tab to show (e.g. bands: q, k, profiles; positional: distance, rho)."),
      QStringLiteral("id"));
  const QCommandLineOption select(
      QStringLiteral("select"),
      QCoreApplication::translate(
          "main", "Select heads, the last one current, e.g. L1H0 or L0H2,L1H0 (Bands pins the earlier ones)."),
      QStringLiteral("heads"));
  const QCommandLineOption resultsFile(QStringLiteral("results"),
                                       QCoreApplication::translate("main", "Results file (.h5) to open (as the path)."),
                                       QStringLiteral("file.h5"));
  const QCommandLineOption playground(
      QStringLiteral("playground"),
      QCoreApplication::translate("main",
                                  "Open the RoPE playground (no model needed) with preset n (1: Llama-2, 2: Llama-3.1, "
                                  "3: Qwen2.5, 4: Gemma, 5: the demo); --screenshot and --size then apply to it."),
      QStringLiteral("n"));
  parser.addOption(playground);
  parser.addOption(exportAll);
  parser.addOption(formats);
  parser.addOption(dpi);
  parser.addOption(colorMap);
  parser.addOption(resultsFile);
  parser.addOption(figure);
  const QCommandLineOption language(
      QStringLiteral("language"),
      QCoreApplication::translate("main", "Language of this run: en, de or zh_CN (View ▸ Language remembers one)."),
      QStringLiteral("code"));
  parser.addOption(language);
  const QCommandLineOption toy(
      QStringLiteral("toy"),
      QCoreApplication::translate("main",
                                  "Train the toy experiment for n epochs on the Toy page (with its other defaults)."),
      QStringLiteral("epochs"));
  parser.addOption(toy);
  parser.addOption(select);
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
  bool dpiOk = false;
  const double dpiValue = parser.value(dpi).toDouble(&dpiOk);
  if (!dpiOk || dpiValue < 10 || dpiValue > 2400) {
    std::fprintf(stderr, "ropescope: --dpi %s: give a number from 10 to 2400\n", qPrintable(parser.value(dpi)));
    return 2;
  }
  if (parser.isSet(colorMap)) {
    const auto map = ropescope::widgets::colorMapByName(parser.value(colorMap));
    if (!map) {
      std::fprintf(stderr, "ropescope: --colormap %s: use one of %s\n", qPrintable(parser.value(colorMap)),
                   qPrintable(ropescope::widgets::colorMapNames().join(QStringLiteral(", "))));
      return 2;
    }
    ropescope::widgets::ColorMaps::instance().setSequential(*map);
  }
  std::vector<ropescope::widgets::ExportFormat> exportFormats;
  {
    QString error;
    const auto parsed = ropescope::widgets::parseExportFormats(parser.value(formats), &error);
    if (!parsed) {
      std::fprintf(stderr, "ropescope: --format: %s\n", qPrintable(error));
      return 2;
    }
    exportFormats = *parsed;
  }
  const bool wantsExportAll = parser.isSet(exportAll);
  std::optional<QSize> windowSize;
  std::optional<ropescope::widgets::FigureSize> figureSize;
  if (parser.isSet(size)) {
    const QString text = parser.value(size);
    const bool physical = text.endsWith(QLatin1String("mm"), Qt::CaseInsensitive) ||
                          text.endsWith(QLatin1String("in"), Qt::CaseInsensitive) ||
                          text.endsWith(QLatin1String("px"), Qt::CaseInsensitive);
    if (physical || wantsExportAll) {
      QString error;
      figureSize = ropescope::widgets::parseFigureSize(text, dpiValue, &error);
      if (figureSize && !ropescope::widgets::exportGeometry(*figureSize, &error)) figureSize.reset();
      if (!figureSize) {
        std::fprintf(stderr, "ropescope: --size: %s\n", qPrintable(error));
        return 2;
      }
    } else {
      const auto parts = text.split(QLatin1Char('x'));
      const int w = parts.value(0).toInt(), h = parts.value(1).toInt();
      if (parts.size() != 2 || w < 200 || h < 200) {
        std::fprintf(stderr, "ropescope: --size %s: give WIDTHxHEIGHT of at least 200x200, e.g. 1024x768\n",
                     qPrintable(text));
        return 2;
      }
      windowSize = QSize(w, h);
      if (!parser.isSet(playground)) window.resize(w, h);
    }
  }
  if (!figureSize && wantsExportAll) {
    figureSize = ropescope::widgets::FigureSize{};
    figureSize->dpi = dpiValue;
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
  // Exporting draws each figure at its own size: no window on screen.
  if (!wantsExportAll) window.show();
  if (playgroundPreset) {
    auto* shown = window.showPlayground();
    shown->playground()->applyPreset(*playgroundPreset);
    if (windowSize) shown->resize(*windowSize);
    if (parser.isSet(screenshot)) {
      takeScreenshotAndQuit(window, QDir::current().absoluteFilePath(parser.value(screenshot)), shown);
      return QCoreApplication::exec();
    }
  }

  auto args = parser.positionalArguments();
  if (parser.isSet(resultsFile)) {
    if (!args.isEmpty()) {
      std::fprintf(stderr, "ropescope: give the results file once: --results or a path\n");
      return 2;
    }
    args << parser.value(resultsFile);
  }
  if (wantsExportAll && (parser.isSet(screenshot) || parser.isSet(exportFigure) || parser.isSet(playground))) {
    std::fprintf(stderr, "ropescope: --export-all goes alone (not with --export, --screenshot or --playground)\n");
    return 2;
  }
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
    if (wantsExportAll) {
      if (!window.lastError().isEmpty()) return fail(window.lastError());
      QElapsedTimer timer;
      timer.start();
      QStringList written;
      QString error;
      const QString folder = QDir::current().absoluteFilePath(parser.value(exportAll));
      const bool ok = window.exportAllFigures(folder, exportFormats, *figureSize, &written, &error);
      for (const auto& file : written) std::printf("%s\n", qPrintable(QDir::toNativeSeparators(file)));
      std::fprintf(stderr, "ropescope: %lld files in %lld ms\n", static_cast<long long>(written.size()),
                   static_cast<long long>(timer.elapsed()));
      if (!ok) return fail(error);
      return QCoreApplication::exit(0);
    }
    if (wantsExport) {
      QString error;
      const bool exported =
          figureSize ? window.exportFigure(exportPath, *figureSize, &error) : window.exportFigure(exportPath, &error);
      if (!window.lastError().isEmpty() || !exported) {
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
  // Further results files open one after the other (the Compare page shows them side by side).
  for (int i = 1; i < args.size(); ++i)
    steps.push_back([&, afterJob, i](std::function<void()> next) {
      window.openResults(QDir::current().absoluteFilePath(args[i]));
      afterJob(next);
    });
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
  if (parser.isSet(toy))
    steps.push_back([&, afterJob](std::function<void()> next) {
      bool ok = false;
      const int epochs = parser.value(toy).toInt(&ok);
      if (!ok || epochs < 1 || epochs > 1000)
        return fail(QStringLiteral("--toy %1: give a number of epochs from 1 to 1000").arg(parser.value(toy)));
      auto settings = window.toyView()->settings();
      settings.epochs = epochs;
      window.toyView()->setSettings(settings);
      window.toyView()->run();
      afterJob(next);
    });
  std::function<void(std::size_t)> runStep = [&](std::size_t i) {
    if (!window.lastError().isEmpty()) return fail(window.lastError());
    if (i < steps.size()) return steps[i]([&runStep, i] { runStep(i + 1); });
    if (!parser.isSet(sample) && !tabName.isEmpty() && !window.setCurrentTab(tabName)) {
      std::fprintf(stderr, "ropescope: --tab %s: these results have nothing to show there\n", qPrintable(tabName));
      if (wantsExport || wantsShot || wantsExportAll) return QCoreApplication::exit(1);
    }
    if (parser.isSet(select)) {
      static const QRegularExpression tag(QStringLiteral("^L(\\d+)H(\\d+)$"),
                                          QRegularExpression::CaseInsensitiveOption);
      const QStringList heads = parser.value(select).split(QLatin1Char(','));
      for (int i = 0; i < heads.size(); ++i) {
        const auto match = tag.match(heads[i].trimmed());
        if (!match.hasMatch())
          return fail(QStringLiteral("--select %1: give heads as L1H0,L0H2").arg(parser.value(select)));
        window.selectHead(match.captured(1).toInt(), match.captured(2).toInt());
        if (i + 1 < heads.size()) window.bandsView()->pinSelectedHead();
      }
    }
    if (parser.isSet(figure)) {
      auto* pane = window.pane(window.currentTabId());
      if (!pane || !pane->showFigure(parser.value(figure)))
        return fail(QStringLiteral("--figure %1: the %2 tab has figures %3")
                        .arg(parser.value(figure), window.currentTabId(),
                             pane ? pane->figureIds().join(QStringLiteral(", ")) : QString()));
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
