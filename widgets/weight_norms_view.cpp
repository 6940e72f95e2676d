// Layer x dimension heatmap of q_proj/k_proj row L1 norms, per head or mean over heads. GUI thread only.
#include "widgets/weight_norms_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "widgets/heatmap_view.h"

namespace ropescope::widgets {
namespace {

// [layers, heads, head_dim] with positive sizes that fit an int and a values vector to match.
bool isLayerHeadDim(const engine::NdArray& a) {
  if (a.shape.size() != 3) return false;
  for (std::int64_t n : a.shape) {
    if (n <= 0 || n > INT_MAX) return false;
  }
  // Dividing avoids overflowing the product of absurd shapes.
  const auto count = static_cast<std::uint64_t>(a.values.size());
  const auto s0 = static_cast<std::uint64_t>(a.shape[0]);
  const auto s1 = static_cast<std::uint64_t>(a.shape[1]);
  const auto s2 = static_cast<std::uint64_t>(a.shape[2]);
  return count % s2 == 0 && count / s2 % s1 == 0 && count / s2 / s1 == s0;
}

}  // namespace

WeightNormsView::WeightNormsView(QWidget* parent) : QWidget(parent) {
  m_projectionCombo = new QComboBox(this);
  m_projectionCombo->addItem(tr("Query (q_proj)"));
  m_projectionCombo->addItem(tr("Key (k_proj)"));
  m_headCombo = new QComboBox(this);
  m_headCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_heatmap = new HeatmapView(this);

  auto* projectionLabel = new QLabel(tr("&Projection:"), this);
  projectionLabel->setBuddy(m_projectionCombo);
  auto* headLabel = new QLabel(tr("&Head:"), this);
  headLabel->setBuddy(m_headCombo);
  auto* toolbar = new QHBoxLayout;
  toolbar->setContentsMargins(8, 4, 8, 0);
  toolbar->addWidget(projectionLabel);
  toolbar->addWidget(m_projectionCombo);
  toolbar->addSpacing(12);
  toolbar->addWidget(headLabel);
  toolbar->addWidget(m_headCombo);
  toolbar->addStretch(1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(toolbar);
  layout->addWidget(m_heatmap, 1);

  m_heatmap->setTooltipFormatter([this](int row, int col, double value) { return tooltip(row, col, value); });
  connect(m_projectionCombo, &QComboBox::currentIndexChanged, this, &WeightNormsView::setProjection);
  // Item 0 is the mean, item i the head i - 1.
  connect(m_headCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) setHead(index - 1);
  });

  clear();
}

WeightNormsView::~WeightNormsView() = default;

bool WeightNormsView::setResults(engine::WeightNorms results) {
  const bool valid = isLayerHeadDim(results.qRowL1) && isLayerHeadDim(results.kRowL1) &&
                     results.qRowL1.shape[0] == results.kRowL1.shape[0] &&
                     results.qRowL1.shape[2] == results.kRowL1.shape[2] && results.qRowL1.shape[2] % 2 == 0;
  if (!valid) {
    clear();
    return false;
  }
  m_results = std::move(results);
  const int oldHead = m_head;
  rebuildHeadCombo();
  refresh();
  if (m_head != oldHead) Q_EMIT selectionChanged();
  return true;
}

void WeightNormsView::clear() {
  m_results.reset();
  rebuildHeadCombo();
  refresh();
}

void WeightNormsView::setProjection(int index) {
  if ((index != kQuery && index != kKey) || index == m_projection) return;
  m_projection = index;
  {
    const QSignalBlocker blocker(m_projectionCombo);
    m_projectionCombo->setCurrentIndex(index);
  }
  rebuildHeadCombo();  // keys have kv_heads heads
  refresh();
  Q_EMIT selectionChanged();
}

void WeightNormsView::setHead(int head) {
  if (head < kMeanOverHeads || head >= headCount() || head == m_head) return;
  m_head = head;
  {
    const QSignalBlocker blocker(m_headCombo);
    m_headCombo->setCurrentIndex(head + 1);
  }
  refresh();
  Q_EMIT selectionChanged();
}

