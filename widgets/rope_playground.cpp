// The RoPE playground: RoPE's arithmetic drawn live, no model needed. GUI thread only.
#include "widgets/rope_playground.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/heatmap_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr int kMaxHeatmapColumns = 512;
constexpr int kDenseDistances = 1024;  // curves: every distance below this
constexpr int kLogDistances = 1024;    // then this many log-spaced ones
constexpr int kMaxContext = 1 << 20;

using engine::RopeScalingKind;

QString tokensText(double tokens) {
  if (!std::isfinite(tokens)) return QObject::tr("∞");
  if (tokens >= 1e4) return QString::number(tokens, 'g', 3);
  return QString::number(tokens, 'f', tokens < 10 ? 2 : 0);
}

void makeLogAxis(QCPAxis* axis) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
  axis->setTicker(ticker);
  axis->setNumberFormat(QStringLiteral("eb"));
  axis->setNumberPrecision(0);
  axis->grid()->setSubGridVisible(true);
}

// The distances of the curves: 1 .. min(context, kDenseDistances) - 1 each, then log-spaced.
std::vector<double> curveDistances(int context) {
  std::vector<double> out;
  const int dense = std::min(context, kDenseDistances);
  for (int d = 1; d < dense; ++d) out.push_back(d);
  if (context > dense) {
    const double lo = std::log(static_cast<double>(dense)), hi = std::log(static_cast<double>(context - 1));
    for (int k = 0; k <= kLogDistances; ++k) out.push_back(std::round(std::exp(lo + (hi - lo) * k / kLogDistances)));
  }
  return out;
}

QCustomPlot* newPlot(QWidget* parent, QCPTextElement** title) {
  auto* plot = new QCustomPlot(parent);
  *title = addPlotTitle(*plot, parent->font());
  plot->setMinimumSize(260, 200);
  return plot;
}

}  // namespace

std::vector<RopePreset> RopePlayground::presets() {
  std::vector<RopePreset> out;
  const auto add = [&](const QString& name, double theta, int headDim, int context) {
    RopePreset p;
    p.name = name;
    p.spec.theta = theta;
    p.spec.headDim = headDim;
    p.context = context;
    out.push_back(p);
    return &out.back();
  };
  add(tr("Llama-2 (θ 10⁴, 4k)"), 1e4, 128, 4096);
  auto* llama31 = add(tr("Llama-3.1 (θ 5·10⁵, llama3 ×8, 128k)"), 5e5, 128, 131072);
  llama31->spec.scaling = RopeScalingKind::Llama3;
  llama31->spec.factor = 8.0;
  llama31->spec.lowFreqFactor = 1.0;
  llama31->spec.highFreqFactor = 4.0;
  llama31->spec.originalContext = 8192;
  add(tr("Qwen2.5 (θ 10⁶, 32k)"), 1e6, 128, 32768);
  add(tr("Gemma (θ 10⁴, head_dim 256, 8k)"), 1e4, 256, 8192);
  add(tr("RoPEScope demo (θ 10⁴, head_dim 32, 1k)"), 1e4, 32, 1024);
  return out;
}

