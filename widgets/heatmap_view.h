// A rows x columns colour map (QCustomPlot) with hover tooltips, click signals and export. GUI thread only.
#pragma once

#include <QColor>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

#include "widgets/plot_export.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPTextElement;
class QMouseEvent;

namespace ropescope::widgets {

// Cell (row, col) is centred at x = col, y = row; row 0 is drawn at the top. NaN cells are grey.
class HeatmapView : public QWidget {
  Q_OBJECT

 public:
  using TooltipFormatter = std::function<QString(int row, int col, double value)>;

  struct Cell {
    int row = -1;
    int col = -1;
    friend bool operator==(const Cell&, const Cell&) = default;
  };

  explicit HeatmapView(QWidget* parent = nullptr);
  ~HeatmapView() override;

  // values: row-major [rows, cols]. Returns false (and shows an empty map) when rows or cols is
  // not positive or values.size() != rows * cols. The colour range is the range of the non-NaN
  // values, widened around a single value when they are all equal, [0, 1] when all are NaN.
  bool setMatrix(int rows, int cols, std::vector<float> values);
  void clear();

  // Signed values (a correlation, say): the diverging map with 0 at its centre and a range
  // symmetric about 0; otherwise the app's sequential map over the values' range.
  void setSignedValues(bool on);
  bool signedValues() const { return m_signed; }
  // The colour a value is drawn in under the current map and range (for tests and legends).
  QColor colorOfValue(double value) const;

  void setLabels(const QString& title, const QString& rowAxis, const QString& colAxis, const QString& valueLabel);
  // An empty formatter restores the default "row r, col c: value".
  void setTooltipFormatter(TooltipFormatter formatter);
  // Outlines one cell (the selected head, say); nullopt or a cell outside the matrix removes it.
  // The mark is kept across setMatrix while the cell still exists.
  void setMarkedCell(std::optional<Cell> cell);
  std::optional<Cell> markedCell() const;
  // Outlines a whole row (the selected head's layer in per-head views); nullopt removes it.
  void setMarkedRow(std::optional<int> row);
  std::optional<int> markedRow() const;
  // Arrow keys move the marked cell (emitting cellClicked) while the plot has focus.
  void setKeyboardNavigation(bool on);

  int rows() const { return m_rows; }
  int columns() const { return m_cols; }
  // The value stored in the colour map; NaN out of range.
  double cellValue(int row, int col) const;
  QPair<double, double> colorRange() const;
  QString title() const;
  QString rowAxisLabel() const;
  QString columnAxisLabel() const;
  QString valueLabel() const;
  bool rowAxisReversed() const;

  // The formatter's text for a cell, or an empty string out of range.
  QString tooltipText(int row, int col) const;
  // Geometry in plotWidget() pixels; valid once the plot has been laid out (shown or replotted).
  std::optional<Cell> cellAtPixel(QPointF pixel) const;
  QPointF pixelOfCell(int row, int col) const;
  // Draws the plot now rather than at the next event loop turn (for timing).
  void replotNow();
  // The QCustomPlot as a plain QWidget (for event filters, grabbing, tests).
  QWidget* plotWidget() const;

  bool exportTo(const QString& path, ExportFormat format, QSize size, double scale = 1.0, QString* error = nullptr);

 Q_SIGNALS:
  void cellClicked(int row, int col);
  void cellHovered(int row, int col, double value);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  void onMouseRelease(QMouseEvent* event);
  void applyAxisRanges();
  void updateMark();
  void leaveHover();

  QCustomPlot* m_plot = nullptr;  // child widget, owns the items below
  QCPColorMap* m_map = nullptr;
  QCPColorScale* m_scale = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPItemRect* m_mark = nullptr;
  QCPItemRect* m_rowMark = nullptr;
  std::optional<Cell> m_markedCell;
  std::optional<int> m_markedRow;
  bool m_keyboard = false;
  bool m_signed = false;
  TooltipFormatter m_formatter;
  int m_rows = 0;
  int m_cols = 0;
  std::optional<Cell> m_hovered;
  std::optional<QPointF> m_pressPos;
};

}  // namespace ropescope::widgets
