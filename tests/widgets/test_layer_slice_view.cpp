// Tests of the layer x column heatmaps: LayerSliceView, and the Bands and Dimensions pages built on it. GUI thread.
#include <gtest/gtest.h>

#include <QComboBox>
#include <cmath>

#include "widget_test_support.h"
#include "widgets/bands_view.h"
#include "widgets/dimensions_view.h"
#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

// [2 layers, 3 heads, 2 columns]: value 10 * l + h + 0.1 * c, head 2 of layer 1 column 0 missing.
SliceSeries smallSeries(bool kv = false) {
  SliceSeries s;
  s.name = "S";
  s.values = engine::NdArray::zeros({2, 3, 2}, {"layer", "head", "x"});
  for (int l = 0; l < 2; ++l)
    for (int h = 0; h < 3; ++h)
      for (int c = 0; c < 2; ++c) s.values.at({l, h, c}) = 10.0f * l + h + 0.1f * c;
  s.values.at({1, 2, 0}) = kNaN;
  s.kvHeads = kv;
  s.title = "Title %1";
  s.columnAxis = "column";
  s.columnWord = "col";
  s.valueLabel = "value";
  return s;
}

TEST(LayerSliceView, MeanOverHeadsLeavesNaNOut) {
  LayerSliceView view;
  ASSERT_TRUE(view.setSeries({smallSeries()}));
  EXPECT_EQ(view.head(), LayerSliceView::kMeanOverHeads);
  // By hand: layer 0 column 1 = mean(0.1, 1.1, 2.1) = 1.1; layer 1 column 0 = mean(10, 11) = 10.5.
  EXPECT_NEAR(view.heatmap()->cellValue(0, 1), 1.1, 1e-6);
  EXPECT_NEAR(view.heatmap()->cellValue(1, 0), 10.5, 1e-6);
  EXPECT_NEAR(view.heatmap()->cellValue(1, 1), 11.1, 1e-5);
  EXPECT_EQ(view.heatmap()->title(), "Title mean over heads");
  EXPECT_EQ(view.heatmap()->columnAxisLabel(), "column");
  EXPECT_EQ(view.heatmap()->valueLabel(), "value");
}

TEST(LayerSliceView, AHeadShowsItsOwnSlice) {
  LayerSliceView view;
  ASSERT_TRUE(view.setSeries({smallSeries()}));
  view.setHead(2);
  EXPECT_EQ(view.head(), 2);
  EXPECT_EQ(view.headCombo()->currentIndex(), 3);
  EXPECT_NEAR(view.heatmap()->cellValue(0, 1), 2.1, 1e-6);
  EXPECT_TRUE(std::isnan(view.heatmap()->cellValue(1, 0)));
  EXPECT_EQ(view.heatmap()->title(), "Title head 2");
  EXPECT_EQ(view.heatmap()->tooltipText(0, 1), "layer 0, head 2, col 1: 2.1");
  view.setHead(3);  // no such head: ignored
  EXPECT_EQ(view.head(), 2);
}

TEST(LayerSliceView, QueryHeadsMapOntoTheirKvHead) {
  LayerSliceView view;
  SliceSeries kv = smallSeries(true);  // 3 KV heads
  ASSERT_TRUE(view.setSeries({kv}));
  view.selectQueryHead(5, 6);  // 6 query heads, 2 per KV head: query head 5 uses KV head 2
  EXPECT_EQ(view.head(), 2);
  EXPECT_EQ(view.heatmap()->title(), "Title KV head 2");
  view.selectQueryHead(2, 6);
  EXPECT_EQ(view.head(), 1);
  view.selectQueryHead(9, 6);  // beyond the heads: unchanged
  EXPECT_EQ(view.head(), 1);
  view.selectQueryHead(2, 4);  // 4 query heads do not share 3 KV heads: unchanged
  EXPECT_EQ(view.head(), 1);
}

TEST(LayerSliceView, SeriesMayWriteTheirOwnTooltipAndPlaceholder) {
  LayerSliceView view;
  view.setPlaceholder("Empty", "x axis", "v");
  EXPECT_EQ(view.heatmap()->title(), "Empty");
  EXPECT_EQ(view.heatmap()->columnAxisLabel(), "x axis");
  SliceSeries s = smallSeries();
  s.tooltip = [](int layer, const QString& selection, int column, double value) {
    return QStringLiteral("%1|%2|%3|%4").arg(layer).arg(selection).arg(column).arg(value);
  };
  ASSERT_TRUE(view.setSeries({s}));
  view.setHead(1);
  EXPECT_EQ(view.heatmap()->tooltipText(1, 1), "1|head 1|1|11.1");
  view.clear();
  EXPECT_EQ(view.heatmap()->title(), "Empty");
}

TEST(LayerSliceView, SelectorAppearsWithSeveralSeries) {
  LayerSliceView view;
  ASSERT_TRUE(view.setSeries({smallSeries()}));
  EXPECT_TRUE(view.seriesCombo()->isHidden());
  SliceSeries other = smallSeries();
  other.name = "T";
  for (auto& v : other.values.values) v *= 2.0f;
  ASSERT_TRUE(view.setSeries({smallSeries(), other}));
  EXPECT_FALSE(view.seriesCombo()->isHidden());
  EXPECT_EQ(view.seriesCombo()->count(), 2);
  view.seriesCombo()->setCurrentIndex(1);
  EXPECT_EQ(view.currentSeries(), 1);
  EXPECT_NEAR(view.heatmap()->cellValue(0, 1), 2.2, 1e-6);
}