RopePlayground::RopePlayground(QWidget* parent) : QWidget(parent) {
  auto* panel = new QWidget;
  buildControls(panel);
  auto* scroll = new QScrollArea;
  scroll->setWidget(panel);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  panel->setMaximumWidth(300);
  scroll->setMinimumWidth(std::min(panel->sizeHint().width(), 300) + 16);
  scroll->setMaximumWidth(320);

  m_heatmap = new HeatmapView;
  m_heatmap->setMinimumSize(260, 200);
  m_curves = newPlot(this, &m_curvesTitle);
  m_wavelengths = newPlot(this, &m_wavelengthsTitle);
  m_rotation = newPlot(this, &m_rotationTitle);

  // Curves: one graph per shown pair (added in redrawCurves).
  m_curves->xAxis->setLabel(tr("distance Δ (tokens, log scale)"));
  makeLogAxis(m_curves->xAxis);
  m_curves->yAxis->setLabel(tr("cos(θᵢ·Δ)"));
  m_curves->yAxis->setRange(-1.1, 1.1);
  m_curves->legend->setFont(font());
  placeLegendBelow(*m_curves, 1);

  // Wavelengths per pair against the context.
  m_wavelengths->xAxis->setLabel(tr("pair (fastest first)"));
  m_wavelengths->yAxis->setLabel(tr("wavelength (tokens per turn)"));
  makeLogAxis(m_wavelengths->yAxis);
  m_wrapGraph = m_wavelengths->addGraph();
  m_wrapGraph->setName(tr("wraps"));
  m_wrapGraph->setLineStyle(QCPGraph::lsNone);
  m_wrapGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(1), seriesColor(1), 6));
  m_stillGraph = m_wavelengths->addGraph();
  m_stillGraph->setName(tr("within a turn"));
  m_stillGraph->setLineStyle(QCPGraph::lsNone);
  m_stillGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(seriesColor(0), 1.5), Qt::white, 6));
  m_pickedGraph = m_wavelengths->addGraph();
  m_pickedGraph->setName(tr("picked"));
  m_pickedGraph->setLineStyle(QCPGraph::lsNone);
  m_pickedGraph->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(selectionColor(), 2), Qt::NoBrush, 11));
  m_contextLine = new QCPItemStraightLine(m_wavelengths);
  m_contextLine->setPen(QPen(Qt::black, 1, Qt::DashLine));
  m_contextLabel = new QCPItemText(m_wavelengths);
  m_contextLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  m_contextLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
  m_contextLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  m_contextLabel->setClipToAxisRect(true);
  m_wavelengths->legend->setFont(font());
  placeLegendBelow(*m_wavelengths, 3);

  // The rotation: unit circle, key fixed at angle 0, query rotated by Δ·θ.
  m_rotation->xAxis->setRange(-1.35, 1.35);
  m_rotation->yAxis->setRange(-1.35, 1.35);
  m_rotation->xAxis->setVisible(false);
  m_rotation->yAxis->setVisible(false);
  m_rotation->xAxis->grid()->setVisible(false);
  m_rotation->yAxis->grid()->setVisible(false);
  // Curves, not graphs: drawn in the order given (a graph sorts by x).
  m_circle = new QCPCurve(m_rotation->xAxis, m_rotation->yAxis);
  m_circle->setPen(QPen(QColor(190, 190, 190), 1));
  m_trace = new QCPCurve(m_rotation->xAxis, m_rotation->yAxis);
  m_trace->setPen(QPen(selectionColor(), 2));
  m_rotation->installEventFilter(this);
  const auto arrow = [&](const QColor& color) {
    auto* line = new QCPItemLine(m_rotation);
    line->setPen(QPen(color, 3));
    line->setHead(QCPLineEnding::esSpikeArrow);
    line->start->setCoords(0, 0);
    return line;
  };
  m_keyArrow = arrow(seriesColor(0));
  m_queryArrow = arrow(seriesColor(1));
  auto* legendText = new QCPItemText(m_rotation);
  legendText->position->setType(QCPItemPosition::ptAxisRectRatio);
  legendText->position->setCoords(0.02, 0.98);
  legendText->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
  legendText->setTextAlignment(Qt::AlignLeft);
  legendText->setColor(QColor(90, 90, 90));
  legendText->setText(tr("blue: key k at position n\norange: query q at n + Δ"));
  m_dotLabel = new QCPItemText(m_rotation);
  m_dotLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
  m_dotLabel->position->setCoords(0.02, 0.02);
  m_dotLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_dotLabel->setTextAlignment(Qt::AlignLeft);

  auto* figures = new QGridLayout;
  figures->setContentsMargins(0, 0, 0, 0);
  figures->setSpacing(6);
  figures->addWidget(m_heatmap, 0, 0);
  figures->addWidget(m_curves, 0, 1);
  figures->addWidget(m_wavelengths, 1, 0);
  auto* rotationBox = new QWidget;
  auto* rotationLayout = new QVBoxLayout(rotationBox);
  rotationLayout->setContentsMargins(0, 0, 0, 0);
  rotationLayout->addWidget(m_rotation, 1);
  auto* sliderRow = new QHBoxLayout;
  m_distanceSlider = new QSlider(Qt::Horizontal);
  m_distanceSlider->setObjectName(QStringLiteral("distanceSlider"));
  m_distanceLabel = new QLabel;
  auto* distanceName = new QLabel(tr("&Distance Δ"));
  distanceName->setBuddy(m_distanceSlider);
  sliderRow->addWidget(distanceName);
  sliderRow->addWidget(m_distanceSlider, 1);
  sliderRow->addWidget(m_distanceLabel);
  rotationLayout->addLayout(sliderRow);
  figures->addWidget(rotationBox, 1, 1);
  figures->setColumnStretch(0, 1);
  figures->setColumnStretch(1, 1);
  figures->setRowStretch(0, 1);
  figures->setRowStretch(1, 1);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(scroll);
  layout->addLayout(figures, 1);

  connect(m_heatmap, &HeatmapView::cellClicked, this, [this](int row, int) { setPair(row); });
  connect(m_distanceSlider, &QSlider::valueChanged, this, [this] { redrawRotation(); });
  applyPreset(0);
}

