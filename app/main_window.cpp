// RoPEScope's main window.
#include "app/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <cmath>
#include <utility>

#include "app/analysis_dialog.h"
#include "app/engine_mask_codec.h"
#include "app/engine_thread.h"
#include "app/export_dialog.h"
#include "app/playground_window.h"
#include "app/translations.h"
#include "engine/core/resources.h"
#include "engine/core/version.h"
#include "engine/io/run_units.h"
#include "engine/results/schema.h"
#include "widgets/angles_view.h"
#include "widgets/bands_view.h"
#include "widgets/color_maps.h"
#include "widgets/compare_view.h"
#include "widgets/dimensions_view.h"
#include "widgets/heads_view.h"
#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/plot_export.h"
#include "widgets/positional_view.h"
#include "widgets/qa_sample_view.h"
#include "widgets/qa_view.h"
#include "widgets/results_pane.h"
#include "widgets/retrieval_scatter_view.h"
#include "widgets/toy_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::app {

namespace {

constexpr auto kLastFolderKey = "paths/lastFolder";
constexpr auto kRecentKey = "paths/recent";
constexpr int kRecentCount = 10;

QString lastFolder() { return QSettings().value(kLastFolderKey).toString(); }
void rememberFolder(const QString& path) {
  QSettings().setValue(kLastFolderKey, QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath());
}

// Lower-case letters and digits only, so that "Retrieval vs utility" matches "retrieval-vs-utility".
QString tabKey(const QString& name) {
  QString key;
  for (const QChar c : name.toLower())
    if (c.isLetterOrNumber()) key += c;
  return key;
}

// English tab titles (tr() in the window gives the shown ones), in tab order.
const char* const kTabTitles[] = {
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Dimensions"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Heads"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Positional"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Retrieval vs utility"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Bands"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Angles"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "QA"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Sample"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Compare"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Toy"),
};

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_engine(new EngineThread(this)),
      m_stack(new QStackedWidget),
      m_placeholder(new QLabel),
      m_modelInfo(new QLabel),
      m_sources(new QComboBox),
      m_tabs(new QTabWidget),
      m_dimensions(new widgets::DimensionsView),
      m_heads(new widgets::HeadsView),
      m_positional(new widgets::PositionalView),
      m_scatter(new widgets::RetrievalScatterView),
      m_bands(new widgets::BandsView),
      m_angles(new widgets::AnglesView),
      m_qa(new widgets::QaView),
      m_sample(new widgets::QaSampleView),
      m_compare(new widgets::CompareView),
      m_toy(new widgets::ToyView),
      m_statusText(new QLabel),
      m_progress(new QProgressBar),
      m_cancel(new QPushButton(tr("Cancel"))),
      m_selection(new QLabel),
      m_jobTimer(std::make_unique<QElapsedTimer>()) {
  setWindowTitle(tr("RoPEScope"));
  setAcceptDrops(true);
  resize(1100, 720);

  m_placeholder->setAlignment(Qt::AlignCenter);
  m_placeholder->setWordWrap(true);
  m_placeholder->setText(
      tr("<h2>RoPEScope</h2><p>See how attention heads use their RoPE dimensions.</p>"
         "<p>Open a Hugging Face model folder (config.json + safetensors) with "
         "<b>File ▸ Open Model…</b>, or drop the folder here. With QA data (<b>File ▸ Choose QA Data…</b>) "
         "and the model's tokenizer.json, retrieval scores are computed too.</p>"));
  m_modelInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_modelInfo->setWordWrap(true);
  m_modelInfo->setContentsMargins(8, 6, 8, 2);
  m_sources->setToolTip(tr("What the views show: the live model or a results file"));
  m_sources->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  connect(m_sources, &QComboBox::activated, this, &MainWindow::showSource);

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QHBoxLayout;
  header->addWidget(m_modelInfo, 1);
  header->addWidget(m_sources, 0, Qt::AlignTop);
  header->setContentsMargins(0, 0, 8, 0);
  layout->addLayout(header);
  m_modelInfo->hide();
  m_sources->hide();
  layout->addWidget(m_tabs, 1);
  m_panes = {m_dimensions, m_heads, m_positional, m_scatter, m_bands, m_angles, m_qa, m_sample, m_compare, m_toy};
  for (std::size_t i = 0; i < m_panes.size(); ++i) {
    m_panes[i]->setObjectName(tabIds()[static_cast<int>(i)]);
    m_tabs->addTab(m_panes[i], tr(kTabTitles[i]));
    connect(m_panes[i], &widgets::ResultsPane::headClicked, this, &MainWindow::selectHead);
  }
  m_tabs->setDocumentMode(true);
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
    if (!m_pickingTab) {
      m_tabPickedAutomatically = false;
      if (m_tabs->currentWidget() == m_toy) m_toyShown = true;  // the user opened the Toy page
    }
    updateActions();
  });
  m_stack->addWidget(m_placeholder);
  m_stack->addWidget(page);
  setCentralWidget(m_stack);

  buildMenus();
  buildStatusBar();

  auto* worker = m_engine->worker();
  connect(this, &MainWindow::quickAnalysesRequested, worker, &EngineWorker::runQuickAnalyses);
  connect(this, &MainWindow::loadResultsRequested, worker, &EngineWorker::loadResults);
  connect(this, &MainWindow::analysisRequested, worker, &EngineWorker::runAnalysis);
  connect(this, &MainWindow::saveResultsRequested, worker, &EngineWorker::saveResults);
  connect(worker, &EngineWorker::progress, this, [this](qint64 done, qint64 total, const QString& stage) {
    // No total (loading a model, reading data): a busy bar.
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(total, 0)));
    m_progress->setValue(static_cast<int>(done));
    QString text = total > 0 ? tr("%1: %2 of %3").arg(stage).arg(done).arg(total) : stage;
    const double seconds = static_cast<double>(m_jobTimer->elapsed()) / 1000.0;
    if (total > 0 && done > 0 && done < total && seconds > 2.0)
      text += tr(" · about %1 s left").arg(std::lround(seconds * static_cast<double>(total - done) / done));
    m_statusText->setText(text);
  });
  connect(worker, &EngineWorker::resultsReady, this, &MainWindow::showLiveResults);
  connect(worker, &EngineWorker::resultsFileRead, this, &MainWindow::showFileResults);
  connect(worker, &EngineWorker::analysisFinished, this, &MainWindow::showAnalysisResults);
  connect(m_sample, &widgets::QaSampleView::batchRequested, this, &MainWindow::runBatch);
  connect(worker, &EngineWorker::analysisProgressed, this, [this](const engine::ResultsFile& soFar) {
    auto shown = soFar;
    engine::summariseUnits(shown);
    if (m_batchRunning) {
      m_sample->setBatchResults(shown);
      return;
    }
    m_session.addToLive(shown);
    if (m_session.shown() && m_session.shown()->live) refreshViews();
  });
  connect(worker, &EngineWorker::liveModelChanged, this, [this](const QString& folder) {
    if (!folder.isEmpty()) return;  // a new live model arrives with its results (showLiveResults)
    m_session.dropLive();
    m_liveHasData = false;
    refreshViews();
  });
  connect(worker, &EngineWorker::saved, this,
          [this](const QString& path) { statusBar()->showMessage(tr("Saved %1").arg(path), 5000); });
  connect(worker, &EngineWorker::failed, this, &MainWindow::showError);
  // The Sample page talks to the worker directly (queued): the model stays loaded there.
  connect(worker, &EngineWorker::samplesReady, this, [this](int count, int headDim, bool haveScores) {
    (void)headDim;
    (void)haveScores;
    m_sample->setSamples(count);
    m_liveHasData = count > 0;
    updateMaskCodec();
    updateTabs();
  });
  connect(m_sample, &widgets::QaSampleView::sampleRequested, worker, &EngineWorker::describeSample);
  connect(m_sample, &widgets::QaSampleView::runRequested, worker, &EngineWorker::answerSample);
  connect(worker, &EngineWorker::samplePrompt, m_sample, &widgets::QaSampleView::setPrompt);
  connect(worker, &EngineWorker::sampleAnswered, this, [this](const engine::QaSampleAnswer& answer, double ms) {
    m_sample->addAnswer(answer, ms);
    statusBar()->showMessage(tr("Answered sample %1 in %2 ms").arg(answer.prompt.index + 1).arg(std::lround(ms)), 5000);
  });
  connect(worker, &EngineWorker::failed, this, [this] {
    if (m_sample->running()) m_sample->runFailed();
  });
  connect(worker, &EngineWorker::notice, this, [this](const QString& message) {
    m_notice = message;
    statusBar()->showMessage(message);
  });
  connect(m_toy, &widgets::ToyView::runRequested, this, [this](const widgets::ToySettings& s) {
    ToyRequest request;
    request.epochs = s.epochs;
    request.samplesPerEpoch = s.samplesPerEpoch;
    request.tuples = s.tuples;
    request.dims = s.dims;
    request.evalSamples = s.evalSamples;
    request.learningRate = s.learningRate;
    request.withRope = s.withRope;
    request.withoutRope = s.withoutRope;
    runToy(request);
  });
  connect(worker, &EngineWorker::toyProgressed, this, [this](const engine::ResultsFile& soFar) {
    m_toy->setResults(soFar);
    updateTabs();
  });
  connect(worker, &EngineWorker::toyFinished, this,
          [this](const QString& path, const engine::ResultsFile& results, bool cancelled) {
            m_toy->setRunning(false);
            showFileResults(path, results);
            setCurrentTab(QStringLiteral("toy"));
            statusBar()->showMessage(cancelled ? tr("Toy experiment cancelled; the epochs done are in %1").arg(path)
                                               : tr("Toy experiment saved in %1").arg(path));
          });
  connect(worker, &EngineWorker::jobFinished, this, [this] {
    if (m_toy->running()) m_toy->setRunning(false);  // failed
    m_batchRunning = false;
    setBusy(false);
    m_statusText->setText(m_lastError.isEmpty() ? tr("Ready") : tr("Failed"));
    Q_EMIT jobFinished();
  });
  setBusy(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* open = file->addAction(tr("&Open Model…"), this, &MainWindow::chooseModel);
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open &Results…"), this, &MainWindow::chooseResults);
  file->addAction(tr("Choose QA &Data…"), this, &MainWindow::chooseData);
  m_recentMenu = file->addMenu(tr("Open Re&cent"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
  rebuildRecentMenu();
  file->addSeparator();
  m_saveAction = file->addAction(tr("&Save Results As…"), this, &MainWindow::chooseSaveResults);
  m_saveAction->setShortcut(QKeySequence::Save);
  m_exportAction = file->addAction(tr("&Export Figure…"), this, &MainWindow::chooseExport);
  m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  m_exportAllAction = file->addAction(tr("Export &All Figures…"), this, &MainWindow::chooseExportAll);
  m_exportAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  auto* analysis = menuBar()->addMenu(tr("&Analysis"));
  m_analysisAction = analysis->addAction(tr("&Run…"), this, &MainWindow::chooseAnalysis);
  m_analysisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  m_analysisAction->setToolTip(
      tr("Run the analyses (retrieval, utility, QA accuracy, ...) on the live model and its QA data"));
  auto* toyAction = analysis->addAction(tr("&Toy Experiment"), this, &MainWindow::showToy);
  toyAction->setToolTip(tr("Paper 1's controlled experiment: one head learns with and without RoPE (no model needed)"));
  auto* toolbar = addToolBar(tr("Analysis"));
  toolbar->setObjectName(QStringLiteral("analysisToolbar"));
  toolbar->setMovable(false);
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolbar->addAction(m_analysisAction);

  auto* view = menuBar()->addMenu(tr("&View"));
  m_playgroundAction = view->addAction(tr("RoPE &Playground"), this, &MainWindow::showPlayground);
  m_playgroundAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  m_playgroundAction->setToolTip(
      tr("What RoPE does, without a model: frequencies, wavelengths and rotations for any "
         "base θ, head size, context and scaling"));
  toolbar->addAction(m_playgroundAction);
  view->addSeparator();
  buildColorMapMenu(view);
  buildLanguageMenu(view);

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About RoPEScope"), this, &MainWindow::showAbout);
}

QStringList MainWindow::recentPaths() { return QSettings().value(kRecentKey).toStringList(); }

void MainWindow::rememberRecent(const QString& path) {
  if (path.isEmpty()) return;
  QStringList recent = recentPaths();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kRecentCount) recent.removeLast();
  QSettings().setValue(kRecentKey, recent);
}

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  const QStringList recent = recentPaths();
  for (const auto& path : recent) {
    auto* action = m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openPath(path); });
    action->setEnabled(QFileInfo::exists(path));
  }
  if (recent.isEmpty())
    m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
  else {
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear the List"), this, [] { QSettings().remove(kRecentKey); });
  }
}

