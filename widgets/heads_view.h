// The "Heads" page: a layer x head heatmap of one per-head measure (retrieval score, positional rho,
// utility of the first / last dims) chosen in a selector; clicking a head selects it. GUI thread only.
#pragma once

#include <string>
#include <vector>

#include "widgets/results_pane.h"

class QComboBox;

namespace ropescope::widgets {

class HeatmapView;

class HeadsView : public ResultsPane {
  Q_OBJECT

 public:
  // The measures in selector order; a results file may hold any subset.
  enum Measure { kRetrieval = 0, kPositionalRho, kUtilityFirst, kUtilityLast };

  explicit HeadsView(QWidget* parent = nullptr);

  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override { return !m_measures.empty(); }
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;
  QStringList figureIds() const override;
  QString currentFigureId() const override;
  bool showFigure(const QString& id) override;

  // Measures present, in selector order.
  std::vector<Measure> measures() const;
  // Shows a measure the results hold; others are ignored.
  void setMeasure(Measure measure);
  Measure measure() const;

  HeatmapView* heatmap() const { return m_heatmap; }
  QComboBox* measureCombo() const { return m_measureCombo; }

 private:
  struct Entry {
    Measure measure;
    engine::NdArray values;  // [layers, heads]
    QString name;            // selector item
    QString title;
    QString valueLabel;
  };

  void refresh();
  QString tooltip(int layer, int head, double value) const;

  std::vector<Entry> m_measures;
  int m_current = 0;
  QComboBox* m_measureCombo = nullptr;
  HeatmapView* m_heatmap = nullptr;
};

}  // namespace ropescope::widgets
