// The "Bands" page: query/key band norms per layer and RoPE pair, as a layer heatmap or as head
// profiles. GUI thread only.
#include "widgets/bands_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxProfiles = 8;

}  // namespace

BandsView::BandsView(QWidget* parent) : ResultsPane(parent) {
  m_slices = new LayerSliceView(this);
  m_modeCombo = new QComboBox(this);
  m_modeCombo->addItem(tr("Layer heatmap"));
  m_modeCombo->addItem(tr("Head profiles"));
  m_xCombo = new QComboBox(this);
  m_xCombo->addItem(tr("pair index"));
  m_xCombo->addItem(tr("wavelength (log)"));
  m_pin = new QPushButton(tr("&Pin Selected Head"), this);
  m_pin->setToolTip(tr("Keep the selected head's profile while other heads are selected (up to 8)"));
  m_clearPins = new QPushButton(tr("C&lear Pins"), this);

  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&View:"), m_modeCombo);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&X axis:"), m_xCombo);
  toolbar->addSpacing(kToolbarGap);
  toolbar->addWidget(m_pin);
  toolbar->addWidget(m_clearPins);

  m_plot = new QCustomPlot(this);
  // Queries and keys side by side: the default axis rect and a second one in a row of their own,
  // under one title and above one legend.
  QCPAxisRect* queryRect = m_plot->axisRect();
  m_plot->plotLayout()->take(queryRect);
  m_plot->plotLayout()->simplify();
  auto* rects = new QCPLayoutGrid;
  m_plot->plotLayout()->addElement(0, 0, rects);
  m_keyRect = new QCPAxisRect(m_plot);
  rects->addElement(0, 0, queryRect);
  rects->addElement(0, 1, m_keyRect);
  rects->setColumnSpacing(24);
  addPlotTitle(*m_plot, font());
  placeLegendBelow(*m_plot, 3);
  for (auto* rect : {queryRect, m_keyRect}) {
    rect->axis(QCPAxis::atLeft)->setLabel(tr("mean pair norm"));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("pair i (0 fastest)"));
    rect->axis(QCPAxis::atTop)->setVisible(true);
    rect->axis(QCPAxis::atTop)->setTicks(false);
    rect->axis(QCPAxis::atTop)->setTickLabels(false);
    rect->axis(QCPAxis::atTop)->setLabelFont(font());
  }

  auto* profiles = new QWidget(this);
  auto* profileLayout = new QVBoxLayout(profiles);
  profileLayout->setContentsMargins(0, 0, 0, 0);
  profileLayout->addWidget(m_plot);
  m_stack = new QStackedWidget(this);
  m_stack->addWidget(m_slices);
  m_stack->addWidget(profiles);
  setToolbarLayout(this, toolbar, m_stack);

  connect(m_modeCombo, &QComboBox::currentIndexChanged, this,
          [this](int i) { setMode(i == 1 ? Mode::Profiles : Mode::Layers); });
  connect(m_xCombo, &QComboBox::currentIndexChanged, this,
          [this](int i) { setXAxis(i == 1 ? XAxis::Wavelength : XAxis::Pair); });
  connect(m_pin, &QPushButton::clicked, this, &BandsView::pinSelectedHead);
  connect(m_clearPins, &QPushButton::clicked, this, &BandsView::clearPins);
  setMode(Mode::Layers);
}

