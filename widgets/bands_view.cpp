// The "Bands" page: query/key band norms per layer and RoPE pair. GUI thread only.
#include "widgets/bands_view.h"

#include <QVBoxLayout>
#include <vector>

#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {

BandsView::BandsView(QWidget* parent) : ResultsPane(parent) {
  m_slices = new LayerSliceView(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_slices);
}

bool BandsView::setResults(const engine::ResultsFile& results) {
  const auto* q = findArray(results, engine::schema::kBandsQNorm);
  const auto* k = findArray(results, engine::schema::kBandsKNorm);
  if (!q || !k || q->shape[0] != k->shape[0] || q->shape[2] != k->shape[2]) {
    clear();
    return false;
  }
  m_queryHeads = static_cast<int>(q->shape[1]);
  const auto tokens = numberAttribute(results, engine::schema::kBandsTokens);
  const QString over = tokens ? tr(", over %1 tokens").arg(static_cast<long long>(*tokens)) : QString();
  // Without rotary position embedding the pairs have no frequencies: only their dims are named.
  const bool rotary = !results.weights || results.weights->model.rotary;
  const QString axis = rotary ? tr("pair i (frequency order: dims 2i, 2i+1; highest frequency first)")
                              : tr("pair i (dims 2i, 2i+1; the model has no rotary position embedding)");
  std::vector<SliceSeries> series(2);
  series[kQueries] = {tr("Queries (q)"), *q, false, tr("Mean 2-norm of each query pair — %1") + over, axis, tr("pair"),
                      tr("q pair norm")};
  series[kKeys] = {tr("Keys (k)"),   *k, true, tr("Mean 2-norm of each key pair — %1") + over, axis, tr("pair"),
                   tr("k pair norm")};
  return m_slices->setSeries(std::move(series));
}

void BandsView::clear() {
  m_slices->clear();
  m_queryHeads = 0;
}

bool BandsView::hasData() const { return m_slices->hasData(); }

QString BandsView::unavailableText() const {
  return tr("Needs frequency-band norms (/bands/q_norm and /bands/k_norm).");
}

void BandsView::selectHead(int layer, int head) {
  // Every layer is on screen: the head's layer is outlined.
  m_slices->selectQueryHead(head, m_queryHeads);
  m_slices->heatmap()->setMarkedRow(layer);
}

QWidget* BandsView::plotWidget() const { return m_slices->heatmap()->plotWidget(); }

}  // namespace ropescope::widgets
