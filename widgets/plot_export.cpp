// Writes a QCustomPlot to PNG, SVG, PDF or CSV atomically, without dialogs. GUI thread only.
#include "widgets/plot_export.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

namespace ropescope::widgets {
namespace {

// Larger images would need gigabytes (QImage's own limit is near 2^31 bytes).
constexpr int kMaxPixels = 16384;
// Layout pixels per inch of paper: Qt's logical DPI, so fonts keep their point size.
constexpr double kLayoutDpi = 96.0;
constexpr double kMmPerInch = 25.4;
constexpr double kMinDpi = 10.0;
constexpr double kMaxDpi = 2400.0;
constexpr int kMinLayout = 50;

// Translation context for the messages below (lupdate sees Q_DECLARE_TR_FUNCTIONS).
class PlotExport {
  Q_DECLARE_TR_FUNCTIONS(ropescope::widgets::PlotExport)
};

bool fail(QString* error, const QString& path, const QString& reason) {
  if (error) *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), reason);
  return false;
}

double inches(double value, SizeUnit unit, double dpi) {
  switch (unit) {
    case SizeUnit::Millimetres:
      return value / kMmPerInch;
    case SizeUnit::Inches:
      return value;
    case SizeUnit::Pixels:
      return value / dpi;
  }
  return value;
}

// Same pixels as QCustomPlot::savePng (which renders through toPixmap), but into a device so
// that QSaveFile can commit it atomically; savePng only takes a file name.
bool writePng(QCustomPlot& plot, QIODevice& device, const ExportGeometry& g, double dpi) {
  QImage image = plot.toPixmap(g.layout.width(), g.layout.height(), g.scale).toImage();
  if (image.isNull()) return false;
  // One scale for both sides can leave the other side a pixel off the asked size.
  if (image.size() != g.pixels) {
    QImage exact(g.pixels, image.format());
    exact.fill(Qt::white);
    QPainter painter(&exact);
    painter.drawImage(QPoint(0, 0), image);
    painter.end();
    image = exact;
  }
  const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  return image.save(&device, "PNG");
}

