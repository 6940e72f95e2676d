// Layer x dimension heatmap of q_proj/k_proj row L1 norms, per head or mean over heads. GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <optional>

#include "engine/results/weight_norms.h"
#include "widgets/plot_export.h"

class QComboBox;

namespace ropescope::widgets {

class HeatmapView;

class WeightNormsView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kQuery = 0;  // projection index of q_proj
  static constexpr int kKey = 1;    // projection index of k_proj
  static constexpr int kMeanOverHeads = -1;

  explicit WeightNormsView(QWidget* parent = nullptr);
  ~WeightNormsView() override;

  // Keeps its own copy. Returns false and shows nothing (hasResults() false) unless qRowL1 is
  // [layers, heads, head_dim] and kRowL1 [layers, kv_heads, head_dim] with matching values sizes,
  // positive sizes and an even head_dim. Layers from layersDone on are shown as NaN (grey).
  // The projection is kept; the head is kept when it still exists, else the mean is shown.
  bool setResults(engine::WeightNorms results);
  void clear();
  bool hasResults() const { return m_results.has_value(); }

  // kQuery or kKey; other values are ignored.
  void setProjection(int index);
  int projection() const { return m_projection; }
  // kMeanOverHeads or a head of the current projection (KV head for keys); others are ignored.
  void setHead(int head);
  int head() const { return m_head; }
  // Heads of the current projection (kv_heads for keys); 0 without results.
  int headCount() const;

  HeatmapView* heatmap() const { return m_heatmap; }
  QComboBox* projectionCombo() const { return m_projectionCombo; }
  QComboBox* headCombo() const { return m_headCombo; }

  bool exportTo(const QString& path, ExportFormat format, QSize size, double scale = 1.0, QString* error = nullptr);

 Q_SIGNALS:
  // The projection or head changed (by the user or through the setters).
  void selectionChanged();

 private:
  const engine::NdArray& currentArray() const;  // [layers, heads, head_dim]
  void rebuildHeadCombo();
  void refresh();
  QString headName(int head) const;    // combo item: "Head 3"
  QString headPhrase(int head) const;  // inside a sentence: "head 3"
  QString tooltip(int layer, int dim, double value) const;

  std::optional<engine::WeightNorms> m_results;
  int m_projection = kQuery;
  int m_head = kMeanOverHeads;
  QComboBox* m_projectionCombo = nullptr;
  QComboBox* m_headCombo = nullptr;
  HeatmapView* m_heatmap = nullptr;
};

}  // namespace ropescope::widgets
