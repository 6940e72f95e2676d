// Tests of WeightNormsView: cells per head and mean, key heads, cancelled layers, labels, bad input. GUI thread.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cmath>

#include "widgets/heatmap_view.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::widgets {
namespace {

constexpr int kLayers = 2;
constexpr int kHeads = 3;
constexpr int kKvHeads = 2;
constexpr int kDims = 4;

// Distinct, hand-checkable values.
float qValue(int l, int h, int d) { return 100.0f * l + 10.0f * h + d + 1.0f; }
float kValue(int l, int h, int d) { return 1000.0f + 100.0f * l + 10.0f * h + d; }

engine::WeightNorms makeNorms(int layersDone = kLayers, engine::DimOrder order = engine::DimOrder::Frequency) {
  engine::WeightNorms norms;
  norms.model.layers = kLayers;
  norms.model.heads = kHeads;
  norms.model.kvHeads = kKvHeads;
  norms.model.headDim = kDims;
  norms.qRowL1 = engine::NdArray::zeros({kLayers, kHeads, kDims}, {"layer", "head", "dim"});
  norms.kRowL1 = engine::NdArray::zeros({kLayers, kKvHeads, kDims}, {"layer", "head", "dim"});
  for (int l = 0; l < layersDone; ++l) {
    for (int d = 0; d < kDims; ++d) {
      for (int h = 0; h < kHeads; ++h) norms.qRowL1.at({l, h, d}) = qValue(l, h, d);
      for (int h = 0; h < kKvHeads; ++h) norms.kRowL1.at({l, h, d}) = kValue(l, h, d);
    }
  }
  norms.order = order;
  norms.layersDone = layersDone;
  return norms;
}

QStringList comboItems(const QComboBox* combo) {
  QStringList items;
  for (int i = 0; i < combo->count(); ++i) items << combo->itemText(i);
  return items;
}

TEST(WeightNormsView, StartsEmpty) {
  WeightNormsView view;
  EXPECT_FALSE(view.hasResults());
  EXPECT_EQ(view.heatmap()->rows(), 0);
  EXPECT_EQ(view.headCount(), 0);
  EXPECT_FALSE(view.headCombo()->isEnabled());
  EXPECT_FALSE(view.projectionCombo()->isEnabled());
}

TEST(WeightNormsView, DefaultsToTheMeanOverQueryHeads) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  EXPECT_TRUE(view.hasResults());
  EXPECT_EQ(view.projection(), WeightNormsView::kQuery);
  EXPECT_EQ(view.head(), WeightNormsView::kMeanOverHeads);
  const HeatmapView* map = view.heatmap();
  ASSERT_EQ(map->rows(), kLayers);
  ASSERT_EQ(map->columns(), kDims);
  // mean over h of 100 l + 10 h + d + 1, h = 0, 1, 2: 100 l + 10 + d + 1
  for (int l = 0; l < kLayers; ++l) {
    for (int d = 0; d < kDims; ++d) EXPECT_FLOAT_EQ(map->cellValue(l, d), 100.0f * l + 11.0f + d) << l << ", " << d;
  }
}

TEST(WeightNormsView, ShowsTheChosenHead) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  QSignalSpy changed(&view, &WeightNormsView::selectionChanged);
  for (int h = 0; h < kHeads; ++h) {
    view.setHead(h);
    EXPECT_EQ(view.head(), h);
    EXPECT_EQ(view.headCombo()->currentIndex(), h + 1);
    for (int l = 0; l < kLayers; ++l) {
      for (int d = 0; d < kDims; ++d) EXPECT_FLOAT_EQ(view.heatmap()->cellValue(l, d), qValue(l, h, d));
    }
  }
  EXPECT_EQ(changed.count(), kHeads);
  view.setHead(kHeads - 1);  // unchanged: no signal
  EXPECT_EQ(changed.count(), kHeads);
}

TEST(WeightNormsView, HeadComboListsMeanAndEveryHead) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  EXPECT_EQ(comboItems(view.headCombo()), (QStringList{"Mean over heads", "Head 0", "Head 1", "Head 2"}));
  EXPECT_TRUE(view.headCombo()->isEnabled());
}

