// RoPEScope's main window.
#include "app/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "app/engine_thread.h"
#include "engine/core/version.h"
#include "widgets/angles_view.h"
#include "widgets/bands_view.h"
#include "widgets/dimensions_view.h"
#include "widgets/heads_view.h"
#include "widgets/plot_export.h"
#include "widgets/qa_sample_view.h"
#include "widgets/qa_view.h"
#include "widgets/results_pane.h"
#include "widgets/retrieval_scatter_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::app {

namespace {

constexpr auto kLastFolderKey = "paths/lastFolder";

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
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Retrieval vs utility"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Bands"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Angles"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "QA"),
    QT_TRANSLATE_NOOP("ropescope::app::MainWindow", "Sample"),
};

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_engine(new EngineThread(this)),
      m_stack(new QStackedWidget),
      m_placeholder(new QLabel),
      m_modelInfo(new QLabel),
      m_tabs(new QTabWidget),
      m_dimensions(new widgets::DimensionsView),
      m_heads(new widgets::HeadsView),
      m_scatter(new widgets::RetrievalScatterView),
      m_bands(new widgets::BandsView),
      m_angles(new widgets::AnglesView),
      m_qa(new widgets::QaView),
      m_sample(new widgets::QaSampleView),
      m_statusText(new QLabel),
      m_progress(new QProgressBar),
      m_cancel(new QPushButton(tr("Cancel"))) {
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
  m_modelInfo->hide();

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_modelInfo);
  layout->addWidget(m_tabs, 1);
  m_panes = {m_dimensions, m_heads, m_scatter, m_bands, m_angles, m_qa, m_sample};
  for (std::size_t i = 0; i < m_panes.size(); ++i) {
    m_panes[i]->setObjectName(tabIds()[static_cast<int>(i)]);
    m_tabs->addTab(m_panes[i], tr(kTabTitles[i]));
    connect(m_panes[i], &widgets::ResultsPane::headClicked, this, &MainWindow::selectHead);
  }
  m_tabs->setDocumentMode(true);
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
    if (!m_pickingTab) m_tabPickedAutomatically = false;
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
  connect(this, &MainWindow::saveResultsRequested, worker, &EngineWorker::saveResults);
  connect(worker, &EngineWorker::progress, this, [this](qint64 done, qint64 total, const QString& stage) {
    // No total (loading a model, reading data): a busy bar.
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(total, 0)));
    m_progress->setValue(static_cast<int>(done));
    m_statusText->setText(stage);
  });
  connect(worker, &EngineWorker::resultsReady, this, &MainWindow::showResults);
  connect(worker, &EngineWorker::saved, this,
          [this](const QString& path) { statusBar()->showMessage(tr("Saved %1").arg(path), 5000); });
  connect(worker, &EngineWorker::failed, this, &MainWindow::showError);
  // The Sample page talks to the worker directly (queued): the model stays loaded there.
  connect(worker, &EngineWorker::samplesReady, this, [this](int count, int headDim, bool haveScores) {
    m_sample->setSamples(count, headDim, haveScores);
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
  connect(worker, &EngineWorker::jobFinished, this, [this] {
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
  file->addSeparator();
  m_saveAction = file->addAction(tr("&Save Results As…"), this, &MainWindow::chooseSaveResults);
  m_saveAction->setShortcut(QKeySequence::Save);
  m_exportAction = file->addAction(tr("&Export Figure…"), this, &MainWindow::chooseExport);
  m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About RoPEScope"), this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar() {
  m_progress->setMaximumWidth(240);
  m_progress->setTextVisible(true);
  statusBar()->addWidget(m_statusText, 1);
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
    m_progress->setRange(0, 0);
    m_statusText->setText(description);
  }
  updateActions();
}

void MainWindow::updateActions() {
  const auto* current = qobject_cast<widgets::ResultsPane*>(m_tabs->currentWidget());
  m_saveAction->setEnabled(!m_busy && m_results.has_value());
  m_exportAction->setEnabled(!m_busy && m_results.has_value() && current && current->hasData());
}

void MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  const QString absolute = info.absoluteFilePath();
  if (info.isFile() && (info.suffix().compare("h5", Qt::CaseInsensitive) == 0 ||
                        info.suffix().compare("hdf5", Qt::CaseInsensitive) == 0))
    openResults(absolute);
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
  m_modelFolder = folder;
  Q_EMIT quickAnalysesRequested(folder, m_dataPath);
}

void MainWindow::setDataPath(const QString& path) {
  m_dataPath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

void MainWindow::openResults(const QString& path) {
  if (!beginJob(path, tr("Reading %1…").arg(path))) return;
  m_modelFolder.clear();
  Q_EMIT loadResultsRequested(path);
}

void MainWindow::showResults(const engine::ResultsFile& results, bool cancelled) {
  m_results = results;
  for (auto* pane : m_panes) pane->setResults(results);
  m_stack->setCurrentIndex(1);
  updateTabs();
  if (m_selectedHead) selectHead(m_selectedHead->first, m_selectedHead->second);
  updateModelInfo();
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
  return {QStringLiteral("dimensions"), QStringLiteral("heads"), QStringLiteral("scatter"), QStringLiteral("bands"),
          QStringLiteral("angles"),     QStringLiteral("qa"),    QStringLiteral("sample")};
}

int MainWindow::tabIndex(const QString& name) const {
  const QString key = tabKey(name);
  if (key.isEmpty()) return -1;
  const QStringList ids = tabIds();
  for (int i = 0; i < ids.size(); ++i) {
    if (key == ids[i] || key == tabKey(QString::fromLatin1(kTabTitles[i])) || key == tabKey(m_tabs->tabText(i)))
      return i;
  }
  if (key == QLatin1String("retrieval") || key == QLatin1String("utility")) return 2;
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
    m_tabs->setTabEnabled(i, pane->hasData());
    // Disabled tabs still show tooltips: say what the tab needs.
    m_tabs->setTabToolTip(i, pane->hasData() ? QString() : pane->unavailableText());
  }
  // A tab the user picked stays while it has data. Otherwise the first results tab with data is
  // shown, and the Sample page only when no results tab has any (it fills before the results).
  if (m_tabPickedAutomatically || !m_tabs->isTabEnabled(m_tabs->currentIndex())) {
    const int sample = tabIndex(QStringLiteral("sample"));
    int pick = -1;
    for (int i = 0; i < m_tabs->count() && pick < 0; ++i)
      if (i != sample && m_tabs->isTabEnabled(i)) pick = i;
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
  statusBar()->showMessage(tr("Selected head L%1H%2").arg(layer).arg(head), 5000);
  Q_EMIT headSelected(layer, head);
}

void MainWindow::showHeadInHeatmaps(int head) {
  m_dimensions->weightNormsView()->setHead(head);
  if (head < 0) return;
  m_dimensions->selectHead(0, head);
  m_bands->selectHead(0, head);
}

void MainWindow::updateModelInfo() {
  if (!m_results) {
    m_modelInfo->hide();
    return;
  }
  const QString data = QString::fromStdString(m_results->info.data);
  const QString dataText = data.isEmpty() || data == QLatin1String("ids")
                               ? QString()
                               : tr(" · QA data %1").arg(QFileInfo(data).fileName().toHtmlEscaped());
  if (!m_results->weights) {
    const QString model = QString::fromStdString(m_results->info.model);
    m_modelInfo->setText(tr("<b>%1</b>%2").arg(QFileInfo(model).fileName().toHtmlEscaped(), dataText) +
                         QStringLiteral("<br><span style='color:gray'>%1</span>").arg(model.toHtmlEscaped()));
    m_modelInfo->show();
    setWindowTitle(tr("RoPEScope — %1").arg(QFileInfo(model).fileName()));
    return;
  }
  const auto& m = m_results->weights->model;
  QString text = tr("<b>%1</b> · %2 layers · %3 query heads, %4 KV heads · head_dim %5 · hidden %6 · θ = %7")
                     .arg(QString::fromStdString(m.architecture).toHtmlEscaped())
                     .arg(m.layers)
                     .arg(m.heads)
                     .arg(m.kvHeads)
                     .arg(m.headDim)
                     .arg(m.hidden)
                     .arg(m.ropeTheta, 0, 'g', 8);
  if (!m.ropeScaling.empty())
    text += tr(" · rope_scaling %1").arg(QString::fromStdString(m.ropeScaling).toHtmlEscaped());
  text += dataText;
  text += QStringLiteral("<br><span style='color:gray'>%1</span>").arg(QString::fromStdString(m.path).toHtmlEscaped());
  m_modelInfo->setText(text);
  m_modelInfo->show();
  setWindowTitle(tr("RoPEScope — %1").arg(QFileInfo(QString::fromStdString(m.path)).fileName()));
}

void MainWindow::showError(const QString& message) {
  m_lastError = message;
  statusBar()->showMessage(message);
  auto* box = new QMessageBox(QMessageBox::Warning, tr("RoPEScope"), message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();  // not exec(): the window stays live
}

bool MainWindow::exportFigure(const QString& path, QString* error) {
  const auto format = widgets::exportFormatForPath(path);
  if (!format) {
    if (error) *error = tr("%1: unknown figure format; use .png or .svg").arg(path);
    return false;
  }
  auto* current = qobject_cast<widgets::ResultsPane*>(m_tabs->currentWidget());
  if (!current || !current->hasData()) {
    if (error) *error = tr("%1: the %2 tab has nothing to export").arg(path, m_tabs->tabText(m_tabs->currentIndex()));
    return false;
  }
  const QSize size = current->plotWidget()->size().expandedTo(QSize(640, 400));
  return current->exportTo(path, *format, size, *format == widgets::ExportFormat::Png ? 2.0 : 1.0, error);
}

void MainWindow::chooseModel() {
  const auto folder = QFileDialog::getExistingDirectory(this, tr("Open Hugging Face model folder"), lastFolder());
  if (!folder.isEmpty()) openModel(folder);
}

void MainWindow::chooseData() {
  const auto path = QFileDialog::getOpenFileName(this, tr("Choose QA data"), lastFolder(),
                                                 tr("QA data (*.jsonl *.jsonl.gz);;All files (*)"));
  if (path.isEmpty()) return;
  setDataPath(path);
  rememberFolder(path);
  if (!m_modelFolder.isEmpty() && !m_busy)
    openModel(m_modelFolder);
  else
    statusBar()->showMessage(tr("QA data %1 is used for the next model you open").arg(path), 5000);
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
  auto path = QFileDialog::getSaveFileName(this, tr("Export figure"), lastFolder(),
                                           tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += filter.contains(QStringLiteral("svg")) ? ".svg" : ".png";
  rememberFolder(path);
  QString error;
  if (exportFigure(path, &error))
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
  else
    showError(error);
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
