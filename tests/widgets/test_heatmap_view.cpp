// Tests of HeatmapView: stored cells, colour range, orientation, hover and click. GUI thread.
#include <gtest/gtest.h>

#include <QColor>
#include <QImage>
#include <QSignalSpy>
#include <QToolTip>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "widget_test_support.h"
#include "widgets/heatmap_view.h"

namespace ropescope::widgets {
namespace {

using test::click;
using test::layOut;
using test::sendMouse;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr int kRows = 3;
constexpr int kCols = 5;

float valueAt(int r, int c) { return 10.0f * r + c + 0.5f; }

// 3 x 5, row-major, cell (1, 2) masked.
std::vector<float> matrix3x5() {
  std::vector<float> values;
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kCols; ++c) values.push_back(r == 1 && c == 2 ? kNaN : valueAt(r, c));
  }
  return values;
}

TEST(HeatmapView, CellsHoldTheMatrixValues) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_EQ(view.rows(), kRows);
  EXPECT_EQ(view.columns(), kCols);
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kCols; ++c) {
      if (r == 1 && c == 2) {
        EXPECT_TRUE(std::isnan(view.cellValue(r, c)));
      } else {
        EXPECT_DOUBLE_EQ(view.cellValue(r, c), valueAt(r, c)) << "cell " << r << ", " << c;
      }
    }
  }
}

TEST(HeatmapView, CellValueOutOfRangeIsNaN) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_TRUE(std::isnan(view.cellValue(-1, 0)));
  EXPECT_TRUE(std::isnan(view.cellValue(kRows, 0)));
  EXPECT_TRUE(std::isnan(view.cellValue(0, kCols)));
}

TEST(HeatmapView, ColorRangeIsTheDataRangeIgnoringNaN) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_DOUBLE_EQ(view.colorRange().first, valueAt(0, 0));
  EXPECT_DOUBLE_EQ(view.colorRange().second, valueAt(kRows - 1, kCols - 1));

  // QCPColorMapData::recalculateDataBounds starts from cell 0: a NaN there must not leak in.
  ASSERT_TRUE(view.setMatrix(2, 2, {kNaN, 4.0f, -2.0f, 3.0f}));
  EXPECT_DOUBLE_EQ(view.colorRange().first, -2.0);
  EXPECT_DOUBLE_EQ(view.colorRange().second, 4.0);
}

TEST(HeatmapView, EqualValuesGiveARangeAroundThem) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(2, 2, {7.0f, 7.0f, 7.0f, kNaN}));
  const auto [lo, hi] = view.colorRange();
  EXPECT_LT(lo, 7.0);
  EXPECT_GT(hi, 7.0);

  ASSERT_TRUE(view.setMatrix(1, 2, {0.0f, 0.0f}));
  EXPECT_LT(view.colorRange().first, 0.0);
  EXPECT_GT(view.colorRange().second, 0.0);
}

TEST(HeatmapView, AllNaNGivesAUsableRange) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(1, 3, {kNaN, kNaN, kNaN}));
  const auto [lo, hi] = view.colorRange();
  EXPECT_TRUE(std::isfinite(lo));
  EXPECT_TRUE(std::isfinite(hi));
  EXPECT_LT(lo, hi);
}

TEST(HeatmapView, RejectsBadShapesAndShowsNothing) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_FALSE(view.setMatrix(2, 3, std::vector<float>(5, 1.0f)));
  EXPECT_EQ(view.rows(), 0);
  EXPECT_EQ(view.columns(), 0);
  EXPECT_TRUE(std::isnan(view.cellValue(0, 0)));
  EXPECT_FALSE(view.setMatrix(0, 3, {}));
  EXPECT_FALSE(view.setMatrix(-1, -1, {1.0f}));
  EXPECT_FALSE(view.setMatrix(2, 0, {}));
  EXPECT_EQ(view.rows(), 0);
}

TEST(HeatmapView, ClearEmptiesTheMap) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  view.clear();
  EXPECT_EQ(view.rows(), 0);
  EXPECT_EQ(view.columns(), 0);
  EXPECT_TRUE(view.tooltipText(0, 0).isEmpty());
}

TEST(HeatmapView, LabelsReachThePlot) {
  HeatmapView view;
  view.setLabels("Title", "rows", "columns", "value");
  EXPECT_EQ(view.title(), "Title");
  EXPECT_EQ(view.rowAxisLabel(), "rows");
  EXPECT_EQ(view.columnAxisLabel(), "columns");
  EXPECT_EQ(view.valueLabel(), "value");
}

