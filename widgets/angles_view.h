// The "Angles" page: how many turns each RoPE pair makes over the analysed context, on a log
// scale, with the one-turn line; pairs that wrap past 2π are drawn apart. GUI thread only.
#pragma once

#include <QString>
#include <optional>

#include "widgets/results_pane.h"

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QMouseEvent;

namespace ropescope::widgets {

class AnglesView : public ResultsPane {
  Q_OBJECT

 public:
  explicit AnglesView(QWidget* parent = nullptr);

  // Needs /angles/turns [pair]; /angles/wraps, /angles/theta and /angles/wavelength of the same
  // length are used when present (wraps otherwise means turns > 1), the /angles context
  // attribute names the context length.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_turns.empty(); }
  QString unavailableText() const override;
  QWidget* plotWidget() const override;

  int pairCount() const { return static_cast<int>(m_turns.size()); }
  // The model has no rotary position embedding (NoPE): the page says so instead of plotting.
  bool noRotation() const { return m_noRotation; }
  double turns(int pair) const;  // NaN out of range
  bool wraps(int pair) const;
  // Points drawn as wrapping / not wrapping (pairs with turns <= 0 cannot be drawn on a log axis).
  int wrappingPointCount() const;
  int stillPointCount() const;
  bool logScale() const;
  double oneTurnLevel() const;  // y of the reference line
  QString title() const;
  QString tooltipText(int pair) const;
  std::optional<int> pairAtPixel(QPointF pixel) const;
  QPointF pixelOfPair(int pair) const;

 private:
  void refresh();
  void onMouseMove(QMouseEvent* event);

  std::vector<double> m_turns, m_theta, m_wavelength;
  bool m_noRotation = false;
  std::vector<bool> m_wraps;
  std::optional<long long> m_context;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPGraph* m_line = nullptr;
  QCPGraph* m_wrapGraph = nullptr;
  QCPGraph* m_stillGraph = nullptr;
  QCPItemStraightLine* m_oneTurn = nullptr;
  QCPItemText* m_oneTurnLabel = nullptr;
};

}  // namespace ropescope::widgets
