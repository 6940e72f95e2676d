// The "QA" page: answer accuracy by the position of the gold document, one line per mask set
// (/qa/<setup>/accuracy over /units/gold_positions). GUI thread only.
#pragma once

#include <QPointF>
#include <QString>
#include <vector>

#include "widgets/results_pane.h"

class QCustomPlot;
class QCPTextElement;

namespace ropescope::widgets {

class QaView : public ResultsPane {
  Q_OBJECT

 public:
  struct Series {
    QString setup;                 // group name under /qa ("none", "heads=retrieval>0.5 dims=first16", ...)
    std::vector<double> accuracy;  // per gold position
  };

  explicit QaView(QWidget* parent = nullptr);

  // Needs /units/gold_positions [gold_position] and at least one /qa/<setup>/accuracy of that
  // length ("none", the unmasked model, comes first; setups of another length are left out).
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_series.empty(); }
  QString unavailableText() const override;
  QWidget* plotWidget() const override;

  const std::vector<double>& goldPositions() const { return m_positions; }  // 0-based
  const std::vector<Series>& series() const { return m_series; }
  int graphCount() const;
  QString graphName(int index) const;
  // Drawn points of a graph as (1-based gold position, accuracy).
  std::vector<QPointF> graphPoints(int index) const;
  QString title() const;

 private:
  void refresh();

  std::vector<double> m_positions;
  std::vector<Series> m_series;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
};

}  // namespace ropescope::widgets