void RopePlayground::buildControls(QWidget* panel) {
  auto* form = new QFormLayout(panel);
  form->setContentsMargins(4, 4, 4, 4);
  m_preset = new QComboBox;
  m_preset->setObjectName(QStringLiteral("preset"));
  for (const auto& p : presets()) m_preset->addItem(p.name);
  form->addRow(tr("&Preset"), m_preset);

  m_base = new QDoubleSpinBox;
  m_base->setObjectName(QStringLiteral("theta"));
  m_base->setDecimals(0);
  m_base->setRange(2, 1e9);
  m_base->setSingleStep(1000);
  m_base->setToolTip(tr("rope_theta: pair i turns by θ^(−2i/head_dim) radians per token"));
  form->addRow(tr("Base &θ"), m_base);
  m_headDim = new QSpinBox;
  m_headDim->setObjectName(QStringLiteral("headDim"));
  m_headDim->setRange(2, 1024);
  m_headDim->setSingleStep(2);
  form->addRow(tr("&head_dim"), m_headDim);
  m_context = new QSpinBox;
  m_context->setObjectName(QStringLiteral("context"));
  m_context->setRange(2, kMaxContext);
  m_context->setSingleStep(1024);
  m_context->setGroupSeparatorShown(true);
  form->addRow(tr("&Context (tokens)"), m_context);
  m_scaling = new QComboBox;
  m_scaling->setObjectName(QStringLiteral("scaling"));
  m_scaling->addItem(tr("none"), static_cast<int>(RopeScalingKind::None));
  m_scaling->addItem(tr("linear"), static_cast<int>(RopeScalingKind::Linear));
  m_scaling->addItem(tr("llama3"), static_cast<int>(RopeScalingKind::Llama3));
  m_scaling->addItem(tr("yarn"), static_cast<int>(RopeScalingKind::Yarn));
  form->addRow(tr("rope_&scaling"), m_scaling);

  const auto row = [&](const QString& label, QWidget* field, std::vector<QWidget*>& group) {
    form->addRow(label, field);
    group.push_back(field);
    group.push_back(form->labelForField(field));
  };
  m_factor = new QDoubleSpinBox;
  m_factor->setRange(1.0, 1000.0);
  m_factor->setDecimals(2);
  row(tr("&Factor"), m_factor, m_factorRows);
  m_original = new QSpinBox;
  m_original->setRange(1, kMaxContext);
  m_original->setGroupSeparatorShown(true);
  m_original->setToolTip(tr("original_max_position_embeddings: the context the model was trained on"));
  row(tr("&Original context"), m_original, m_originalRows);
  m_low = new QDoubleSpinBox;
  m_low->setRange(0.01, 100.0);
  row(tr("low_freq_factor"), m_low, m_llama3Rows);
  m_high = new QDoubleSpinBox;
  m_high->setRange(0.01, 100.0);
  row(tr("high_freq_factor"), m_high, m_llama3Rows);
  m_betaFast = new QDoubleSpinBox;
  m_betaFast->setRange(0.01, 1000.0);
  row(tr("beta_fast"), m_betaFast, m_yarnRows);
  m_betaSlow = new QDoubleSpinBox;
  m_betaSlow->setRange(0.01, 1000.0);
  row(tr("beta_slow"), m_betaSlow, m_yarnRows);

  m_pRope = new QDoubleSpinBox;
  m_pRope->setObjectName(QStringLiteral("pRope"));
  m_pRope->setRange(0.0, 1.0);
  m_pRope->setSingleStep(0.125);
  m_pRope->setDecimals(3);
  m_pRope->setToolTip(tr("p-RoPE (Barbero et al.): the fraction of pairs, fastest first, that keep rotating"));
  form->addRow(tr("p-&RoPE p"), m_pRope);
  m_pairBox = new QSpinBox;
  m_pairBox->setObjectName(QStringLiteral("pair"));
  m_pairBox->setToolTip(tr("The pair drawn in the curves and the rotation (or click a row of the heatmap)"));
  form->addRow(tr("P&air"), m_pairBox);
  m_summary = new QLabel;
  m_summary->setObjectName(QStringLiteral("summary"));
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_summary->setMinimumWidth(220);
  form->addRow(m_summary);

  connect(m_preset, qOverload<int>(&QComboBox::activated), this, [this](int i) { applyPreset(i); });
  for (auto* box : {m_base, m_factor, m_low, m_high, m_betaFast, m_betaSlow, m_pRope})
    connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this] { recompute(); });
  for (auto* box : {m_headDim, m_context, m_original})
    connect(box, qOverload<int>(&QSpinBox::valueChanged), this, [this] { recompute(); });
  connect(m_scaling, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    updateScalingControls();
    recompute();
  });
  connect(m_pairBox, qOverload<int>(&QSpinBox::valueChanged), this, [this](int p) { setPair(p); });
}

