// Layer x column heatmap of [layer, head, column] arrays (utility per dim, band norm per pair, ...),
// for one head or the mean over heads, with a selector when there are several arrays. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <vector>

#include "engine/results/nd_array.h"
#include "widgets/plot_export.h"

class QComboBox;
class QLabel;

namespace ropescope::widgets {

class HeatmapView;

// One selectable array. Texts are shown as given (translate them before).
struct SliceSeries {
  QString name;            // selector item, e.g. "Queries (q)"
  engine::NdArray values;  // [layers, heads, columns]
  bool kvHeads = false;    // heads are key/value heads, each shared by a group of query heads
  QString title;           // "%1" receives the selection: "mean over heads", "head 3"
  QString columnAxis;      // x axis label
  QString columnWord;      // tooltip word for a column: "dim", "pair"
  QString valueLabel;      // colour scale label
  // When set, writes the cell tooltip instead of "layer, selection, columnWord column: value";
  // `selection` is "mean over heads", "head 3" or "KV head 1".
  std::function<QString(int layer, const QString& selection, int column, double value)> tooltip = nullptr;
};

class LayerSliceView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMeanOverHeads = -1;

  explicit LayerSliceView(QWidget* parent = nullptr);

  // Returns false and shows nothing unless there is at least one series and every one is a
  // well-formed rank-3 array. The series index is kept when it still exists, and the head when
  // the series still has it (selectionChanged when the head falls back to the mean).
  bool setSeries(std::vector<SliceSeries> series);
  void clear();
  bool hasData() const { return !m_series.empty(); }

  // The series selector's label ("&Show:" by default).
  void setSeriesLabel(const QString& text);
  // Title and axis labels shown while there is no data.
  void setPlaceholder(const QString& title, const QString& columnAxis, const QString& valueLabel);

  int seriesCount() const { return static_cast<int>(m_series.size()); }
  int currentSeries() const { return m_current; }
  void setCurrentSeries(int index);  // out-of-range indices are ignored
  // kMeanOverHeads or a head of the current series; others are ignored.
  void setHead(int head);
  int head() const { return m_head; }
  int headCount() const;
  // Shows the head of the current series that query head `queryHead` uses (for KV series the
  // query heads per KV head are the query-head count `queryHeads` divided by the series' heads;
  // a count that does not divide into them changes nothing).
  void selectQueryHead(int queryHead, int queryHeads);

  HeatmapView* heatmap() const { return m_heatmap; }
  QComboBox* seriesCombo() const { return m_seriesCombo; }
  QComboBox* headCombo() const { return m_headCombo; }

  bool exportTo(const QString& path, ExportFormat format, QSize size, double scale = 1.0, QString* error = nullptr);

 Q_SIGNALS:
  void selectionChanged();

 private:
  void rebuildHeadCombo();
  void refresh();
  QString headPhrase(int head) const;
  QString tooltip(int layer, int column, double value) const;

  std::vector<SliceSeries> m_series;
  QString m_placeholder[3];  // title, column axis, value label
  int m_current = 0;
  int m_head = kMeanOverHeads;
  QLabel* m_seriesLabel = nullptr;
  QComboBox* m_seriesCombo = nullptr;
  QComboBox* m_headCombo = nullptr;
  HeatmapView* m_heatmap = nullptr;
};

}  // namespace ropescope::widgets
