// Tests of plot export: format by suffix, PNG size, SVG as XML, atomic writes and errors. GUI thread.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <cmath>
#include <limits>

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

TEST(ExportFormatForPath, RejectsOtherNames) {
  EXPECT_EQ(exportFormatForPath("plot.pdf"), std::nullopt);
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

}  // namespace
}  // namespace ropescope::widgets
