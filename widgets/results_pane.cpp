// One page of the results area. GUI thread only.
#include "widgets/results_pane.h"

#include <qcustomplot.h>

namespace ropescope::widgets {

bool ResultsPane::exportTo(const QString& path, ExportFormat format, QSize size, double scale, QString* error) {
  auto* plot = qobject_cast<QCustomPlot*>(plotWidget());
  if (plot == nullptr) {
    if (error != nullptr) *error = QStringLiteral("%1: this page has no plot to export").arg(path);
    return false;
  }
  return exportPlot(*plot, path, format, size, scale, error);
}

QByteArray ResultsPane::csvData() const {
  auto* plot = qobject_cast<QCustomPlot*>(plotWidget());
  return plot ? plotCsv(*plot) : QByteArray();
}

bool ResultsPane::exportTo(const QString& path, ExportFormat format, const FigureSize& size, QString* error) {
  if (format == ExportFormat::Csv) {
    if (!hasData()) {
      if (error != nullptr) *error = tr("%1: this page has no data to export").arg(path);
      return false;
    }
    return exportCsv(path, csvData(), error);
  }
  auto* plot = qobject_cast<QCustomPlot*>(plotWidget());
  if (plot == nullptr) {
    if (error != nullptr) *error = tr("%1: this page has no plot to export").arg(path);
    return false;
  }
  return exportPlot(*plot, path, format, size, error);
}

}  // namespace ropescope::widgets