// There is no QCustomPlot::saveSvg: paint through a vectorized QCPPainter instead. Colour maps
// end up as embedded raster images, text stays text. QSvgGenerator writes width and height in mm
// as size / resolution.
bool writeSvg(QCustomPlot& plot, QIODevice& device, const ExportGeometry& g) {
  QSvgGenerator generator;
  generator.setOutputDevice(&device);
  // A fine resolution makes the integer document size within 0.03 mm of the asked one.
  constexpr int kSvgDpi = 960;
  generator.setResolution(kSvgDpi);
  generator.setSize(QSize(static_cast<int>(std::lround(g.millimetres.width() / kMmPerInch * kSvgDpi)),
                          static_cast<int>(std::lround(g.millimetres.height() / kMmPerInch * kSvgDpi))));
  generator.setViewBox(QRect(QPoint(0, 0), g.layout));
  generator.setTitle(QStringLiteral("RoPEScope"));
  generator.setDescription(QStringLiteral("Exported by RoPEScope"));
  QCPPainter painter;
  if (!painter.begin(&generator)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  plot.toPainter(&painter, g.layout.width(), g.layout.height());
  return painter.end();
}

// One page of exactly the figure's size, no margins; the layout is mapped onto the whole page.
bool writePdf(QCustomPlot& plot, QIODevice& device, const ExportGeometry& g) {
  QPdfWriter writer(&device);
  writer.setCreator(QStringLiteral("RoPEScope"));
  writer.setTitle(QStringLiteral("RoPEScope figure"));
  writer.setResolution(static_cast<int>(kLayoutDpi) * 4);
  const QPageSize page(g.millimetres, QPageSize::Millimeter, QString(), QPageSize::ExactMatch);
  if (!writer.setPageLayout(QPageLayout(page, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter)))
    return false;
  QCPPainter painter;
  if (!painter.begin(&writer)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  painter.setWindow(QRect(QPoint(0, 0), g.layout));
  painter.setViewport(QRect(0, 0, writer.width(), writer.height()));
  plot.toPainter(&painter, g.layout.width(), g.layout.height());
  return painter.end();
}

// An axis label as a column name: up to any " (" or line break, trimmed; `fallback` when empty.
QString columnName(const QString& label, const QString& fallback) {
  QString name = label;
  for (const auto& stop : {QStringLiteral(" ("), QStringLiteral("\n")}) {
    const auto at = name.indexOf(stop);
    if (at >= 0) name.truncate(at);
  }
  name = name.trimmed();
  return name.isEmpty() ? fallback : name;
}

QString number(double value) { return std::isnan(value) ? QString() : QString::number(value, 'g', 9); }

void appendRow(QByteArray& out, const QStringList& fields) {
  QStringList quoted;
  quoted.reserve(fields.size());
  for (const auto& f : fields) quoted << csvField(f);
  out += quoted.join(QLatin1Char(',')).toUtf8();
  out += '\n';
}

void appendColorMap(QByteArray& out, QCPColorMap& map) {
  const QString rowName = columnName(map.valueAxis()->label(), QStringLiteral("row"));
  const QString colName = columnName(map.keyAxis()->label(), QStringLiteral("column"));
  const QString valueName =
      columnName(map.colorScale() ? map.colorScale()->axis()->label() : QString(), QStringLiteral("value"));
  appendRow(out, {rowName, colName, valueName});
  QCPColorMapData* data = map.data();
  for (int v = 0; v < data->valueSize(); ++v) {
    for (int k = 0; k < data->keySize(); ++k) {
      double key = 0.0;
      double value = 0.0;
      data->cellToCoord(k, v, &key, &value);
      appendRow(out, {number(value), number(key), number(data->cell(k, v))});
    }
  }
}

}  // namespace

std::optional<ExportFormat> exportFormatForPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  for (const auto format : kExportFormats)
    if (suffix == exportFormatName(format)) return format;
  return std::nullopt;
}

QString exportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png:
      return QStringLiteral("png");
    case ExportFormat::Svg:
      return QStringLiteral("svg");
    case ExportFormat::Pdf:
      return QStringLiteral("pdf");
    case ExportFormat::Csv:
      return QStringLiteral("csv");
  }
  return {};
}

std::optional<std::vector<ExportFormat>> parseExportFormats(const QString& text, QString* error) {
  std::vector<ExportFormat> formats;
  const auto items = text.split(QLatin1Char(','));
  for (const auto& raw : items) {
    const QString item = raw.trimmed().toLower();
    const auto format = exportFormatForPath(QStringLiteral("x.") + item);
    if (item.isEmpty() || !format) {
      if (error)
        *error =
            PlotExport::tr("unknown figure format '%1' in '%2'; use png, svg, pdf or csv").arg(raw.trimmed(), text);
      return std::nullopt;
    }
    if (std::find(formats.begin(), formats.end(), *format) != formats.end()) {
      if (error) *error = PlotExport::tr("figure format '%1' is named twice in '%2'").arg(item, text);
      return std::nullopt;
    }
    formats.push_back(*format);
  }
  return formats;
}

std::optional<FigureSize> parseFigureSize(const QString& text, double dpi, QString* error) {
  static const QRegularExpression pattern(
      QStringLiteral(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*[x×]\s*([0-9]+(?:\.[0-9]+)?)\s*(mm|in|px)?\s*$)"),
      QRegularExpression::CaseInsensitiveOption);
  const auto match = pattern.match(text);
  if (!match.hasMatch()) {
    if (error)
      *error = PlotExport::tr("figure size '%1' is not WIDTHxHEIGHT with mm, in or px (e.g. 180x120mm)").arg(text);
    return std::nullopt;
  }
  FigureSize size;
  size.width = match.captured(1).toDouble();
  size.height = match.captured(2).toDouble();
  const QString unit = match.captured(3).toLower();
  size.unit = unit == QLatin1String("mm")   ? SizeUnit::Millimetres
              : unit == QLatin1String("in") ? SizeUnit::Inches
                                            : SizeUnit::Pixels;
  size.dpi = dpi;
  if (!(size.width > 0.0) || !(size.height > 0.0)) {
    if (error) *error = PlotExport::tr("figure size '%1' is not positive").arg(text);
    return std::nullopt;
  }
  return size;
}

