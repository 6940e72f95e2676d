// The RoPE playground: what rotary position embedding does, without a model. Controls for base
// θ, head_dim, context, rope scaling (none, linear, llama3, yarn) and p-RoPE, with presets of
// released models; four figures computed in the GUI thread from engine/results/rope_frequencies.h:
//   - cos(θ_i·Δ) per pair over distance Δ (a heatmap; click a row to pick a pair),
//   - the picked pair's cos(θ_i·Δ) curve beside the fastest and slowest pairs,
//   - each pair's wavelength against the context, pairs that wrap past 2π marked,
//   - the picked pair's 2-D query and key, rotated apart by a distance slider, with q·k.
// GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "engine/results/rope_frequencies.h"
#include "widgets/plot_export.h"

class QComboBox;
class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace ropescope::widgets {

class HeatmapView;

struct RopePreset {
  QString name;
  engine::RopeSpec spec;
  int context = 4096;
};

class RopePlayground : public QWidget {
  Q_OBJECT

 public:
  explicit RopePlayground(QWidget* parent = nullptr);

  // Llama-2, Llama-3.1, Qwen2.5, Gemma, the demo model.
  static std::vector<RopePreset> presets();
  void applyPreset(int index);
  void setSpec(const engine::RopeSpec& spec, int context);
  engine::RopeSpec spec() const;
  int context() const;
  // The pair shown in the curves and the rotation (clamped to the pairs there are).
  void setPair(int pair);
  int pair() const { return m_pair; }
  // The distance Δ of the rotation figure.
  void setDistance(int tokens);
  int distance() const;

  // What the figures show, for tests and captions.
  const std::vector<double>& inverseFrequencies() const { return m_theta; }
  int heatmapColumns() const;                // distance samples in the heatmap
  double heatmapDistance(int column) const;  // Δ of a column
  double heatmapValue(int pair, int column) const;
  double wavelength(int pair) const;  // tokens per turn, inf for a stopped pair
  bool wraps(int pair) const;         // the pair passes 2π within the context
  double fractionWithinOneTurn() const;
  double dotProduct() const;  // q·k of the rotation figure (unit vectors): cos(Δ·θ_pair)
  QString problem() const;    // why nothing is drawn, or ""

  // Each figure: the heatmap, the curves, the wavelengths, the rotation.
  enum class Figure { Heatmap, Curves, Wavelengths, Rotation };
  bool exportFigure(Figure figure, const QString& path, ExportFormat format, QSize size, double scale = 1.0,
                    QString* error = nullptr);
  QWidget* figureWidget(Figure figure) const;
  // Redraws every figure now (for timing); returns after the last replot.
  void replotNow();

 Q_SIGNALS:
  void changed();

 private:
  void buildControls(QWidget* panel);
  void recompute();
  void redrawHeatmap();
  void redrawCurves();
  void redrawWavelengths();
  void redrawRotation();
  void updateScalingControls();
  void keepRotationRound();  // one unit on x as long as one on y

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  std::vector<double> m_theta;
  int m_pair = 0;
  QString m_problem;
  bool m_applying = false;

  QComboBox* m_preset = nullptr;
  QDoubleSpinBox* m_base = nullptr;
  QSpinBox* m_headDim = nullptr;
  QSpinBox* m_context = nullptr;
  QComboBox* m_scaling = nullptr;
  QDoubleSpinBox* m_factor = nullptr;
  QSpinBox* m_original = nullptr;
  QDoubleSpinBox* m_low = nullptr;
  QDoubleSpinBox* m_high = nullptr;
  QDoubleSpinBox* m_betaFast = nullptr;
  QDoubleSpinBox* m_betaSlow = nullptr;
  QDoubleSpinBox* m_pRope = nullptr;
  QSpinBox* m_pairBox = nullptr;
  QSlider* m_distanceSlider = nullptr;
  QLabel* m_distanceLabel = nullptr;
  QLabel* m_summary = nullptr;
  std::vector<QWidget*> m_factorRows, m_originalRows, m_llama3Rows, m_yarnRows;  // fields and their labels

  HeatmapView* m_heatmap = nullptr;
  QCustomPlot* m_curves = nullptr;
  QCPTextElement* m_curvesTitle = nullptr;
  QCustomPlot* m_wavelengths = nullptr;
  QCPTextElement* m_wavelengthsTitle = nullptr;
  QCPGraph* m_wrapGraph = nullptr;
  QCPGraph* m_stillGraph = nullptr;
  QCPGraph* m_pickedGraph = nullptr;
  QCPItemStraightLine* m_contextLine = nullptr;
  QCPItemText* m_contextLabel = nullptr;
  QCustomPlot* m_rotation = nullptr;
  QCPTextElement* m_rotationTitle = nullptr;
  QCPItemLine* m_keyArrow = nullptr;
  QCPItemLine* m_queryArrow = nullptr;
  QCPCurve* m_circle = nullptr;
  QCPCurve* m_trace = nullptr;
  QCPItemText* m_dotLabel = nullptr;
};

}  // namespace ropescope::widgets
