// The "Compare" page: profiles of several models over the head's dims, and their overviews on a
// shared colour scale. GUI thread only.
#include "widgets/compare_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/color_gradient.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean over the first two axes of a [a, b, n] array, ignoring non-finite values.
std::vector<double> meanOverFirstTwo(const engine::NdArray& a) {
  const auto n = static_cast<int>(a.dim(2));
  std::vector<double> out(static_cast<std::size_t>(n), kNaN);
  for (int k = 0; k < n; ++k) {
    std::vector<double> values;
    for (int i = 0; i < a.dim(0); ++i)
      for (int j = 0; j < a.dim(1); ++j) values.push_back(a.at({i, j, k}));
    out[static_cast<std::size_t>(k)] = finiteMean(values);
  }
  return out;
}

QString profileId(CompareView::Profile p) {
  switch (p) {
    case CompareView::Profile::Norms:
      return QStringLiteral("norms");
    case CompareView::Profile::Utility:
      return QStringLiteral("utility");
    case CompareView::Profile::Bands:
      return QStringLiteral("bands");
  }
  return {};
}

constexpr CompareView::Profile kProfiles[] = {CompareView::Profile::Norms, CompareView::Profile::Utility,
                                              CompareView::Profile::Bands};

}  // namespace

CompareView::CompareView(QWidget* parent) : ResultsPane(parent) {
  m_profileCombo = new QComboBox(this);
  m_profileCombo->addItem(tr("Mean q-row L1 norm"));
  m_profileCombo->addItem(tr("Mean utility"));
  m_profileCombo->addItem(tr("Mean q band norm"));
  m_xCombo = new QComboBox(this);
  m_xCombo->addItem(tr("dim index"));
  m_xCombo->addItem(tr("relative position in the head"));
  m_xCombo->addItem(tr("wavelength (log)"));
  m_xCombo->setToolTip(tr("Models of different head_dim line up by relative position or by wavelength"));
  m_overviewCombo = new QComboBox(this);
  m_overviewCombo->addItem(tr("Retrieval score"));
  m_overviewCombo->addItem(tr("Positional ρ"));
  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&Profile:"), m_profileCombo);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&X axis:"), m_xCombo);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&Overview:"), m_overviewCombo);

  m_profilePlot = new QCustomPlot(this);
  addPlotTitle(*m_profilePlot, font());
  placeLegendBelow(*m_profilePlot, 2);
  m_overviewPlot = new QCustomPlot(this);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_profilePlot);
  split->addWidget(m_overviewPlot);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  setToolbarLayout(this, toolbar, split);

  connect(m_profileCombo, &QComboBox::currentIndexChanged, this,
          [this](int i) { setProfile(kProfiles[std::clamp(i, 0, 2)]); });
  connect(m_xCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
    setXAxis(i == 0 ? XAxis::Dim : i == 1 ? XAxis::Relative : XAxis::Wavelength);
  });
  connect(m_overviewCombo, &QComboBox::currentIndexChanged, this,
          [this](int i) { setOverview(i == 1 ? Overview::Positional : Overview::Retrieval); });
  connect(&ColorMaps::instance(), &ColorMaps::changed, this, &CompareView::refresh);
  {
    const QSignalBlocker blocker(m_xCombo);
    m_xCombo->setCurrentIndex(1);
  }
  refresh();
}

bool CompareView::setResults(const engine::ResultsFile& results) {
  (void)results;
  return hasData();
}

CompareView::Entry CompareView::entryOf(const QString& name, const engine::ResultsFile& r) {
  Entry e;
  e.name = name;
  const engine::NdArray* arrays[3] = {nullptr, findArray(r, engine::schema::kUtilityU),
                                      findArray(r, engine::schema::kBandsQNorm)};
  // Norms only in frequency order: a storage-order file would put the dims elsewhere.
  if (r.weights && isWellFormed(r.weights->qRowL1, 3) && r.weights->complete() &&
      r.weights->order == engine::DimOrder::Frequency)
    arrays[0] = &r.weights->qRowL1;
  int pairs = 0;
  for (const auto p : kProfiles) {
    const auto* a = arrays[static_cast<int>(p)];
    // Per-dim profiles come in whole pairs.
    if (!a || (p != Profile::Bands && a->dim(2) % 2 != 0)) continue;
    e.profiles[static_cast<int>(p)] = meanOverFirstTwo(*a);
    if (pairs == 0) pairs = static_cast<int>(p == Profile::Bands ? a->dim(2) : a->dim(2) / 2);
  }
  e.wavelengths = pairWavelengths(r, pairs);
  if (const auto* a = findArray(r, engine::schema::kRetrievalScore)) e.retrieval = *a;
  if (const auto* a = findArray(r, engine::schema::kPositionalRho)) e.rho = *a;
  return e;
}

