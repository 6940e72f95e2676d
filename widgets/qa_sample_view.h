// The "Sample" page, the QA lab: one QA sample's prompt with its gold document marked, a mask
// editor (text and grid), the answers of live re-runs, and the selected run against the unmasked
// run of the same sample side by side: answers, the gold answer's first-token log-probability
// and the answer position's attention on each document as paired bars on one fixed axis. The
// engine work happens elsewhere: the page asks through signals and is given the results. GUI
// thread only.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <utility>
#include <vector>

#include "engine/results/mask_grid.h"
#include "engine/results/qa_sample_answer.h"
#include "widgets/results_pane.h"

class QComboBox;
class QCustomPlot;
class QCPTextElement;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

namespace ropescope::widgets {

class MaskCodec;
class MaskEditor;

class QaSampleView : public ResultsPane {
  Q_OBJECT

 public:
  // One answered run, as the runs table and the figure show it.
  struct Run {
    int sample = -1;  // 0-based
    QString mask;
    engine::MaskGrid grid;  // the cells the mask resolved to when it was asked for
    QString answer;         // the first line of the answer
    bool correct = false;
    double elapsedMs = 0.0;
    int goldIndex = -1;
    int maskedHeads = 0;
    double goldLogProb = 0.0;  // NaN when unknown
    QString goldToken;
    engine::MassHeads massHeads = engine::MassHeads::All;
    std::vector<std::pair<int, int>> retrievalHeads;
    engine::NdArray documentMass;  // [layer, head, document]
  };
  // Which heads the bars average the attention over.
  enum class BarHeads { Retrieval, SelectedHead, SelectedLayer, All };

  explicit QaSampleView(QWidget* parent = nullptr);
  ~QaSampleView() override;

  // The samples offered for live runs: `count` of them (0: none, the page is empty). Clears the
  // runs and asks for the first sample's prompt (sampleRequested).
  void setSamples(int count);
  // The model masks are written for (sizes and scores); null: no model.
  void setMaskCodec(std::shared_ptr<const MaskCodec> codec);
  // The prompt of a sample (ignored unless it is the one selected).
  void setPrompt(const engine::QaSamplePrompt& prompt);
  // Adds an answered run to the table and shows it against the unmasked run of its sample
  // (asked for when there is none yet).
  void addAnswer(const engine::QaSampleAnswer& answer, double elapsedMs);
  // The run asked for ended without an answer (the error is shown elsewhere).
  void runFailed();

  // The live runs do not come from results files: these only keep hasData() as it is.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return m_count > 0; }
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;

  int sampleCount() const { return m_count; }
  int currentSample() const;  // 0-based, -1 without samples
  void setCurrentSample(int index);
  QString maskText() const;
  void setMaskText(const QString& mask);
  bool maskValid() const;
  MaskEditor* maskEditor() const { return m_editor; }
  // Paper 1's Table 2 masks of the current model, after "none".
  QStringList presets() const;
  // Asks for a run of the current sample under maskText() unless the table already holds that
  // sample under the same cells (that row is selected) or it is already asked for. False when
  // nothing was asked.
  bool run();
  bool running() const { return !m_pending.empty(); }
  bool runEnabled() const;

  const std::vector<Run>& runs() const { return m_runs; }
  int runCount() const { return static_cast<int>(m_runs.size()); }
  int shownRun() const { return m_shownRun; }
  void showRun(int row);
  // Table text of run `row` (0 = first run), column 0..5: sample, mask, answer, correct, log p, time.
  QString runCell(int row, int column) const;
  QString promptPlainText() const;
  QString goldDocumentText() const;  // the marked part of the prompt shown
  QString sampleLabelText() const;
  QString answersText() const;
  QString comparisonText() const;  // the before / after line above the figure

  // Paper 1's Table 2 layout of a batch run (a qa analysis of the current mask and the unmasked
  // model over several samples per gold position): rows = mask sets, columns = the mask, the mean,
  // then the gold positions (1-based).
  void setBatchResults(const engine::ResultsFile& results);
  int batchRowCount() const;
  QString batchCell(int row, int column) const;  // column 0 is the mask, 1 the mean
  QStringList batchHeader() const;
  // The caption above it; with the file it was written to once setBatchFile names it.
  QString batchCaption() const;
  void setBatchFile(const QString& path);
  int batchSamples() const;
  void setBatchSamples(int samples);
  // Asks for a batch run of the current mask (batchRequested) when the mask is valid.
  bool runBatch();

  void setBarHeads(BarHeads heads);
  BarHeads barHeads() const;
  // The figure: per document (0-based) the unmasked run's and the shown run's bar (NaN when the
  // figure has no such series), the fixed y range's top, and the title.
  std::vector<double> beforeValues() const { return m_before; }
  std::vector<double> afterValues() const { return m_after; }
  double yTop() const;
  // Every bar as (document, 1-based; height).
  std::vector<std::pair<double, double>> barPoints() const;
  QString title() const;

 Q_SIGNALS:
  // The user picked a sample: its prompt is wanted (setPrompt).
  void sampleRequested(int sampleIndex);
  // A run is wanted (addAnswer or runFailed ends it).
  void runRequested(int sampleIndex, const QString& mask);
  // A batch run of `mask` over `samples` samples per gold position is wanted (setBatchResults).
  void batchRequested(const QString& mask, int samples);

 private:
  struct Pending {
    int sample;
    engine::MaskGrid grid;
    bool baseline;  // asked for by the page, for the comparison
  };
  void refreshPlot();
  void updateControls();
  int baselineRow(int sample) const;
  // Mean attention per document over the chosen heads; empty when the run has none of them.
  std::vector<double> barsOf(const Run& run) const;
  std::vector<std::pair<int, int>> chosenHeads(const Run& run) const;
  void updateYTop();

  int m_count = 0;
  std::shared_ptr<const MaskCodec> m_codec;
  std::vector<Pending> m_pending;
  engine::QaSamplePrompt m_prompt;
  std::vector<Run> m_runs;
  int m_shownRun = -1;
  std::pair<int, int> m_selectedHead{-1, -1};
  std::vector<double> m_before, m_after;
  double m_yTop = 1.0;

  QSpinBox* m_sample = nullptr;
  QLabel* m_sampleLabel = nullptr;
  QComboBox* m_headsCombo = nullptr;
  QPushButton* m_run = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_answers = nullptr;
  MaskEditor* m_editor = nullptr;
  QTextBrowser* m_promptView = nullptr;
  QString m_goldText;
  QTableWidget* m_table = nullptr;
  QSpinBox* m_batchSamples = nullptr;
  QPushButton* m_batch = nullptr;
  QTableWidget* m_batchTable = nullptr;
  QLabel* m_batchCaption = nullptr;
  QString m_batchFile;
  QLabel* m_compare = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
};

}  // namespace ropescope::widgets
