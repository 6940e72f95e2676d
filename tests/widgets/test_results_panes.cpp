// What every results page does alike: shows the full file, empties without its groups, exports PNG and SVG. GUI thread.
#include <gtest/gtest.h>

#include <qcustomplot.h>

#include <QFile>
#include <QFileInfo>
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
#include "widgets/positional_view.h"
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

TEST_P(ResultsPaneTest, EveryFigureExportsInEveryFormatAndTheSelectorsComeBack) {
  QTemporaryDir dir;
  ASSERT_TRUE(m_pane->setResults(ropescope::test::fullResults()));
  const QString shown = m_pane->currentFigureId();
  const QStringList ids = m_pane->figureIds();
  ASSERT_FALSE(ids.isEmpty());
  EXPECT_TRUE(ids.contains(shown)) << shown.toStdString();
  for (const auto& id : ids) {
    ASSERT_TRUE(m_pane->showFigure(id)) << id.toStdString();
    EXPECT_EQ(m_pane->currentFigureId(), id);
    for (const auto format : kExportFormats) {
      QString error;
      const QString path = dir.filePath(id + QLatin1Char('.') + exportFormatName(format));
      ASSERT_TRUE(m_pane->exportTo(path, format, FigureSize{90, 60, SizeUnit::Millimetres, 150}, &error))
          << id.toStdString() << ": " << error.toStdString();
      EXPECT_GT(QFileInfo(path).size(), 40) << path.toStdString();
    }
    // CSV: a header and one row per value, every row as wide as the header.
    const auto lines = m_pane->csvData().split('\n');
    ASSERT_GT(lines.size(), 2) << id.toStdString();
    const auto columns = lines[0].count(',');
    EXPECT_GE(columns, 2);
    for (const auto& line : lines) {
      if (!line.isEmpty() && !line.contains('"')) {
        EXPECT_EQ(line.count(','), columns) << line.toStdString();
      }
    }
  }
  EXPECT_FALSE(m_pane->showFigure(QStringLiteral("no-such-figure")));
  ASSERT_TRUE(m_pane->showFigure(shown));
  EXPECT_EQ(m_pane->currentFigureId(), shown);
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
        PaneCase{"Qa", [] { return std::make_unique<QaView>(); }, "QA accuracy by position"},
        PaneCase{"Positional", [] { return std::make_unique<PositionalView>(); }, "Dominant pair against token"}),
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

// Head profiles: queries and keys side by side, one line per head, equal to /bands.
TEST(BandsPane, ProfilesDrawTheSelectedAndPinnedHeadsFromTheDatasets) {
  using namespace ropescope::test;
  BandsView view;
  ASSERT_TRUE(view.setResults(fullResults()));
  ASSERT_TRUE(view.showFigure("profiles"));
  EXPECT_EQ(view.mode(), BandsView::Mode::Profiles);
  // Nothing selected: the mean over heads of the first, middle and last layer.
  EXPECT_EQ(view.profileHeads(), (std::vector<std::pair<int, int>>{{0, -1}, {1, -1}, {2, -1}}));
  const auto mean = view.profile(BandsView::kQueries, 1, -1);
  ASSERT_EQ(mean.size(), static_cast<std::size_t>(kPairs));
  EXPECT_FLOAT_EQ(mean[2].y(), (qBand(1, 0, 2) + qBand(1, 1, 2) + qBand(1, 2, 2) + qBand(1, 3, 2)) / 4.0f);

  view.selectHead(2, 1);
  view.pinSelectedHead();
  view.selectHead(1, 3);
  EXPECT_EQ(view.profileHeads(), (std::vector<std::pair<int, int>>{{2, 1}, {1, 3}}));
  const auto q = view.profile(BandsView::kQueries, 1, 3);
  const auto k = view.profile(BandsView::kKeys, 1, 3);
  for (int p = 0; p < kPairs; ++p) {
    EXPECT_DOUBLE_EQ(q[static_cast<std::size_t>(p)].x(), p);
    EXPECT_FLOAT_EQ(q[static_cast<std::size_t>(p)].y(), qBand(1, 3, p));
    EXPECT_FLOAT_EQ(k[static_cast<std::size_t>(p)].y(), kBand(1, 1, p));  // query head 3 reads KV head 1
  }
  // Two lines a head, one in each axis rect.
  EXPECT_EQ(view.profilePlot()->graphCount(), 4);
  EXPECT_EQ(view.profilePlot()->axisRectCount(), 2);
  // Against wavelength: x is /angles/wavelength; pairs past the 100-token context are semantic.
  view.setXAxis(BandsView::XAxis::Wavelength);
  ASSERT_EQ(view.xAxis(), BandsView::XAxis::Wavelength);
  const auto w = view.profile(BandsView::kQueries, 1, 3);
  EXPECT_FLOAT_EQ(w[3].x(), 99.0f / 0.01f);
  EXPECT_EQ(view.splitPair(), 2);  // wavelengths 0.99, 19.8, 198, 9900 tokens
  EXPECT_EQ(view.profilePlot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
  view.clearPins();
  EXPECT_EQ(view.profileHeads(), (std::vector<std::pair<int, int>>{{1, 3}}));
  const auto csv = view.csvData();
  EXPECT_TRUE(csv.startsWith("layer,head,side,pair,wavelength,norm\n"));
  EXPECT_EQ(csv.count('\n'), 1 + 2 * kPairs);
}

TEST(BandsPane, WithoutWavelengthsTheAxisStaysOnPairs) {
  auto results = test::fullResults();
  results.arrays.erase("/angles/wavelength");
  results.weights->model.ropeScaling = "llama3";  // the pairs' wavelengths are not 2π θ^(2i/D)
  BandsView view;
  ASSERT_TRUE(view.setResults(results));
  EXPECT_FALSE(view.hasWavelengths());
  view.setXAxis(BandsView::XAxis::Wavelength);
  EXPECT_EQ(view.xAxis(), BandsView::XAxis::Pair);
  EXPECT_EQ(view.splitPair(), -1);
}

}  // namespace
}  // namespace ropescope::widgets
