// Layer x dimension heatmap of q_proj/k_proj row L1 norms. GUI thread only.
#include "widgets/weight_norms_view.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "widgets/view_support.h"

namespace ropescope::widgets {

WeightNormsView::WeightNormsView(QWidget* parent) : LayerSliceView(parent) {
  setSeriesLabel(tr("&Projection:"));
  setPlaceholder(tr("No weight norms"), tr("dimension"), tr("L1 norm"));
}

bool WeightNormsView::setResults(const engine::WeightNorms& results) {
  const engine::NdArray& q = results.qRowL1;
  const engine::NdArray& k = results.kRowL1;
  if (!isWellFormed(q, 3) || !isWellFormed(k, 3) || q.shape[0] != k.shape[0] || q.shape[2] != k.shape[2] ||
      q.shape[2] % 2 != 0) {
    clear();
    return false;
  }
  const int layers = static_cast<int>(q.shape[0]);
  const int dims = static_cast<int>(q.shape[2]);
  const int done = std::clamp(results.layersDone, 0, layers);
  const bool frequencyOrder = results.order == engine::DimOrder::Frequency;

  QString computed;
  if (done < layers) computed = tr(" (%1 of %2 layers computed)").arg(done).arg(layers);
  const QString dimAxis = frequencyOrder
                              ? tr("dimension (frequency order: pair i = dims 2i, 2i+1)")
                              : tr("dimension (storage order: dims j and j+%1 share a frequency)").arg(dims / 2);
  const auto tooltip = [frequencyOrder, dims](int layer, const QString& selection, int dim, double value) {
    // Frequency order: pair i = dims 2i, 2i+1. Storage (rotate_half): dims j and j + D/2.
    const int pair = frequencyOrder ? dim / 2 : dim % (dims / 2);
    const QString shown = std::isnan(value) ? tr("not computed (run cancelled)") : QString::number(value, 'g', 6);
    return tr("layer %1, %2, dim %3 (pair %4): %5").arg(layer).arg(selection).arg(dim).arg(pair).arg(shown);
  };
  const auto series = [&](const engine::NdArray& a, QString name, const QString& projection, bool kvHeads) {
    SliceSeries s{std::move(name), a, kvHeads, {}, dimAxis, {}, tr("L1 norm"), tooltip};
    // Layers a cancelled run did not reach show as NaN.
    const std::size_t perLayer = s.values.values.size() / static_cast<std::size_t>(layers);
    std::fill(s.values.values.begin() + static_cast<std::ptrdiff_t>(perLayer * static_cast<std::size_t>(done)),
              s.values.values.end(), std::numeric_limits<float>::quiet_NaN());
    // "%1" stays for the head selection.
    s.title = tr("L1 norm of %1 rows — %2").arg(projection, QStringLiteral("%1")) + computed;
    return s;
  };
  std::vector<SliceSeries> all;
  all.push_back(series(q, tr("Query (q_proj)"), QStringLiteral("q_proj"), false));
  all.push_back(series(k, tr("Key (k_proj)"), QStringLiteral("k_proj"), true));
  return setSeries(std::move(all));
}

}  // namespace ropescope::widgets