TEST(HeatmapView, RowZeroIsDrawnAtTheTop) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  EXPECT_TRUE(view.rowAxisReversed());
  EXPECT_LT(view.pixelOfCell(0, 0).y(), view.pixelOfCell(1, 0).y());
  EXPECT_LT(view.pixelOfCell(1, 0).y(), view.pixelOfCell(kRows - 1, 0).y());
  EXPECT_LT(view.pixelOfCell(0, 0).x(), view.pixelOfCell(0, kCols - 1).x());
}

TEST(HeatmapView, CellAtPixelFindsEveryCellAndNothingOutside) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kCols; ++c) {
      const auto cell = view.cellAtPixel(view.pixelOfCell(r, c));
      ASSERT_TRUE(cell.has_value()) << r << ", " << c;
      EXPECT_EQ(*cell, (HeatmapView::Cell{r, c}));
    }
  }
  // One cell beyond each edge, and the widget's corner (title/axis area).
  EXPECT_FALSE(view.cellAtPixel(view.pixelOfCell(0, kCols)).has_value());
  EXPECT_FALSE(view.cellAtPixel(view.pixelOfCell(0, -1)).has_value());
  EXPECT_FALSE(view.cellAtPixel(view.pixelOfCell(kRows, 0)).has_value());
  EXPECT_FALSE(view.cellAtPixel(view.pixelOfCell(-1, 0)).has_value());
  EXPECT_FALSE(view.cellAtPixel(QPointF(1, 1)).has_value());
}

TEST(HeatmapView, SingleCellIsHittable) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(1, 1, {3.0f}));
  ASSERT_TRUE(layOut(view));
  const auto cell = view.cellAtPixel(view.pixelOfCell(0, 0));
  ASSERT_TRUE(cell.has_value());
  EXPECT_EQ(*cell, (HeatmapView::Cell{0, 0}));
  EXPECT_DOUBLE_EQ(view.cellValue(0, 0), 3.0);
}

TEST(HeatmapView, DefaultTooltipNamesRowColumnAndValue) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_EQ(view.tooltipText(2, 3), "row 2, col 3: 23.5");
  EXPECT_EQ(view.tooltipText(1, 2), "row 1, col 2: no value");
  EXPECT_TRUE(view.tooltipText(kRows, 0).isEmpty());
}

TEST(HeatmapView, HoverShowsTheFormattersTextAndEmitsCellHovered) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  view.setTooltipFormatter(
      [](int row, int col, double value) { return QStringLiteral("r%1 c%2 v%3").arg(row).arg(col).arg(value); });
  ASSERT_TRUE(layOut(view));
  QSignalSpy hovered(&view, &HeatmapView::cellHovered);

  sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfCell(2, 4));
  ASSERT_EQ(hovered.count(), 1);
  EXPECT_EQ(hovered.at(0).at(0).toInt(), 2);
  EXPECT_EQ(hovered.at(0).at(1).toInt(), 4);
  EXPECT_DOUBLE_EQ(hovered.at(0).at(2).toDouble(), valueAt(2, 4));
  EXPECT_TRUE(QToolTip::isVisible());
  EXPECT_EQ(QToolTip::text(), "r2 c4 v24.5");

  // Moving within the same cell does not repeat the signal; leaving the map hides the tooltip.
  sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfCell(2, 4) + QPointF(1, 1));
  EXPECT_EQ(hovered.count(), 1);
  sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfCell(0, kCols + 2));
  EXPECT_EQ(hovered.count(), 1);
  EXPECT_TRUE(test::toolTipHidden());

  sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfCell(0, 0));
  ASSERT_EQ(hovered.count(), 2);
  EXPECT_EQ(hovered.at(1).at(0).toInt(), 0);
  EXPECT_EQ(hovered.at(1).at(1).toInt(), 0);
}

TEST(HeatmapView, ClickOnACellEmitsCellClicked) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  QSignalSpy clicked(&view, &HeatmapView::cellClicked);

  click(view.plotWidget(), view.pixelOfCell(1, 3));
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toInt(), 1);
  EXPECT_EQ(clicked.at(0).at(1).toInt(), 3);
}

TEST(HeatmapView, ClicksOutsideTheMapOrDragsEmitNothing) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  QSignalSpy clicked(&view, &HeatmapView::cellClicked);

  click(view.plotWidget(), view.pixelOfCell(0, kCols + 1));
  sendMouse(view.plotWidget(), QEvent::MouseButtonPress, view.pixelOfCell(0, 0), Qt::LeftButton);
  sendMouse(view.plotWidget(), QEvent::MouseButtonRelease, view.pixelOfCell(2, 4), Qt::LeftButton);
  sendMouse(view.plotWidget(), QEvent::MouseButtonPress, view.pixelOfCell(0, 0), Qt::RightButton);
  sendMouse(view.plotWidget(), QEvent::MouseButtonRelease, view.pixelOfCell(0, 0), Qt::RightButton);
  EXPECT_EQ(clicked.count(), 0);
}

