// The mask editor's grid.
#include "widgets/mask_grid_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/view_support.h"

namespace ropescope::widgets {

namespace {

constexpr double kLabelWidth = 34.0;
constexpr double kHeaderHeight = 16.0;
constexpr double kMinCell = 5.0;
constexpr double kMaxCell = 36.0;

}  // namespace

MaskGridView::MaskGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setToolTip(
      tr("Click or drag to mask pairs of query dims; click a head's label to mask the whole head, "
         "shift+click it to ablate the head; click a pair's number to mask it in every head"));
}

void MaskGridView::setGrid(const engine::MaskGrid& grid) {
  m_grid = grid;
  m_layer = std::clamp(m_layer, 0, std::max(0, grid.layers - 1));
  updateGeometry();
  update();
}

void MaskGridView::setLayer(int layer) {
  if (layer < 0 || layer >= m_grid.layers) return;
  m_layer = layer;
  update();
}

void MaskGridView::setSelectedHead(int layer, int head) {
  m_selected = std::pair{layer, head};
  update();
}

void MaskGridView::setEditable(bool editable) {
  m_editable = editable;
  update();
}

QSize MaskGridView::minimumSizeHint() const {
  return {static_cast<int>(kLabelWidth + kMinCell * std::max(1, pairs())) + 2,
          static_cast<int>(kHeaderHeight + kMinCell * std::max(1, m_grid.heads)) + 2};
}

QSize MaskGridView::sizeHint() const {
  return {static_cast<int>(kLabelWidth + 14.0 * std::max(1, pairs())) + 2,
          static_cast<int>(kHeaderHeight + 14.0 * std::max(1, m_grid.heads)) + 2};
}

QRectF MaskGridView::cellRect(int head, int pair) const {
  const double w = std::clamp((width() - kLabelWidth - 2) / std::max(1, pairs()), kMinCell, kMaxCell);
  const double h = std::clamp((height() - kHeaderHeight - 2) / std::max(1, m_grid.heads), kMinCell, kMaxCell);
  const double x = pair < 0 ? 0.0 : kLabelWidth + pair * w;
  const double y = head < 0 ? 0.0 : kHeaderHeight + head * h;
  return {x, y, pair < 0 ? kLabelWidth : w, head < 0 ? kHeaderHeight : h};
}

QPointF MaskGridView::cellCentre(int head, int pair) const { return cellRect(head, pair).center(); }

std::optional<MaskGridView::Hit> MaskGridView::hitAt(QPointF at) const {
  if (m_grid.heads <= 0 || pairs() <= 0) return std::nullopt;
  const QRectF first = cellRect(0, 0);
  int pair = -1, head = -1;
  if (at.x() >= kLabelWidth) pair = static_cast<int>((at.x() - kLabelWidth) / first.width());
  if (at.y() >= kHeaderHeight) head = static_cast<int>((at.y() - kHeaderHeight) / first.height());
  if (pair >= pairs() || head >= m_grid.heads || (pair < 0 && head < 0)) return std::nullopt;
  return Hit{head, pair};
}

int MaskGridView::pairState(int head, int pair) const {
  return static_cast<int>(m_grid.isMasked(m_layer, head, 2 * pair)) +
         static_cast<int>(m_grid.isMasked(m_layer, head, 2 * pair + 1));
}

void MaskGridView::setPair(int head, int pair, bool on) {
  m_grid.setMasked(m_layer, head, 2 * pair, on);
  m_grid.setMasked(m_layer, head, 2 * pair + 1, on);
}