QString figureSizeText(const FigureSize& size) {
  const char* unit = size.unit == SizeUnit::Millimetres ? "mm" : size.unit == SizeUnit::Inches ? "in" : "px";
  return QStringLiteral("%1x%2%3").arg(size.width).arg(size.height).arg(QLatin1String(unit));
}

std::optional<ExportGeometry> exportGeometry(const FigureSize& size, QString* error) {
  auto refuse = [error](const QString& reason) -> std::optional<ExportGeometry> {
    if (error) *error = reason;
    return std::nullopt;
  };
  if (!std::isfinite(size.dpi) || size.dpi < kMinDpi || size.dpi > kMaxDpi)
    return refuse(PlotExport::tr("%1 DPI is outside %2 to %3").arg(size.dpi).arg(kMinDpi).arg(kMaxDpi));
  if (!std::isfinite(size.width) || !std::isfinite(size.height) || size.width <= 0.0 || size.height <= 0.0)
    return refuse(PlotExport::tr("size %1 is not positive").arg(figureSizeText(size)));
  const double wIn = inches(size.width, size.unit, size.dpi);
  const double hIn = inches(size.height, size.unit, size.dpi);
  ExportGeometry g;
  g.millimetres = QSizeF(wIn * kMmPerInch, hIn * kMmPerInch);
  if (wIn * kLayoutDpi < kMinLayout || hIn * kLayoutDpi < kMinLayout)
    return refuse(PlotExport::tr("size %1 is too small (at least %2 mm a side)")
                      .arg(figureSizeText(size))
                      .arg(std::ceil(kMinLayout / kLayoutDpi * kMmPerInch)));
  const double wPx = size.unit == SizeUnit::Pixels ? size.width : wIn * size.dpi;
  const double hPx = size.unit == SizeUnit::Pixels ? size.height : hIn * size.dpi;
  // Pixels are capped only when a PNG is written (pngTooLarge): vector formats have no pixels.
  g.pixels = QSize(std::max(1, static_cast<int>(std::lround(std::min(wPx, 1e9)))),
                   std::max(1, static_cast<int>(std::lround(std::min(hPx, 1e9)))));
  // One scale for both sides: the layout's height follows the pixels', so a PNG is at most a
  // pixel row off before it is padded to the exact size.
  const int layoutWidth = static_cast<int>(std::lround(wIn * kLayoutDpi));
  g.scale = static_cast<double>(g.pixels.width()) / layoutWidth;
  g.layout = QSize(layoutWidth, std::max(1, static_cast<int>(std::lround(g.pixels.height() / g.scale))));
  return g;
}

bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, const FigureSize& size, QString* error) {
  if (path.isEmpty()) return fail(error, path, PlotExport::tr("cannot write: no file name given"));
  QString reason;
  const auto geometry = exportGeometry(size, &reason);
  if (!geometry) return fail(error, path, PlotExport::tr("cannot write: %1").arg(reason));
  if (format == ExportFormat::Png && (geometry->pixels.width() > kMaxPixels || geometry->pixels.height() > kMaxPixels))
    return fail(error, path,
                PlotExport::tr("cannot write: size %1 at %2 DPI exceeds %3 pixels a side")
                    .arg(figureSizeText(size))
                    .arg(size.dpi)
                    .arg(kMaxPixels));

  // QSaveFile writes "<path>.XXXXXX" in the same folder and renames it over `path` on commit;
  // destroying it uncommitted removes the temporary file.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));

  bool rendered = false;
  switch (format) {
    case ExportFormat::Png:
      rendered = writePng(plot, file, *geometry, size.dpi);
      break;
    case ExportFormat::Svg:
      rendered = writeSvg(plot, file, *geometry);
      break;
    case ExportFormat::Pdf:
      rendered = writePdf(plot, file, *geometry);
      break;
    case ExportFormat::Csv: {
      const QByteArray csv = plotCsv(plot);
      rendered = file.write(csv) == csv.size();
      break;
    }
  }
  // Rendering at the export size re-laid out the plot; lay it out for the screen again.
  if (format != ExportFormat::Csv) plot.replot(QCustomPlot::rpQueuedReplot);
  if (!rendered) {
    const QString why = file.error() != QFileDevice::NoError
                            ? file.errorString()
                            : PlotExport::tr("%1 rendering failed").arg(exportFormatName(format).toUpper());
    file.cancelWriting();
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(why));
  }
  if (!file.commit()) return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));
  return true;
}

bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  if (size.width() <= 0 || size.height() <= 0) {
    return fail(error, path,
                PlotExport::tr("cannot write: size %1x%2 is not positive").arg(size.width()).arg(size.height()));
  }
  if (!std::isfinite(scale) || scale <= 0.0)
    return fail(error, path, PlotExport::tr("cannot write: scale %1 is not positive").arg(scale));
  if (size.width() * scale > kMaxPixels || size.height() * scale > kMaxPixels) {
    return fail(error, path,
                PlotExport::tr("cannot write: %1x%2 at scale %3 exceeds %4 pixels a side")
                    .arg(size.width())
                    .arg(size.height())
                    .arg(scale)
                    .arg(kMaxPixels));
  }
  FigureSize figure;
  figure.width = size.width() * scale;
  figure.height = size.height() * scale;
  figure.unit = SizeUnit::Pixels;
  figure.dpi = kLayoutDpi * scale;
  return exportPlot(plot, path, format, figure, error);
}

QByteArray plotCsv(QCustomPlot& plot) {
  QByteArray out;
  for (int i = 0; i < plot.plottableCount(); ++i) {
    auto* map = qobject_cast<QCPColorMap*>(plot.plottable(i));
    if (map && map->visible()) {
      appendColorMap(out, *map);
      return out;
    }
  }
  bool header = false;
  for (int i = 0; i < plot.plottableCount(); ++i) {
    const QCPAbstractPlottable* p = plot.plottable(i);
    if (!p->visible() || p->name().isEmpty()) continue;
    if (!header) {
      appendRow(out, {QStringLiteral("series"), columnName(p->keyAxis()->label(), QStringLiteral("x")),
                      columnName(p->valueAxis()->label(), QStringLiteral("y"))});
      header = true;
    }
    if (const auto* graph = qobject_cast<const QCPGraph*>(p)) {
      for (const auto& d : *graph->data()) appendRow(out, {p->name(), number(d.key), number(d.value)});
    } else if (const auto* curve = qobject_cast<const QCPCurve*>(p)) {
      for (const auto& d : *curve->data()) appendRow(out, {p->name(), number(d.key), number(d.value)});
    } else if (const auto* bars = qobject_cast<const QCPBars*>(p)) {
      for (const auto& d : *bars->data()) appendRow(out, {p->name(), number(d.key), number(d.value)});
    }
  }
  return out;
}

bool exportCsv(const QString& path, const QByteArray& csv, QString* error) {
  if (path.isEmpty()) return fail(error, path, PlotExport::tr("cannot write: no file name given"));
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));
  if (file.write(csv) != csv.size() || !file.commit())
    return fail(error, path, PlotExport::tr("cannot write: %1").arg(file.errorString()));
  return true;
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
      !text.contains(QLatin1Char('\r')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace ropescope::widgets