void RopePlayground::applyPreset(int index) {
  const auto all = presets();
  if (index < 0 || index >= static_cast<int>(all.size())) return;
  m_preset->setCurrentIndex(index);
  const auto& preset = all[static_cast<std::size_t>(index)];
  setSpec(preset.spec, preset.context);
  // A pair in the middle: it rotates, but not through every angle (the curves show it beside
  // the fastest and the slowest); the distance at which it has turned by 45°.
  setPair(preset.spec.headDim / 4);
  const double eighth = wavelength(m_pair) / 8.0;
  if (std::isfinite(eighth)) setDistance(std::clamp(static_cast<int>(std::lround(eighth)), 1, context() - 1));
}

void RopePlayground::setSpec(const engine::RopeSpec& s, int context) {
  m_applying = true;
  m_base->setValue(s.theta);
  m_headDim->setValue(s.headDim);
  m_context->setValue(context);
  m_scaling->setCurrentIndex(m_scaling->findData(static_cast<int>(s.scaling)));
  m_factor->setValue(s.factor);
  m_original->setValue(static_cast<int>(s.originalContext));
  m_low->setValue(s.lowFreqFactor);
  m_high->setValue(s.highFreqFactor);
  m_betaFast->setValue(s.betaFast);
  m_betaSlow->setValue(s.betaSlow);
  m_pRope->setValue(s.pRope);
  m_applying = false;
  updateScalingControls();
  recompute();
  setDistance(std::min(context - 1, 1));
}

engine::RopeSpec RopePlayground::spec() const {
  engine::RopeSpec s;
  s.theta = m_base->value();
  s.headDim = m_headDim->value();
  s.scaling = static_cast<RopeScalingKind>(m_scaling->currentData().toInt());
  s.factor = m_factor->value();
  s.originalContext = m_original->value();
  s.lowFreqFactor = m_low->value();
  s.highFreqFactor = m_high->value();
  s.betaFast = m_betaFast->value();
  s.betaSlow = m_betaSlow->value();
  s.pRope = m_pRope->value();
  return s;
}

int RopePlayground::context() const { return m_context->value(); }

void RopePlayground::updateScalingControls() {
  const auto kind = static_cast<RopeScalingKind>(m_scaling->currentData().toInt());
  for (auto* w : m_factorRows) w->setVisible(kind != RopeScalingKind::None);
  for (auto* w : m_originalRows) w->setVisible(kind == RopeScalingKind::Llama3 || kind == RopeScalingKind::Yarn);
  for (auto* w : m_llama3Rows) w->setVisible(kind == RopeScalingKind::Llama3);
  for (auto* w : m_yarnRows) w->setVisible(kind == RopeScalingKind::Yarn);
}

