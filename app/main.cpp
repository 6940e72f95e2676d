// The RoPEScope desktop app, the entry point of libropescope-gui.so that the ropescope launcher
// loads (app/launcher.h):
// `ropescope [MODEL_FOLDER | RESULTS.h5 | demo | demo-nope] [--data QA.jsonl] [--tab NAME] [--head N] [--export FIG]
// [--screenshot PNG]`.
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
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include "app/main_window.h"
#include "app/translations.h"
#include "engine/core/resources.h"
#include "engine/core/version.h"

namespace {

// Saves the window as rendered and quits (used for docs and tests).
void takeScreenshotAndQuit(ropescope::app::MainWindow& window, const QString& path) {
  // Let queued replots and layout settle first.
  QTimer::singleShot(200, &window, [&window, path] {
    const bool ok = window.grab().save(path);
    if (!ok) std::fprintf(stderr, "ropescope: cannot write screenshot %s\n", qPrintable(path));
    if (!window.lastError().isEmpty()) std::fprintf(stderr, "ropescope: %s\n", qPrintable(window.lastError()));
    QCoreApplication::exit(ok ? 0 : 1);
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

}  // namespace

extern "C" __attribute__((visibility("default"))) int ropescope_gui_main(int argc, char** argv) {
  QApplication app(argc, argv);
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
  FirstPaintReport firstPaint;
  if (std::getenv("ROPESCOPE_STARTUP_REPORT") != nullptr) window.installEventFilter(&firstPaint);
  window.show();

  const auto args = parser.positionalArguments();
  const bool wantsShot = parser.isSet(screenshot);
  const bool wantsExport = parser.isSet(exportFigure);
  const QString exportPath = QDir::current().absoluteFilePath(parser.value(exportFigure));
  const QString shotPath = QDir::current().absoluteFilePath(parser.value(screenshot));
  const int headIndex = parser.value(head).toInt();
  QObject::connect(&window, &ropescope::app::MainWindow::jobFinished, &window, [&] {
    if (headIndex >= 0) window.showHeadInHeatmaps(headIndex);
    if (!tabName.isEmpty() && window.lastError().isEmpty() && !window.setCurrentTab(tabName)) {
      std::fprintf(stderr, "ropescope: --tab %s: these results have nothing to show there\n", qPrintable(tabName));
      if (wantsExport || wantsShot) {
        QCoreApplication::exit(1);
        return;
      }
    }
    if (wantsExport) {
      QString error;
      if (!window.lastError().isEmpty() || !window.exportFigure(exportPath, &error)) {
        std::fprintf(stderr, "ropescope: %s\n", qPrintable(window.lastError().isEmpty() ? error : window.lastError()));
        QCoreApplication::exit(1);
        return;
      }
      if (!wantsShot) QCoreApplication::exit(0);
    }
    if (wantsShot) takeScreenshotAndQuit(window, shotPath);
  });
  // No path opens the demo model with its evaluation set; "demo" and "demo-nope" name the two
  // demo models.
  const QString target = args.isEmpty() ? QStringLiteral("demo") : args.front();
  if (target == QLatin1String("demo") || target == QLatin1String("demo-nope")) {
    const auto folder = QString::fromStdString(ropescope::engine::resolveModelName(target.toStdString()));
    if (QFileInfo::exists(folder + QStringLiteral("/config.json"))) {
      if (!parser.isSet(data)) window.setDataPath(QString::fromStdString(ropescope::engine::resolveDataName("demo")));
      window.openModel(folder);
      return QApplication::exec();
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
    return QApplication::exec();
  }
  window.openPath(target);
  return QApplication::exec();
}