void MainWindow::buildStatusBar() {
  m_progress->setMaximumWidth(240);
  m_progress->setTextVisible(true);
  statusBar()->addWidget(m_statusText, 1);
  statusBar()->addPermanentWidget(m_selection);
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_cancel);
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    m_engine->worker()->requestCancel();
    m_statusText->setText(tr("Cancelling…"));
  });
}

void MainWindow::setBusy(bool busy, const QString& description) {
  m_busy = busy;
  m_progress->setVisible(busy);
  m_cancel->setVisible(busy);
  if (busy) {
    m_jobTimer->start();
    m_progress->setRange(0, 0);
    m_statusText->setText(description);
  }
  updateActions();
}

void MainWindow::updateActions() {
  const auto* current = qobject_cast<widgets::ResultsPane*>(m_tabs->currentWidget());
  m_saveAction->setEnabled(!m_busy && m_results.has_value());
  m_analysisAction->setEnabled(!m_busy && m_session.live() && m_liveHasData);
  m_exportAction->setEnabled(!m_busy && m_results.has_value() && current && current->hasData());
  m_exportAllAction->setEnabled(!m_busy && m_results.has_value());
}

void MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  const QString absolute = info.absoluteFilePath();
  // By name: a missing "x.h5" is a results file that is not there, not a model folder.
  if (!info.isDir() && (info.suffix().compare("h5", Qt::CaseInsensitive) == 0 ||
                        info.suffix().compare("hdf5", Qt::CaseInsensitive) == 0))
    openResults(absolute);
  else if (!info.isDir() && (absolute.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ||
                             absolute.endsWith(QLatin1String(".jsonl.gz"), Qt::CaseInsensitive)))
    useData(absolute);
  else
    openModel(absolute);
}

