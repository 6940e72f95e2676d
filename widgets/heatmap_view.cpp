// A rows x columns colour map (QCustomPlot) with hover tooltips, click signals and export. GUI thread only.
#include "widgets/heatmap_view.h"

#include <QKeyEvent>

#include <qcustomplot.h>

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

#include "widgets/color_gradient.h"
#include "widgets/color_maps.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A press and release closer than this (Manhattan, pixels) is a click, as QCustomPlot counts it.
constexpr double kClickSlop = 3.0;

// A QCPColorMapData range for n cells centred at 0 .. n-1. A single cell needs a non-empty
// range, else QCustomPlot draws it zero pixels wide.
QCPRange cellRange(int n) { return n > 1 ? QCPRange(0.0, n - 1.0) : QCPRange(-0.5, 0.5); }

// Range of the finite values; NaN (masked) and infinite values would make it unusable.
QCPRange colorRangeOf(const std::vector<float>& values) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (float v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, double(v));
    hi = std::max(hi, double(v));
  }
  if (lo > hi) return QCPRange(0.0, 1.0);  // nothing finite
  if (lo == hi) {
    // QCPColorMap ignores an empty range; centre the single value in the gradient.
    const double pad = lo == 0.0 ? 0.5 : std::abs(lo) * 0.5;
    return QCPRange(lo - pad, hi + pad);
  }
  return QCPRange(lo, hi);
}

// [-m, m] for the largest finite |value| m (so 0 is the diverging map's white), [-1, 1] when
// every value is 0 or none is finite.
QCPRange symmetricRangeOf(const std::vector<float>& values) {
  double m = 0.0;
  for (float v : values)
    if (std::isfinite(v)) m = std::max(m, std::abs(double(v)));
  if (m == 0.0) m = 1.0;
  return QCPRange(-m, m);
}

}  // namespace

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);

  // Hover tooltips need move events without a pressed button.
  m_plot->setMouseTracking(true);
  m_plot->installEventFilter(this);

  QFont titleFont = font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
  titleFont.setBold(true);
  m_title = new QCPTextElement(m_plot, QString(), titleFont);
  m_plot->plotLayout()->insertRow(0);
  m_plot->plotLayout()->addElement(0, 0, m_title);

  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  m_map->setInterpolate(false);
  // Not tight: that clips the outer rows and columns at their centres, i.e. to half cells.
  m_map->setTightBoundary(false);

  m_scale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(1, 1, m_scale);
  m_scale->setType(QCPAxis::atRight);
  m_map->setColorScale(m_scale);  // takes over the scale's gradient: set ours after this
  m_map->setGradient(gradientOf(false));
  connect(&ColorMaps::instance(), &ColorMaps::changed, this, [this] {
    m_map->setGradient(gradientOf(m_signed));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
  });

  // Keeps the colour scale exactly as tall as the map.
  auto* margins = new QCPMarginGroup(m_plot);
  m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

  m_plot->yAxis->setRangeReversed(true);  // row 0 (layer 0) at the top
  useIntegerTicks(m_plot->xAxis);
  useIntegerTicks(m_plot->yAxis);
  m_plot->xAxis->grid()->setVisible(false);
  m_plot->yAxis->grid()->setVisible(false);

  m_mark = new QCPItemRect(m_plot);
  m_mark->setPen(QPen(selectionColor(), 2.5));  // red, which viridis lacks
  m_mark->setBrush(Qt::NoBrush);
  m_mark->setSelectable(false);
  m_mark->setVisible(false);
  m_rowMark = new QCPItemRect(m_plot);
  m_rowMark->setPen(QPen(selectionColor(), 2.0, Qt::DashLine));
  m_rowMark->setBrush(Qt::NoBrush);
  m_rowMark->setSelectable(false);
  m_rowMark->setVisible(false);

  connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
  connect(m_plot, &QCustomPlot::mousePress, this, &HeatmapView::onMousePress);
  connect(m_plot, &QCustomPlot::mouseRelease, this, &HeatmapView::onMouseRelease);

  m_map->data()->clear();
  applyAxisRanges();
  m_map->setDataRange(QCPRange(0.0, 1.0));
}

HeatmapView::~HeatmapView() = default;