void CompareView::setModels(const std::vector<Model>& models) {
  std::vector<std::pair<QString, const engine::ResultsFile*>> read;
  for (const auto& model : models) read.emplace_back(model.name, &model.results);
  setModels(read);
}

void CompareView::setModels(const std::vector<std::pair<QString, const engine::ResultsFile*>>& models) {
  m_models.clear();
  for (const auto& [name, results] : models) m_models.push_back(entryOf(name, *results));
  // Keep the chosen profile when some model has it, else the first one any model has.
  const auto anyHas = [this](Profile p) {
    for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
      if (hasProfile(i, p)) return true;
    return false;
  };
  if (!anyHas(m_profile))
    for (const auto p : kProfiles)
      if (anyHas(p)) {
        m_profile = p;
        break;
      }
  {
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->setCurrentIndex(static_cast<int>(m_profile));
  }
  refresh();
}

void CompareView::clear() { setModels(std::vector<Model>{}); }

bool CompareView::hasData() const {
  int usable = 0;
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i) {
    bool any = overviewArray(i) != nullptr;
    for (const auto p : kProfiles) any = any || hasProfile(i, p);
    usable += any;
  }
  return usable >= 2;
}

QString CompareView::unavailableText() const {
  return tr("Open two or more results files (File ▸ Open Results…) to compare their models.");
}

QWidget* CompareView::plotWidget() const {
  return m_figure == QLatin1String("overview") ? m_overviewPlot : m_profilePlot;
}

QStringList CompareView::figureIds() const {
  QStringList ids;
  if (!hasData()) return ids;
  for (const auto p : kProfiles)
    for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
      if (hasProfile(i, p)) {
        ids << profileId(p);
        break;
      }
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
    if (overviewArray(i)) {
      ids << QStringLiteral("overview");
      break;
    }
  return ids;
}

QString CompareView::currentFigureId() const {
  if (!hasData()) return {};
  return m_figure == QLatin1String("overview") ? m_figure : profileId(m_profile);
}

bool CompareView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  if (id == QLatin1String("overview")) {
    m_figure = id;
    return true;
  }
  m_figure = QStringLiteral("profile");
  for (const auto p : kProfiles)
    if (profileId(p) == id) setProfile(p);
  return true;
}

void CompareView::setProfile(Profile profile) {
  m_profile = profile;
  const QSignalBlocker blocker(m_profileCombo);
  m_profileCombo->setCurrentIndex(static_cast<int>(profile));
  refresh();
}

void CompareView::setXAxis(XAxis axis) {
  m_xAxis = axis;
  const QSignalBlocker blocker(m_xCombo);
  m_xCombo->setCurrentIndex(axis == XAxis::Dim ? 0 : axis == XAxis::Relative ? 1 : 2);
  refresh();
}

void CompareView::setOverview(Overview overview) {
  m_overview = overview;
  const QSignalBlocker blocker(m_overviewCombo);
  m_overviewCombo->setCurrentIndex(overview == Overview::Positional ? 1 : 0);
  refresh();
}

const std::vector<double>& CompareView::profileValues(int index, Profile profile) const {
  static const std::vector<double> kNone;
  if (index < 0 || index >= static_cast<int>(m_models.size())) return kNone;
  return m_models[static_cast<std::size_t>(index)].profiles[static_cast<int>(profile)];
}

bool CompareView::hasProfile(int index, Profile profile) const { return !profileValues(index, profile).empty(); }

