// The "Retrieval vs utility" page (paper 1, Fig. 3): one point per head, x = retrieval score,
// y = mean utility of its first or last dims, with the least-squares line and Pearson's r.
// Hover names the head, a click selects it. GUI thread only.
#pragma once

#include <QColor>
#include <QPointF>
#include <QString>
#include <optional>
#include <utility>
#include <vector>

#include "widgets/results_pane.h"

class QCustomPlot;
class QCPColorScale;
class QCPGraph;
class QCPTextElement;
class QMouseEvent;
class QRadioButton;

namespace ropescope::widgets {

class RetrievalScatterView : public ResultsPane {
  Q_OBJECT

 public:
  struct Point {
    int layer = 0;
    int head = 0;
    double x = 0.0;  // retrieval score
    double y = 0.0;  // utility of the first or last dims
  };

  explicit RetrievalScatterView(QWidget* parent = nullptr);

  // Needs /retrieval/score, /retrieval/utility_first and /retrieval/utility_last, all
  // [layers, heads]. The line and r come from the group's fit_first/last and pearson_first/last
  // attributes; when those are missing they are computed from the points.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_score.empty(); }
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;
  // layer, head, retrieval score and both utilities of every head with a finite score.
  QByteArray csvData() const override;
  QStringList figureIds() const override;
  QString currentFigureId() const override;
  bool showFigure(const QString& id) override;

  // false: utility of the first dims (default); true: of the last dims.
  void setShowLast(bool last);
  bool showsLast() const { return m_showLast; }

  // Heads whose score and utility are both finite, in (layer, head) order.
  const std::vector<Point>& points() const { return m_points; }
  double slope() const { return m_slope; }          // NaN when undefined
  double intercept() const { return m_intercept; }  // NaN when undefined
  double pearson() const { return m_pearson; }      // NaN when undefined
  // The ends of the drawn least-squares line (empty when there is none).
  std::vector<QPointF> fitLine() const;
  QString pointsLegend() const;
  QString fitLegend() const;
  QString title() const;
  std::optional<std::pair<int, int>> selectedHead() const { return m_selected; }

  // Points are coloured by layer (the colour scale's range is 0 .. layers - 1).
  QColor pointColor(int pointIndex) const;
  int layerCount() const { return hasData() ? static_cast<int>(m_score.dim(0)) : 0; }

  QString tooltipText(int pointIndex) const;
  // The point nearest `pixel` within a few pixels (index into points()), in plotWidget() pixels.
  std::optional<int> pointAtPixel(QPointF pixel) const;
  QPointF pixelOfPoint(int pointIndex) const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void updateSelection();
  void onMouseMove(QMouseEvent* event);
  void onMouseRelease(QMouseEvent* event);

  engine::NdArray m_score;       // [layers, heads]
  engine::NdArray m_utility[2];  // first, last: [layers, heads]
  std::optional<double> m_fileSlope[2], m_fileIntercept[2], m_filePearson[2];
  QString m_dims;  // "16" (head_dim / 8) or "n" when unknown
  bool m_showLast = false;
  std::vector<Point> m_points;
  double m_slope = 0.0, m_intercept = 0.0, m_pearson = 0.0;
  std::optional<std::pair<int, int>> m_selected;
  std::optional<int> m_hovered;
  std::optional<QPointF> m_pressPos;

  QRadioButton* m_firstButton = nullptr;
  QRadioButton* m_lastButton = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPGraph* m_pointsGraph = nullptr;
  QCPGraph* m_fitGraph = nullptr;
  QCPGraph* m_selectedGraph = nullptr;
  std::vector<QCPGraph*> m_layerGraphs;  // one per layer, filled discs in the layer's colour
  QCPColorScale* m_layerScale = nullptr;
};

}  // namespace ropescope::widgets
