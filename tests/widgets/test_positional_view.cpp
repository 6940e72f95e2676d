// The Positional page: ranking table, diverging ρ map and the dominant pair by distance. GUI thread.
#include <gtest/gtest.h>

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTableWidget>
#include <cmath>

#include "../results_fixture.h"
#include "widgets/color_maps.h"
#include "widgets/heatmap_view.h"
#include "widgets/positional_view.h"

namespace ropescope::widgets {
namespace {

using namespace ropescope::test;

class PositionalViewTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(m_view.setResults(fullResults())); }
  PositionalView m_view;
};

TEST_F(PositionalViewTest, TheTableRanksEveryHeadByAbsoluteRhoWithNaNLast) {
  QTableWidget* table = m_view.table();
  ASSERT_EQ(table->rowCount(), kLayers * kHeads);
  double previous = INFINITY;
  for (int row = 0; row < table->rowCount(); ++row) {
    const int l = table->item(row, PositionalView::kLayer)->data(Qt::UserRole).toInt();
    const int h = table->item(row, PositionalView::kHead)->data(Qt::UserRole).toInt();
    const double rho = table->item(row, PositionalView::kRho)->data(Qt::UserRole).toDouble();
    EXPECT_EQ(table->item(row, PositionalView::kRank)->text().toInt(), row + 1);
    if (std::isnan(positionalRho(l, h))) {
      EXPECT_EQ(row, table->rowCount() - 1) << "NaN ρ ranks last";
      continue;
    }
    EXPECT_FLOAT_EQ(rho, positionalRho(l, h));
    EXPECT_LE(std::abs(rho), previous + 1e-9);
    previous = std::abs(rho);
    // The dominant pair is the histogram's argmax, with its share.
    EXPECT_EQ(table->item(row, PositionalView::kDominant)->text().toInt(), (l + h) % kPairs);
    EXPECT_EQ(table->item(row, PositionalView::kShare)->text(), "70.0 %");
  }
}

TEST_F(PositionalViewTest, SortingByAColumnIsNumeric) {
  QTableWidget* table = m_view.table();
  table->sortByColumn(PositionalView::kRho, Qt::AscendingOrder);
  double previous = -INFINITY;
  for (int row = 0; row < table->rowCount(); ++row) {
    const double rho = table->item(row, PositionalView::kRho)->data(Qt::UserRole).toDouble();
    if (std::isnan(rho)) continue;
    EXPECT_GE(rho, previous);
    previous = rho;
  }
}

TEST_F(PositionalViewTest, RhoUsesTheDivergingMapCentredOnZero) {
  EXPECT_TRUE(m_view.heatmap()->signedValues());
  const auto range = m_view.heatmap()->colorRange();
  EXPECT_DOUBLE_EQ(range.first, -range.second);
  EXPECT_EQ(m_view.heatmap()->colorOfValue(0.0), divergingColorAt(0.5));
}

TEST_F(PositionalViewTest, ARowClickSelectsTheHeadAndDrawsItsDistanceCurve) {
  QSignalSpy clicked(&m_view, &ResultsPane::headClicked);
  QTableWidget* table = m_view.table();
  int row = 0;
  while (table->item(row, PositionalView::kLayer)->text() != "2" ||
         table->item(row, PositionalView::kHead)->text() != "1")
    ++row;
  Q_EMIT table->cellClicked(row, PositionalView::kRho);
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toInt(), 2);
  EXPECT_EQ(clicked.at(0).at(1).toInt(), 1);
  EXPECT_EQ(m_view.shownHead(), std::make_pair(2, 1));
  EXPECT_EQ(m_view.heatmap()->markedCell(), (HeatmapView::Cell{2, 1}));
  // The curve equals /positional/mean_dominant_by_distance at the bins' centres.
  const auto points = m_view.curve(2, 1);
  ASSERT_EQ(points.size(), 3u);
  const double centres[] = {2.0, 9.5, 39.5};  // bins [1, 4), [4, 16), [16, 64)
  for (int b = 0; b < 3; ++b) {
    EXPECT_DOUBLE_EQ(points[static_cast<std::size_t>(b)].x(), centres[b]);
    EXPECT_FLOAT_EQ(points[static_cast<std::size_t>(b)].y(), 2 + 0.5f + 0.25f * b);
  }
  // What is drawn is that curve.
  auto* plot = m_view.distancePlot();
  QCPGraph* drawn = nullptr;
  for (int g = 0; g < plot->graphCount(); ++g)
    if (plot->graph(g)->name().startsWith("L2H1")) drawn = plot->graph(g);
  ASSERT_NE(drawn, nullptr);
  ASSERT_EQ(drawn->data()->size(), 3);
  EXPECT_FLOAT_EQ(drawn->data()->at(2)->value, 3.0f);
  // Empty bins are left out.
  EXPECT_EQ(m_view.curve(0, 0).size(), 2u);
}

TEST_F(PositionalViewTest, CsvOfTheRhoFigureHoldsTheDataset) {
  ASSERT_TRUE(m_view.showFigure("rho"));
  const auto lines = m_view.csvData().split('\n');
  EXPECT_EQ(lines[0], "layer,head,rho,dominant pair,share");
  ASSERT_EQ(lines.size(), kLayers * kHeads + 2);             // the header, the rows, and the final line break
  const auto fields = lines[1 + 1 * kHeads + 2].split(',');  // L1H2
  EXPECT_EQ(fields[0], "1");
  EXPECT_EQ(fields[1], "2");
  EXPECT_FLOAT_EQ(fields[2].toFloat(), positionalRho(1, 2));
  EXPECT_EQ(fields[3].toInt(), 3);
}

TEST(PositionalView, WithoutRhoItIsEmptyWithAReason) {
  PositionalView view;
  EXPECT_FALSE(view.setResults(engine::ResultsFile{}));
  EXPECT_FALSE(view.hasData());
  EXPECT_TRUE(view.unavailableText().contains("/positional/rho"));
  EXPECT_TRUE(view.figureIds().isEmpty());
}

}  // namespace
}  // namespace ropescope::widgets