void RopePlayground::recompute() {
  if (m_applying) return;
  const auto s = spec();
  m_problem = QString::fromStdString(engine::ropeSpecProblem(s));
  m_theta = engine::ropeInverseFrequencies(s);
  const int pairs = static_cast<int>(m_theta.size());
  m_pairBox->blockSignals(true);
  m_pairBox->setRange(0, std::max(pairs - 1, 0));
  m_pair = std::clamp(m_pair, 0, std::max(pairs - 1, 0));
  m_pairBox->setValue(m_pair);
  m_pairBox->blockSignals(false);
  m_distanceSlider->blockSignals(true);
  m_distanceSlider->setRange(0, context() - 1);
  m_distanceSlider->blockSignals(false);

  if (!m_problem.isEmpty()) {
    m_summary->setText(tr("Cannot draw: %1.").arg(m_problem));
  } else {
    int wrapping = 0;
    for (int p = 0; p < pairs; ++p) wrapping += wraps(p) ? 1 : 0;
    const int stopped = static_cast<int>(std::count(m_theta.begin(), m_theta.end(), 0.0));
    QString text = tr("%1 of %2 pairs turn past 2π within %3 tokens; %4 % of the dims stay within one turn.")
                       .arg(wrapping)
                       .arg(pairs)
                       .arg(QLocale().toString(context()))
                       .arg(QString::number(100.0 * fractionWithinOneTurn(), 'f', 1));
    text += QLatin1Char(' ') + tr("Fastest pair: a turn every %1 tokens; slowest rotating: every %2.")
                                   .arg(tokensText(wavelength(0)))
                                   .arg(tokensText(pairs - stopped > 0 ? wavelength(pairs - stopped - 1) : INFINITY));
    if (stopped > 0) text += QLatin1Char(' ') + tr("p-RoPE stops the %1 slowest pairs.").arg(stopped);
    m_summary->setText(text);
  }
  redrawHeatmap();
  redrawCurves();
  redrawWavelengths();
  redrawRotation();
  Q_EMIT changed();
}

void RopePlayground::setPair(int pair) {
  const int pairs = static_cast<int>(m_theta.size());
  const int clamped = std::clamp(pair, 0, std::max(pairs - 1, 0));
  if (clamped == m_pair && m_pairBox->value() == clamped) return;
  m_pair = clamped;
  m_pairBox->blockSignals(true);
  m_pairBox->setValue(m_pair);
  m_pairBox->blockSignals(false);
  m_heatmap->setMarkedRow(pairs > 0 ? std::optional<int>(m_pair) : std::nullopt);
  redrawCurves();
  redrawWavelengths();
  redrawRotation();
  Q_EMIT changed();
}

void RopePlayground::setDistance(int tokens) { m_distanceSlider->setValue(tokens); }

int RopePlayground::distance() const { return m_distanceSlider->value(); }

int RopePlayground::heatmapColumns() const { return m_theta.empty() ? 0 : std::min(context(), kMaxHeatmapColumns); }

double RopePlayground::heatmapDistance(int column) const {
  const int columns = heatmapColumns();
  if (column < 0 || column >= columns) return std::numeric_limits<double>::quiet_NaN();
  if (columns <= 1) return 0.0;
  return std::round(static_cast<double>(column) * (context() - 1) / (columns - 1));
}

double RopePlayground::heatmapValue(int pair, int column) const {
  if (pair < 0 || pair >= static_cast<int>(m_theta.size())) return std::numeric_limits<double>::quiet_NaN();
  return std::cos(m_theta[static_cast<std::size_t>(pair)] * heatmapDistance(column));
}

double RopePlayground::wavelength(int pair) const {
  if (pair < 0 || pair >= static_cast<int>(m_theta.size())) return std::numeric_limits<double>::quiet_NaN();
  return engine::ropeWavelength(m_theta[static_cast<std::size_t>(pair)]);
}

bool RopePlayground::wraps(int pair) const {
  if (pair < 0 || pair >= static_cast<int>(m_theta.size())) return false;
  return engine::ropeTurns(m_theta[static_cast<std::size_t>(pair)], context()) >= 1.0;
}

double RopePlayground::fractionWithinOneTurn() const { return engine::fractionWithinOneTurn(m_theta, context()); }