bool MainWindow::beginJob(const QString& path, const QString& description) {
  if (m_busy) {
    statusBar()->showMessage(tr("Busy: cancel the running job first"), 4000);
    return false;
  }
  m_lastError.clear();
  m_notice.clear();
  rememberFolder(path);
  setBusy(true, description);
  return true;
}

void MainWindow::openModel(const QString& folder) {
  if (!beginJob(folder, tr("Opening %1…").arg(folder))) return;
  m_pendingFolder = folder;
  m_pendingData = m_dataPath;
  Q_EMIT quickAnalysesRequested(folder, m_dataPath);
}

void MainWindow::useData(const QString& path) {
  const auto* live = m_session.live();
  if (!live) {
    setDataPath(path);
    statusBar()->showMessage(tr("QA data %1 is used for the next model you open").arg(path), 5000);
    return;
  }
  if (!beginJob(path, tr("Opening %1 with %2…").arg(live->path, path))) return;
  m_pendingFolder = live->path;
  m_pendingData = QFileInfo(path).absoluteFilePath();
  Q_EMIT quickAnalysesRequested(m_pendingFolder, m_pendingData);
}

QString MainWindow::defaultAnalysisOutput() const {
  const auto* live = m_session.live();
  if (!live) return {};
  // Beside the model when its folder is the user's to write; the shipped models (and any folder
  // that is not writable) keep their results in the user's data folder.
  const QFileInfo folder(live->path);
  const QString resources = QFileInfo(QString::fromStdString(engine::resourcesDir().string())).canonicalFilePath();
  const bool shipped = !resources.isEmpty() && folder.canonicalFilePath().startsWith(resources + QLatin1Char('/'));
  if (folder.isDir() && folder.isWritable() && !shipped)
    return QDir(live->path).filePath(QStringLiteral("ropescope-analyses.h5"));
  const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(data);
  return QDir(data).filePath(QStringLiteral("%1-analyses.h5").arg(folder.fileName()));
}

