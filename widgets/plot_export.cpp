// Writes a QCustomPlot to a PNG or SVG file atomically, without dialogs. GUI thread only.
#include "widgets/plot_export.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>

namespace ropescope::widgets {
namespace {

// Larger images would need gigabytes (QImage's own limit is near 2^31 bytes).
constexpr int kMaxPixels = 16384;
// What savePng writes by default, so PNGs open at the intended physical size.
constexpr double kPngDotsPerInch = 96.0;

// Translation context for the messages below (lupdate sees Q_DECLARE_TR_FUNCTIONS).
class PlotExport {
  Q_DECLARE_TR_FUNCTIONS(ropescope::widgets::PlotExport)
};

bool fail(QString* error, const QString& path, const QString& reason) {
  if (error) *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), reason);
  return false;
}

// Same pixels as QCustomPlot::savePng (which renders through toPixmap), but into a device so
// that QSaveFile can commit it atomically; savePng only takes a file name.
bool writePng(QCustomPlot& plot, QIODevice& device, QSize size, double scale) {
  QImage image = plot.toPixmap(size.width(), size.height(), scale).toImage();
  if (image.isNull()) return false;
  const int dotsPerMeter = static_cast<int>(std::lround(kPngDotsPerInch / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  return image.save(&device, "PNG");
}

// There is no QCustomPlot::saveSvg: paint through a vectorized QCPPainter instead. Colour maps
// end up as embedded raster images, text stays text.
bool writeSvg(QCustomPlot& plot, QIODevice& device, QSize size, double scale) {
  QSvgGenerator generator;
  generator.setOutputDevice(&device);
  generator.setSize(
      QSize(static_cast<int>(std::lround(size.width() * scale)), static_cast<int>(std::lround(size.height() * scale))));
  generator.setViewBox(QRect(QPoint(0, 0), size));
  generator.setTitle(QStringLiteral("RoPEScope"));
  generator.setDescription(QStringLiteral("Exported by RoPEScope"));
  QCPPainter painter;
  if (!painter.begin(&generator)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  plot.toPainter(&painter, size.width(), size.height());
  return painter.end();
}

}  // namespace

std::optional<ExportFormat> exportFormatForPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return ExportFormat::Png;
  if (suffix == QLatin1String("svg")) return ExportFormat::Svg;
  return std::nullopt;
}

bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  if (path.isEmpty()) return fail(error, path, PlotExport::tr("cannot write: no file name given"));
  if (size.width() <= 0 || size.height() <= 0) {
    return fail(error, path,
                PlotExport::tr("cannot write: size %1x%2 is not positive").arg(size.width()).arg(size.height()));
  }
  if (!std::isfinite(scale) || scale <= 0.0) {
    return fail(error, path, PlotExport::tr("cannot write: scale %1 is not positive").arg(scale));
  }
  if (size.width() * scale > kMaxPixels || size.height() * scale > kMaxPixels) {
    return fail(error, path,
                PlotExport::tr("cannot write: %1x%2 at scale %3 exceeds %4 pixels a side")
                    .arg(size.width())
                    .arg(size.height())
                    .arg(scale)
                    .arg(kMaxPixels));
  }

  // QSaveFile writes "<path>.XXXXXX" in the same folder and renames it over `path` on commit;
  // destroying it uncommitted removes the temporary file.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));

  const bool rendered =
      format == ExportFormat::Png ? writePng(plot, file, size, scale) : writeSvg(plot, file, size, scale);
  // Rendering at the export size re-laid out the plot; lay it out for the screen again.
  plot.replot(QCustomPlot::rpQueuedReplot);
  if (!rendered) {
    const QString reason = file.error() != QFileDevice::NoError ? file.errorString()
                           : format == ExportFormat::Png        ? PlotExport::tr("PNG encoding failed")
                                                                : PlotExport::tr("SVG painting failed");
    file.cancelWriting();
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(reason));
  }
  if (!file.commit()) return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));
  return true;
}

}  // namespace ropescope::widgets