bool BandsView::setResults(const engine::ResultsFile& results) {
  const auto* q = findArray(results, engine::schema::kBandsQNorm);
  const auto* k = findArray(results, engine::schema::kBandsKNorm);
  if (!q || !k || q->shape[0] != k->shape[0] || q->shape[2] != k->shape[2] || q->shape[1] % k->shape[1] != 0) {
    clear();
    return false;
  }
  m_q = *q;
  m_k = *k;
  m_queryHeads = static_cast<int>(q->shape[1]);
  const int pairs = static_cast<int>(q->shape[2]);
  const auto tokens = numberAttribute(results, engine::schema::kBandsTokens);
  const QString over = tokens ? tr(", over %1 tokens").arg(static_cast<long long>(*tokens)) : QString();
  // Without rotary position embedding the pairs have no frequencies: only their dims are named.
  const bool rotary = !results.weights || results.weights->model.rotary;
  const QString axis = rotary ? tr("pair i (frequency order: dims 2i, 2i+1; highest frequency first)")
                              : tr("pair i (dims 2i, 2i+1; the model has no rotary position embedding)");
  std::vector<SliceSeries> series(2);
  series[kQueries] = {tr("Queries (q)"), *q, false, tr("Mean 2-norm of each query pair — %1") + over, axis, tr("pair"),
                      tr("q pair norm")};
  series[kKeys] = {tr("Keys (k)"),   *k, true, tr("Mean 2-norm of each key pair — %1") + over, axis, tr("pair"),
                   tr("k pair norm")};

  m_wavelength = pairWavelengths(results, pairs);  // each pair's, or none
  m_context = 0.0;
  if (const auto context = numberAttribute(results, engine::schema::kAnglesContext)) {
    m_context = *context;
  } else if (results.weights) {
    const auto config = QJsonDocument::fromJson(QByteArray::fromStdString(results.weights->model.configJson)).object();
    m_context = config.value(QStringLiteral("max_position_embeddings")).toDouble(0.0);
  }
  m_pins.erase(std::remove_if(m_pins.begin(), m_pins.end(),
                              [&](const auto& p) { return p.first >= q->dim(0) || p.second >= q->dim(1); }),
               m_pins.end());
  const bool ok = m_slices->setSeries(std::move(series));
  m_xCombo->setItemData(1, hasWavelengths() ? QVariant() : QVariant(0), Qt::UserRole - 1);  // disabled item
  if (!hasWavelengths()) setXAxis(XAxis::Pair);
  refreshProfiles();
  return ok;
}

void BandsView::clear() {
  m_slices->clear();
  m_q = m_k = {};
  m_wavelength.clear();
  m_context = 0.0;
  m_queryHeads = 0;
  m_pins.clear();
  m_selected.reset();
  refreshProfiles();
}

bool BandsView::hasData() const { return m_slices->hasData(); }

QString BandsView::unavailableText() const {
  return tr("Needs frequency-band norms (/bands/q_norm and /bands/k_norm).");
}

void BandsView::selectHead(int layer, int head) {
  // Every layer is on screen: the head's layer is outlined.
  m_slices->selectQueryHead(head, m_queryHeads);
  m_slices->heatmap()->setMarkedRow(layer);
  if (hasData() && layer >= 0 && head >= 0 && layer < m_q.dim(0) && head < m_q.dim(1))
    m_selected = std::pair{layer, head};
  else
    m_selected.reset();
  refreshProfiles();
}

QWidget* BandsView::plotWidget() const {
  return m_mode == Mode::Profiles ? static_cast<QWidget*>(m_plot) : m_slices->heatmap()->plotWidget();
}

QStringList BandsView::figureIds() const {
  return hasData() ? QStringList{QStringLiteral("q"), QStringLiteral("k"), QStringLiteral("profiles")} : QStringList{};
}

QString BandsView::currentFigureId() const {
  if (!hasData()) return {};
  if (m_mode == Mode::Profiles) return QStringLiteral("profiles");
  return m_slices->currentSeries() == kKeys ? QStringLiteral("k") : QStringLiteral("q");
}

bool BandsView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  if (id == QLatin1String("profiles")) {
    setMode(Mode::Profiles);
    return true;
  }
  setMode(Mode::Layers);
  m_slices->setCurrentSeries(id == QLatin1String("k") ? kKeys : kQueries);
  // The selected query head's own head of the new series (its KV head for keys).
  if (m_selected) m_slices->selectQueryHead(m_selected->second, m_queryHeads);
  return true;
}

