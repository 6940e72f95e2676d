// Tests of the retrieval-vs-utility scatter: points, least-squares line, Pearson r, hover and click. GUI thread.
#include <gtest/gtest.h>

#include <qcustomplot.h>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <cmath>

#include "../results_fixture.h"
#include "widget_test_support.h"
#include "widgets/color_maps.h"
#include "widgets/retrieval_scatter_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

using namespace test;

TEST(RetrievalScatterView, OnePointPerHeadAtItsScores) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_EQ(view.points().size(), static_cast<std::size_t>(kLayers * kHeads));
  for (const auto& p : view.points()) {
    EXPECT_FLOAT_EQ(p.x, retrievalScore(p.layer, p.head));
    EXPECT_FLOAT_EQ(p.y, utilityFirst(p.layer, p.head));
  }
  EXPECT_EQ(view.pointsLegend(), "heads (12)");
  EXPECT_EQ(view.title(), "Retrieval score against utility of the first 1 dims");
}

TEST(RetrievalScatterView, LineAndRComeFromTheFile) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  EXPECT_DOUBLE_EQ(view.slope(), -0.25);
  EXPECT_DOUBLE_EQ(view.intercept(), 0.8);
  EXPECT_DOUBLE_EQ(view.pearson(), -0.5);
  const auto line = view.fitLine();
  ASSERT_EQ(line.size(), 2u);
  // Across the scores' range, on y = -0.25 x + 0.8.
  EXPECT_DOUBLE_EQ(line[0].x(), retrievalScore(0, 0));
  EXPECT_DOUBLE_EQ(line[1].x(), retrievalScore(kLayers - 1, kHeads - 1));
  for (const auto& p : line) EXPECT_NEAR(p.y(), -0.25 * p.x() + 0.8, 1e-12);
  EXPECT_EQ(view.fitLegend(), "least squares: y = -0.250 x + 0.800, Pearson r = -0.500");
}

TEST(RetrievalScatterView, ToggleShowsTheLastDims) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  view.setShowLast(true);
  EXPECT_TRUE(view.showsLast());
  for (const auto& p : view.points()) EXPECT_FLOAT_EQ(p.y, utilityLast(p.layer, p.head));
  EXPECT_DOUBLE_EQ(view.slope(), 0.125);
  EXPECT_DOUBLE_EQ(view.pearson(), 0.75);
  EXPECT_EQ(view.fitLegend(), "least squares: y = 0.125 x + 0.300, Pearson r = 0.750");
  EXPECT_TRUE(view.title().contains("last"));
}

TEST(RetrievalScatterView, WithoutAttributesTheFitIsComputed) {
  // x = {0, 1, 2, 3}, y = {1, 3, 2, 6}: by hand, mean x 1.5, mean y 3, Sxx 5, Sxy 7, Syy 14,
  // so slope 1.4, intercept 0.9 and r = 7 / sqrt(70).
  engine::ResultsFile r;
  for (const char* path : {"/retrieval/score", "/retrieval/utility_first", "/retrieval/utility_last"})
    r.arrays[path] = engine::NdArray{{2, 2}, {"layer", "head"}, {}};
  r.arrays["/retrieval/score"].values = {0, 1, 2, 3};
  r.arrays["/retrieval/utility_first"].values = {1, 3, 2, 6};
  r.arrays["/retrieval/utility_last"].values = {1, kNaN, 1, 1};
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(r));
  EXPECT_NEAR(view.slope(), 1.4, 1e-12);
  EXPECT_NEAR(view.intercept(), 0.9, 1e-12);
  EXPECT_NEAR(view.pearson(), 7.0 / std::sqrt(70.0), 1e-12);
  EXPECT_EQ(view.title(), "Retrieval score against utility of the first n dims");

  // The NaN head is left out; y without spread: a line, but no r.
  view.setShowLast(true);
  EXPECT_EQ(view.points().size(), 3u);
  EXPECT_NEAR(view.slope(), 0.0, 1e-12);
  EXPECT_TRUE(std::isnan(view.pearson()));
  EXPECT_TRUE(view.fitLegend().contains("r = —")) << view.fitLegend().toStdString();
}

TEST(RetrievalScatterView, NeedsScoreAndBothUtilities) {
  RetrievalScatterView view;
  EXPECT_FALSE(view.setResults(fullResultsWithout({"/retrieval/utility_last"})));
  EXPECT_FALSE(view.hasData());
  EXPECT_TRUE(view.points().empty());
  EXPECT_TRUE(view.fitLine().empty());
  EXPECT_FALSE(view.unavailableText().isEmpty());
  auto r = fullResults();
  r.arrays["/retrieval/utility_first"].shape = {kHeads, kLayers};  // well-formed, other shape
  EXPECT_FALSE(view.setResults(r));
}

