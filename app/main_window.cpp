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
#include <QVBoxLayout>

#include "app/engine_thread.h"
#include "engine/version.h"
#include "widgets/heatmap_view.h"
#include "widgets/plot_export.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::app {

namespace {

constexpr auto kLastFolderKey = "paths/lastFolder";

QString lastFolder() { return QSettings().value(kLastFolderKey).toString(); }
void rememberFolder(const QString& path) {
  QSettings().setValue(kLastFolderKey, QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath());
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_engine(new EngineThread(this)),
      m_stack(new QStackedWidget),
      m_placeholder(new QLabel),
      m_modelInfo(new QLabel),
      m_normsView(new widgets::WeightNormsView),
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
         "<b>File ▸ Open Model…</b>, or drop the folder here.</p>"));
  m_modelInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_modelInfo->setWordWrap(true);
  m_modelInfo->setContentsMargins(8, 6, 8, 2);
  m_modelInfo->hide();

  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_modelInfo);
  layout->addWidget(m_normsView, 1);
  m_stack->addWidget(m_placeholder);
  m_stack->addWidget(page);
  setCentralWidget(m_stack);

  buildMenus();
  buildStatusBar();

  auto* worker = m_engine->worker();
  connect(this, &MainWindow::computeWeightNormsRequested, worker, &EngineWorker::computeWeightNorms);
  connect(this, &MainWindow::loadResultsRequested, worker, &EngineWorker::loadResults);
  connect(this, &MainWindow::saveResultsRequested, worker, &EngineWorker::saveResults);
  connect(worker, &EngineWorker::progress, this, [this](qint64 done, qint64 total, const QString& stage) {
    m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
    m_progress->setValue(static_cast<int>(done));
    m_statusText->setText(stage);
  });
  connect(worker, &EngineWorker::resultsReady, this, &MainWindow::showResults);
  connect(worker, &EngineWorker::saved, this,
          [this](const QString& path) { statusBar()->showMessage(tr("Saved %1").arg(path), 5000); });
  connect(worker, &EngineWorker::failed, this, &MainWindow::showError);
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
  const bool haveResults = m_results.has_value();
  m_saveAction->setEnabled(!busy && haveResults);
  m_exportAction->setEnabled(!busy && haveResults);
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
  rememberFolder(path);
  setBusy(true, description);
  return true;
}

void MainWindow::openModel(const QString& folder) {
  if (beginJob(folder, tr("Opening %1…").arg(folder))) Q_EMIT computeWeightNormsRequested(folder);
}

void MainWindow::openResults(const QString& path) {
  if (beginJob(path, tr("Reading %1…").arg(path))) Q_EMIT loadResultsRequested(path);
}

void MainWindow::showResults(const engine::ResultsFile& results, bool cancelled) {
  m_results = results;
  if (results.weights) m_normsView->setResults(*results.weights);
  m_stack->setCurrentIndex(1);
  updateModelInfo();
  if (cancelled && results.weights)
    statusBar()->showMessage(tr("Cancelled: showing the %1 of %2 layers that were done")
                                 .arg(results.weights->layersDone)
                                 .arg(results.weights->model.layers));
  else
    statusBar()->clearMessage();
}

void MainWindow::updateModelInfo() {
  if (!m_results || !m_results->weights) {
    m_modelInfo->hide();
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
  const QSize size = m_normsView->heatmap()->size().expandedTo(QSize(640, 400));
  return m_normsView->exportTo(path, *format, size, *format == widgets::ExportFormat::Png ? 2.0 : 1.0, error);
}

void MainWindow::chooseModel() {
  const auto folder = QFileDialog::getExistingDirectory(this, tr("Open Hugging Face model folder"), lastFolder());
  if (!folder.isEmpty()) openModel(folder);
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