bool MainWindow::runToy(ToyRequest request) {
  if (m_busy) {
    statusBar()->showMessage(tr("Busy: cancel the running job first"), 4000);
    return false;
  }
  if (request.output.isEmpty()) {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    request.output = QDir(folder).filePath(
        QStringLiteral("toy-%1.h5").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
  }
  m_lastError.clear();
  m_notice.clear();
  setBusy(true, tr("Training the toy experiment into %1…").arg(request.output));
  m_toy->setRunning(true);
  showToy();
  auto* worker = m_engine->worker();
  QMetaObject::invokeMethod(
      worker, [worker, request] { worker->runToy(request); }, Qt::QueuedConnection);
  return true;
}

void MainWindow::showToy() {
  m_toyShown = true;
  m_stack->setCurrentIndex(1);
  updateTabs();
  m_tabs->setCurrentIndex(tabIndex(QStringLiteral("toy")));
}

bool MainWindow::runAnalysis(const AnalysisRequest& request) {
  if (!m_session.live() || !m_liveHasData) {
    showError(tr("Analyses run on a live model opened with QA data and its tokenizer.json: open one first."));
    return false;
  }
  if (!beginJob(request.output, tr("Running analyses into %1…").arg(request.output))) return false;
  m_lastAnalysisOutput = request.output;
  Q_EMIT analysisRequested(request);
  return true;
}

QString MainWindow::batchOutput() const {
  const QString analyses = defaultAnalysisOutput();
  if (analyses.isEmpty()) return {};
  QString name = QFileInfo(analyses).fileName();
  name.replace(QStringLiteral("analyses.h5"), QStringLiteral("qa-batch.h5"));
  return QFileInfo(analyses).dir().filePath(name);
}

bool MainWindow::runBatch(const QString& mask, int samples) {
  if (!m_session.live() || !m_liveHasData) return false;
  QStringList masks = m_batchMasks;
  if (mask != QLatin1String("none") && !masks.contains(mask)) masks << mask;
  AnalysisRequest request;
  request.analyses = {engine::Analysis::Qa};
  request.samples = samples;
  request.masks = masks;
  request.output = batchOutput();
  if (!beginJob(request.output, tr("Batch: %1 samples per gold position into %2…").arg(samples).arg(request.output)))
    return false;
  m_batchMasks = masks;
  m_batchRunning = true;
  Q_EMIT analysisRequested(request);
  return true;
}

void MainWindow::chooseAnalysis() {
  const QString output = m_lastAnalysisOutput.isEmpty() ? defaultAnalysisOutput() : m_lastAnalysisOutput;
  AnalysisDialog dialog(output, this);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const auto request = dialog.request()) runAnalysis(*request);
}