void BandsView::setMode(Mode mode) {
  m_mode = mode;
  {
    const QSignalBlocker blocker(m_modeCombo);
    m_modeCombo->setCurrentIndex(mode == Mode::Profiles ? 1 : 0);
  }
  m_stack->setCurrentIndex(mode == Mode::Profiles ? 1 : 0);
  for (QWidget* w : std::initializer_list<QWidget*>{m_xCombo, m_pin, m_clearPins})
    w->setEnabled(mode == Mode::Profiles);
  refreshProfiles();
}

void BandsView::setXAxis(XAxis axis) {
  m_xAxis = axis == XAxis::Wavelength && hasWavelengths() ? XAxis::Wavelength : XAxis::Pair;
  {
    const QSignalBlocker blocker(m_xCombo);
    m_xCombo->setCurrentIndex(m_xAxis == XAxis::Wavelength ? 1 : 0);
  }
  refreshProfiles();
}

std::vector<std::pair<int, int>> BandsView::profileHeads() const {
  std::vector<std::pair<int, int>> heads = m_pins;
  if (m_selected && std::find(heads.begin(), heads.end(), *m_selected) == heads.end()) heads.push_back(*m_selected);
  if (heads.empty() && hasData()) {
    const int layers = static_cast<int>(m_q.dim(0));
    for (int l : {0, layers / 2, layers - 1})
      if (std::find(heads.begin(), heads.end(), std::pair{l, -1}) == heads.end()) heads.emplace_back(l, -1);
  }
  return heads;
}

void BandsView::pinSelectedHead() {
  if (!m_selected || std::find(m_pins.begin(), m_pins.end(), *m_selected) != m_pins.end()) return;
  if (m_pins.size() >= kMaxProfiles) m_pins.erase(m_pins.begin());
  m_pins.push_back(*m_selected);
  refreshProfiles();
}

void BandsView::clearPins() {
  m_pins.clear();
  refreshProfiles();
}

int BandsView::splitPair() const {
  if (m_wavelength.empty() || !(m_context > 0.0)) return -1;
  for (std::size_t i = 0; i < m_wavelength.size(); ++i)
    if (m_wavelength[i] > m_context) return static_cast<int>(i);
  return -1;
}

double BandsView::norm(int side, int layer, int head, int pair) const {
  const engine::NdArray& a = side == kKeys ? m_k : m_q;
  if (head >= 0) {
    // Keys: the KV head that query head `head` reads.
    const int h = side == kKeys ? head / std::max<int>(1, m_queryHeads / static_cast<int>(m_k.dim(1))) : head;
    return a.at({layer, h, pair});
  }
  std::vector<double> values;
  for (int h = 0; h < a.dim(1); ++h) values.push_back(a.at({layer, h, pair}));
  return finiteMean(values);
}

double BandsView::xOf(int pair) const {
  return m_xAxis == XAxis::Wavelength ? m_wavelength[static_cast<std::size_t>(pair)] : double(pair);
}

std::vector<QPointF> BandsView::profile(int side, int layer, int head) const {
  std::vector<QPointF> out;
  if (!hasData() || layer < 0 || layer >= m_q.dim(0) || head >= m_q.dim(1)) return out;
  for (int p = 0; p < m_q.dim(2); ++p) {
    const double y = norm(side, layer, head, p);
    if (std::isfinite(y)) out.emplace_back(xOf(p), y);
  }
  return out;
}

