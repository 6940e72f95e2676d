// Tests of plot export: format by suffix, PNG size, SVG as XML, atomic writes and errors. GUI thread.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "widgets/color_maps.h"
#include "widgets/heatmap_view.h"
#include "widgets/plot_export.h"

namespace ropescope::widgets {
namespace {

const QString kTitle = QStringLiteral("Export title 42");

class PlotExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    ASSERT_TRUE(m_view.setMatrix(2, 3, {1, 2, 3, 4, std::numeric_limits<float>::quiet_NaN(), 6}));
    m_view.setLabels(kTitle, "layer", "dimension", "L1 norm");
  }

  QString path(const QString& name) const { return m_dir.filePath(name); }
  // Every entry in the folder, hidden ones included (QSaveFile's temporaries are "<name>.XXXXXX").
  QStringList entries() const {
    return QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
  }

  QTemporaryDir m_dir;
  HeatmapView m_view;
};

TEST(ExportFormatForPath, MapsSuffixesCaseInsensitively) {
  EXPECT_EQ(exportFormatForPath("plot.png"), ExportFormat::Png);
  EXPECT_EQ(exportFormatForPath("/a/b/PLOT.PNG"), ExportFormat::Png);
  EXPECT_EQ(exportFormatForPath("plot.svg"), ExportFormat::Svg);
  EXPECT_EQ(exportFormatForPath("dir.d/plot.SvG"), ExportFormat::Svg);
}

TEST(ExportFormatForPath, MapsPdfAndCsv) {
  EXPECT_EQ(exportFormatForPath("plot.pdf"), ExportFormat::Pdf);
  EXPECT_EQ(exportFormatForPath("plot.CSV"), ExportFormat::Csv);
}

TEST(ExportFormatForPath, RejectsOtherNames) {
  EXPECT_EQ(exportFormatForPath("plot.eps"), std::nullopt);
  EXPECT_EQ(exportFormatForPath("plot"), std::nullopt);
  EXPECT_EQ(exportFormatForPath("png"), std::nullopt);
  EXPECT_EQ(exportFormatForPath("plot.png.txt"), std::nullopt);
  EXPECT_EQ(exportFormatForPath("plot.png/"), std::nullopt);
  EXPECT_EQ(exportFormatForPath(""), std::nullopt);
}

TEST_F(PlotExportTest, PngHasTheAskedSize) {
  QString error;
  ASSERT_TRUE(m_view.exportTo(path("plot.png"), ExportFormat::Png, QSize(640, 400), 1.0, &error))
      << error.toStdString();
  const QImage image(path("plot.png"));
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(640, 400));
}

TEST_F(PlotExportTest, PngScaleMultipliesPixels) {
  QString error;
  ASSERT_TRUE(m_view.exportTo(path("plot@2x.png"), ExportFormat::Png, QSize(640, 400), 2.0, &error))
      << error.toStdString();
  const QImage image(path("plot@2x.png"));
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(1280, 800));
}

TEST_F(PlotExportTest, PngIsNotBlank) {
  ASSERT_TRUE(m_view.exportTo(path("plot.png"), ExportFormat::Png, QSize(320, 200)));
  const QImage image = QImage(path("plot.png")).convertToFormat(QImage::Format_RGB32);
  ASSERT_FALSE(image.isNull());
  int differing = 0;
  const QRgb corner = image.pixel(0, 0);
  for (int y = 0; y < image.height(); y += 4) {
    for (int x = 0; x < image.width(); x += 4) differing += image.pixel(x, y) != corner;
  }
  EXPECT_GT(differing, 100);  // the colour map alone covers far more than this
}

