// RoPEScope's main window: opens models and results, runs engine jobs on the worker thread,
// shows the views, saves and exports. GUI thread only.
#pragma once

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "app/engine_worker.h"
#include "app/session.h"
#include "engine/io/results_io.h"
#include "widgets/plot_export.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QAction;
class QMenu;
class QComboBox;
class QElapsedTimer;

namespace ropescope::widgets {
class AnglesView;
class BandsView;
class CompareView;
class DimensionsView;
class HeadsView;
class PositionalView;
class QaSampleView;
class QaView;
class ResultsPane;
class RetrievalScatterView;
class ToyView;
class WeightNormsView;
}  // namespace ropescope::widgets

namespace ropescope::app {

class EngineThread;
class PlaygroundWindow;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a model folder (runs the quick analyses), a results file (.h5) or QA data (.jsonl,
  // .jsonl.gz: used with the live model, or the next one), by what the path is.
  void openPath(const QString& path);
  // Opens a model folder with dataPath() and runs its quick analyses (EngineWorker::
  // runQuickAnalyses); it becomes the live model once it opened. A failed open changes nothing.
  void openModel(const QString& folder);
  // Reads a results file: added to the live model's views when it is of that model, shown beside
  // otherwise (the live model stays). A failed read changes nothing.
  void openResults(const QString& path);
  // QA data (.jsonl) for the quick analyses of models opened from now on; empty for none.
  void setDataPath(const QString& path);
  // View ▸ RoPE Playground: shows (making it the first time) and raises the playground window.
  PlaygroundWindow* showPlayground();
  QString dataPath() const { return m_dataPath; }
  // Opens the live model again with QA data `path`; without a live model, setDataPath.
  void useData(const QString& path);
  // Runs the analyses of `request` on the live model (EngineWorker::runAnalysis); false when
  // busy or no model with QA data is live.
  bool runAnalysis(const AnalysisRequest& request);
  // Trains the toy experiment on the worker (output: a new file in the user's data folder when
  // empty); its page fills every epoch and the file opens as a source at the end.
  bool runToy(ToyRequest request);
  // Analysis ▸ Toy Experiment: shows the Toy page (with or without results).
  void showToy();
  // A batch of the Sample page: the qa analysis of `mask` and the masks batched before it (and
  // the unmasked model) over `samples` samples per gold position, into batchOutput().
  bool runBatch(const QString& mask, int samples);
  QString batchOutput() const;
  // The results file an analysis run of the live model writes unless told otherwise: beside the
  // model when its folder is writable, else in the user's data folder.
  QString defaultAnalysisOutput() const;
  const Session& session() const { return m_session; }
  // Shows source `index` of session().sources() in the views.
  void showSource(int index);
  // Model folders, results files and QA data opened successfully, newest first (at most 10;
  // File ▸ Open Recent).
  static QStringList recentPaths();
  // The header's text (what is loaded), as plain text.
  QString headerText() const;
  // The status bar's permanent text for the selected head (empty without a selection).
  QString selectionText() const;
  // Exports the current tab's figure; format from the suffix (.png, .svg, .pdf, .csv). Without a
  // size, the plot's size on screen (at least 640 x 400) and PNG at twice its pixels. Returns false
  // with an error (also when the current tab has nothing to show).
  bool exportFigure(const QString& path, QString* error = nullptr);
  bool exportFigure(const QString& path, const widgets::FigureSize& size, QString* error = nullptr);
  // File ▸ Export All Figures: every figure of every tab with data (each choice of its selectors,
  // ResultsPane::figureIds) in each format into `folder` (made when missing), as
  // "<tab>[-<figure>].<format>"; the tabs' selectors are restored after. Appends the files
  // written to `written`; false with `error` (every failure, one a line) when any failed or
  // there was nothing to export.
  bool exportAllFigures(const QString& folder, const std::vector<widgets::ExportFormat>& formats,
                        const widgets::FigureSize& size, QStringList* written, QString* error = nullptr);

  // Tabs by id: "dimensions", "heads", "positional", "scatter", "bands", "angles", "qa", "sample", "compare", "toy".
  static QStringList tabIds();
  // Shows the tab named `name`: an id, its English or translated title, any case, spaces and
  // punctuation ignored ("Heads", "retrieval vs utility", "qa"). False for an unknown name or a
  // tab without data.
  bool setCurrentTab(const QString& name);
  QString currentTabId() const;
  bool tabEnabled(const QString& id) const;
  widgets::ResultsPane* pane(const QString& id) const;
  QTabWidget* tabs() const { return m_tabs; }

  // Marks a query head in every view that shows heads (what a click on a head does).
  void selectHead(int layer, int head);
  std::optional<std::pair<int, int>> selectedHead() const { return m_selectedHead; }
  // Shows one head (or -1, the mean) in the per-head heatmaps of the Dimensions and Bands tabs.
  void showHeadInHeatmaps(int head);

  bool busy() const { return m_busy; }
  const std::optional<engine::ResultsFile>& results() const { return m_results; }
  widgets::WeightNormsView* weightNormsView() const;
  widgets::DimensionsView* dimensionsView() const { return m_dimensions; }
  widgets::HeadsView* headsView() const { return m_heads; }
  widgets::PositionalView* positionalView() const { return m_positional; }
  widgets::RetrievalScatterView* scatterView() const { return m_scatter; }
  widgets::BandsView* bandsView() const { return m_bands; }
  widgets::AnglesView* anglesView() const { return m_angles; }
  widgets::QaView* qaView() const { return m_qa; }
  widgets::QaSampleView* qaSampleView() const { return m_sample; }
  widgets::ToyView* toyView() const { return m_toy; }
  widgets::CompareView* compareView() const { return m_compare; }
  QString lastError() const { return m_lastError; }

 Q_SIGNALS:
  // Emitted when a job ends, whatever its outcome (after the window has been updated).
  void jobFinished();
  void headSelected(int layer, int head);
  void analysisRequested(const ropescope::app::AnalysisRequest& request);

  // Requests to the worker (queued across threads).
  void quickAnalysesRequested(const QString& folder, const QString& dataPath);
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
  void showLiveResults(const engine::ResultsFile& results, bool cancelled);
  void showFileResults(const QString& path, const engine::ResultsFile& results);
  void showAnalysisResults(const QString& path, const engine::ResultsFile& results, bool cancelled);
  // Puts the shown source into the views, the header and the source selector.
  void refreshViews();
  void updateSourceCombo();
  // The Sample page's masks are written for the live model, with its retrieval and utility scores.
  void updateMaskCodec();
  void updateSelectionText();
  void chooseAnalysis();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void showError(const QString& message);
  void updateModelInfo();
  void updateTabs();
  void updateActions();
  int tabIndex(const QString& name) const;
  void chooseModel();
  void chooseData();
  void chooseResults();
  void chooseSaveResults();
  void chooseExport();
  void chooseExportAll();
  void buildColorMapMenu(QMenu* view);
  void buildLanguageMenu(QMenu* view);
  void showAbout();

  EngineThread* m_engine;
  QStackedWidget* m_stack;
  QLabel* m_placeholder;
  QLabel* m_modelInfo;
  QComboBox* m_sources;  // which source the views show (when there are several)
  QTabWidget* m_tabs;
  widgets::DimensionsView* m_dimensions;
  widgets::HeadsView* m_heads;
  widgets::PositionalView* m_positional;
  widgets::RetrievalScatterView* m_scatter;
  widgets::BandsView* m_bands;
  widgets::AnglesView* m_angles;
  widgets::QaView* m_qa;
  widgets::QaSampleView* m_sample;
  widgets::CompareView* m_compare;
  widgets::ToyView* m_toy;
  bool m_toyShown = false;                     // the Toy page was asked for: the tabs show even without results
  std::vector<widgets::ResultsPane*> m_panes;  // in tab order, as tabIds()
  QLabel* m_statusText;
  QProgressBar* m_progress;
  QPushButton* m_cancel;
  QLabel* m_selection;
  std::unique_ptr<QElapsedTimer> m_jobTimer;  // for the ETA
  QAction* m_saveAction = nullptr;
  QAction* m_exportAction = nullptr;
  QAction* m_exportAllAction = nullptr;
  QAction* m_analysisAction = nullptr;
  QAction* m_playgroundAction = nullptr;
  PlaygroundWindow* m_playground = nullptr;  // made when first shown; a child window
  QMenu* m_recentMenu = nullptr;
  Session m_session;
  std::optional<engine::ResultsFile> m_results;  // the shown source's
  std::optional<std::pair<int, int>> m_selectedHead;
  QString m_dataPath;          // QA data for the next model opened
  QString m_pendingFolder;     // the model being opened
  QString m_pendingData;       // its QA data
  bool m_liveHasData = false;  // the live model was opened with QA data and a tokenizer
  QString m_lastAnalysisOutput;
  QStringList m_batchMasks;  // the masks batched on the Sample page (each batch runs them all)
  bool m_batchRunning = false;
  QString m_notice;  // the running job's notice, kept past its results
  bool m_busy = false;
  // The current tab was picked by updateTabs (not the user): it may move when more tabs fill.
  bool m_tabPickedAutomatically = true;
  bool m_pickingTab = false;
  QString m_lastError;
};

}  // namespace ropescope::app