double RopePlayground::dotProduct() const {
  if (m_theta.empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::cos(m_theta[static_cast<std::size_t>(m_pair)] * distance());
}

QString RopePlayground::problem() const { return m_problem; }

void RopePlayground::redrawHeatmap() {
  const int pairs = static_cast<int>(m_theta.size());
  const int columns = heatmapColumns();
  if (pairs == 0 || columns == 0) {
    m_heatmap->clear();
    return;
  }
  std::vector<float> values(static_cast<std::size_t>(pairs) * static_cast<std::size_t>(columns));
  for (int p = 0; p < pairs; ++p)
    for (int c = 0; c < columns; ++c)
      values[static_cast<std::size_t>(p) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c)] =
          static_cast<float>(heatmapValue(p, c));
  m_heatmap->setMatrix(pairs, columns, std::move(values));
  const double step = columns > 1 ? static_cast<double>(context() - 1) / (columns - 1) : 1.0;
  m_heatmap->setLabels(
      tr("cos(θᵢ·Δ) per pair"), tr("pair (fastest at the top)"),
      step > 1.0 ? tr("distance Δ (one column per %1 tokens)").arg(tokensText(step)) : tr("distance Δ (tokens)"),
      tr("cos"));
  const auto theta = m_theta;
  m_heatmap->setTooltipFormatter([this, theta](int row, int col, double value) {
    return tr("pair %1, Δ = %2: cos = %3 (wavelength %4 tokens)")
        .arg(row)
        .arg(heatmapDistance(col))
        .arg(value, 0, 'f', 3)
        .arg(tokensText(engine::ropeWavelength(theta[static_cast<std::size_t>(row)])));
  });
  m_heatmap->setMarkedRow(m_pair);
}

