// The "Bands" page (Barbero et al. 2024): query and key frequency-band norms (/bands). Two views:
// - layer heatmap: layer x pair for queries or keys, one head or the mean over heads;
// - head profiles: the norm of each pair for several heads as lines, queries and keys side by
//   side, against the pair index or the pair's wavelength (log), with the split between the
//   positional pairs (wavelength within the context) and the semantic ones marked.
// GUI thread only.
#pragma once

#include <QPointF>
#include <utility>
#include <vector>

#include "widgets/results_pane.h"

class QComboBox;
class QCustomPlot;
class QCPAxisRect;
class QPushButton;
class QStackedWidget;

namespace ropescope::widgets {

class LayerSliceView;

class BandsView : public ResultsPane {
  Q_OBJECT

 public:
  static constexpr int kQueries = 0;  // series index of /bands/q_norm
  static constexpr int kKeys = 1;     // series index of /bands/k_norm
  enum class Mode { Layers, Profiles };
  enum class XAxis { Pair, Wavelength };

  explicit BandsView(QWidget* parent = nullptr);
  // Needs /bands/q_norm [layer, head, pair] and /bands/k_norm [layer, kv_head, pair] with the
  // same layers and pairs; the /bands tokens attribute is named in the titles. Wavelengths come
  // from /angles/wavelength, else from the model's θ when it has no rope scaling; the context
  // from the /angles context attribute, else config.json's max_position_embeddings.
  bool setResults(const engine::ResultsFile& results) override;
  void clear() override;
  bool hasData() const override;
  QString unavailableText() const override;
  void selectHead(int layer, int head) override;
  QWidget* plotWidget() const override;
  // "q" and "k": the layer heatmaps; "profiles": the head profiles.
  QStringList figureIds() const override;
  QString currentFigureId() const override;
  bool showFigure(const QString& id) override;
  // Profiles: layer, head, side (q or k), pair, wavelength, norm for each drawn line.
  QByteArray csvData() const override;

  LayerSliceView* sliceView() const { return m_slices; }
  void setMode(Mode mode);
  Mode mode() const { return m_mode; }
  // Wavelength is ignored when the results give none (hasWavelengths()).
  void setXAxis(XAxis axis);
  XAxis xAxis() const { return m_xAxis; }
  bool hasWavelengths() const { return !m_wavelength.empty(); }
  // Heads drawn as profiles: the pinned ones, then the selection; without any, the mean over
  // heads of the first, middle and last layer (head -1).
  std::vector<std::pair<int, int>> profileHeads() const;
  void pinSelectedHead();
  void clearPins();
  // The first pair whose wavelength exceeds the context (pairs from it on are "semantic"), or -1.
  int splitPair() const;
  QCustomPlot* profilePlot() const { return m_plot; }
  // The points of one drawn profile: (x as drawn, norm); side kQueries or kKeys.
  std::vector<QPointF> profile(int side, int layer, int head) const;

 private:
  void refreshProfiles();
  double norm(int side, int layer, int head, int pair) const;  // head -1: mean over heads
  double xOf(int pair) const;

  LayerSliceView* m_slices = nullptr;
  QStackedWidget* m_stack = nullptr;
  QComboBox* m_modeCombo = nullptr;
  QComboBox* m_xCombo = nullptr;
  QPushButton* m_pin = nullptr;
  QPushButton* m_clearPins = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPAxisRect* m_keyRect = nullptr;

  engine::NdArray m_q, m_k;
  std::vector<double> m_wavelength;
  double m_context = 0.0;  // 0 when unknown
  int m_queryHeads = 0;
  Mode m_mode = Mode::Layers;
  XAxis m_xAxis = XAxis::Pair;
  std::vector<std::pair<int, int>> m_pins;
  std::optional<std::pair<int, int>> m_selected;
};

}  // namespace ropescope::widgets
