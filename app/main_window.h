// RoPEScope's main window: opens models and results, runs engine jobs on the worker thread,
// shows the views, saves and exports. GUI thread only.
#pragma once

#include <QMainWindow>
#include <QString>
#include <optional>

#include "engine/results_store.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QAction;

namespace ropescope::widgets {
class WeightNormsView;
}

namespace ropescope::app {

class EngineThread;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a model folder (computes its norms) or a results file (.h5), by what the path is.
  void openPath(const QString& path);
  void openModel(const QString& folder);
  void openResults(const QString& path);
  // Exports the current figure; format from the suffix (.png / .svg). Returns false with an error.
  bool exportFigure(const QString& path, QString* error = nullptr);

  bool busy() const { return m_busy; }
  const std::optional<engine::ResultsFile>& results() const { return m_results; }
  widgets::WeightNormsView* weightNormsView() const { return m_normsView; }
  QString lastError() const { return m_lastError; }

 Q_SIGNALS:
  // Emitted when a job ends, whatever its outcome (after the window has been updated).
  void jobFinished();

  // Requests to the worker (queued across threads).
  void computeWeightNormsRequested(const QString& folder);
  void loadResultsRequested(const QString& path);
  void saveResultsRequested(const QString& path, const ropescope::engine::ResultsFile& results);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildStatusBar();
  void setBusy(bool busy, const QString& description = {});
  // Starts a job on `path` unless one is running (then says so and returns false).
  bool beginJob(const QString& path, const QString& description);
  void showResults(const engine::ResultsFile& results, bool cancelled);
  void showError(const QString& message);
  void updateModelInfo();
  void chooseModel();
  void chooseResults();
  void chooseSaveResults();
  void chooseExport();
  void showAbout();

  EngineThread* m_engine;
  QStackedWidget* m_stack;
  QLabel* m_placeholder;
  QLabel* m_modelInfo;
  widgets::WeightNormsView* m_normsView;
  QLabel* m_statusText;
  QProgressBar* m_progress;
  QPushButton* m_cancel;
  QAction* m_saveAction = nullptr;
  QAction* m_exportAction = nullptr;
  std::optional<engine::ResultsFile> m_results;
  bool m_busy = false;
  QString m_lastError;
};

}  // namespace ropescope::app