TEST(RetrievalScatterView, HoverNamesTheHead) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_TRUE(layOut(view, QSize(700, 500)));
  int index = -1;
  for (std::size_t i = 0; i < view.points().size(); ++i)
    if (view.points()[i].layer == 1 && view.points()[i].head == 2) index = static_cast<int>(i);
  ASSERT_GE(index, 0);
  EXPECT_EQ(view.pointAtPixel(view.pixelOfPoint(index)), index);
  sendMouse(view.plotWidget(), QEvent::MouseMove, view.pixelOfPoint(index));
  EXPECT_TRUE(QToolTip::isVisible());
  EXPECT_TRUE(QToolTip::text().startsWith("L1H2: retrieval score 0.5")) << QToolTip::text().toStdString();
  EXPECT_FALSE(view.pointAtPixel(QPointF(2, 2)).has_value());
}

TEST(RetrievalScatterView, ClickSelectsTheHead) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_TRUE(layOut(view, QSize(700, 500)));
  QSignalSpy clicked(&view, &ResultsPane::headClicked);
  const QPointF at = view.pixelOfPoint(7);
  click(view.plotWidget(), at);
  ASSERT_EQ(clicked.count(), 1);
  const auto& p = view.points()[7];
  EXPECT_EQ(clicked.at(0).at(0).toInt(), p.layer);
  EXPECT_EQ(clicked.at(0).at(1).toInt(), p.head);
  EXPECT_EQ(view.selectedHead(), std::pair(p.layer, p.head));
  view.selectHead(kLayers, 0);
  EXPECT_FALSE(view.selectedHead().has_value());
}

}  // namespace
}  // namespace ropescope::widgets

namespace ropescope::widgets {
namespace {

TEST(RetrievalScatterView, PointsAreColouredByLayerOnTheAppsMap) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(test::fullResults()));
  ASSERT_EQ(view.layerCount(), test::kLayers);
  for (int i = 0; i < static_cast<int>(view.points().size()); ++i) {
    const int layer = view.points()[static_cast<std::size_t>(i)].layer;
    EXPECT_EQ(view.pointColor(i), colorAt(ColorMaps::instance().sequential(), layer / double(test::kLayers - 1)));
  }
  // The drawn discs of each layer are that layer's points.
  auto* plot = qobject_cast<QCustomPlot*>(view.plotWidget());
  int layerGraphs = 0;
  for (int g = 0; g < plot->graphCount(); ++g) {
    const QString name = plot->graph(g)->name();
    if (!name.startsWith("layer ")) continue;
    const int layer = name.mid(6).toInt();
    ++layerGraphs;
    int expected = 0;
    for (const auto& p : view.points()) expected += p.layer == layer;
    EXPECT_EQ(plot->graph(g)->data()->size(), expected) << name.toStdString();
  }
  EXPECT_EQ(layerGraphs, test::kLayers);
}

TEST(RetrievalScatterView, CsvNamesEachHead) {
  RetrievalScatterView view;
  ASSERT_TRUE(view.setResults(test::fullResults()));
  const auto lines = view.csvData().split('\n');
  EXPECT_EQ(lines[0], "layer,head,retrieval score,mean utility of the first 1 dims,mean utility of the last 1 dims");
  const auto fields = lines[1 + 1 * test::kHeads + 2].split(',');  // L1H2
  EXPECT_EQ(fields[0], "1");
  EXPECT_EQ(fields[1], "2");
  EXPECT_FLOAT_EQ(fields[2].toFloat(), test::retrievalScore(1, 2));
  EXPECT_FLOAT_EQ(fields[3].toFloat(), test::utilityFirst(1, 2));
  EXPECT_FLOAT_EQ(fields[4].toFloat(), test::utilityLast(1, 2));
}

}  // namespace
}  // namespace ropescope::widgets

namespace ropescope::widgets {
namespace {

// The hover text near the window's right and bottom edges is moved to stay inside the window.
TEST(TooltipInside, NearTheEdgesTheTextStaysInsideTheWindow) {
  QWidget window;
  window.resize(500, 300);
  window.move(100, 100);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  const QString text = QStringLiteral("L31H31: retrieval score 0.9876, utility 0.1234 — a long hover text");
  for (const QPoint at : {QPoint(490, 290), QPoint(5, 5), QPoint(490, 5), QPoint(5, 290)}) {
    showTooltipInside(&window, at, text);
    QWidget* tip = nullptr;
    for (auto* w : QApplication::topLevelWidgets())
      if (w->inherits("QTipLabel") && w->isVisible()) tip = w;
    ASSERT_NE(tip, nullptr);
    const QRect inside(window.mapToGlobal(QPoint(0, 0)), window.size());
    EXPECT_TRUE(inside.contains(tip->geometry()))
        << at.x() << "," << at.y() << ": tip at " << tip->geometry().x() << "," << tip->geometry().y() << " size "
        << tip->width() << "x" << tip->height();
    QToolTip::hideText();
  }
}

}  // namespace
}  // namespace ropescope::widgets
