// Writes a QCustomPlot to PNG, SVG, PDF or CSV atomically, at a size on paper or in pixels,
// without dialogs. GUI thread only.
#pragma once

#include <QByteArray>
#include <QSize>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

class QCustomPlot;

namespace ropescope::widgets {

enum class ExportFormat { Png, Svg, Pdf, Csv };

// Every format, in menu order.
inline constexpr ExportFormat kExportFormats[] = {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf,
                                                  ExportFormat::Csv};

// The format named by the file suffix (".png", ".svg", ".pdf", ".csv", any case), or nullopt.
std::optional<ExportFormat> exportFormatForPath(const QString& path);
// "png", "svg", "pdf", "csv" (also the file suffix).
QString exportFormatName(ExportFormat format);
// Parses "png,svg,pdf,csv" (any case, spaces ignored, no repeats); nullopt with `error` set
// (naming the bad item) otherwise.
std::optional<std::vector<ExportFormat>> parseExportFormats(const QString& text, QString* error);

enum class SizeUnit { Pixels, Millimetres, Inches };

// A figure's size: on paper (mm, in) or in image pixels. Everything is laid out at 96 layout
// pixels per inch of paper, so text keeps its point size at any size: a pixel size at `dpi` is
// width / dpi inches of paper.
struct FigureSize {
  double width = 180.0;
  double height = 120.0;
  SizeUnit unit = SizeUnit::Millimetres;
  double dpi = 300.0;  // PNG pixels per inch (and written into the PNG)

  friend bool operator==(const FigureSize&, const FigureSize&) = default;
};

// "180x120mm", "7x4.5in", "2400x1600px", "2400x1600" (pixels). Sizes are positive and finite;
// nullopt with `error` set otherwise. `dpi` goes into the result unchanged.
std::optional<FigureSize> parseFigureSize(const QString& text, double dpi, QString* error);
// The text parseFigureSize reads back ("180x120mm").
QString figureSizeText(const FigureSize& size);

// What a FigureSize becomes: the plot is laid out at `layout` (1/96 in each), rasterised at
// `scale` for PNG (`pixels`), and is `millimetres` on paper for SVG and PDF.
struct ExportGeometry {
  QSize layout;
  double scale = 1.0;
  QSize pixels;
  QSizeF millimetres;
};
// nullopt with `error` set when the size is not positive, the DPI is outside [10, 2400] or the
// layout is under 50 pixels a side. (exportPlot refuses a PNG over 16384 pixels a side.)
std::optional<ExportGeometry> exportGeometry(const FigureSize& size, QString* error);

// Renders `plot` into `path` in `format` at `size`. PNG: `pixels` pixels, DPI recorded. SVG: text
// stays text, width and height in mm. PDF: one page of exactly the size, fonts embedded, text as
// text. CSV: plotCsv(). The file appears under its final name only once complete (temp file in
// the same folder, then renamed over it). On failure returns false, leaves `path` as it was and,
// when `error` is given, sets it to "<path>: <reason>".
bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, const FigureSize& size, QString* error);

// The older form: `size` layout pixels, PNG at size * scale pixels (scale * 96 DPI).
bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, QSize size, double scale, QString* error);

// The data behind the plot as tidy CSV (RFC 4180, UTF-8, "\n" line ends), one row per drawn value:
// - a plot with a colour map: one row per cell, columns named after the row axis, the column
//   axis and the colour scale ("layer,head,retrieval score"), cell coordinates as drawn;
//   empty value for NaN cells;
// - otherwise one row per point of every visible, named graph, curve and bar series:
//   "series,<x axis>,<y axis>".
// Column names are the axis labels up to any " (" (units and notes left out).
QByteArray plotCsv(QCustomPlot& plot);

// Writes `csv` to `path` atomically (as exportPlot writes figures); errors as exportPlot's.
bool exportCsv(const QString& path, const QByteArray& csv, QString* error);

// A CSV field: quoted (with inner quotes doubled) when it holds a comma, quote or line break.
QString csvField(const QString& text);

}  // namespace ropescope::widgets
