// One page of the results area: a view that takes what it shows from a results file, can mark a
// selected head, and exports its plot. GUI thread only.
#pragma once

#include <QSize>
#include <QString>
#include <QWidget>

#include "engine/results/results_file.h"
#include "widgets/plot_export.h"

namespace ropescope::widgets {

class ResultsPane : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;

  // Copies what this pane shows out of `results` (never the whole file) and returns hasData().
  // Missing or malformed groups leave the pane empty, never half-filled.
  virtual bool setResults(const engine::ResultsFile& results) = 0;
  virtual void clear() = 0;
  virtual bool hasData() const = 0;
  // One sentence saying what the pane needs, for when it has no data (tab tooltips).
  virtual QString unavailableText() const = 0;

  // Marks query head `head` of `layer` (where the pane shows heads); out-of-range heads unmark.
  virtual void selectHead(int layer, int head) {
    (void)layer;
    (void)head;
  }

  // The plot as laid out on screen, a QCustomPlot (its size is the default export size).
  virtual QWidget* plotWidget() const = 0;
  // Writes plotWidget() to `path` as exportPlot does.
  bool exportTo(const QString& path, ExportFormat format, QSize size, double scale = 1.0, QString* error = nullptr);
  bool exportTo(const QString& path, ExportFormat format, const FigureSize& size, QString* error = nullptr);

  // The data behind the figure shown, as tidy CSV (one row per drawn value, named columns); by
  // default plotCsv() of plotWidget(). Panes whose points stand for heads add their layer and head.
  virtual QByteArray csvData() const;

  // The figures this pane can show, as ids that fit in file names ("retrieval", "q"), in selector
  // order; one unnamed figure ("") by default. Each is one choice of the pane's selectors.
  virtual QStringList figureIds() const { return {QString()}; }
  // The id of the figure shown now (one of figureIds()).
  virtual QString currentFigureId() const { return {}; }
  // Shows figure `id` as choosing it in the selectors would; false (changing nothing) for an id
  // not in figureIds().
  virtual bool showFigure(const QString& id) { return id.isEmpty(); }

 Q_SIGNALS:
  // The user clicked a head (query head index) in this pane.
  void headClicked(int layer, int head);
};

}  // namespace ropescope::widgets