int WeightNormsView::headCount() const { return m_results ? static_cast<int>(currentArray().shape[1]) : 0; }

bool WeightNormsView::exportTo(const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  return m_heatmap->exportTo(path, format, size, scale, error);
}

const engine::NdArray& WeightNormsView::currentArray() const {
  return m_projection == kKey ? m_results->kRowL1 : m_results->qRowL1;
}

void WeightNormsView::rebuildHeadCombo() {
  const int heads = headCount();
  if (m_head >= heads) m_head = kMeanOverHeads;
  const QSignalBlocker blocker(m_headCombo);
  m_headCombo->clear();
  m_headCombo->addItem(tr("Mean over heads"));
  for (int h = 0; h < heads; ++h) m_headCombo->addItem(headName(h));
  m_headCombo->setCurrentIndex(m_head + 1);
  m_headCombo->setEnabled(hasResults());
  m_projectionCombo->setEnabled(hasResults());
}

void WeightNormsView::refresh() {
  if (!m_results) {
    m_heatmap->clear();
    m_heatmap->setLabels(tr("No weight norms"), tr("layer"), tr("dimension"), tr("L1 norm"));
    return;
  }
  const engine::NdArray& a = currentArray();
  const int layers = static_cast<int>(a.shape[0]);
  const int heads = static_cast<int>(a.shape[1]);
  const int dims = static_cast<int>(a.shape[2]);
  const int done = std::clamp(m_results->layersDone, 0, layers);

  // [layers, head_dim]
  std::vector<float> matrix(static_cast<std::size_t>(layers) * dims, std::numeric_limits<float>::quiet_NaN());
  for (int l = 0; l < done; ++l) {
    for (int d = 0; d < dims; ++d) {
      float value = 0.0f;
      if (m_head == kMeanOverHeads) {
        double sum = 0.0;
        for (int h = 0; h < heads; ++h) sum += a.at({l, h, d});
        value = static_cast<float>(sum / heads);
      } else {
        value = a.at({l, m_head, d});
      }
      matrix[static_cast<std::size_t>(l) * dims + d] = value;
    }
  }
  m_heatmap->setMatrix(layers, dims, std::move(matrix));

  const QString projection = m_projection == kKey ? QStringLiteral("k_proj") : QStringLiteral("q_proj");
  const QString selection = m_head == kMeanOverHeads ? tr("mean over heads") : headPhrase(m_head);
  QString title = tr("L1 norm of %1 rows — %2").arg(projection, selection);
  if (done < layers) title += tr(" (%1 of %2 layers computed)").arg(done).arg(layers);
  const QString dimAxis = m_results->order == engine::DimOrder::Frequency
                              ? tr("dimension (frequency order: pair i = dims 2i, 2i+1)")
                              : tr("dimension (storage order: dims j and j+%1 share a frequency)").arg(dims / 2);
  m_heatmap->setLabels(title, tr("layer"), dimAxis, tr("L1 norm"));
}

QString WeightNormsView::headName(int head) const {
  return m_projection == kKey ? tr("KV head %1").arg(head) : tr("Head %1").arg(head);
}

QString WeightNormsView::headPhrase(int head) const {
  return m_projection == kKey ? tr("KV head %1").arg(head) : tr("head %1").arg(head);
}

QString WeightNormsView::tooltip(int layer, int dim, double value) const {
  if (!m_results) return {};
  const int dims = static_cast<int>(currentArray().shape[2]);
  // Frequency order: pair i = dims 2i, 2i+1. Storage (rotate_half): dims j and j + D/2.
  const int pair = m_results->order == engine::DimOrder::Frequency ? dim / 2 : dim % (dims / 2);
  const QString who = m_head == kMeanOverHeads ? tr("mean over heads") : headPhrase(m_head);
  const QString shown = std::isnan(value) ? tr("not computed (run cancelled)") : QString::number(value, 'g', 6);
  return tr("layer %1, %2, dim %3 (pair %4): %5").arg(layer).arg(who).arg(dim).arg(pair).arg(shown);
}

}  // namespace ropescope::widgets