void BandsView::refreshProfiles() {
  m_plot->clearGraphs();
  m_plot->clearItems();
  auto* title = qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0));
  QCPAxisRect* rects[2] = {m_plot->axisRect(0), m_keyRect};
  const QString sideName[2] = {tr("queries (q)"), tr("keys (k, the head's KV group)")};
  const bool wavelength = m_xAxis == XAxis::Wavelength;
  for (int side = 0; side < 2; ++side) {
    rects[side]->axis(QCPAxis::atTop)->setLabel(sideName[side]);
    rects[side]
        ->axis(QCPAxis::atBottom)
        ->setLabel(wavelength ? tr("wavelength 2π/θᵢ (tokens, log)") : tr("pair i (0 fastest)"));
    setAxisScale(rects[side]->axis(QCPAxis::atBottom), wavelength ? AxisScale::Log : AxisScale::Integer);
  }
  if (!hasData()) {
    if (title) title->setText(tr("No frequency-band norms"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const auto heads = profileHeads();
  int index = 0;
  double yMax = 0.0;
  for (const auto& [layer, head] : heads) {
    const QColor color = seriesColor(index);
    const QString name = head >= 0 ? headTag(layer, head) : tr("layer %1, mean over heads").arg(layer);
    for (int side = 0; side < 2; ++side) {
      auto* g = m_plot->addGraph(rects[side]->axis(QCPAxis::atBottom), rects[side]->axis(QCPAxis::atLeft));
      QVector<double> xs, ys;
      for (const auto& p : profile(side, layer, head)) xs << p.x(), ys << p.y(), yMax = std::max(yMax, p.y());
      g->setData(xs, ys);
      const bool selected = m_selected && head == m_selected->second && layer == m_selected->first;
      g->setPen(QPen(color, selected ? 2.6 : 1.6, head >= 0 ? Qt::SolidLine : Qt::DashLine));
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 4));
      g->setName(name);
      if (side == 1) g->removeFromLegend();
    }
    ++index;
  }
  const int split = splitPair();
  for (int side = 0; side < 2; ++side) {
    auto* x = rects[side]->axis(QCPAxis::atBottom);
    auto* y = rects[side]->axis(QCPAxis::atLeft);
    const int pairs = static_cast<int>(m_q.dim(2));
    if (wavelength)
      x->setRange(m_wavelength.front() * 0.8, m_wavelength.back() * 1.25);
    else
      x->setRange(-0.5, pairs - 0.5);
    y->setRange(0.0, yMax > 0.0 ? yMax * 1.08 : 1.0);
    if (split < 0) continue;
    // Paper 3's split: pairs whose wavelength exceeds the context never complete a turn within
    // it; they carry content ("semantic"), the faster ones position.
    const double at = wavelength ? m_context : split - 0.5;
    auto* line = new QCPItemStraightLine(m_plot);
    line->setClipAxisRect(rects[side]);
    line->point1->setAxes(x, y);
    line->point2->setAxes(x, y);
    line->point1->setCoords(at, 0.0);
    line->point2->setCoords(at, 1.0);
    line->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DashDotLine));
    auto* label = new QCPItemText(m_plot);
    label->setClipAxisRect(rects[side]);
    label->setClipToAxisRect(true);
    label->position->setAxes(x, y);
    label->position->setCoords(at, y->range().upper);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    label->setText(tr("positional ← | → semantic"));
    label->setColor(QColor(70, 70, 70));
    label->setPadding(QMargins(4, 2, 4, 2));
  }
  if (title)
    title->setText(split >= 0
                       ? tr("Band norms per pair; pairs %1 and slower have wavelengths beyond the %2-token context")
                             .arg(split)
                             .arg(m_context)
                       : tr("Band norms per pair"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QByteArray BandsView::csvData() const {
  if (m_mode != Mode::Profiles) return ResultsPane::csvData();
  QByteArray out = "layer,head,side,pair,wavelength,norm\n";
  if (!hasData()) return out;
  const auto number = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 9); };
  for (const auto& [layer, head] : profileHeads())
    for (int side = 0; side < 2; ++side)
      for (int p = 0; p < m_q.dim(2); ++p)
        out += QByteArray::number(layer) + ',' + (head >= 0 ? QByteArray::number(head) : QByteArray("mean")) + ',' +
               (side == kKeys ? "k" : "q") + ',' + QByteArray::number(p) + ',' +
               (m_wavelength.empty() ? QByteArray() : number(m_wavelength[static_cast<std::size_t>(p)])) + ',' +
               number(norm(side, layer, head, p)) + '\n';
  return out;
}

}  // namespace ropescope::widgets
