// The "Bands" page: layer x pair heatmap of query or key frequency-band norms (/bands, paper 3)
// for one head or the mean over heads. GUI thread only.
#pragma once

#include "widgets/results_pane.h"

namespace ropescope::widgets {

class LayerSliceView;

class BandsView : public ResultsPane {
  Q_OBJECT

 public:
  static constexpr int kQueries = 0;  // series index of /bands/q_norm
  static constexpr int kKeys = 1;     // series index of /bands/k_norm

  explicit BandsView(QWidget* parent = nullptr);

  // Needs /bands/q_norm [layer, head, pair] and /bands/k_norm [layer, kv_head, pair] with the
  // same layers and pairs; the /bands tokens attribute is named in the titles.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override;
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;

  LayerSliceView* sliceView() const { return m_slices; }

 private:
  LayerSliceView* m_slices = nullptr;
  int m_queryHeads = 0;
};

}  // namespace ropescope::widgets
