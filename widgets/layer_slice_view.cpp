// Layer x column heatmap of [layer, head, column] arrays, for one head or the mean. GUI thread only.
#include "widgets/layer_slice_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <cmath>
#include <limits>
#include <utility>

#include "widgets/heatmap_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {

LayerSliceView::LayerSliceView(QWidget* parent) : QWidget(parent) {
  m_seriesCombo = new QComboBox(this);
  m_headCombo = new QComboBox(this);
  m_headCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_heatmap = new HeatmapView(this);
  m_placeholder[0] = tr("Nothing to show");

  auto* toolbar = newToolbar();
  m_seriesLabel = addLabelled(toolbar, tr("&Show:"), m_seriesCombo);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&Head:"), m_headCombo);
  setToolbarLayout(this, toolbar, m_heatmap);

  m_heatmap->setTooltipFormatter([this](int row, int col, double value) { return tooltip(row, col, value); });
  connect(m_seriesCombo, &QComboBox::currentIndexChanged, this, &LayerSliceView::setCurrentSeries);
  // Item 0 is the mean, item i the head i - 1.
  connect(m_headCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) setHead(index - 1);
  });
  clear();
}

bool LayerSliceView::setSeries(std::vector<SliceSeries> series) {
  bool valid = !series.empty();
  for (const auto& s : series) valid = valid && isWellFormed(s.values, 3);
  if (!valid) {
    clear();
    return false;
  }
  m_series = std::move(series);
  if (m_current >= seriesCount()) m_current = 0;
  const int oldHead = m_head;
  {
    const QSignalBlocker blocker(m_seriesCombo);
    m_seriesCombo->clear();
    for (const auto& s : m_series) m_seriesCombo->addItem(s.name);
    m_seriesCombo->setCurrentIndex(m_current);
  }
  // One series needs no selector.
  m_seriesCombo->setVisible(seriesCount() > 1);
  m_seriesLabel->setVisible(seriesCount() > 1);
  m_seriesCombo->setEnabled(true);
  rebuildHeadCombo();
  refresh();
  if (m_head != oldHead) Q_EMIT selectionChanged();
  return true;
}

void LayerSliceView::clear() {
  m_series.clear();
  m_current = 0;
  m_seriesCombo->clear();
  m_seriesCombo->setVisible(false);
  m_seriesLabel->setVisible(false);
  m_seriesCombo->setEnabled(false);
  rebuildHeadCombo();
  refresh();
}

void LayerSliceView::setSeriesLabel(const QString& text) { m_seriesLabel->setText(text); }

void LayerSliceView::setPlaceholder(const QString& title, const QString& columnAxis, const QString& valueLabel) {
  m_placeholder[0] = title;
  m_placeholder[1] = columnAxis;
  m_placeholder[2] = valueLabel;
  if (!hasData()) refresh();
}

void LayerSliceView::setCurrentSeries(int index) {
  if (index < 0 || index >= seriesCount() || index == m_current) return;
  m_current = index;
  {
    const QSignalBlocker blocker(m_seriesCombo);
    m_seriesCombo->setCurrentIndex(index);
  }
  rebuildHeadCombo();
  refresh();
  Q_EMIT selectionChanged();
}

void LayerSliceView::setHead(int head) {
  if (head < kMeanOverHeads || head >= headCount() || head == m_head) return;
  m_head = head;
  {
    const QSignalBlocker blocker(m_headCombo);
    m_headCombo->setCurrentIndex(head + 1);
  }
  refresh();
  Q_EMIT selectionChanged();
}

int LayerSliceView::headCount() const {
  return hasData() ? static_cast<int>(m_series[static_cast<std::size_t>(m_current)].values.shape[1]) : 0;
}

void LayerSliceView::selectQueryHead(int queryHead, int queryHeads) {
  const int heads = headCount();
  if (heads == 0 || queryHead < 0) return;
  int head = queryHead;
  if (m_series[static_cast<std::size_t>(m_current)].kvHeads) {
    if (queryHeads < heads || queryHeads % heads != 0) return;
    head = queryHead / (queryHeads / heads);
  }
  if (head < heads) setHead(head);
}

bool LayerSliceView::exportTo(const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  return m_heatmap->exportTo(path, format, size, scale, error);
}

void LayerSliceView::rebuildHeadCombo() {
  const int heads = headCount();
  if (m_head >= heads) m_head = kMeanOverHeads;
  const QSignalBlocker blocker(m_headCombo);
  m_headCombo->clear();
  m_headCombo->addItem(tr("Mean over heads"));
  const bool kv = hasData() && m_series[static_cast<std::size_t>(m_current)].kvHeads;
  for (int h = 0; h < heads; ++h) m_headCombo->addItem(kv ? tr("KV head %1").arg(h) : tr("Head %1").arg(h));
  m_headCombo->setCurrentIndex(m_head + 1);
  m_headCombo->setEnabled(hasData());
}

void LayerSliceView::refresh() {
  if (!hasData()) {
    m_heatmap->clear();
    m_heatmap->setLabels(m_placeholder[0], tr("layer"), m_placeholder[1], m_placeholder[2]);
    return;
  }
  const SliceSeries& s = m_series[static_cast<std::size_t>(m_current)];
  const int layers = static_cast<int>(s.values.shape[0]);
  const int heads = static_cast<int>(s.values.shape[1]);
  const int columns = static_cast<int>(s.values.shape[2]);
  // [layers, columns]
  std::vector<float> matrix(static_cast<std::size_t>(layers) * columns);
  std::vector<double> perHead(static_cast<std::size_t>(heads));
  for (int l = 0; l < layers; ++l) {
    for (int c = 0; c < columns; ++c) {
      double value = 0.0;
      if (m_head == kMeanOverHeads) {
        for (int h = 0; h < heads; ++h) perHead[static_cast<std::size_t>(h)] = s.values.at({l, h, c});
        value = finiteMean(perHead);  // NaN (units not run) stays out of the mean
      } else {
        value = s.values.at({l, m_head, c});
      }
      matrix[static_cast<std::size_t>(l) * columns + c] = static_cast<float>(value);
    }
  }
  m_heatmap->setMatrix(layers, columns, std::move(matrix));
  const QString selection = m_head == kMeanOverHeads ? tr("mean over heads") : headPhrase(m_head);
  m_heatmap->setLabels(s.title.arg(selection), tr("layer"), s.columnAxis, s.valueLabel);
}

QString LayerSliceView::headPhrase(int head) const {
  return m_series[static_cast<std::size_t>(m_current)].kvHeads ? tr("KV head %1").arg(head) : tr("head %1").arg(head);
}

QString LayerSliceView::tooltip(int layer, int column, double value) const {
  if (!hasData()) return {};
  const SliceSeries& s = m_series[static_cast<std::size_t>(m_current)];
  const QString who = m_head == kMeanOverHeads ? tr("mean over heads") : headPhrase(m_head);
  if (s.tooltip) return s.tooltip(layer, who, column, value);
  const QString shown = std::isnan(value) ? tr("no value") : QString::number(value, 'g', 6);
  return tr("layer %1, %2, %3 %4: %5").arg(layer).arg(who, s.columnWord).arg(column).arg(shown);
}

}  // namespace ropescope::widgets
