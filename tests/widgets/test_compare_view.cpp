// The Compare page: one line per model equal to its file's datasets, models of another head_dim
// aligned, overviews on one colour scale. GUI thread.
#include <gtest/gtest.h>

#include <qcustomplot.h>

#include <cmath>
#include <numbers>

#include "../results_fixture.h"
#include "widgets/compare_view.h"

namespace ropescope::widgets {
namespace {

using namespace ropescope::test;

// A second model: head_dim 4 (2 pairs), 2 layers, 2 heads, θ 100, norms only plus retrieval.
engine::ResultsFile smallModel() {
  engine::ResultsFile r;
  r.info.model = "/models/small";
  engine::WeightNorms w;
  w.model = {"/models/small", "LlamaForCausalLM", "{}", 2, 2, 1, 4, 8, 100.0, true, ""};
  w.qRowL1 = array({2, 2, 4}, {"layer", "head", "dim"});
  w.kRowL1 = array({2, 1, 4}, {"layer", "kv_head", "dim"});
  for (int l = 0; l < 2; ++l)
    for (int h = 0; h < 2; ++h)
      for (int d = 0; d < 4; ++d) w.qRowL1.at({l, h, d}) = 10.0f * d + l + h;
  w.layersDone = 2;
  r.weights = w;
  auto score = array({2, 2}, {"layer", "head"});
  score.values = {2.0f, 3.0f, 4.0f, 5.0f};  // beyond the other model's range
  r.arrays["/retrieval/score"] = score;
  return r;
}

double meanNorm(int d) {
  double sum = 0;
  for (int l = 0; l < kLayers; ++l)
    for (int h = 0; h < kHeads; ++h) sum += qNorm(l, h, d);
  return sum / (kLayers * kHeads);
}

class CompareViewTest : public ::testing::Test {
 protected:
  void SetUp() override { m_view.setModels({{"tiny", fullResults()}, {"small", smallModel()}}); }
  CompareView m_view;
};

TEST_F(CompareViewTest, EachLineIsTheMeanOfItsFilesDataset) {
  ASSERT_TRUE(m_view.hasData());
  m_view.setProfile(CompareView::Profile::Norms);
  m_view.setXAxis(CompareView::XAxis::Dim);
  const auto tiny = m_view.line(0);
  ASSERT_EQ(tiny.size(), static_cast<std::size_t>(kHeadDim));
  for (int d = 0; d < kHeadDim; ++d) {
    EXPECT_DOUBLE_EQ(tiny[static_cast<std::size_t>(d)].x(), d);
    EXPECT_NEAR(tiny[static_cast<std::size_t>(d)].y(), meanNorm(d), 1e-4);
  }
  const auto small = m_view.line(1);
  ASSERT_EQ(small.size(), 4u);
  EXPECT_NEAR(small[3].y(), 30.0 + 1.0, 1e-6);  // mean of 30 + l + h over l, h in {0, 1}
  // Drawn as such: one graph per model, named after it.
  ASSERT_EQ(m_view.profilePlot()->graphCount(), 2);
  EXPECT_EQ(m_view.profilePlot()->graph(1)->name(), "small");
  EXPECT_DOUBLE_EQ(m_view.profilePlot()->graph(1)->data()->at(3)->value, small[3].y());
}

TEST_F(CompareViewTest, HeadsOfAnotherSizeAlignByRelativePositionOrWavelength) {
  m_view.setProfile(CompareView::Profile::Norms);
  m_view.setXAxis(CompareView::XAxis::Relative);
  EXPECT_DOUBLE_EQ(m_view.line(0).front().x(), 0.5 / kHeadDim);
  EXPECT_DOUBLE_EQ(m_view.line(1).back().x(), 3.5 / 4);
  m_view.setXAxis(CompareView::XAxis::Wavelength);
  // tiny: /angles/wavelength per pair (dims 2i, 2i+1 share it); small: 2π·100^(2i/4).
  const auto tiny = m_view.line(0);
  EXPECT_FLOAT_EQ(tiny[2].x(), 99.0f / 5.0f);
  EXPECT_FLOAT_EQ(tiny[3].x(), 99.0f / 5.0f);
  const auto small = m_view.line(1);
  EXPECT_NEAR(small[2].x(), 2.0 * std::numbers::pi * 10.0, 1e-9);
  EXPECT_EQ(m_view.profilePlot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
}

TEST_F(CompareViewTest, ModelsWithoutTheProfileAreLeftOutOfIt) {
  m_view.setProfile(CompareView::Profile::Utility);
  EXPECT_FALSE(m_view.line(0).empty());
  EXPECT_TRUE(m_view.line(1).empty());
  EXPECT_EQ(m_view.profilePlot()->graphCount(), 1);
  EXPECT_EQ(m_view.figureIds(), (QStringList{"norms", "utility", "bands", "overview"}));
}

TEST_F(CompareViewTest, OverviewsShareOneColourScale) {
  m_view.setOverview(CompareView::Overview::Retrieval);
  const auto [lo, hi] = m_view.overviewRange();
  EXPECT_FLOAT_EQ(lo, retrievalScore(0, 0));
  EXPECT_FLOAT_EQ(hi, 5.0f);
  int maps = 0;
  for (int i = 0; i < m_view.overviewPlot()->plottableCount(); ++i)
    if (auto* map = qobject_cast<QCPColorMap*>(m_view.overviewPlot()->plottable(i))) {
      ++maps;
      EXPECT_DOUBLE_EQ(map->dataRange().lower, lo);
      EXPECT_DOUBLE_EQ(map->dataRange().upper, hi);
    }
  EXPECT_EQ(maps, 2);
  ASSERT_TRUE(m_view.showFigure("overview"));
  const auto lines = m_view.csvData().split('\n');
  EXPECT_EQ(lines[0], "model,layer,head,retrieval score");
  EXPECT_EQ(lines.size(), 1 + kLayers * kHeads + 4 + 1);
  EXPECT_EQ(lines[1 + kLayers * kHeads + 3], "small,1,1,5");
}

TEST(CompareView, OneModelIsNothingToCompare) {
  CompareView view;
  view.setModels({{"tiny", fullResults()}});
  EXPECT_FALSE(view.hasData());
  EXPECT_TRUE(view.unavailableText().contains("two or more"));
  view.setModels({{"tiny", fullResults()}, {"empty", engine::ResultsFile{}}});
  EXPECT_FALSE(view.hasData());
}

}  // namespace
}  // namespace ropescope::widgets