std::vector<QPointF> CompareView::line(int index) const {
  std::vector<QPointF> out;
  const auto& values = profileValues(index, m_profile);
  if (values.empty()) return out;
  const auto n = static_cast<int>(values.size());
  // Bands are per pair, the others per dim: a pair stands at its first dim's place.
  const bool pairs = m_profile == Profile::Bands;
  const auto& waves = m_models[static_cast<std::size_t>(index)].wavelengths;
  const int pairCount = pairs ? n : n / 2;
  // On the wavelength axis a model without wavelengths has no line (no mixing of units).
  if (m_xAxis == XAxis::Wavelength && static_cast<int>(waves.size()) != pairCount) return out;
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(values[static_cast<std::size_t>(i)])) continue;
    double x = pairs ? 2.0 * i : i;  // a pair stands at its first dim
    if (m_xAxis == XAxis::Wavelength)
      x = waves[static_cast<std::size_t>(pairs ? i : i / 2)];
    else if (m_xAxis == XAxis::Relative)
      x = (i + 0.5) / n;  // the middle of the unit's share of the head
    out.emplace_back(x, values[static_cast<std::size_t>(i)]);
  }
  return out;
}

const engine::NdArray* CompareView::overviewArray(int index) const {
  const auto& e = m_models[static_cast<std::size_t>(index)];
  const auto& a = m_overview == Overview::Positional ? e.rho : e.retrieval;
  return a ? &*a : nullptr;
}

std::pair<double, double> CompareView::overviewRange() const {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
    if (const auto* a = overviewArray(i))
      for (const float v : a->values)
        if (std::isfinite(v)) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
  if (lo > hi) return {0.0, 1.0};
  if (m_overview == Overview::Positional) {
    const double m = std::max({std::abs(lo), std::abs(hi), 1e-9});
    return {-m, m};
  }
  if (lo == hi) return {lo - 0.5, hi + 0.5};
  return {lo, hi};
}

