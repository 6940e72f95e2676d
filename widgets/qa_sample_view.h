// The "Sample" page: one QA sample's prompt with its gold document marked, a mask editor, and the
// answers of live re-runs under masks, with the answer query's attention per document as the
// figure. The engine work happens elsewhere: the page asks through signals and is given the
// results. GUI thread only.
#pragma once

#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

#include "engine/results/qa_sample_answer.h"
#include "widgets/results_pane.h"

class QComboBox;
class QCustomPlot;
class QCPTextElement;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

namespace ropescope::widgets {

class QaSampleView : public ResultsPane {
  Q_OBJECT

 public:
  // One answered run, as the runs table and the figure show it.
  struct Run {
    int sample = -1;  // 0-based
    QString mask;
    QString answer;  // the first line of the answer
    bool correct = false;
    double elapsedMs = 0.0;
    int goldIndex = -1;
    int maskedHeads = 0;
    engine::MassHeads massHeads = engine::MassHeads::All;
    std::vector<std::pair<int, int>> retrievalHeads;
    std::vector<double> retrievalMass;  // per document
  };

  explicit QaSampleView(QWidget* parent = nullptr);

  // The samples offered for live runs: `count` of them (0: none, the page is empty) for a model
  // with `headDim` (for the presets), with or without retrieval scores. Clears the runs and
  // asks for the first sample's prompt (sampleRequested).
  void setSamples(int count, int headDim, bool haveRetrievalScores);
  // The prompt of a sample (ignored unless it is the one selected).
  void setPrompt(const engine::QaSamplePrompt& prompt);
  // Adds an answered run to the table and shows its figure.
  void addAnswer(const engine::QaSampleAnswer& answer, double elapsedMs);
  // The run asked for ended without an answer (the error is shown elsewhere).
  void runFailed();

  // The live runs do not come from results files: these only keep hasData() as it is.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return m_count > 0; }
  QString unavailableText() const override;
  QWidget* plotWidget() const override;

  int sampleCount() const { return m_count; }
  int currentSample() const;  // 0-based, -1 without samples
  void setCurrentSample(int index);
  QString maskText() const;
  void setMaskText(const QString& mask);
  // The preset masks for head_dim D: none, then the first / last D/8 and D/4 dims of retrieval
  // heads (score > 0.5), as mask text.
  static QStringList presetMasks(int headDim);
  QStringList presets() const;  // those of the current model
  // Asks for a run of the current sample under maskText() ("none" when empty).
  void run();
  bool running() const { return m_pending > 0; }

  const std::vector<Run>& runs() const { return m_runs; }
  int runCount() const { return static_cast<int>(m_runs.size()); }
  // Table text of run `row` (0 = first run), column 0..4: sample, mask, answer, correct, time.
  QString runCell(int row, int column) const;
  QString promptPlainText() const;
  QString goldDocumentText() const;  // the marked part of the prompt shown
  QString sampleLabelText() const;
  QString answersText() const;
  // The figure: bar heights per document (1-based key) and the title.
  std::vector<std::pair<double, double>> barPoints() const;
  QString title() const;

 Q_SIGNALS:
  // The user picked a sample: its prompt is wanted (setPrompt).
  void sampleRequested(int sampleIndex);
  // The user asked for a run (addAnswer or runFailed ends it).
  void runRequested(int sampleIndex, const QString& mask);

 private:
  void showRun(int row);
  void refreshPlot();
  void updateControls();

  int m_count = 0;
  int m_headDim = 0;
  bool m_haveRetrievalScores = false;
  int m_pending = 0;  // runs asked for and not yet answered
  engine::QaSamplePrompt m_prompt;
  std::vector<Run> m_runs;
  int m_shownRun = -1;

  QSpinBox* m_sample = nullptr;
  QLabel* m_sampleLabel = nullptr;
  QComboBox* m_presets = nullptr;
  QLineEdit* m_mask = nullptr;
  QPushButton* m_run = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_answers = nullptr;
  QTextBrowser* m_promptView = nullptr;
  QString m_goldText;
  QTableWidget* m_table = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
};

}  // namespace ropescope::widgets