// Rendered colour at a cell's centre.
// Rendered colour at a cell's centre, or offset by a fraction of a cell (dRow, dCol).
QColor drawnColor(const HeatmapView& view, int row, int col, double dRow = 0.0, double dCol = 0.0) {
  const QImage image = view.plotWidget()->grab().toImage();
  const QPointF cellSize = view.pixelOfCell(row + 1, col + 1) - view.pixelOfCell(row, col);
  const QPointF at = view.pixelOfCell(row, col) + QPointF(dCol * cellSize.x(), dRow * cellSize.y());
  return image.pixelColor((at * image.devicePixelRatio()).toPoint());
}

bool isGrey(const QColor& c) { return c.red() == c.green() && c.green() == c.blue(); }

TEST(HeatmapView, NaNCellsAreGreyAndOthersAreColoured) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  const QColor nan = drawnColor(view, 1, 2);
  EXPECT_TRUE(isGrey(nan)) << nan.name().toStdString();
  for (auto [r, c] : {std::pair{0, 0}, std::pair{1, 1}, std::pair{2, 4}}) {
    const QColor color = drawnColor(view, r, c);
    EXPECT_FALSE(isGrey(color)) << r << ", " << c << ": " << color.name().toStdString();
  }
  // Lowest and highest values get the gradient's two ends, which differ.
  EXPECT_NE(drawnColor(view, 0, 0), drawnColor(view, kRows - 1, kCols - 1));
}

TEST(HeatmapView, OuterCellsAreDrawnWhole) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  // Near the outer corners of the corner cells: the cell's own colour, not the (white) background.
  // Tight boundaries would cut these cells at their centres.
  const struct {
    int row, col;
    double dRow, dCol;
  } corners[] = {
      {0, 0, -0.4, -0.4}, {0, kCols - 1, -0.4, 0.4}, {kRows - 1, 0, 0.4, -0.4}, {kRows - 1, kCols - 1, 0.4, 0.4}};
  for (const auto& c : corners) {
    const QColor outer = drawnColor(view, c.row, c.col, c.dRow, c.dCol);
    EXPECT_FALSE(isGrey(outer)) << c.row << ", " << c.col << ": " << outer.name().toStdString();
    EXPECT_EQ(outer, drawnColor(view, c.row, c.col, -c.dRow / 2, -c.dCol / 2)) << c.row << ", " << c.col;
  }
}

TEST(HeatmapView, ASingleRowOrCellIsDrawn) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(1, 3, {1.0f, 2.0f, 3.0f}));
  ASSERT_TRUE(layOut(view));
  EXPECT_FALSE(isGrey(drawnColor(view, 0, 0, -0.4, 0.0)));
  EXPECT_FALSE(isGrey(drawnColor(view, 0, 2, 0.4, 0.4)));
  ASSERT_TRUE(view.setMatrix(1, 1, {5.0f}));
  for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
  EXPECT_FALSE(isGrey(drawnColor(view, 0, 0)));
  EXPECT_FALSE(isGrey(drawnColor(view, 0, 0, 0.4, 0.4)));
  EXPECT_FALSE(isGrey(drawnColor(view, 0, 0, -0.4, -0.4)));
}

}  // namespace
}  // namespace ropescope::widgets

namespace ropescope::widgets {
namespace {

bool isRed(const QColor& c) { return c.red() > 180 && c.green() < 90 && c.blue() < 90; }

TEST(HeatmapView, MarkedCellIsOutlinedInRed) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  ASSERT_TRUE(layOut(view));
  const auto redAlongTopEdge = [&] {
    const QImage image = view.plotWidget()->grab().toImage();
    const QPointF cell = view.pixelOfCell(1, 3);
    const double top = (cell.y() + view.pixelOfCell(0, 3).y()) / 2;  // the boundary to the row above
    for (double dy = -2; dy <= 2; dy += 1)
      if (isRed(image.pixelColor((QPointF(cell.x(), top + dy) * image.devicePixelRatio()).toPoint()))) return true;
    return false;
  };
  EXPECT_FALSE(redAlongTopEdge());
  view.setMarkedCell(HeatmapView::Cell{1, 3});
  for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
  EXPECT_EQ(view.markedCell(), (HeatmapView::Cell{1, 3}));
  EXPECT_TRUE(redAlongTopEdge());
  // The centre keeps its colour.
  EXPECT_FALSE(isRed(drawnColor(view, 1, 3)));

  ASSERT_TRUE(view.setMatrix(2, 2, {1, 2, 3, 4}));
  EXPECT_FALSE(view.markedCell().has_value());
  view.setMarkedCell(std::nullopt);
  ASSERT_TRUE(view.setMatrix(kRows, kCols, matrix3x5()));
  EXPECT_FALSE(view.markedCell().has_value());
}

}  // namespace
}  // namespace ropescope::widgets