void RopePlayground::redrawCurves() {
  m_curves->clearGraphs();
  const int pairs = static_cast<int>(m_theta.size());
  if (pairs == 0) {
    m_curvesTitle->setText(tr("cos(θᵢ·Δ) over distance"));
    m_curves->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const int ctx = context();
  // Every distance up to kDenseDistances, then log-spaced ones up to the context: on the log
  // axis each pair leaves cos = 1 near Δ = 1/θᵢ, fast pairs first.
  const std::vector<double> distances = curveDistances(ctx);
  // The fastest and the slowest pair, then the picked one on top.
  std::vector<int> shown;
  for (const int p : {0, pairs - 1})
    if (p != m_pair && std::find(shown.begin(), shown.end(), p) == shown.end()) shown.push_back(p);
  shown.push_back(m_pair);
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const int p = shown[k];
    const bool picked = k + 1 == shown.size();
    auto* graph = m_curves->addGraph();
    // The fastest pair light grey (it fills the plot), the slowest dark blue, the picked one red.
    const QColor color = picked ? selectionColor() : p == 0 ? QColor(175, 175, 175) : QColor(0, 70, 160);
    // A fast pair is thousands of full-height strokes: with antialiasing or a pen wider than a
    // pixel they cost half a second a redraw (30 ms at 2 px); thin and plain, 3 ms.
    graph->setPen(QPen(color, 1.0));
    graph->setAntialiased(false);
    graph->setName(tr("pair %1 (a turn every %2 tokens)").arg(p).arg(tokensText(wavelength(p))));
    QVector<double> x, y;
    x.reserve(static_cast<int>(distances.size()));
    y.reserve(static_cast<int>(distances.size()));
    const double theta = m_theta[static_cast<std::size_t>(p)];
    for (const double d : distances) {
      x.push_back(d);
      y.push_back(std::cos(theta * d));
    }
    graph->setData(x, y, /*alreadySorted=*/true);
  }
  m_curves->xAxis->setRange(1, std::max(ctx - 1, 2));
  m_curvesTitle->setText(tr("cos(θᵢ·Δ) over distance (log scale)"));
  m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void RopePlayground::redrawWavelengths() {
  QVector<double> wrapX, wrapY, stillX, stillY, pickedX, pickedY;
  double lo = INFINITY, hi = 0.0;
  for (int p = 0; p < static_cast<int>(m_theta.size()); ++p) {
    const double w = wavelength(p);
    if (!std::isfinite(w)) continue;  // stopped by p-RoPE: no wavelength
    lo = std::min(lo, w);
    hi = std::max(hi, w);
    (wraps(p) ? wrapX : stillX).push_back(p);
    (wraps(p) ? wrapY : stillY).push_back(w);
    if (p == m_pair) {
      pickedX.push_back(p);
      pickedY.push_back(w);
    }
  }
  m_wrapGraph->setData(wrapX, wrapY, true);
  m_stillGraph->setData(stillX, stillY, true);
  m_pickedGraph->setData(pickedX, pickedY, true);
  const double ctx = context();
  m_contextLine->point1->setCoords(0, ctx);
  m_contextLine->point2->setCoords(1, ctx);
  m_contextLabel->position->setCoords(0.99, ctx);
  m_contextLabel->setText(tr("context: %1 tokens").arg(QLocale().toString(context())));
  const int pairs = static_cast<int>(m_theta.size());
  m_wavelengths->xAxis->setRange(-0.5, std::max(pairs, 1) - 0.5);
  if (std::isfinite(lo)) {
    lo = std::min(lo, ctx);
    hi = std::max(hi, ctx);
    m_wavelengths->yAxis->setRange(lo / 2.0, hi * 3.0);
  }
  m_wavelengthsTitle->setText(tr("Wavelength per pair"));
  m_wavelengths->replot(QCustomPlot::rpQueuedReplot);
}

void RopePlayground::redrawRotation() {
  const double delta = distance();
  m_distanceLabel->setText(distance() == 1 ? tr("1 token") : tr("%1 tokens").arg(QLocale().toString(distance())));
  QVector<double> cx, cy;
  for (int i = 0; i <= 128; ++i) {
    const double a = engine::kRopeTurn * i / 128.0;
    cx.push_back(std::cos(a));
    cy.push_back(std::sin(a));
  }
  m_circle->setData(cx, cy);
  if (m_theta.empty()) {
    m_trace->data()->clear();
    keepRotationRound();
    m_dotLabel->setText(QString());
    m_rotationTitle->setText(tr("Rotation of one pair"));
    m_rotation->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const double theta = m_theta[static_cast<std::size_t>(m_pair)];
  const double angle = theta * delta;
  const double turns = angle / engine::kRopeTurn;
  // The arc the query has travelled (at most one full circle, drawn a little inside).
  QVector<double> tx, ty;
  const double shown = std::min(angle, engine::kRopeTurn);
  const int steps = std::max(2, static_cast<int>(64 * shown / engine::kRopeTurn) + 2);
  for (int i = 0; i <= steps; ++i) {
    const double a = shown * i / steps;
    tx.push_back(0.35 * std::cos(a));
    ty.push_back(0.35 * std::sin(a));
  }
  m_trace->setData(tx, ty);
  m_keyArrow->end->setCoords(1.0, 0.0);
  m_queryArrow->end->setCoords(std::cos(angle), std::sin(angle));
  m_dotLabel->setText(tr("θ = %1 rad/token\nΔ·θ = %2 rad (%3 turns)\nq·k = cos(Δ·θ) = %4")
                          .arg(theta, 0, 'g', 4)
                          .arg(angle, 0, 'g', 4)
                          .arg(turns, 0, 'g', 3)
                          .arg(std::cos(angle), 0, 'f', 3));
  m_rotationTitle->setText(tr("Pair %1 rotated by Δ").arg(m_pair));
  keepRotationRound();
  m_rotation->replot(QCustomPlot::rpQueuedReplot);
}

void RopePlayground::keepRotationRound() {
  m_rotation->xAxis->setRange(-1.35, 1.35);
  m_rotation->yAxis->setRange(-1.35, 1.35);
  const QRect rect = m_rotation->axisRect()->rect();
  if (rect.width() > 0 && rect.height() > 0) {
    if (rect.width() >= rect.height())
      m_rotation->xAxis->setScaleRatio(m_rotation->yAxis, 1.0);
    else
      m_rotation->yAxis->setScaleRatio(m_rotation->xAxis, 1.0);
  }
}

bool RopePlayground::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_rotation && event->type() == QEvent::Resize) {
    QTimer::singleShot(0, this, [this] {
      keepRotationRound();
      m_rotation->replot(QCustomPlot::rpQueuedReplot);
    });
  }
  return QWidget::eventFilter(watched, event);
}

QWidget* RopePlayground::figureWidget(Figure figure) const {
  switch (figure) {
    case Figure::Heatmap:
      return m_heatmap->plotWidget();
    case Figure::Curves:
      return m_curves;
    case Figure::Wavelengths:
      return m_wavelengths;
    case Figure::Rotation:
      return m_rotation;
  }
  return nullptr;
}

bool RopePlayground::exportFigure(Figure figure, const QString& path, ExportFormat format, QSize size, double scale,
                                  QString* error) {
  if (figure == Figure::Heatmap) return m_heatmap->exportTo(path, format, size, scale, error);
  auto* plot = static_cast<QCustomPlot*>(figureWidget(figure));
  return exportPlot(*plot, path, format, size, scale, error);
}

void RopePlayground::replotNow() {
  m_heatmap->replotNow();
  for (auto* plot : {m_curves, m_wavelengths, m_rotation}) plot->replot(QCustomPlot::rpImmediateRefresh);
}

}  // namespace ropescope::widgets
