// Tests of the QA page: accuracy by gold position, one line per mask set. GUI thread.
#include <gtest/gtest.h>

#include "widget_test_support.h"
#include "widgets/qa_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

TEST(QaView, OneLinePerSetupWithTheUnmaskedModelFirst) {
  QaView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_EQ(view.graphCount(), 2);
  EXPECT_EQ(view.graphName(0), "no mask");
  EXPECT_EQ(view.graphName(1), "dims=first4");
  // Gold positions drawn 1-based; the NaN accuracy (no unit scored) is left out.
  const auto none = view.graphPoints(0);
  ASSERT_EQ(none.size(), 3u);
  EXPECT_EQ(none[0], QPointF(1, 0.8f));
  EXPECT_EQ(none[1], QPointF(10, 0.5f));
  EXPECT_EQ(none[2], QPointF(20, 0.7f));
  const auto masked = view.graphPoints(1);
  ASSERT_EQ(masked.size(), 2u);
  EXPECT_EQ(masked[0], QPointF(1, 0.6f));
  EXPECT_EQ(masked[1], QPointF(20, 0.4f));
  EXPECT_EQ(view.title(), "QA accuracy by position of the gold document");
}

TEST(QaView, SetupsOfAnotherLengthAreLeftOut) {
  auto r = fullResults();
  r.arrays["/qa/odd/accuracy"] = engine::NdArray{{2}, {"gold_position"}, {0.1f, 0.2f}};
  r.arrays["/qa/none/answered"] = engine::NdArray{{3}, {"gold_position"}, {2, 2, 2}};  // not an accuracy
  QaView view;
  ASSERT_TRUE(view.setResults(r));
  EXPECT_EQ(view.graphCount(), 2);
}

TEST(QaView, NeedsPositionsAndAccuracy) {
  QaView view;
  EXPECT_FALSE(view.setResults(fullResultsWithout({"/units/gold_positions"})));
  EXPECT_EQ(view.graphCount(), 0);
  EXPECT_FALSE(view.setResults(fullResultsWithout({"/qa/none/accuracy", "/qa/dims=first4/accuracy"})));
  EXPECT_FALSE(view.unavailableText().isEmpty());
}

}  // namespace
}  // namespace ropescope::widgets