void MaskGridView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  if (m_grid.heads <= 0 || pairs() <= 0) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter, tr("No model"));
    return;
  }
  const QColor masked(0x1f, 0x3a, 0x93), free(0xe8, 0xec, 0xf4), grid(0xc0, 0xc6, 0xd4);
  QFont small = font();
  small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.75));
  p.setFont(small);
  const int rotating = m_grid.pRope ? engine::rotatingPairs(*m_grid.pRope, pairs()) : pairs();
  // Pair numbers (every few when crowded); pairs that p-RoPE stops rotating are shaded.
  const QRectF first = cellRect(0, 0);
  const int every = first.width() >= 14 ? 1 : first.width() >= 7 ? 4 : 8;
  for (int c = 0; c < pairs(); ++c) {
    const QRectF header = cellRect(-1, c);
    if (c >= rotating) p.fillRect(header, QColor(0xf0, 0xa2, 0x02, 110));
    if (c % every == 0) {
      p.setPen(palette().color(QPalette::Text));
      p.drawText(header.adjusted(-8, 0, 8, 0), Qt::AlignCenter, QString::number(c));
    }
  }
  for (int h = 0; h < m_grid.heads; ++h) {
    const bool ablated = m_grid.isAblated(m_layer, h);
    const QRectF label = cellRect(h, -1);
    p.setPen(palette().color(QPalette::Text));
    if (m_grid.heads <= 32 || h % 4 == 0)
      p.drawText(label.adjusted(2, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("H%1").arg(h));
    for (int c = 0; c < pairs(); ++c) {
      const QRectF cell = cellRect(h, c);
      const int state = pairState(h, c);
      p.fillRect(cell, free);
      if (state == 2) p.fillRect(cell, masked);
      if (state == 1) p.fillRect(QRectF(cell.left(), cell.top(), cell.width() / 2, cell.height()), masked);
      if (ablated) p.fillRect(cell, QBrush(QColor(0x60, 0x60, 0x60), Qt::BDiagPattern));
      p.setPen(QPen(grid, 0));
      p.drawRect(cell);
    }
  }
  if (m_selected && m_selected->first == m_layer && m_selected->second >= 0 && m_selected->second < m_grid.heads) {
    const QRectF row = cellRect(m_selected->second, 0).united(cellRect(m_selected->second, pairs() - 1));
    p.setPen(QPen(selectionColor(), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(row.adjusted(-1, -1, 1, 1));
  }
  if (!m_editable) p.fillRect(rect(), QColor(255, 255, 255, 120));
}

void MaskGridView::mousePressEvent(QMouseEvent* event) {
  const auto hit = hitAt(event->position());
  if (!hit || event->button() != Qt::LeftButton) return;
  if (hit->pair < 0) {  // a head's label: select it, toggle it whole or ablate it
    Q_EMIT headClicked(m_layer, hit->head);
    if (!m_editable) return;
    if (event->modifiers() & Qt::ShiftModifier) {
      m_grid.setAblated(m_layer, hit->head, !m_grid.isAblated(m_layer, hit->head));
    } else {
      bool all = true;
      for (int c = 0; c < pairs(); ++c) all = all && pairState(hit->head, c) == 2;
      for (int c = 0; c < pairs(); ++c) setPair(hit->head, c, !all);
    }
  } else if (!m_editable) {
    return;
  } else if (hit->head < 0) {  // a pair's number: that pair in every head of the layer
    bool all = true;
    for (int h = 0; h < m_grid.heads; ++h) all = all && pairState(h, hit->pair) == 2;
    for (int h = 0; h < m_grid.heads; ++h) setPair(h, hit->pair, !all);
  } else {
    m_paint = pairState(hit->head, hit->pair) != 2;
    m_last = hit;
    setPair(hit->head, hit->pair, *m_paint);
  }
  update();
  Q_EMIT edited(m_grid);
}

void MaskGridView::mouseMoveEvent(QMouseEvent* event) {
  if (!m_paint) return;
  const auto hit = hitAt(event->position());
  if (!hit || hit->head < 0 || hit->pair < 0) return;
  if (m_last && m_last->head == hit->head && m_last->pair == hit->pair) return;
  m_last = hit;
  if ((pairState(hit->head, hit->pair) == 2) == *m_paint) return;
  setPair(hit->head, hit->pair, *m_paint);
  update();
  Q_EMIT edited(m_grid);
}

void MaskGridView::mouseReleaseEvent(QMouseEvent*) {
  m_paint.reset();
  m_last.reset();
}

}  // namespace ropescope::widgets
