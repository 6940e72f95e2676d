// Tests of the Heads page: per-head measures as a layer x head heatmap, clicks and marks. GUI thread.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QSignalSpy>
#include <cmath>

#include "../results_fixture.h"
#include "widget_test_support.h"
#include "widgets/heads_view.h"
#include "widgets/heatmap_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

TEST(HeadsView, CellsHoldTheRetrievalScores) {
  HeadsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_EQ(view.measure(), HeadsView::kRetrieval);
  ASSERT_EQ(view.heatmap()->rows(), kLayers);
  ASSERT_EQ(view.heatmap()->columns(), kHeads);
  for (int l = 0; l < kLayers; ++l)
    for (int h = 0; h < kHeads; ++h) EXPECT_FLOAT_EQ(view.heatmap()->cellValue(l, h), retrievalScore(l, h));
  EXPECT_EQ(view.heatmap()->rowAxisLabel(), "layer");
  EXPECT_EQ(view.heatmap()->columnAxisLabel(), "head");
  EXPECT_EQ(view.heatmap()->tooltipText(2, 1), "L2H1 — Retrieval score: 0.75");
}

TEST(HeadsView, OffersTheMeasuresTheFileHolds) {
  HeadsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_EQ(view.measures(), (std::vector<HeadsView::Measure>{HeadsView::kRetrieval, HeadsView::kPositionalRho,
                                                              HeadsView::kUtilityFirst, HeadsView::kUtilityLast}));
  EXPECT_EQ(view.measureCombo()->count(), 4);
  EXPECT_EQ(view.measureCombo()->itemText(2), "Utility of the first 1 dims");
  view.setMeasure(HeadsView::kPositionalRho);
  EXPECT_EQ(view.measureCombo()->currentIndex(), 1);
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(1, 2), positionalRho(1, 2));
  EXPECT_TRUE(std::isnan(view.heatmap()->cellValue(2, 3)));
  EXPECT_TRUE(view.heatmap()->title().contains("Spearman"));

  ASSERT_TRUE(
      view.setResults(fullResultsWithout({"/retrieval/score", "/retrieval/utility_first", "/retrieval/utility_last"})));
  EXPECT_EQ(view.measures(), std::vector<HeadsView::Measure>{HeadsView::kPositionalRho});
  EXPECT_EQ(view.measure(), HeadsView::kPositionalRho);
}

TEST(HeadsView, KeepsTheMeasureAcrossNewResults) {
  HeadsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  view.setMeasure(HeadsView::kUtilityLast);
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_EQ(view.measure(), HeadsView::kUtilityLast);
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(0, 3), utilityLast(0, 3));
}

TEST(HeadsView, MissingOrMalformedScoresLeaveItEmpty) {
  HeadsView view;
  EXPECT_FALSE(view.setResults(engine::ResultsFile{}));
  EXPECT_FALSE(view.hasData());
  EXPECT_FALSE(view.unavailableText().isEmpty());
  auto r = engine::ResultsFile{};
  r.arrays["/retrieval/score"] = engine::NdArray{{3, 4}, {"layer", "head"}, std::vector<float>(11, 0.5f)};
  r.arrays["/positional/rho"] = engine::NdArray{{3, 4, 1}, {"layer", "head", "x"}, std::vector<float>(12, 0.5f)};
  EXPECT_FALSE(view.setResults(r));
  EXPECT_EQ(view.heatmap()->rows(), 0);
}

TEST(HeadsView, ClickingAHeadEmitsItAndMarksIt) {
  HeadsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_TRUE(layOut(view));
  QSignalSpy clicked(&view, &ResultsPane::headClicked);
  const QPointF at = view.heatmap()->pixelOfCell(2, 1);
  click(view.heatmap()->plotWidget(), at);
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toInt(), 2);
  EXPECT_EQ(clicked.at(0).at(1).toInt(), 1);
  ASSERT_TRUE(view.heatmap()->markedCell().has_value());
  EXPECT_EQ(*view.heatmap()->markedCell(), (HeatmapView::Cell{2, 1}));
}

TEST(HeadsView, SelectHeadMarksItAndOutOfRangeUnmarks) {
  HeadsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  view.selectHead(1, 3);
  EXPECT_EQ(view.heatmap()->markedCell(), (HeatmapView::Cell{1, 3}));
  view.selectHead(1, kHeads);
  EXPECT_FALSE(view.heatmap()->markedCell().has_value());
}

}  // namespace
}  // namespace ropescope::widgets
