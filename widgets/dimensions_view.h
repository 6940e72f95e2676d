// The "Dimensions" page: layer x dimension heatmaps of projection-row norms (/weights) and, when
// the results hold it, of the utility score u (/utility/u), with a selector between them. GUI thread only.
#pragma once

#include "widgets/results_pane.h"

class QComboBox;
class QLabel;
class QStackedWidget;

namespace ropescope::widgets {

class LayerSliceView;
class WeightNormsView;

class DimensionsView : public ResultsPane {
  Q_OBJECT

 public:
  enum Measure { kWeightNorms = 0, kUtility = 1 };

  explicit DimensionsView(QWidget* parent = nullptr);

  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override;
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;
  // "q-norms", "k-norms", "utility" (those the results hold).
  QStringList figureIds() const override;
  QString currentFigureId() const override;
  bool showFigure(const QString& id) override;

  // Switches to a measure the results hold; others are ignored.
  void setMeasure(Measure measure);
  Measure measure() const { return m_measure; }
  bool hasMeasure(Measure measure) const;

  WeightNormsView* weightNormsView() const { return m_norms; }
  LayerSliceView* utilityView() const { return m_utility; }
  QComboBox* measureCombo() const { return m_measureCombo; }

 private:
  void rebuildMeasureCombo();

  Measure m_measure = kWeightNorms;
  int m_queryHeads = 0;     // for mapping a query head onto KV heads
  int m_selectedHead = -1;  // the selected query head, -1 for none
  QLabel* m_measureLabel = nullptr;
  QComboBox* m_measureCombo = nullptr;
  QStackedWidget* m_stack = nullptr;
  WeightNormsView* m_norms = nullptr;
  LayerSliceView* m_utility = nullptr;
};

}  // namespace ropescope::widgets