void CompareView::refresh() {
  // Profiles.
  m_profilePlot->clearGraphs();
  const bool logX = m_xAxis == XAxis::Wavelength;
  int drawn = 0;
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i) {
    const auto points = line(i);
    if (points.empty()) continue;
    auto* g = m_profilePlot->addGraph();
    QVector<double> xs, ys;
    for (const auto& p : points) xs << p.x(), ys << p.y();
    g->setData(xs, ys);
    g->setName(m_models[static_cast<std::size_t>(i)].name);
    g->setPen(QPen(seriesColor(drawn), 1.8));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(drawn), seriesColor(drawn), 3.5));
    ++drawn;
  }
  auto* x = m_profilePlot->xAxis;
  setAxisScale(x, logX ? AxisScale::Log : AxisScale::Linear);
  x->setLabel(m_xAxis == XAxis::Dim        ? tr("dim (frequency order: 0 fastest)")
              : m_xAxis == XAxis::Relative ? tr("relative position in the head (0 fastest, 1 slowest)")
                                           : tr("wavelength of the dim's pair (tokens, log)"));
  const QString what[] = {tr("mean query-row L1 norm"), tr("mean utility"), tr("mean query band norm")};
  const QString titles[] = {tr("Mean query-row L1 norm"), tr("Mean utility"), tr("Mean query band norm")};
  m_profilePlot->yAxis->setLabel(what[static_cast<int>(m_profile)]);
  if (auto* title = qobject_cast<QCPTextElement*>(m_profilePlot->plotLayout()->element(0, 0)))
    title->setText(
        drawn > 0
            ? tr("%1 per dimension, one line per model (paper 1, Fig. 2)").arg(titles[static_cast<int>(m_profile)])
            : tr("No model holds this profile"));
  m_profilePlot->rescaleAxes();
  // Room around the lines so that no point sits on the frame.
  if (drawn > 0) {
    const QCPRange y = m_profilePlot->yAxis->range();
    m_profilePlot->yAxis->setRange(y.lower - y.size() * 0.05, y.upper + y.size() * 0.05);
    const QCPRange r = x->range();
    if (logX)
      x->setRange(r.lower / 1.3, r.upper * 1.3);
    else
      x->setRange(r.lower - r.size() * 0.02, r.upper + r.size() * 0.02);
  }
  m_profilePlot->replot(QCustomPlot::rpQueuedReplot);

  // Overviews on one colour scale.
  m_overviewPlot->plotLayout()->clear();
  m_overviewPlot->clearPlottables();
  QFont titleFont = font();
  titleFont.setBold(true);
  auto* title = new QCPTextElement(m_overviewPlot,
                                   m_overview == Overview::Positional
                                       ? tr("Positional ρ per head, one colour scale for every model")
                                       : tr("Retrieval score per head, one colour scale for every model"),
                                   titleFont);
  m_overviewPlot->plotLayout()->addElement(0, 0, title);
  auto* row = new QCPLayoutGrid;
  m_overviewPlot->plotLayout()->addElement(1, 0, row);
  m_overviewPlot->plotLayout()->setRowStretchFactor(0, 0.001);
  auto* scale = new QCPColorScale(m_overviewPlot);
  const bool diverging = m_overview == Overview::Positional;
  scale->setGradient(gradientOf(diverging));
  const auto [lo, hi] = overviewRange();
  scale->setDataRange(QCPRange(lo, hi));
  scale->axis()->setLabel(diverging ? tr("Spearman ρ") : tr("retrieval score"));
  auto* margins = new QCPMarginGroup(m_overviewPlot);
  int column = 0;
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i) {
    const auto* a = overviewArray(i);
    if (!a) continue;
    auto* rect = new QCPAxisRect(m_overviewPlot);
    row->addElement(0, column++, rect);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    const int layers = static_cast<int>(a->dim(0));
    const int heads = static_cast<int>(a->dim(1));
    map->data()->setSize(heads, layers);
    map->data()->setRange(heads > 1 ? QCPRange(0, heads - 1) : QCPRange(-0.5, 0.5),
                          layers > 1 ? QCPRange(0, layers - 1) : QCPRange(-0.5, 0.5));
    for (int l = 0; l < layers; ++l)
      for (int h = 0; h < heads; ++h) map->data()->setCell(h, l, a->at({l, h}));
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->setColorScale(scale);
    map->setGradient(gradientOf(diverging));
    map->setDataRange(QCPRange(lo, hi));
    map->setName(m_models[static_cast<std::size_t>(i)].name);
    rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
    rect->axis(QCPAxis::atLeft)->setLabel(tr("layer"));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("head"));
    rect->axis(QCPAxis::atTop)->setVisible(true);
    rect->axis(QCPAxis::atTop)->setTicks(false);
    rect->axis(QCPAxis::atTop)->setTickLabels(false);
    rect->axis(QCPAxis::atTop)->setLabel(m_models[static_cast<std::size_t>(i)].name);
    rect->axis(QCPAxis::atBottom)->setRange(-0.5, heads - 0.5);
    rect->axis(QCPAxis::atLeft)->setRange(-0.5, layers - 0.5);
    for (auto* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
      axis->grid()->setVisible(false);
      useIntegerTicks(axis);
    }
  }
  if (column > 0) {
    row->addElement(0, column, scale);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  } else {
    delete scale;
    title->setText(tr("No model holds this overview"));
  }
  m_overviewPlot->replot(QCustomPlot::rpQueuedReplot);
}

QByteArray CompareView::csvData() const {
  const auto number = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 9); };
  QByteArray out;
  if (m_figure == QLatin1String("overview")) {
    out = m_overview == Overview::Positional ? "model,layer,head,rho\n" : "model,layer,head,retrieval score\n";
    for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
      if (const auto* a = overviewArray(i))
        for (int l = 0; l < a->dim(0); ++l)
          for (int h = 0; h < a->dim(1); ++h)
            out += csvField(m_models[static_cast<std::size_t>(i)].name).toUtf8() + ',' + QByteArray::number(l) + ',' +
                   QByteArray::number(h) + ',' + number(a->at({l, h})) + '\n';
    return out;
  }
  const char* xName = m_xAxis == XAxis::Dim ? "dim" : m_xAxis == XAxis::Relative ? "relative position" : "wavelength";
  out = QByteArray("model,") + xName + "," + profileId(m_profile).toUtf8() + "\n";
  for (int i = 0; i < static_cast<int>(m_models.size()); ++i)
    for (const auto& p : line(i))
      out += csvField(m_models[static_cast<std::size_t>(i)].name).toUtf8() + ',' + number(p.x()) + ',' + number(p.y()) +
             '\n';
  return out;
}

}  // namespace ropescope::widgets
