// What every results page does alike: shows the full file, empties without its groups, exports PNG and SVG. GUI thread.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <functional>
#include <memory>

#include "../results_fixture.h"
#include "widget_test_support.h"
#include "widgets/angles_view.h"
#include "widgets/bands_view.h"
#include "widgets/dimensions_view.h"
#include "widgets/heads_view.h"
#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/qa_view.h"
#include "widgets/retrieval_scatter_view.h"

namespace ropescope::widgets {
namespace {

struct PaneCase {
  const char* name;
  std::function<std::unique_ptr<ResultsPane>()> make;
  const char* titleText;  // appears in the exported SVG
};

std::ostream& operator<<(std::ostream& out, const PaneCase& c) { return out << c.name; }

class ResultsPaneTest : public ::testing::TestWithParam<PaneCase> {
 protected:
  std::unique_ptr<ResultsPane> m_pane = GetParam().make();
};

TEST_P(ResultsPaneTest, ShowsTheFullFile) {
  EXPECT_FALSE(m_pane->hasData());
  EXPECT_TRUE(m_pane->setResults(ropescope::test::fullResults()));
  EXPECT_TRUE(m_pane->hasData());
  EXPECT_NE(m_pane->plotWidget(), nullptr);
}

TEST_P(ResultsPaneTest, AnEmptyFileLeavesItEmptyWithAReason) {
  ASSERT_TRUE(m_pane->setResults(ropescope::test::fullResults()));
  EXPECT_FALSE(m_pane->setResults(engine::ResultsFile{}));
  EXPECT_FALSE(m_pane->hasData());
  EXPECT_FALSE(m_pane->unavailableText().isEmpty());
  ASSERT_TRUE(m_pane->setResults(ropescope::test::fullResults()));
  m_pane->clear();
  EXPECT_FALSE(m_pane->hasData());
}

TEST_P(ResultsPaneTest, ExportsPngAndSvg) {
  QTemporaryDir dir;
  ASSERT_TRUE(m_pane->setResults(ropescope::test::fullResults()));
  ASSERT_TRUE(test::layOut(*m_pane));
  QString error;
  const QString png = dir.filePath("pane.png");
  ASSERT_TRUE(m_pane->exportTo(png, ExportFormat::Png, QSize(500, 300), 1.0, &error)) << error.toStdString();
  const QImage image = QImage(png).convertToFormat(QImage::Format_RGB32);
  ASSERT_EQ(image.size(), QSize(500, 300));
  int differing = 0;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) differing += image.pixel(x, y) != image.pixel(0, 0);
  EXPECT_GT(differing, 200);

  const QString svg = dir.filePath("pane.svg");
  ASSERT_TRUE(m_pane->exportTo(svg, ExportFormat::Svg, QSize(500, 300), 1.0, &error)) << error.toStdString();
  QFile file(svg);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&file);
  QString text;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isCharacters()) text += xml.text();
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_TRUE(text.contains(QString::fromUtf8(GetParam().titleText))) << text.left(400).toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    Pages, ResultsPaneTest,
    ::testing::Values(
        PaneCase{"Dimensions", [] { return std::make_unique<DimensionsView>(); }, "L1 norm of q_proj rows"},
        PaneCase{"Heads", [] { return std::make_unique<HeadsView>(); }, "Retrieval score per head"},
        PaneCase{"Scatter", [] { return std::make_unique<RetrievalScatterView>(); }, "Retrieval score against"},
        PaneCase{"Bands", [] { return std::make_unique<BandsView>(); }, "Mean 2-norm of each query pair"},
        PaneCase{"Angles", [] { return std::make_unique<AnglesView>(); }, "Turns of each RoPE pair"},
        PaneCase{"Qa", [] { return std::make_unique<QaView>(); }, "QA accuracy by position"}),
    [](const ::testing::TestParamInfo<PaneCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ropescope::widgets

namespace ropescope::widgets {
namespace {

// Without rotary position embedding the pairs have no frequencies: the axis does not claim any.
TEST(BandsPane, ANoPEModelsPairsAreNotLabelledByFrequency) {
  auto results = test::fullResults();
  BandsView view;
  ASSERT_TRUE(view.setResults(results));
  EXPECT_TRUE(view.sliceView()->heatmap()->columnAxisLabel().contains("highest frequency first"));
  results.weights->model.rotary = false;
  ASSERT_TRUE(view.setResults(results));
  const auto label = view.sliceView()->heatmap()->columnAxisLabel();
  EXPECT_FALSE(label.contains("frequency")) << label.toStdString();
  EXPECT_TRUE(label.contains("no rotary position embedding")) << label.toStdString();
}

}  // namespace
}  // namespace ropescope::widgets