TEST(WeightNormsView, ChoosingInTheComboSelectsTheHead) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  QSignalSpy changed(&view, &WeightNormsView::selectionChanged);
  view.headCombo()->setCurrentIndex(3);
  EXPECT_EQ(view.head(), 2);
  EXPECT_EQ(changed.count(), 1);
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(1, 3), qValue(1, 2, 3));
  view.projectionCombo()->setCurrentIndex(WeightNormsView::kKey);
  EXPECT_EQ(view.projection(), WeightNormsView::kKey);
}

TEST(WeightNormsView, KeyProjectionUsesKvHeads) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.setProjection(WeightNormsView::kKey);
  EXPECT_EQ(view.headCount(), kKvHeads);
  EXPECT_EQ(view.headCombo()->count(), 1 + kKvHeads);
  EXPECT_EQ(view.projectionCombo()->currentIndex(), WeightNormsView::kKey);
  // mean over h of 1000 + 100 l + 10 h + d, h = 0, 1: 1005 + 100 l + d
  for (int l = 0; l < kLayers; ++l) {
    for (int d = 0; d < kDims; ++d) EXPECT_FLOAT_EQ(view.heatmap()->cellValue(l, d), 1005.0f + 100.0f * l + d);
  }
  view.setHead(1);
  for (int l = 0; l < kLayers; ++l) {
    for (int d = 0; d < kDims; ++d) EXPECT_FLOAT_EQ(view.heatmap()->cellValue(l, d), kValue(l, 1, d));
  }
  view.setHead(kKvHeads);  // a query head only: ignored
  EXPECT_EQ(view.head(), 1);
  EXPECT_TRUE(view.heatmap()->title().contains("k_proj"));
}

TEST(WeightNormsView, SwitchingToKeysFallsBackToTheMeanForMissingHeads) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.setHead(2);
  view.setProjection(WeightNormsView::kKey);
  EXPECT_EQ(view.head(), WeightNormsView::kMeanOverHeads);
  EXPECT_EQ(view.headCombo()->currentIndex(), 0);
  view.setHead(1);
  view.setProjection(WeightNormsView::kQuery);
  EXPECT_EQ(view.head(), 1);  // exists for queries too
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(0, 0), qValue(0, 1, 0));
}

TEST(WeightNormsView, IgnoresBadProjectionsAndHeads) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.setProjection(2);
  view.setProjection(-1);
  EXPECT_EQ(view.projection(), WeightNormsView::kQuery);
  view.setHead(-2);
  view.setHead(kHeads);
  EXPECT_EQ(view.head(), WeightNormsView::kMeanOverHeads);
}

TEST(WeightNormsView, CancelledLayersShowAsNaN) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms(/*layersDone=*/1)));
  for (int head : {WeightNormsView::kMeanOverHeads, 0, 2}) {
    view.setHead(head);
    for (int d = 0; d < kDims; ++d) {
      EXPECT_FALSE(std::isnan(view.heatmap()->cellValue(0, d)));
      EXPECT_TRUE(std::isnan(view.heatmap()->cellValue(1, d))) << "head " << head << " dim " << d;
    }
  }
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(0, 1), qValue(0, 2, 1));
  // The colour range comes from the computed layer only.
  EXPECT_FLOAT_EQ(view.heatmap()->colorRange().first, qValue(0, 2, 0));
  EXPECT_FLOAT_EQ(view.heatmap()->colorRange().second, qValue(0, 2, kDims - 1));
  EXPECT_TRUE(view.heatmap()->title().contains("1 of 2 layers")) << view.heatmap()->title().toStdString();
  EXPECT_TRUE(view.heatmap()->tooltipText(1, 0).contains("not computed"));
}

TEST(WeightNormsView, TitleAndAxesDescribeTheSelection) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  const HeatmapView* map = view.heatmap();
  EXPECT_EQ(map->title(), QString::fromUtf8("L1 norm of q_proj rows — mean over heads"));
  EXPECT_EQ(map->rowAxisLabel(), "layer");
  EXPECT_EQ(map->valueLabel(), "L1 norm");
  EXPECT_TRUE(map->columnAxisLabel().contains("frequency order")) << map->columnAxisLabel().toStdString();
  view.setHead(2);
  EXPECT_EQ(map->title(), QString::fromUtf8("L1 norm of q_proj rows — head 2"));
  view.setProjection(WeightNormsView::kKey);
  view.setHead(1);
  EXPECT_EQ(map->title(), QString::fromUtf8("L1 norm of k_proj rows — KV head 1"));

  ASSERT_TRUE(view.setResults(makeNorms(kLayers, engine::DimOrder::Storage)));
  EXPECT_TRUE(map->columnAxisLabel().contains("storage order")) << map->columnAxisLabel().toStdString();
}

