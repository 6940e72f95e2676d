// The "Positional" page (Hong et al. 2024): every head ranked by |Spearman ρ| of token distance
// against its dominant RoPE pair in a sortable table, ρ per layer and head in a diverging colour
// map centred on 0, and for the selected head its dominant pair against token distance. A row or
// cell click selects the head everywhere. GUI thread only.
#pragma once

#include <QStringList>
#include <utility>
#include <vector>

#include "widgets/results_pane.h"

class QCustomPlot;
class QCPGraph;
class QCPTextElement;
class QLabel;
class QTableWidget;

namespace ropescope::widgets {

class HeatmapView;

class PositionalView : public ResultsPane {
  Q_OBJECT

 public:
  // Table columns, in order.
  enum Column { kRank = 0, kLayer, kHead, kRho, kDominant, kShare, kColumnCount };

  explicit PositionalView(QWidget* parent = nullptr);

  // Needs /positional/rho [layers, heads]; /positional/dominant_hist [layers, heads, units] gives
  // the dominant pair and its share, /positional/mean_dominant_by_distance [layers, heads, bins]
  // with /positional/distance_bin_edges [bins + 1] the distance figure.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_rho.empty(); }
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  // The figure shown by showFigure: "distance" (default) or "rho".
  QWidget* plotWidget() const override;
  QStringList figureIds() const override;
  QString currentFigureId() const override { return m_figure; }
  bool showFigure(const QString& id) override;
  // "distance": layer, head, distance_from, distance_to, mean dominant index for every head
  // (the figure draws four of them);
  // "rho": layer, head, ρ, dominant pair, share.
  QByteArray csvData() const override;

  QTableWidget* table() const { return m_table; }
  HeatmapView* heatmap() const { return m_heatmap; }
  QCustomPlot* distancePlot() const { return m_plot; }
  // The head whose distance curve is drawn (the selection, else the top of the ranking).
  std::pair<int, int> shownHead() const { return m_shown; }
  // The unit of the dominant index: "pair" or "dim".
  QString unitWord() const { return m_unit; }
  // The most often dominant unit of a head (argmax of dominant_hist), -1 without the histogram.
  int dominantUnit(int layer, int head) const;
  // Points of the selected head's curve: (bin centre distance, mean dominant index), NaN bins left out.
  std::vector<QPointF> curve(int layer, int head) const;

 private:
  void fillTable();
  void refreshCurve();

  engine::NdArray m_rho;                       // [layers, heads]
  std::vector<std::pair<int, int>> m_ranking;  // (layer, head) by |ρ| descending, NaN last
  engine::NdArray m_hist;                      // [layers, heads, units] (may be empty)
  engine::NdArray m_byDistance;                // [layers, heads, bins] (may be empty)
  std::vector<double> m_edges;                 // bins + 1
  QString m_unit = QStringLiteral("pair");
  std::pair<int, int> m_shown{0, 0};
  bool m_hasSelection = false;
  QString m_figure = QStringLiteral("distance");

  QTableWidget* m_table = nullptr;
  HeatmapView* m_heatmap = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPGraph* m_graph = nullptr;
  std::vector<QCPGraph*> m_reference;  // the top of the ranking, faint
  QLabel* m_summary = nullptr;
};

}  // namespace ropescope::widgets
