// Layer x dimension heatmap of q_proj/k_proj row L1 norms, per head or mean over heads: a
// LayerSliceView with one series per projection. GUI thread only.
#pragma once

#include "engine/results/weight_norms.h"
#include "widgets/layer_slice_view.h"

namespace ropescope::widgets {

class WeightNormsView : public LayerSliceView {
  Q_OBJECT

 public:
  static constexpr int kQuery = 0;  // projection (series) index of q_proj
  static constexpr int kKey = 1;    // projection (series) index of k_proj

  explicit WeightNormsView(QWidget* parent = nullptr);

  // Returns false and shows nothing (hasResults() false) unless qRowL1 is [layers, heads, head_dim]
  // and kRowL1 [layers, kv_heads, head_dim] with matching values sizes, positive sizes and an even
  // head_dim. Layers from layersDone on are shown as NaN (grey). The projection is kept; the head
  // is kept when it still exists, else the mean is shown.
  bool setResults(const engine::WeightNorms& results);
  bool hasResults() const { return hasData(); }

  // kQuery or kKey (key heads are KV heads); other values, and any without results, are ignored.
  void setProjection(int index) { setCurrentSeries(index); }
  int projection() const { return currentSeries(); }
  QComboBox* projectionCombo() const { return seriesCombo(); }
};

}  // namespace ropescope::widgets