TEST(LayerSliceView, RejectsMalformedArrays) {
  LayerSliceView view;
  ASSERT_TRUE(view.setSeries({smallSeries()}));
  SliceSeries bad = smallSeries();
  bad.values.values.pop_back();
  EXPECT_FALSE(view.setSeries({bad}));
  EXPECT_FALSE(view.hasData());
  EXPECT_EQ(view.heatmap()->rows(), 0);
  bad = smallSeries();
  bad.values.shape = {12};
  EXPECT_FALSE(view.setSeries({smallSeries(), bad}));
  EXPECT_FALSE(view.setSeries({}));
  EXPECT_EQ(view.headCount(), 0);
}

TEST(BandsView, ShowsQueryAndKeyPairNorms) {
  BandsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  auto* slices = view.sliceView();
  EXPECT_EQ(slices->heatmap()->rows(), kLayers);
  EXPECT_EQ(slices->heatmap()->columns(), kPairs);
  slices->setHead(1);
  for (int l = 0; l < kLayers; ++l)
    for (int p = 0; p < kPairs; ++p) EXPECT_FLOAT_EQ(slices->heatmap()->cellValue(l, p), qBand(l, 1, p));
  EXPECT_TRUE(slices->heatmap()->title().contains("1234 tokens")) << slices->heatmap()->title().toStdString();
  slices->setCurrentSeries(BandsView::kKeys);
  EXPECT_EQ(slices->headCount(), kKvHeads);
  slices->setHead(1);
  EXPECT_FLOAT_EQ(slices->heatmap()->cellValue(2, 3), kBand(2, 1, 3));
  // Query head 1 shares KV head 0 (4 query heads over 2 KV heads).
  view.selectHead(0, 1);
  EXPECT_EQ(slices->head(), 0);
}

TEST(BandsView, MissingOrMismatchedGroupsLeaveItEmpty) {
  BandsView view;
  EXPECT_FALSE(view.setResults(fullResultsWithout({"/bands/k_norm"})));
  EXPECT_FALSE(view.unavailableText().isEmpty());
  auto r = fullResults();
  r.arrays["/bands/k_norm"].shape = {kLayers, kKvHeads + 2, kPairs / 2};  // same count, other pairs
  EXPECT_FALSE(view.setResults(r));
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_FALSE(view.setResults(engine::ResultsFile{}));
  EXPECT_FALSE(view.hasData());
}

TEST(DimensionsView, ShowsWeightNormsAndUtility) {
  DimensionsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_TRUE(view.hasMeasure(DimensionsView::kWeightNorms));
  EXPECT_TRUE(view.hasMeasure(DimensionsView::kUtility));
  EXPECT_FALSE(view.measureCombo()->isHidden());
  EXPECT_EQ(view.measure(), DimensionsView::kWeightNorms);
  EXPECT_FLOAT_EQ(view.weightNormsView()->heatmap()->cellValue(1, 5),
                  (qNorm(1, 0, 5) + qNorm(1, 1, 5) + qNorm(1, 2, 5) + qNorm(1, 3, 5)) / 4);
  view.setMeasure(DimensionsView::kUtility);
  EXPECT_EQ(view.plotWidget(), view.utilityView()->heatmap()->plotWidget());
  view.utilityView()->setHead(2);
  for (int l = 0; l < kLayers; ++l)
    for (int d = 0; d < kHeadDim; ++d)
      EXPECT_FLOAT_EQ(view.utilityView()->heatmap()->cellValue(l, d), utilityU(l, 2, d));
}

TEST(DimensionsView, SelectingAHeadShowsItInBothHeatmaps) {
  DimensionsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  view.selectHead(1, 3);
  EXPECT_EQ(view.weightNormsView()->head(), 3);
  EXPECT_EQ(view.utilityView()->head(), 3);
  view.weightNormsView()->setProjection(WeightNormsView::kKey);
  view.selectHead(0, 2);  // query head 2 uses KV head 1
  EXPECT_EQ(view.weightNormsView()->head(), 1);
}

TEST(DimensionsView, WithoutUtilityThereIsNoSelector) {
  DimensionsView view;
  ASSERT_TRUE(view.setResults(fullResultsWithout({"/utility/u"})));
  EXPECT_TRUE(view.measureCombo()->isHidden());
  EXPECT_FALSE(view.hasMeasure(DimensionsView::kUtility));
  view.setMeasure(DimensionsView::kUtility);  // not there: ignored
  EXPECT_EQ(view.measure(), DimensionsView::kWeightNorms);
}

TEST(DimensionsView, UtilityAloneIsShown) {
  DimensionsView view;
  auto r = fullResults();
  r.weights.reset();
  ASSERT_TRUE(view.setResults(r));
  EXPECT_EQ(view.measure(), DimensionsView::kUtility);
  EXPECT_EQ(view.plotWidget(), view.utilityView()->heatmap()->plotWidget());
  r.arrays.erase("/utility/u");
  EXPECT_FALSE(view.setResults(r));
}

}  // namespace
}  // namespace ropescope::widgets
