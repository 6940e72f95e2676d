// Writes a QCustomPlot to a PNG or SVG file atomically, without dialogs. GUI thread only.
#pragma once

#include <QSize>
#include <QString>
#include <optional>

class QCustomPlot;

namespace ropescope::widgets {

enum class ExportFormat { Png, Svg };

// The format named by the file suffix (".png", ".svg", any case), or nullopt for any other.
std::optional<ExportFormat> exportFormatForPath(const QString& path);

// Renders `plot` at `size` logical pixels into `path`. PNG pixels are size * scale; SVG keeps
// text as text and gets a document size of size * scale over a size-sized view box.
// The file appears under its final name only once complete (temp file in the same folder, then
// renamed over it). On failure returns false, leaves `path` as it was and, when `error` is
// given, sets it to "<path>: <reason>".
bool exportPlot(QCustomPlot& plot, const QString& path, ExportFormat format, QSize size, double scale, QString* error);

}  // namespace ropescope::widgets