void MainWindow::setDataPath(const QString& path) {
  m_dataPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

void MainWindow::openResults(const QString& path) {
  if (!beginJob(path, tr("Reading %1…").arg(path))) return;
  Q_EMIT loadResultsRequested(path);
}

void MainWindow::refreshViews() {
  const auto* source = m_session.shown();
  if (source)
    m_results = source->results;
  else
    m_results.reset();
  // The Compare page shows every source at once.
  std::vector<std::pair<QString, const engine::ResultsFile*>> models;
  for (const auto& s : m_session.sources()) {
    const QString model = QFileInfo(QString::fromStdString(s.results.info.model)).fileName();
    const QString file = QFileInfo(s.path).fileName();
    QString name = s.live                             ? tr("%1 (live)").arg(file)
                   : model.isEmpty() || model == file ? file
                                                      : tr("%1 · %2").arg(model, file);
    models.emplace_back(name, &s.results);
  }
  m_compare->setModels(models);
  for (auto* pane : m_panes) {
    if (pane == m_compare) continue;
    if (m_results)
      pane->setResults(*m_results);
    else if (pane != m_sample)
      pane->clear();
  }
  m_stack->setCurrentIndex(source || m_sample->hasData() || m_toyShown ? 1 : 0);
  updateTabs();
  if (m_selectedHead) selectHead(m_selectedHead->first, m_selectedHead->second);
  updateModelInfo();
  updateSourceCombo();
  updateMaskCodec();
}

void MainWindow::updateMaskCodec() {
  const auto* live = m_session.live();
  if (!live || !live->results.weights) {
    m_sample->setMaskCodec(nullptr);
    return;
  }
  const auto& m = live->results.weights->model;
  std::optional<engine::NdArray> retrieval, utility;
  if (const auto* a = engine::find(live->results, engine::schema::kRetrievalScore)) retrieval = *a;
  if (const auto* a = engine::find(live->results, engine::schema::kUtilityU)) utility = *a;
  m_sample->setMaskCodec(std::make_shared<EngineMaskCodec>(m.layers, m.heads, m.headDim, retrieval, utility));
}

void MainWindow::showSource(int index) {
  m_session.show(index);
  refreshViews();
}

void MainWindow::updateSourceCombo() {
  const auto& sources = m_session.sources();
  m_sources->clear();
  for (const auto& s : sources)
    m_sources->addItem(s.live ? tr("%1 (live model)").arg(QFileInfo(s.path).fileName())
                              : tr("%1 (results file)").arg(QFileInfo(s.path).fileName()));
  m_sources->setCurrentIndex(m_session.shownIndex());
  m_sources->setVisible(sources.size() > 1);
}

void MainWindow::showFileResults(const QString& path, const engine::ResultsFile& results) {
  const auto added = m_session.addFile(path, results);
  rememberRecent(path);
  refreshViews();
  const QString name = QFileInfo(path).fileName();
  if (added == Session::Added::ToLive)
    statusBar()->showMessage(tr("Added the analyses of %1 to the live model's views").arg(name));
  else if (m_session.live())
    statusBar()->showMessage(tr("%1 holds results of another model (%2): shown beside the live model, which the "
                                "Sample page keeps using; switch with the selector at the top right")
                                 .arg(name, QFileInfo(QString::fromStdString(results.info.model)).fileName()));
  else
    statusBar()->showMessage(tr("Showing %1").arg(name), 5000);
  // Masks that select by retrieval or utility on the Sample page use the newest scores.
  if (added == Session::Added::ToLive)
    QMetaObject::invokeMethod(m_engine->worker(), "useScores", Qt::QueuedConnection,
                              Q_ARG(ropescope::engine::ResultsFile, results));
}

void MainWindow::showAnalysisResults(const QString& path, const engine::ResultsFile& results, bool cancelled) {
  if (std::exchange(m_batchRunning, false)) {
    // A batch keeps its own file: its samples are not those of the analyses shown.
    m_sample->setBatchResults(results);
    m_sample->setBatchFile(path);
    statusBar()->showMessage(cancelled ? tr("Batch cancelled: %1 keeps the samples that finished").arg(path)
                                       : tr("Batch written to %1").arg(path));
    return;
  }
  m_session.addToLive(results);
  refreshViews();
  if (cancelled)
    statusBar()->showMessage(
        tr("Cancelled: %1 keeps what finished; Analysis ▸ Run… with Resume continues it").arg(path));
  else
    statusBar()->showMessage(tr("Analyses written to %1").arg(path));
}

void MainWindow::showLiveResults(const engine::ResultsFile& results, bool cancelled) {
  m_session.setLive(m_pendingFolder, m_pendingData, results);
  if (!m_pendingData.isEmpty() && m_pendingData != m_dataPath) rememberRecent(m_pendingData);
  rememberRecent(m_pendingFolder);
  m_batchMasks.clear();
  m_dataPath = m_pendingData;
  refreshViews();
  if (cancelled && results.weights && !results.weights->complete())
    statusBar()->showMessage(tr("Cancelled: showing the %1 of %2 layers that were done")
                                 .arg(results.weights->layersDone)
                                 .arg(results.weights->model.layers));
  else if (cancelled)
    statusBar()->showMessage(tr("Cancelled: showing the analyses that finished"));
  else if (!m_notice.isEmpty())
    statusBar()->showMessage(m_notice);
  else
    statusBar()->clearMessage();
}

QStringList MainWindow::tabIds() {
  return {QStringLiteral("dimensions"), QStringLiteral("heads"),  QStringLiteral("positional"),
          QStringLiteral("scatter"),    QStringLiteral("bands"),  QStringLiteral("angles"),
          QStringLiteral("qa"),         QStringLiteral("sample"), QStringLiteral("compare"),
          QStringLiteral("toy")};
}

int MainWindow::tabIndex(const QString& name) const {
  const QString key = tabKey(name);
  if (key.isEmpty()) return -1;
  const QStringList ids = tabIds();
  for (int i = 0; i < ids.size(); ++i) {
    if (key == ids[i] || key == tabKey(QString::fromLatin1(kTabTitles[i])) || key == tabKey(m_tabs->tabText(i)))
      return i;
  }
  if (key == QLatin1String("retrieval") || key == QLatin1String("utility"))
    return ids.indexOf(QStringLiteral("scatter"));
  return -1;
}

bool MainWindow::setCurrentTab(const QString& name) {
  const int index = tabIndex(name);
  if (index < 0 || !m_tabs->isTabEnabled(index)) return false;
  m_tabs->setCurrentIndex(index);
  return true;
}

QString MainWindow::currentTabId() const {
  const int index = m_tabs->currentIndex();
  return index >= 0 ? tabIds().value(index) : QString();
}

bool MainWindow::tabEnabled(const QString& id) const {
  const int index = tabIndex(id);
  return index >= 0 && m_tabs->isTabEnabled(index);
}

widgets::ResultsPane* MainWindow::pane(const QString& id) const {
  const int index = tabIndex(id);
  return index >= 0 ? m_panes[static_cast<std::size_t>(index)] : nullptr;
}

widgets::WeightNormsView* MainWindow::weightNormsView() const { return m_dimensions->weightNormsView(); }

void MainWindow::updateTabs() {
  // Disabling the current tab makes the tab bar move on by itself: not the user's choice.
  m_pickingTab = true;
  for (int i = 0; i < m_tabs->count(); ++i) {
    const auto* pane = m_panes[static_cast<std::size_t>(i)];
    // The Toy page trains without a model: always open.
    m_tabs->setTabEnabled(i, pane->hasData() || pane == m_toy);
    // Disabled tabs still show tooltips: say what the tab needs.
    m_tabs->setTabToolTip(i, pane->hasData() ? QString() : pane->unavailableText());
  }
  // A tab the user picked stays while it has data. Otherwise the first results tab with data is
  // shown, and the Sample page only when no results tab has any (it fills before the results).
  // The Toy page, always enabled, is where the tab bar lands when the current tab empties: not a
  // choice either, unless it was asked for.
  const bool landedOnToy = m_tabs->currentWidget() == m_toy && !m_toy->hasData() && !m_toyShown;
  if (m_tabPickedAutomatically || landedOnToy || !m_tabs->isTabEnabled(m_tabs->currentIndex())) {
    const int sample = tabIndex(QStringLiteral("sample"));
    const int toy = tabIndex(QStringLiteral("toy"));
    int pick = -1;
    for (int i = 0; i < m_tabs->count() && pick < 0; ++i)
      if (i != sample && (m_tabs->isTabEnabled(i) && (i != toy || m_toy->hasData()))) pick = i;
    if (pick < 0 && sample >= 0 && m_tabs->isTabEnabled(sample)) pick = sample;
    if (pick >= 0 && pick != m_tabs->currentIndex()) m_tabs->setCurrentIndex(pick);
    m_tabPickedAutomatically = true;
  }
  m_pickingTab = false;
  updateActions();
}

void MainWindow::selectHead(int layer, int head) {
  if (layer < 0 || head < 0) return;
  m_selectedHead = std::pair{layer, head};
  for (auto* pane : m_panes) pane->selectHead(layer, head);
  updateSelectionText();
  Q_EMIT headSelected(layer, head);
}

QString MainWindow::selectionText() const {
  if (!m_selectedHead) return {};
  const auto [layer, head] = *m_selectedHead;
  QString text = tr("L%1H%2").arg(layer).arg(head);
  if (!m_results) return text;
  const auto inRange = [](const engine::NdArray& a, std::initializer_list<std::int64_t> at) {
    std::size_t i = 0;
    for (const auto v : at)
      if (i >= a.shape.size() || v >= a.shape[i++]) return false;
    return i == a.shape.size() || a.shape.size() == 3;
  };
  if (const auto* score = engine::find(*m_results, engine::schema::kRetrievalScore);
      score && score->shape.size() == 2 && inRange(*score, {layer, head}))
    text += tr(" · retrieval %1").arg(score->at({layer, head}), 0, 'f', 3);
  if (const auto* u = engine::find(*m_results, engine::schema::kUtilityU);
      u && u->shape.size() == 3 && layer < u->dim(0) && head < u->dim(1)) {
    const auto D = u->dim(2), n = std::max<std::int64_t>(1, D / 8);
    double first = 0, last = 0;
    for (std::int64_t f = 0; f < n; ++f) {
      first += u->at({layer, head, f}) / static_cast<double>(n);
      last += u->at({layer, head, D - 1 - f}) / static_cast<double>(n);
    }
    text += tr(" · utility first %1: %2, last %1: %3").arg(n).arg(first, 0, 'f', 2).arg(last, 0, 'f', 2);
  }
  if (const auto* rho = engine::find(*m_results, engine::schema::kPositionalRho);
      rho && rho->shape.size() == 2 && inRange(*rho, {layer, head}))
    text += tr(" · ρ %1").arg(rho->at({layer, head}), 0, 'f', 2);
  return text;
}

void MainWindow::updateSelectionText() { m_selection->setText(selectionText()); }

void MainWindow::showHeadInHeatmaps(int head) {
  m_dimensions->weightNormsView()->setHead(head);
  if (head < 0) return;
  m_dimensions->selectHead(0, head);
  m_bands->selectHead(0, head);
  // A head without a layer: no layer is outlined.
  m_dimensions->weightNormsView()->heatmap()->setMarkedRow(std::nullopt);
  m_dimensions->utilityView()->heatmap()->setMarkedRow(std::nullopt);
  m_bands->sliceView()->heatmap()->setMarkedRow(std::nullopt);
}

void MainWindow::updateModelInfo() {
  const auto* source = m_session.shown();
  if (!source) {
    m_modelInfo->hide();
    setWindowTitle(tr("RoPEScope"));
    return;
  }
  m_modelInfo->setText(headerText().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
  m_modelInfo->show();
  setWindowTitle(tr("RoPEScope — %1").arg(QFileInfo(source->path).fileName()));
}

QString MainWindow::headerText() const {
  const auto* source = m_session.shown();
  if (!source) return {};
  const auto& results = source->results;
  const QString modelPath = QString::fromStdString(results.info.model);
  QString line =
      source->live
          ? tr("Live model %1").arg(QFileInfo(source->path).fileName())
          : tr("Results file %1 of model %2").arg(QFileInfo(source->path).fileName(), QFileInfo(modelPath).fileName());
  if (results.weights) {
    const auto& m = results.weights->model;
    line += tr(" · %1 · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6")
                .arg(QString::fromStdString(m.architecture))
                .arg(m.layers)
                .arg(m.heads)
                .arg(m.kvHeads)
                .arg(m.headDim)
                .arg(m.hidden);
    line += m.rotary ? tr(" · θ = %1").arg(m.ropeTheta, 0, 'g', 8) : tr(" · no rotary position embedding");
    if (!m.ropeScaling.empty()) line += tr(" · rope_scaling %1").arg(QString::fromStdString(m.ropeScaling));
  }
  QString second;
  if (source->live)
    second = source->data.isEmpty() ? tr("no QA data") : tr("QA data %1").arg(QFileInfo(source->data).fileName());
  else {
    const QString data = QString::fromStdString(results.info.data);
    second = data.isEmpty() || data == QLatin1String("ids") ? tr("run on token ids")
                                                            : tr("QA data %1").arg(QFileInfo(data).fileName());
  }
  QStringList merged;
  for (const auto& f : source->merged) merged << QFileInfo(f).fileName();
  if (!merged.isEmpty()) second += tr(" · with the analyses of %1").arg(merged.join(QStringLiteral(", ")));
  if (!source->live)
    if (const auto* live = m_session.live())
      second += tr(" · live model (Sample page): %1").arg(QFileInfo(live->path).fileName());
  return line + QLatin1Char('\n') + second + QLatin1Char('\n') + (source->live ? source->path : source->path);
}

void MainWindow::showError(const QString& message) {
  m_lastError = message;
  statusBar()->showMessage(message);
  auto* box = new QMessageBox(QMessageBox::Warning, tr("RoPEScope"), message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();  // not exec(): the window stays live
}

bool MainWindow::exportFigure(const QString& path, QString* error) {
  auto* current = qobject_cast<widgets::ResultsPane*>(m_tabs->currentWidget());
  const QSize onScreen = current ? current->plotWidget()->size().expandedTo(QSize(640, 400)) : QSize(640, 400);
  const auto format = widgets::exportFormatForPath(path);
  widgets::FigureSize size;
  size.unit = widgets::SizeUnit::Pixels;
  const double scale = format == widgets::ExportFormat::Png ? 2.0 : 1.0;
  size.width = onScreen.width() * scale;
  size.height = onScreen.height() * scale;
  size.dpi = 96.0 * scale;
  return exportFigure(path, size, error);
}

bool MainWindow::exportFigure(const QString& path, const widgets::FigureSize& size, QString* error) {
  const auto format = widgets::exportFormatForPath(path);
  if (!format) {
    if (error) *error = tr("%1: unknown figure format; use .png, .svg, .pdf or .csv").arg(path);
    return false;
  }
  auto* current = qobject_cast<widgets::ResultsPane*>(m_tabs->currentWidget());
  if (!current || !current->hasData()) {
    if (error) *error = tr("%1: the %2 tab has nothing to export").arg(path, m_tabs->tabText(m_tabs->currentIndex()));
    return false;
  }
  return current->exportTo(path, *format, size, error);
}

bool MainWindow::exportAllFigures(const QString& folder, const std::vector<widgets::ExportFormat>& formats,
                                  const widgets::FigureSize& size, QStringList* written, QString* error) {
  QStringList failures;
  const auto report = [&](bool ok) {
    if (error) *error = failures.join(QLatin1Char('\n'));
    return ok;
  };
  if (formats.empty()) {
    failures << tr("%1: no figure format chosen").arg(folder);
    return report(false);
  }
  if (!QDir().mkpath(folder)) {
    failures << tr("%1: cannot make the folder").arg(folder);
    return report(false);
  }
  QString sizeError;
  if (!widgets::exportGeometry(size, &sizeError)) {
    failures << tr("%1: %2").arg(folder, sizeError);
    return report(false);
  }
  const QStringList ids = tabIds();
  int exported = 0;
  for (std::size_t t = 0; t < m_panes.size(); ++t) {
    auto* pane = m_panes[t];
    if (!pane->hasData()) continue;
    const QString shown = pane->currentFigureId();
    for (const auto& figure : pane->figureIds()) {
      if (!pane->showFigure(figure)) continue;
      const QString base = ids.value(static_cast<int>(t)) + (figure.isEmpty() ? QString() : QLatin1Char('-') + figure);
      for (const auto format : formats) {
        const QString path = QDir(folder).filePath(base + QLatin1Char('.') + widgets::exportFormatName(format));
        QString why;
        if (pane->exportTo(path, format, size, &why)) {
          ++exported;
          if (written) *written << path;
        } else {
          failures << why;
        }
      }
    }
    pane->showFigure(shown);
  }
  // Switching series (q to k) may have dropped the selected head to the mean: apply it again.
  if (m_selectedHead) selectHead(m_selectedHead->first, m_selectedHead->second);
  if (exported == 0 && failures.isEmpty()) failures << tr("%1: no tab has a figure to export").arg(folder);
  return report(failures.isEmpty());
}

void MainWindow::chooseModel() {
  const auto folder = QFileDialog::getExistingDirectory(this, tr("Open Hugging Face model folder"), lastFolder());
  if (!folder.isEmpty()) openModel(folder);
}

void MainWindow::chooseData() {
  const auto path = QFileDialog::getOpenFileName(this, tr("Choose QA data"), lastFolder(),
                                                 tr("QA data (*.jsonl *.jsonl.gz);;All files (*)"));
  if (path.isEmpty()) return;
  rememberFolder(path);
  useData(path);
}

void MainWindow::chooseResults() {
  const auto path =
      QFileDialog::getOpenFileName(this, tr("Open results"), lastFolder(), tr("RoPEScope results (*.h5 *.hdf5)"));
  if (!path.isEmpty()) openResults(path);
}

void MainWindow::chooseSaveResults() {
  if (!m_results) return;
  auto path = QFileDialog::getSaveFileName(this, tr("Save results"), lastFolder(), tr("RoPEScope results (*.h5)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".h5");
  rememberFolder(path);
  setBusy(true, tr("Saving %1…").arg(path));
  Q_EMIT saveResultsRequested(path, *m_results);
}

void MainWindow::chooseExport() {
  QString filter;
  auto path = QFileDialog::getSaveFileName(
      this, tr("Export figure"), lastFolder(),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) {
    for (const auto format : widgets::kExportFormats)
      if (filter.contains(QStringLiteral("*.") + widgets::exportFormatName(format)))
        path += QLatin1Char('.') + widgets::exportFormatName(format);
  }
  rememberFolder(path);
  widgets::FigureSize size = ExportDialog::rememberedSize();
  if (widgets::exportFormatForPath(path) != widgets::ExportFormat::Csv) {
    ExportDialog dialog(false, this);
    if (dialog.exec() != QDialog::Accepted) return;
    size = dialog.figureSize();
  }
  QString error;
  if (exportFigure(path, size, &error))
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
  else
    showError(error);
}

void MainWindow::chooseExportAll() {
  ExportDialog dialog(true, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export all figures into"), lastFolder());
  if (folder.isEmpty()) return;
  rememberFolder(folder);
  QStringList written;
  QString error;
  if (exportAllFigures(folder, dialog.formats(), dialog.figureSize(), &written, &error))
    statusBar()->showMessage(tr("Exported %n file(s) into %1", nullptr, static_cast<int>(written.size())).arg(folder),
                             8000);
  else
    showError(error);
}

void MainWindow::buildLanguageMenu(QMenu* view) {
  auto* menu = view->addMenu(tr("&Language"));
  auto* group = new QActionGroup(menu);
  const QString chosen = chosenLanguage();
  for (const auto& code : uiLanguages()) {
    auto* action = menu->addAction(languageName(code), this, [this, code] {
      if (code == chosenLanguage()) return;
      setChosenLanguage(code);
      QMessageBox::information(this, tr("RoPEScope"),
                               tr("RoPEScope will speak %1 from its next start.").arg(languageName(code)));
    });
    action->setCheckable(true);
    action->setChecked(code == chosen);
    group->addAction(action);
  }
}

void MainWindow::buildColorMapMenu(QMenu* view) {
  auto* menu = view->addMenu(tr("&Colour Map"));
  auto* group = new QActionGroup(menu);
  const QString names[] = {tr("&Viridis"), tr("&Cividis (colour-blind safe)"), tr("&Greys (print)")};
  const auto maps = {widgets::ColorMap::Viridis, widgets::ColorMap::Cividis, widgets::ColorMap::Greys};
  int i = 0;
  for (const auto map : maps) {
    auto* action = menu->addAction(names[i++], this, [map] { widgets::ColorMaps::instance().setSequential(map); });
    action->setCheckable(true);
    action->setChecked(widgets::ColorMaps::instance().sequential() == map);
    action->setData(widgets::colorMapName(map));
    group->addAction(action);
  }
  connect(&widgets::ColorMaps::instance(), &widgets::ColorMaps::changed, menu, [menu] {
    const QString current = widgets::colorMapName(widgets::ColorMaps::instance().sequential());
    for (auto* action : menu->actions()) action->setChecked(action->data().toString() == current);
  });
  menu->setToolTipsVisible(true);
  menu->setToolTip(tr("Heatmaps of signed values (ρ) use a diverging map centred on 0 whatever is chosen here"));
}

PlaygroundWindow* MainWindow::showPlayground() {
  if (!m_playground) m_playground = new PlaygroundWindow(this);
  m_playground->setWindowFlag(Qt::Window);
  m_playground->show();
  m_playground->raise();
  m_playground->activateWindow();
  return m_playground;
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About RoPEScope"),
                     tr("<h3>RoPEScope %1</h3><p>Explore how Rotary Position Embedding dimensions are used by "
                        "the attention heads of language models.</p><p>Licensed under the GNU General Public "
                        "License, version 3 or later. Plots by QCustomPlot (GPL-3.0).</p>")
                         .arg(QString::fromLatin1(engine::kVersion)));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() == 1 && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() != 1 || !urls.front().isLocalFile()) return;
  event->acceptProposedAction();
  openPath(urls.front().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_busy) m_engine->worker()->requestCancel();
  event->accept();
}

}  // namespace ropescope::app