bool HeatmapView::setMatrix(int rows, int cols, std::vector<float> values) {
  if (rows <= 0 || cols <= 0 || values.size() != static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols)) {
    clear();
    return false;
  }
  leaveHover();
  m_rows = rows;
  m_cols = cols;
  QCPColorMapData* data = m_map->data();
  data->setSize(cols, rows);  // key = column (x), value = row (y)
  data->setRange(cellRange(cols), cellRange(rows));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) data->setCell(c, r, values[static_cast<std::size_t>(r) * cols + c]);
  }
  // Not rescaleDataRange(true): QCPColorMapData::recalculateDataBounds starts from cell 0, so a
  // NaN there makes the whole range NaN.
  m_map->setDataRange(m_signed ? symmetricRangeOf(values) : colorRangeOf(values));
  applyAxisRanges();
  updateMark();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  return true;
}

void HeatmapView::setSignedValues(bool on) {
  if (on == m_signed) return;
  m_signed = on;
  m_map->setGradient(gradientOf(on));
  // Red marks vanish in the diverging map's red half; green shows on blue, white and red.
  const QColor mark = on ? QColor(0, 170, 0) : selectionColor();
  m_mark->setPen(QPen(mark, 2.5));
  m_rowMark->setPen(QPen(mark, 2.0, Qt::DashLine));
  if (m_rows > 0) {
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(m_rows) * m_cols);
    for (int r = 0; r < m_rows; ++r)
      for (int c = 0; c < m_cols; ++c) values.push_back(static_cast<float>(m_map->data()->cell(c, r)));
    m_map->setDataRange(on ? symmetricRangeOf(values) : colorRangeOf(values));
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QColor HeatmapView::colorOfValue(double value) const {
  const QCPRange range = m_map->dataRange();
  const double t = range.size() > 0 ? (value - range.lower) / range.size() : 0.5;
  return m_signed ? divergingColorAt(t) : colorAt(ColorMaps::instance().sequential(), t);
}

void HeatmapView::clear() {
  leaveHover();
  m_rows = 0;
  m_cols = 0;
  m_map->data()->clear();
  m_map->setDataRange(QCPRange(0.0, 1.0));
  applyAxisRanges();
  updateMark();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setMarkedCell(std::optional<Cell> cell) {
  m_markedCell = cell;
  updateMark();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<HeatmapView::Cell> HeatmapView::markedCell() const {
  if (!m_markedCell || m_markedCell->row < 0 || m_markedCell->row >= m_rows || m_markedCell->col < 0 ||
      m_markedCell->col >= m_cols)
    return std::nullopt;
  return m_markedCell;
}

void HeatmapView::replotNow() { m_plot->replot(QCustomPlot::rpImmediateRefresh); }

void HeatmapView::setMarkedRow(std::optional<int> row) {
  m_markedRow = row;
  updateMark();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<int> HeatmapView::markedRow() const {
  if (!m_markedRow || *m_markedRow < 0 || *m_markedRow >= m_rows) return std::nullopt;
  return m_markedRow;
}

void HeatmapView::setKeyboardNavigation(bool on) {
  m_keyboard = on;
  m_plot->setFocusPolicy(on ? Qt::StrongFocus : Qt::NoFocus);
}

void HeatmapView::updateMark() {
  const std::optional<int> row = markedRow();
  m_rowMark->setVisible(row.has_value() && m_cols > 0);
  if (row) {
    m_rowMark->topLeft->setCoords(-0.5, *row - 0.5);
    m_rowMark->bottomRight->setCoords(m_cols - 0.5, *row + 0.5);
  }
  const std::optional<Cell> cell = markedCell();
  m_mark->setVisible(cell.has_value());
  if (!cell) return;
  m_mark->topLeft->setCoords(cell->col - 0.5, cell->row - 0.5);
  m_mark->bottomRight->setCoords(cell->col + 0.5, cell->row + 0.5);
}

void HeatmapView::setLabels(const QString& title, const QString& rowAxis, const QString& colAxis,
                            const QString& valueLabel) {
  m_title->setText(title);
  m_plot->yAxis->setLabel(rowAxis);
  m_plot->xAxis->setLabel(colAxis);
  m_scale->axis()->setLabel(valueLabel);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::setTooltipFormatter(TooltipFormatter formatter) { m_formatter = std::move(formatter); }

double HeatmapView::cellValue(int row, int col) const {
  if (row < 0 || row >= m_rows || col < 0 || col >= m_cols) return kNaN;
  return m_map->data()->cell(col, row);
}

QPair<double, double> HeatmapView::colorRange() const {
  const QCPRange range = m_map->dataRange();
  return {range.lower, range.upper};
}

QString HeatmapView::title() const { return m_title->text(); }

QString HeatmapView::rowAxisLabel() const { return m_plot->yAxis->label(); }

QString HeatmapView::columnAxisLabel() const { return m_plot->xAxis->label(); }

QString HeatmapView::valueLabel() const { return m_scale->axis()->label(); }

bool HeatmapView::rowAxisReversed() const { return m_plot->yAxis->rangeReversed(); }

QString HeatmapView::tooltipText(int row, int col) const {
  if (row < 0 || row >= m_rows || col < 0 || col >= m_cols) return {};
  const double value = cellValue(row, col);
  if (m_formatter) return m_formatter(row, col, value);
  const QString shown = std::isnan(value) ? tr("no value") : QString::number(value, 'g', 6);
  return tr("row %1, col %2: %3").arg(row).arg(col).arg(shown);
}

std::optional<HeatmapView::Cell> HeatmapView::cellAtPixel(QPointF pixel) const {
  if (m_rows == 0 || m_cols == 0) return std::nullopt;
  if (!m_plot->axisRect()->rect().contains(pixel.toPoint())) return std::nullopt;
  // Cells are centred on integer coordinates, so rounding is QCPColorMapData::coordToCell for
  // our ranges, minus its problems: it does not clamp, and divides by zero for a single cell.
  const double col = std::floor(m_plot->xAxis->pixelToCoord(pixel.x()) + 0.5);
  const double row = std::floor(m_plot->yAxis->pixelToCoord(pixel.y()) + 0.5);
  if (!(col >= 0 && col < m_cols && row >= 0 && row < m_rows)) return std::nullopt;
  return Cell{static_cast<int>(row), static_cast<int>(col)};
}

QPointF HeatmapView::pixelOfCell(int row, int col) const {
  return {m_plot->xAxis->coordToPixel(col), m_plot->yAxis->coordToPixel(row)};
}

QWidget* HeatmapView::plotWidget() const { return m_plot; }

bool HeatmapView::exportTo(const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  return exportPlot(*m_plot, path, format, size, scale, error);
}

bool HeatmapView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::Leave) leaveHover();
  if (watched == m_plot && m_keyboard && event->type() == QEvent::KeyPress && m_rows > 0 && m_cols > 0) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    const Cell at = markedCell().value_or(Cell{0, 0});
    Cell next = at;
    if (key == Qt::Key_Up) next.row = std::max(0, at.row - 1);
    if (key == Qt::Key_Down) next.row = std::min(m_rows - 1, at.row + 1);
    if (key == Qt::Key_Left) next.col = std::max(0, at.col - 1);
    if (key == Qt::Key_Right) next.col = std::min(m_cols - 1, at.col + 1);
    if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Left || key == Qt::Key_Right) {
      if (next != at || !markedCell()) {
        setMarkedCell(next);
        Q_EMIT cellClicked(next.row, next.col);
      }
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void HeatmapView::onMouseMove(QMouseEvent* event) {
  const std::optional<Cell> cell = cellAtPixel(event->position());
  if (!cell) {
    leaveHover();
    return;
  }
  QToolTip::showText(event->globalPosition().toPoint(), tooltipText(cell->row, cell->col), m_plot);
  if (cell != m_hovered) {
    m_hovered = cell;
    Q_EMIT cellHovered(cell->row, cell->col, cellValue(cell->row, cell->col));
  }
}

void HeatmapView::onMousePress(QMouseEvent* event) {
  m_pressPos.reset();
  if (event->button() == Qt::LeftButton) m_pressPos = event->position();
}

void HeatmapView::onMouseRelease(QMouseEvent* event) {
  const std::optional<QPointF> pressPos = std::exchange(m_pressPos, std::nullopt);
  if (event->button() != Qt::LeftButton || !pressPos) return;
  if ((event->position() - *pressPos).manhattanLength() > kClickSlop) return;
  if (const std::optional<Cell> cell = cellAtPixel(event->position())) Q_EMIT cellClicked(cell->row, cell->col);
}

void HeatmapView::applyAxisRanges() {
  m_plot->xAxis->setRange(-0.5, std::max(m_cols, 1) - 0.5);
  m_plot->yAxis->setRange(-0.5, std::max(m_rows, 1) - 0.5);
}

void HeatmapView::leaveHover() {
  if (!m_hovered) return;
  m_hovered.reset();
  QToolTip::hideText();
}

}  // namespace ropescope::widgets
