// Tests of the Angles page: turns per pair on a log axis, the one-turn line and wrapping pairs. GUI thread.
#include <gtest/gtest.h>

#include <QToolTip>
#include <cmath>

#include "../results_fixture.h"
#include "widget_test_support.h"
#include "widgets/angles_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

TEST(AnglesView, TurnsPerPairOnALogAxisWithTheOneTurnLine) {
  AnglesView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_EQ(view.pairCount(), kPairs);
  const double expected[] = {100.0, 5.0, 0.5, 0.01};
  for (int p = 0; p < kPairs; ++p) EXPECT_FLOAT_EQ(view.turns(p), expected[p]);
  EXPECT_TRUE(view.logScale());
  EXPECT_DOUBLE_EQ(view.oneTurnLevel(), 1.0);
  EXPECT_EQ(view.wrappingPointCount(), 2);
  EXPECT_EQ(view.stillPointCount(), 2);
  EXPECT_TRUE(view.wraps(0));
  EXPECT_FALSE(view.wraps(3));
  EXPECT_EQ(view.title(), "Turns of each RoPE pair over 100 tokens");
  EXPECT_TRUE(view.tooltipText(1).startsWith("pair 1 (dims 2, 3): 5 turns")) << view.tooltipText(1).toStdString();
  EXPECT_TRUE(view.tooltipText(1).contains("wavelength 19.8 tokens"));
  EXPECT_TRUE(view.tooltipText(1).contains("wraps past 2π"));
  EXPECT_TRUE(view.tooltipText(kPairs).isEmpty());
}

// A NoPE model's page says so instead of drawing an empty log axis labelled with frequencies.
TEST(AnglesView, ANoPEModelSaysItHasNoRotaryPositionEmbedding) {
  auto results = fullResults();
  ASSERT_TRUE(results.weights.has_value());
  results.weights->model.rotary = false;
  AnglesView view;
  ASSERT_TRUE(view.setResults(results));
  EXPECT_TRUE(view.noRotation());
  EXPECT_TRUE(view.title().contains("no rotary position embedding")) << view.title().toStdString();
  EXPECT_EQ(view.wrappingPointCount() + view.stillPointCount(), 0);
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_FALSE(view.noRotation());
  EXPECT_EQ(view.wrappingPointCount(), 2);
}

TEST(AnglesView, WrapsDefaultToMoreThanOneTurn) {
  auto r = fullResultsWithout({"/angles/wraps", "/angles/theta"});
  r.groupAttributes.erase("/angles");
  r.arrays["/angles/turns"].values = {3.0f, 1.0f, 0.2f, 0.1f};
  AnglesView view;
  ASSERT_TRUE(view.setResults(r));
  EXPECT_EQ(view.wrappingPointCount(), 1);  // exactly one turn does not pass 2π
  EXPECT_EQ(view.stillPointCount(), 3);
  EXPECT_EQ(view.title(), "Turns of each RoPE pair over the context");
  EXPECT_FALSE(view.tooltipText(0).contains("θ"));
}

TEST(AnglesView, PairsWithoutRotationAreLeftOffTheLogAxis) {
  auto r = fullResults();
  r.arrays["/angles/turns"].values = {10.0f, 0.0f, kNaN, 0.5f};  // p-RoPE drops pairs: theta 0
  AnglesView view;
  ASSERT_TRUE(view.setResults(r));
  EXPECT_EQ(view.wrappingPointCount() + view.stillPointCount(), 2);
}

TEST(AnglesView, HoverNamesThePair) {
  AnglesView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_TRUE(test::layOut(view));
  EXPECT_EQ(view.pairAtPixel(view.pixelOfPair(2)), 2);
  test::sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfPair(2));
  EXPECT_TRUE(QToolTip::isVisible());
  EXPECT_TRUE(QToolTip::text().startsWith("pair 2 "));
}

TEST(AnglesView, NeedsTurns) {
  AnglesView view;
  EXPECT_FALSE(view.setResults(fullResultsWithout({"/angles/turns"})));
  EXPECT_EQ(view.pairCount(), 0);
  EXPECT_EQ(view.wrappingPointCount() + view.stillPointCount(), 0);
  auto r = fullResults();
  r.arrays["/angles/turns"].values.push_back(1.0f);  // 5 values for 4 pairs
  EXPECT_FALSE(view.setResults(r));
}

}  // namespace
}  // namespace ropescope::widgets
