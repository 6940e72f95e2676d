// The "Toy" page: the controlled experiment of Chiang & Yogatama (2025, section 4, Fig. 1). One
// attention head learns n (q, k, v) tuples with and without RoPE; the page starts a run (on the
// engine worker) and draws, updated every epoch while it trains and from /toy/<run> of a saved
// file: the mean |q| per dimension in frequency order (Fig. 1a) and the held-out loss after
// removing the first or last r dims (Fig. 1b). GUI thread only.
#pragma once

#include <QPointF>
#include <vector>

#include "widgets/results_pane.h"

class QCheckBox;
class QDoubleSpinBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ropescope::widgets {

// What a run trains (the engine's ToyOptions without the paper's fixed settings).
struct ToySettings {
  int epochs = 20;
  int samplesPerEpoch = 2000;
  int tuples = 1000;  // n learned (q, k, v) tuples (a sample holds min(128, n) of them)
  int dims = 128;     // head dimension (even)
  int evalSamples = 256;
  // Adam's rate: 0.03 shows the paper's Fig. 1 within a minute of training (20 epochs of 2,000
  // samples); the paper trains 100 epochs of 10,000 at 0.001.
  double learningRate = 0.03;
  bool withRope = true;
  bool withoutRope = true;
};

class ToyView : public ResultsPane {
  Q_OBJECT

 public:
  explicit ToyView(QWidget* parent = nullptr);

  // Needs /toy/rope or /toy/nope with q_abs_mean [dim] and loss_remove_first / _last [dim + 1];
  // the group's options attribute gives the epochs done and asked.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_runs.empty(); }
  QString unavailableText() const override;
  QWidget* plotWidget() const override;
  // "q": mean |q| per dimension (Fig. 1a); "removal": loss after removing dims (Fig. 1b).
  QStringList figureIds() const override;
  QString currentFigureId() const override { return m_figure; }
  bool showFigure(const QString& id) override;

  ToySettings settings() const;
  void setSettings(const ToySettings& settings);
  // While a run trains, Run is disabled and the page says so.
  void setRunning(bool running);
  bool running() const { return m_running; }
  // Starts a run as the Run button does (emits runRequested) unless one is running.
  void run();

  QCustomPlot* qPlot() const { return m_qPlot; }
  QCustomPlot* removalPlot() const { return m_removalPlot; }
  // A drawn line by its legend name, as (x, y) points; empty when there is none.
  std::vector<QPointF> line(const QString& plot, const QString& name) const;
  QString statusText() const;

 Q_SIGNALS:
  void runRequested(const ropescope::widgets::ToySettings& settings);

 private:
  struct Run {
    QString name;  // "rope" or "nope"
    engine::NdArray qAbsMean, removeFirst, removeLast, evalLoss;
    int epochsDone = 0;
    int epochs = 0;
  };
  void refresh();

  std::vector<Run> m_runs;
  QString m_figure = QStringLiteral("q");
  bool m_running = false;
  QSpinBox* m_epochs = nullptr;
  QSpinBox* m_samples = nullptr;
  QSpinBox* m_tuples = nullptr;
  QSpinBox* m_dims = nullptr;
  QSpinBox* m_eval = nullptr;
  QDoubleSpinBox* m_rate = nullptr;
  QCheckBox* m_rope = nullptr;
  QCheckBox* m_nope = nullptr;
  QPushButton* m_run = nullptr;
  QLabel* m_status = nullptr;
  QCustomPlot* m_qPlot = nullptr;
  QCustomPlot* m_removalPlot = nullptr;
};

}  // namespace ropescope::widgets

Q_DECLARE_METATYPE(ropescope::widgets::ToySettings)
