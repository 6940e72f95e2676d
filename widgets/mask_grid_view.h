// The mask editor's grid: the heads of one layer (rows) by RoPE pairs (columns, highest frequency
// first). A click or a drag toggles cells (both dims of a pair); a click on a head's label
// toggles the whole head, shift+click ablates it; a click on a pair's label toggles that pair in
// every head of the layer. Masked pairs are dark, pairs with one dim masked half dark, ablated
// heads hatched, pairs that p-RoPE stops rotating shaded in the header. GUI thread only.
#pragma once

#include <QWidget>
#include <optional>

#include "engine/results/mask_grid.h"

namespace ropescope::widgets {

class MaskGridView : public QWidget {
  Q_OBJECT

 public:
  explicit MaskGridView(QWidget* parent = nullptr);

  void setGrid(const engine::MaskGrid& grid);
  const engine::MaskGrid& grid() const { return m_grid; }
  void setLayer(int layer);
  int layer() const { return m_layer; }
  // Outlines one head's row (the selected head) when it is in the shown layer.
  void setSelectedHead(int layer, int head);
  void setEditable(bool editable);

  // Geometry (widget pixels) of a cell's centre, for tests; pair -1 is the head's label.
  QPointF cellCentre(int head, int pair) const;
  QSize minimumSizeHint() const override;
  QSize sizeHint() const override;

 Q_SIGNALS:
  // The user changed cells (emitted for each change while dragging).
  void edited(const ropescope::engine::MaskGrid& grid);
  // The user clicked a head's label.
  void headClicked(int layer, int head);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  struct Hit {
    int head = -1;  // -1: the pair header row
    int pair = -1;  // -1: the head label column
  };
  std::optional<Hit> hitAt(QPointF at) const;
  QRectF cellRect(int head, int pair) const;
  int pairs() const { return m_grid.headDim / 2; }
  // 0 unmasked, 1 one dim masked, 2 both.
  int pairState(int head, int pair) const;
  void setPair(int head, int pair, bool on);

  engine::MaskGrid m_grid;
  int m_layer = 0;
  std::optional<std::pair<int, int>> m_selected;
  bool m_editable = true;
  std::optional<bool> m_paint;  // what a drag paints (set by the press)
  std::optional<Hit> m_last;
};

}  // namespace ropescope::widgets