TEST_F(PlotExportTest, SvgParsesAsXmlWithTheTitleAsText) {
  QString error;
  ASSERT_TRUE(m_view.exportTo(path("plot.svg"), ExportFormat::Svg, QSize(640, 400), 1.0, &error))
      << error.toStdString();
  QFile file(path("plot.svg"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&file);
  QString root;
  QString text;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement() && root.isEmpty()) root = xml.name().toString();
    if (xml.isCharacters()) text += xml.text();
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString() << " at line " << xml.lineNumber();
  EXPECT_EQ(root, "svg");
  EXPECT_TRUE(text.contains(kTitle)) << "no title text in the SVG";
  EXPECT_TRUE(text.contains("RoPEScope"));
}

TEST_F(PlotExportTest, LeavesNoTemporaryFiles) {
  ASSERT_TRUE(m_view.exportTo(path("plot.png"), ExportFormat::Png, QSize(320, 200)));
  ASSERT_TRUE(m_view.exportTo(path("plot.svg"), ExportFormat::Svg, QSize(320, 200)));
  EXPECT_EQ(entries(), (QStringList{"plot.png", "plot.svg"}));
}

TEST_F(PlotExportTest, ReplacesAnExistingFile) {
  {
    QFile old(path("plot.png"));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("not a png");
  }
  ASSERT_TRUE(m_view.exportTo(path("plot.png"), ExportFormat::Png, QSize(200, 100)));
  EXPECT_EQ(QImage(path("plot.png")).size(), QSize(200, 100));
  EXPECT_EQ(entries(), QStringList{"plot.png"});
}

TEST_F(PlotExportTest, MissingFolderFailsNamingThePathAndWritesNothing) {
  const QString target = path("missing/plot.png");
  QString error;
  EXPECT_FALSE(m_view.exportTo(target, ExportFormat::Png, QSize(640, 400), 1.0, &error));
  EXPECT_TRUE(error.contains(target)) << error.toStdString();
  EXPECT_TRUE(error.contains("cannot write")) << error.toStdString();
  EXPECT_FALSE(QFileInfo::exists(target));
  EXPECT_TRUE(entries().isEmpty());

  error.clear();
  EXPECT_FALSE(m_view.exportTo(path("missing/plot.svg"), ExportFormat::Svg, QSize(640, 400), 1.0, &error));
  EXPECT_TRUE(error.contains(path("missing/plot.svg"))) << error.toStdString();
  EXPECT_TRUE(entries().isEmpty());
}

TEST_F(PlotExportTest, FolderAsTargetFailsAndLeavesItAlone) {
  ASSERT_TRUE(QDir(m_dir.path()).mkdir("taken.png"));
  QString error;
  EXPECT_FALSE(m_view.exportTo(path("taken.png"), ExportFormat::Png, QSize(64, 64), 1.0, &error));
  EXPECT_TRUE(error.contains(path("taken.png"))) << error.toStdString();
  EXPECT_TRUE(QFileInfo(path("taken.png")).isDir());
  EXPECT_EQ(entries(), QStringList{"taken.png"});
}