TEST(WeightNormsView, TooltipNamesLayerHeadDimAndPair) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.setHead(2);
  EXPECT_EQ(view.heatmap()->tooltipText(1, 3), "layer 1, head 2, dim 3 (pair 1): 124");
  view.setHead(WeightNormsView::kMeanOverHeads);
  EXPECT_EQ(view.heatmap()->tooltipText(0, 2), "layer 0, mean over heads, dim 2 (pair 1): 13");

  // Storage order (rotate_half): dims j and j + D/2 share pair j.
  ASSERT_TRUE(view.setResults(makeNorms(kLayers, engine::DimOrder::Storage)));
  EXPECT_TRUE(view.heatmap()->tooltipText(0, 2).contains("(pair 0)"))
      << view.heatmap()->tooltipText(0, 2).toStdString();
  EXPECT_TRUE(view.heatmap()->tooltipText(0, 1).contains("(pair 1)"));
}

TEST(WeightNormsView, NewResultsKeepAValidSelection) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.setProjection(WeightNormsView::kKey);
  view.setHead(1);
  ASSERT_TRUE(view.setResults(makeNorms()));
  EXPECT_EQ(view.projection(), WeightNormsView::kKey);
  EXPECT_EQ(view.head(), 1);
  EXPECT_FLOAT_EQ(view.heatmap()->cellValue(1, 2), kValue(1, 1, 2));
}

TEST(WeightNormsView, RejectsInconsistentResultsAndShowsNothing) {
  auto expectRejected = [](engine::WeightNorms norms, const char* what) {
    WeightNormsView view;
    ASSERT_TRUE(view.setResults(makeNorms()));
    EXPECT_FALSE(view.setResults(std::move(norms))) << what;
    EXPECT_FALSE(view.hasResults()) << what;
    EXPECT_EQ(view.heatmap()->rows(), 0) << what;
    EXPECT_EQ(view.headCount(), 0) << what;
  };
  {
    auto n = makeNorms();
    n.qRowL1.shape = {kLayers, kHeads * kDims};
    expectRejected(n, "2-D q");
  }
  {
    auto n = makeNorms();
    n.kRowL1.values.pop_back();
    expectRejected(n, "short k values");
  }
  {
    auto n = makeNorms();
    n.kRowL1 = engine::NdArray::zeros({kLayers + 1, kKvHeads, kDims}, {"layer", "head", "dim"});
    expectRejected(n, "k with more layers");
  }
  {
    auto n = makeNorms();
    n.kRowL1 = engine::NdArray::zeros({kLayers, kKvHeads, kDims + 2}, {"layer", "head", "dim"});
    expectRejected(n, "k with other head_dim");
  }
  {
    auto n = makeNorms();
    n.qRowL1 = engine::NdArray::zeros({kLayers, kHeads, 3}, {"layer", "head", "dim"});
    n.kRowL1 = engine::NdArray::zeros({kLayers, kKvHeads, 3}, {"layer", "head", "dim"});
    expectRejected(n, "odd head_dim");
  }
  {
    auto n = makeNorms();
    n.qRowL1 = engine::NdArray::zeros({kLayers, 0, kDims}, {"layer", "head", "dim"});
    expectRejected(n, "no heads");
  }
  expectRejected(engine::WeightNorms{}, "default-constructed");
}

TEST(WeightNormsView, ClearForgetsTheResults) {
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  view.clear();
  EXPECT_FALSE(view.hasResults());
  EXPECT_EQ(view.heatmap()->rows(), 0);
  EXPECT_EQ(view.headCombo()->count(), 1);
  EXPECT_FALSE(view.headCombo()->isEnabled());
}

TEST(WeightNormsView, ExportsThroughTheHeatmap) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  WeightNormsView view;
  ASSERT_TRUE(view.setResults(makeNorms()));
  QString error;
  ASSERT_TRUE(view.exportTo(dir.filePath("norms.png"), ExportFormat::Png, QSize(640, 400), 1.0, &error))
      << error.toStdString();
  EXPECT_EQ(QImage(dir.filePath("norms.png")).size(), QSize(640, 400));
}

}  // namespace
}  // namespace ropescope::widgets