TEST_F(PlotExportTest, BadSizeOrScaleFailsAndKeepsTheOldFile) {
  {
    QFile old(path("plot.png"));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old");
  }
  const struct {
    QSize size;
    double scale;
  } cases[] = {{QSize(0, 400), 1.0},
               {QSize(640, -1), 1.0},
               {QSize(), 1.0},
               {QSize(640, 400), 0.0},
               {QSize(640, 400), -2.0},
               {QSize(640, 400), std::numeric_limits<double>::quiet_NaN()},
               {QSize(640, 400), std::numeric_limits<double>::infinity()},
               {QSize(100000, 400), 1.0},
               {QSize(10000, 400), 4.0}};
  for (const auto& c : cases) {
    QString error;
    EXPECT_FALSE(m_view.exportTo(path("plot.png"), ExportFormat::Png, c.size, c.scale, &error))
        << c.size.width() << "x" << c.size.height() << " @ " << c.scale;
    EXPECT_TRUE(error.contains(path("plot.png"))) << error.toStdString();
  }
  QFile file(path("plot.png"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(file.readAll(), "old");
  EXPECT_EQ(entries(), QStringList{"plot.png"});
}

TEST_F(PlotExportTest, EmptyPathFails) {
  QString error;
  EXPECT_FALSE(m_view.exportTo(QString(), ExportFormat::Png, QSize(64, 64), 1.0, &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(PlotExportTest, NullErrorPointerIsAllowed) {
  EXPECT_FALSE(m_view.exportTo(path("missing/plot.png"), ExportFormat::Png, QSize(64, 64), 1.0, nullptr));
}

TEST(ParseExportFormats, ReadsListsAndNamesTheBadItem) {
  QString error;
  const auto all = parseExportFormats(" PNG, svg,pdf ,csv", &error);
  ASSERT_TRUE(all.has_value()) << error.toStdString();
  EXPECT_EQ(*all,
            (std::vector<ExportFormat>{ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf, ExportFormat::Csv}));
  EXPECT_FALSE(parseExportFormats("png,tiff", &error));
  EXPECT_TRUE(error.contains("'tiff'")) << error.toStdString();
  EXPECT_FALSE(parseExportFormats("png,png", &error));
  EXPECT_TRUE(error.contains("twice")) << error.toStdString();
  EXPECT_FALSE(parseExportFormats("", &error));
}

TEST(ParseFigureSize, ReadsUnitsAndRefusesNonsense) {
  QString error;
  const auto mm = parseFigureSize("180x120mm", 300, &error);
  ASSERT_TRUE(mm.has_value());
  EXPECT_EQ(*mm, (FigureSize{180, 120, SizeUnit::Millimetres, 300}));
  EXPECT_EQ(parseFigureSize("7 x 4.5 in", 150, &error), (FigureSize{7, 4.5, SizeUnit::Inches, 150}));
  EXPECT_EQ(parseFigureSize("2400x1600", 300, &error), (FigureSize{2400, 1600, SizeUnit::Pixels, 300}));
  EXPECT_EQ(parseFigureSize("2400x1600px", 300, &error), (FigureSize{2400, 1600, SizeUnit::Pixels, 300}));
  for (const char* bad : {"180mm", "0x120mm", "axbmm", "180x120cm", "-1x2in", ""}) {
    EXPECT_FALSE(parseFigureSize(bad, 300, &error)) << bad;
    EXPECT_FALSE(error.isEmpty()) << bad;
  }
  EXPECT_EQ(figureSizeText(*mm), "180x120mm");
}

TEST(ExportGeometry, PaperSizesLayOutAt96PerInchAndRasteriseAtTheDpi) {
  QString error;
  const auto g = exportGeometry({180, 120, SizeUnit::Millimetres, 300}, &error);
  ASSERT_TRUE(g.has_value()) << error.toStdString();
  EXPECT_EQ(g->layout, QSize(680, 453));    // 180 mm = 7.087 in = 680.3 layout pixels; the height follows
  EXPECT_EQ(g->pixels, QSize(2126, 1417));  // 7.087 in x 300 DPI
  EXPECT_NEAR(g->millimetres.width(), 180.0, 1e-9);
  const auto px = exportGeometry({2400, 1600, SizeUnit::Pixels, 300}, &error);
  ASSERT_TRUE(px.has_value());
  EXPECT_EQ(px->pixels, QSize(2400, 1600));
  EXPECT_EQ(px->layout, QSize(768, 512));
  EXPECT_FALSE(exportGeometry({5, 5, SizeUnit::Millimetres, 300}, &error));
  EXPECT_TRUE(error.contains("too small"));
  EXPECT_FALSE(exportGeometry({180, 120, SizeUnit::Millimetres, 5000}, &error));
  // 600,000 pixels wide: fine on paper (SVG, PDF), refused as a PNG.
  EXPECT_TRUE(exportGeometry({2000, 20, SizeUnit::Inches, 300}, &error));
}

TEST_F(PlotExportTest, PngAtAPaperSizeHasItsPixelsAndDpi) {
  QString error;
  auto* plot = qobject_cast<QCustomPlot*>(m_view.plotWidget());
  ASSERT_NE(plot, nullptr);
  ASSERT_TRUE(
      exportPlot(*plot, path("paper.png"), ExportFormat::Png, FigureSize{180, 120, SizeUnit::Millimetres, 300}, &error))
      << error.toStdString();
  const QImage image(path("paper.png"));
  EXPECT_EQ(image.size(), QSize(2126, 1417));
  EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, 300.0, 0.5);
  ASSERT_TRUE(
      exportPlot(*plot, path("px.png"), ExportFormat::Png, FigureSize{1000, 601, SizeUnit::Pixels, 150}, &error));
  EXPECT_EQ(QImage(path("px.png")).size(), QSize(1000, 601));
  // The last pixel rows are drawn, not padding: the bottom rows are not all background.
  const QImage paper(path("paper.png"));
  int drawn = 0;
  for (int y = paper.height() - 60; y < paper.height(); ++y)
    for (int x = 0; x < paper.width(); x += 7) drawn += paper.pixel(x, y) != paper.pixel(0, 0);
  EXPECT_GT(drawn, 0);
  // A PNG wider than 16384 pixels is refused; the same size as PDF is written.
  EXPECT_FALSE(
      exportPlot(*plot, path("huge.png"), ExportFormat::Png, FigureSize{100, 4, SizeUnit::Inches, 300}, &error));
  EXPECT_TRUE(error.contains("16384")) << error.toStdString();
  EXPECT_TRUE(
      exportPlot(*plot, path("huge.pdf"), ExportFormat::Pdf, FigureSize{100, 4, SizeUnit::Inches, 300}, &error));
}

TEST_F(PlotExportTest, SvgHasTheRequestedSizeInMillimetres) {
  auto* plot = qobject_cast<QCustomPlot*>(m_view.plotWidget());
  QString error;
  ASSERT_TRUE(
      exportPlot(*plot, path("f.svg"), ExportFormat::Svg, FigureSize{180, 120, SizeUnit::Millimetres, 300}, &error))
      << error.toStdString();
  QFile file(path("f.svg"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&file);
  double width = 0, height = 0;
  QString text;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement() && xml.name() == QLatin1String("svg")) {
      const QString w = xml.attributes().value("width").toString();
      const QString h = xml.attributes().value("height").toString();
      ASSERT_TRUE(w.endsWith("mm") && h.endsWith("mm")) << w.toStdString();
      width = w.chopped(2).toDouble();
      height = h.chopped(2).toDouble();
    }
    if (xml.isCharacters()) text += xml.text();
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_NEAR(width, 180.0, 0.05);
  EXPECT_NEAR(height, 120.0, 0.05);
  EXPECT_TRUE(text.contains(kTitle));  // text stays text
}

TEST_F(PlotExportTest, PdfIsOnePageOfTheRequestedSizeWithEmbeddedFonts) {
  auto* plot = qobject_cast<QCustomPlot*>(m_view.plotWidget());
  QString error;
  ASSERT_TRUE(exportPlot(*plot, path("f.pdf"), ExportFormat::Pdf, FigureSize{7, 4, SizeUnit::Inches, 300}, &error))
      << error.toStdString();
  QFile file(path("f.pdf"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray pdf = file.readAll();
  EXPECT_TRUE(pdf.startsWith("%PDF-"));
  EXPECT_TRUE(pdf.trimmed().endsWith("%%EOF"));
  const QString text = QString::fromLatin1(pdf);
  const auto pages = text.count(QRegularExpression(QStringLiteral(R"(/Type\s*/Page\b)")));
  EXPECT_EQ(pages, 1);
  const auto box =
      QRegularExpression(QStringLiteral(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])")).match(text);
  ASSERT_TRUE(box.hasMatch());
  const double mmPerPoint = 25.4 / 72.0;
  EXPECT_NEAR(box.captured(1).toDouble() * mmPerPoint, 7 * 25.4, 1.0);
  EXPECT_NEAR(box.captured(2).toDouble() * mmPerPoint, 4 * 25.4, 1.0);
  EXPECT_TRUE(pdf.contains("/FontFile")) << "fonts are not embedded";
}

TEST_F(PlotExportTest, CsvOfAHeatmapHasOneRowPerCellWithNamedColumns) {
  auto* plot = qobject_cast<QCustomPlot*>(m_view.plotWidget());
  QString error;
  ASSERT_TRUE(exportPlot(*plot, path("f.csv"), ExportFormat::Csv, FigureSize{}, &error)) << error.toStdString();
  QFile file(path("f.csv"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(QString::fromUtf8(file.readAll()),
            "layer,dimension,L1 norm\n0,0,1\n0,1,2\n0,2,3\n1,0,4\n1,1,\n1,2,6\n");  // NaN as empty
}

TEST(CsvField, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("heads=L1H0 dims=first4;x"), "heads=L1H0 dims=first4;x");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
}

TEST(ColorMaps, SequentialMapsHaveTheirPublishedEnds) {
  EXPECT_EQ(colorAt(ColorMap::Viridis, 0.0), QColor(0x44, 0x01, 0x54));
  EXPECT_EQ(colorAt(ColorMap::Viridis, 1.0), QColor(0xfd, 0xe7, 0x25));
  EXPECT_EQ(colorAt(ColorMap::Cividis, 0.0), QColor(0x00, 0x22, 0x4e));
  EXPECT_EQ(colorAt(ColorMap::Greys, 0.5), QColor(128, 128, 128));
  EXPECT_EQ(divergingColorAt(0.5), QColor(0xf7, 0xf7, 0xf7));
  EXPECT_EQ(colorAt(ColorMap::Viridis, 7.0), colorAt(ColorMap::Viridis, 1.0));  // clamped
  EXPECT_EQ(colorMapByName("CIVIDIS"), ColorMap::Cividis);
  EXPECT_EQ(colorMapByName("jet"), std::nullopt);
}

TEST(ColorMaps, SignedHeatmapsCentreTheDivergingMapOnZero) {
  HeatmapView view;
  view.setSignedValues(true);
  ASSERT_TRUE(view.setMatrix(1, 3, {-0.2f, 0.0f, 0.8f}));
  EXPECT_NEAR(view.colorRange().first, -0.8, 1e-6);
  EXPECT_NEAR(view.colorRange().second, 0.8, 1e-6);
  EXPECT_EQ(view.colorOfValue(0.0), divergingColorAt(0.5));  // white at 0, not at the mean
  EXPECT_EQ(view.colorOfValue(0.8f), divergingColorAt(1.0));
  view.setSignedValues(false);
  EXPECT_NEAR(view.colorRange().first, -0.2, 1e-6);
}

TEST(ColorMaps, HeatmapsFollowTheAppsChoiceAtOnce) {
  HeatmapView view;
  ASSERT_TRUE(view.setMatrix(1, 2, {0.0f, 1.0f}));
  EXPECT_EQ(view.colorOfValue(1.0), colorAt(ColorMap::Viridis, 1.0));
  ColorMaps::instance().setSequential(ColorMap::Cividis);
  EXPECT_EQ(view.colorOfValue(1.0), colorAt(ColorMap::Cividis, 1.0));
  auto* plot = qobject_cast<QCustomPlot*>(view.plotWidget());
  const QImage image = plot->toPixmap(200, 100).toImage();
  ColorMaps::instance().setSequential(ColorMap::Viridis);
  // The drawn cells use the new map: cividis' yellow end appears somewhere in the picture.
  bool found = false;
  for (int y = 0; y < image.height() && !found; ++y)
    for (int x = 0; x < image.width() && !found; ++x) found = QColor(image.pixel(x, y)) == QColor(0xfe, 0xe8, 0x38);
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace ropescope::widgets
