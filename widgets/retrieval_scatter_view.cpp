// The "Retrieval vs utility" scatter with its least-squares line. GUI thread only.
#include "widgets/retrieval_scatter_view.h"

#include <qcustomplot.h>

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QRadioButton>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "widgets/color_gradient.h"
#include "widgets/color_maps.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHitRadius = 8.0;  // pixels
constexpr double kClickSlop = 3.0;  // as QCustomPlot counts a click

// "slope intercept", as the analysis run writes fit_first / fit_last.
std::optional<std::pair<double, double>> fitAttribute(const engine::ResultsFile& results,
                                                      const engine::GroupAttribute& attribute) {
  const auto text = engine::attribute(results, attribute);
  if (!text) return std::nullopt;
  const QStringList parts = QString::fromStdString(*text).simplified().split(QLatin1Char(' '));
  if (parts.size() != 2) return std::nullopt;
  bool ok1 = false, ok2 = false;
  const double slope = parts[0].toDouble(&ok1);
  const double intercept = parts[1].toDouble(&ok2);
  if (!ok1 || !ok2 || !std::isfinite(slope) || !std::isfinite(intercept)) return std::nullopt;
  return std::pair{slope, intercept};
}

struct Fit {
  double slope = kNaN;
  double intercept = kNaN;
  double r = kNaN;
};

// Ordinary least squares of y on x and Pearson's r; NaN where undefined (fewer than two points,
// no spread in x; r also needs spread in y).
Fit leastSquares(const std::vector<RetrievalScatterView::Point>& points) {
  Fit fit;
  const auto n = static_cast<double>(points.size());
  if (points.size() < 2) return fit;
  double mx = 0, my = 0;
  for (const auto& p : points) mx += p.x / n, my += p.y / n;
  double sxx = 0, syy = 0, sxy = 0;
  for (const auto& p : points) {
    sxx += (p.x - mx) * (p.x - mx);
    syy += (p.y - my) * (p.y - my);
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx <= 0) return fit;
  fit.slope = sxy / sxx;
  fit.intercept = my - fit.slope * mx;
  if (syy > 0) fit.r = sxy / std::sqrt(sxx * syy);
  return fit;
}

QString formatNumber(double v) { return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 3); }

}  // namespace

RetrievalScatterView::RetrievalScatterView(QWidget* parent) : ResultsPane(parent) {
  m_firstButton = new QRadioButton(this);
  m_lastButton = new QRadioButton(this);
  m_firstButton->setChecked(true);
  auto* group = new QButtonGroup(this);
  group->addButton(m_firstButton);
  group->addButton(m_lastButton);
  auto* hint = new QLabel(tr("Hover a point to name its head; click to select it."), this);
  hint->setEnabled(false);  // drawn as secondary text

  auto* toolbar = newToolbar();
  toolbar->addWidget(new QLabel(tr("Utility of:"), this));
  toolbar->addWidget(m_firstButton);
  toolbar->addWidget(m_lastButton);
  toolbar->addSpacing(kToolbarGap);
  toolbar->addWidget(hint);

  m_plot = new QCustomPlot(this);
  m_plot->setMouseTracking(true);
  m_plot->installEventFilter(this);
  m_title = addPlotTitle(*m_plot, font());

  // Every head as a thin grey ring over its layer's disc: the rings keep overlapping discs apart.
  m_pointsGraph = m_plot->addGraph();
  m_pointsGraph->setLineStyle(QCPGraph::lsNone);
  m_fitGraph = m_plot->addGraph();
  m_fitGraph->setPen(QPen(seriesColor(1), 2));
  m_selectedGraph = m_plot->addGraph();
  m_selectedGraph->setLineStyle(QCPGraph::lsNone);
  m_selectedGraph->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(selectionColor(), 2.5), Qt::NoBrush, 15));
  m_selectedGraph->removeFromLegend();

  placeLegendBelow(*m_plot, 2);
  m_plot->xAxis->setLabel(tr("retrieval score"));
  m_layerScale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(1, 1, m_layerScale);
  m_layerScale->setType(QCPAxis::atRight);
  m_layerScale->setGradient(gradientOf(false));
  m_layerScale->axis()->setLabel(tr("layer"));
  useIntegerTicks(m_layerScale->axis());
  auto* margins = new QCPMarginGroup(m_plot);
  m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m_layerScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  connect(&ColorMaps::instance(), &ColorMaps::changed, this, [this] {
    m_layerScale->setGradient(gradientOf(false));
    refresh();
  });

  setToolbarLayout(this, toolbar, m_plot);

  connect(m_lastButton, &QRadioButton::toggled, this, &RetrievalScatterView::setShowLast);
  connect(m_plot, &QCustomPlot::mouseMove, this, &RetrievalScatterView::onMouseMove);
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    m_pressPos.reset();
    if (event->button() == Qt::LeftButton) m_pressPos = event->position();
  });
  connect(m_plot, &QCustomPlot::mouseRelease, this, &RetrievalScatterView::onMouseRelease);
  clear();
}

bool RetrievalScatterView::setResults(const engine::ResultsFile& results) {
  const auto* score = findArray(results, engine::schema::kRetrievalScore);
  const auto* first = findArray(results, engine::schema::kRetrievalUtilityFirst);
  const auto* last = findArray(results, engine::schema::kRetrievalUtilityLast);
  if (!score || !first || !last || first->shape != score->shape || last->shape != score->shape) {
    clear();
    return false;
  }
  m_score = *score;
  m_utility[0] = *first;
  m_utility[1] = *last;
  namespace schema = engine::schema;
  const engine::GroupAttribute fits[2] = {schema::kFitFirst, schema::kFitLast};
  const engine::GroupAttribute pearson[2] = {schema::kPearsonFirst, schema::kPearsonLast};
  for (int i = 0; i < 2; ++i) {
    const auto fit = fitAttribute(results, fits[i]);
    m_fileSlope[i] = fit ? std::optional(fit->first) : std::nullopt;
    m_fileIntercept[i] = fit ? std::optional(fit->second) : std::nullopt;
    m_filePearson[i] = numberAttribute(results, pearson[i]);
  }
  const auto dims = numberAttribute(results, engine::schema::kUtilityFirstDims);
  m_dims = dims ? QString::number(*dims) : QStringLiteral("n");
  refresh();
  return true;
}

void RetrievalScatterView::clear() {
  m_score = {};
  m_utility[0] = m_utility[1] = {};
  for (int i = 0; i < 2; ++i) m_fileSlope[i] = m_fileIntercept[i] = m_filePearson[i] = std::nullopt;
  m_dims = QStringLiteral("n");
  m_selected.reset();
  refresh();
}

QString RetrievalScatterView::unavailableText() const {
  return tr(
      "Needs retrieval scores and utility scores (/retrieval/utility_first, /retrieval/utility_last): "
      "run the retrieval and utility analyses on QA data.");
}

void RetrievalScatterView::selectHead(int layer, int head) {
  if (hasData() && layer >= 0 && head >= 0 && layer < m_score.dim(0) && head < m_score.dim(1))
    m_selected = std::pair{layer, head};
  else
    m_selected.reset();
  updateSelection();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QWidget* RetrievalScatterView::plotWidget() const { return m_plot; }

void RetrievalScatterView::setShowLast(bool last) {
  if (last != m_showLast) {
    m_showLast = last;
    refresh();
  }
  // Keep the buttons in step when called directly.
  (last ? m_lastButton : m_firstButton)->setChecked(true);
}

std::vector<QPointF> RetrievalScatterView::fitLine() const {
  std::vector<QPointF> out;
  for (auto it = m_fitGraph->data()->constBegin(); it != m_fitGraph->data()->constEnd(); ++it)
    out.emplace_back(it->key, it->value);
  return out;
}

QString RetrievalScatterView::pointsLegend() const { return m_pointsGraph->name(); }

QString RetrievalScatterView::fitLegend() const { return m_fitGraph->name(); }

QString RetrievalScatterView::title() const { return m_title->text(); }

QColor RetrievalScatterView::pointColor(int pointIndex) const {
  if (pointIndex < 0 || pointIndex >= static_cast<int>(m_points.size())) return {};
  const int layers = layerCount();
  const int l = m_points[static_cast<std::size_t>(pointIndex)].layer;
  return colorAt(ColorMaps::instance().sequential(), layers > 1 ? double(l) / (layers - 1) : 0.5);
}

QByteArray RetrievalScatterView::csvData() const {
  QByteArray out = "layer,head,retrieval score,mean utility of the first " + m_dims.toUtf8() +
                   " dims,mean utility of the last " + m_dims.toUtf8() + " dims\n";
  if (!hasData()) return out;
  const auto number = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 9); };
  for (int l = 0; l < m_score.dim(0); ++l)
    for (int h = 0; h < m_score.dim(1); ++h) {
      const double x = m_score.at({l, h});
      if (!std::isfinite(x)) continue;
      out += QByteArray::number(l) + ',' + QByteArray::number(h) + ',' + number(x) + ',' +
             number(m_utility[0].at({l, h})) + ',' + number(m_utility[1].at({l, h})) + '\n';
    }
  return out;
}

QStringList RetrievalScatterView::figureIds() const {
  return hasData() ? QStringList{QStringLiteral("first"), QStringLiteral("last")} : QStringList{};
}

QString RetrievalScatterView::currentFigureId() const {
  return hasData() ? (m_showLast ? QStringLiteral("last") : QStringLiteral("first")) : QString();
}

bool RetrievalScatterView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  setShowLast(id == QLatin1String("last"));
  return true;
}

QString RetrievalScatterView::tooltipText(int pointIndex) const {
  if (pointIndex < 0 || pointIndex >= static_cast<int>(m_points.size())) return {};
  const Point& p = m_points[static_cast<std::size_t>(pointIndex)];
  return tr("%1: retrieval score %2, utility %3")
      .arg(headTag(p.layer, p.head), QString::number(p.x, 'g', 4), QString::number(p.y, 'g', 4));
}

std::optional<int> RetrievalScatterView::pointAtPixel(QPointF pixel) const {
  std::optional<int> best;
  double bestDistance = kHitRadius;
  for (std::size_t i = 0; i < m_points.size(); ++i) {
    const QPointF d = pixelOfPoint(static_cast<int>(i)) - pixel;
    const double distance = std::hypot(d.x(), d.y());
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

QPointF RetrievalScatterView::pixelOfPoint(int pointIndex) const {
  const Point& p = m_points.at(static_cast<std::size_t>(pointIndex));
  return {m_plot->xAxis->coordToPixel(p.x), m_plot->yAxis->coordToPixel(p.y)};
}

bool RetrievalScatterView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::Leave && m_hovered) {
    m_hovered.reset();
    QToolTip::hideText();
  }
  return ResultsPane::eventFilter(watched, event);
}

void RetrievalScatterView::refresh() {
  // One graph per layer, drawn under the rings; made again when the layer count changes.
  const auto layerTotal = static_cast<std::size_t>(layerCount());
  if (m_layerGraphs.size() != layerTotal) {
    for (auto* graph : m_layerGraphs) m_plot->removeGraph(graph);
    m_layerGraphs.clear();
    for (std::size_t l = 0; l < layerTotal; ++l) {
      auto* graph = m_plot->addGraph();
      graph->setLineStyle(QCPGraph::lsNone);
      // A scatter style without a pen falls back to the graph's pen: none either.
      graph->setPen(QPen(Qt::NoPen));
      graph->removeFromLegend();
      graph->setName(tr("layer %1").arg(l));
      graph->setVisible(true);
      m_layerGraphs.push_back(graph);
    }
    // Discs under the rings, the fit and the selection.
    if (!m_plot->layer(QStringLiteral("discs")))
      m_plot->addLayer(QStringLiteral("discs"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    for (auto* graph : m_layerGraphs) graph->setLayer(QStringLiteral("discs"));
  }
  m_points.clear();
  m_pointsGraph->data()->clear();
  m_fitGraph->data()->clear();
  m_hovered.reset();
  const int side = m_showLast ? 1 : 0;
  m_firstButton->setText(tr("first %1 dims").arg(m_dims));
  m_lastButton->setText(tr("last %1 dims").arg(m_dims));
  m_firstButton->setEnabled(hasData());
  m_lastButton->setEnabled(hasData());
  m_plot->yAxis->setLabel(m_showLast ? tr("mean utility of the last %1 dims").arg(m_dims)
                                     : tr("mean utility of the first %1 dims").arg(m_dims));
  if (!hasData()) {
    m_slope = m_intercept = m_pearson = kNaN;
    m_title->setText(tr("No retrieval and utility scores"));
    m_pointsGraph->setName(tr("heads"));
    m_fitGraph->setName(tr("least squares"));
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    updateSelection();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }

  const engine::NdArray& utility = m_utility[side];
  for (int l = 0; l < m_score.dim(0); ++l) {
    for (int h = 0; h < m_score.dim(1); ++h) {
      const double x = m_score.at({l, h});
      const double y = utility.at({l, h});
      if (std::isfinite(x) && std::isfinite(y)) m_points.push_back({l, h, x, y});
    }
  }
  QVector<double> xs, ys;
  for (const auto& p : m_points) xs.push_back(p.x), ys.push_back(p.y);
  m_pointsGraph->setData(xs, ys);
  // Readable from 8 to thousands of heads: smaller, more transparent discs as they get many.
  const int layers = layerCount();
  const auto n = m_points.size();
  const double size = n <= 64 ? 9.0 : n <= 512 ? 7.0 : 5.5;
  const int alpha = n <= 64 ? 230 : n <= 512 ? 170 : 130;
  m_pointsGraph->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(60, 60, 60, alpha / 2), 0.8), Qt::NoBrush, size));
  for (int l = 0; l < layers; ++l) {
    QVector<double> lx, ly;
    for (const auto& p : m_points)
      if (p.layer == l) lx.push_back(p.x), ly.push_back(p.y);
    QColor fill = colorAt(ColorMaps::instance().sequential(), layers > 1 ? double(l) / (layers - 1) : 0.5);
    fill.setAlpha(alpha);
    auto* graph = m_layerGraphs[static_cast<std::size_t>(l)];
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::NoPen), QBrush(fill), size));
    graph->setData(lx, ly);
  }
  m_layerScale->setDataRange(layers > 1 ? QCPRange(0, layers - 1) : QCPRange(-0.5, 0.5));

  const Fit computed = leastSquares(m_points);
  const bool fromFile = m_fileSlope[side] && m_fileIntercept[side];
  m_slope = fromFile ? *m_fileSlope[side] : computed.slope;
  m_intercept = fromFile ? *m_fileIntercept[side] : computed.intercept;
  m_pearson = m_filePearson[side] ? *m_filePearson[side] : computed.r;

  // Axis ranges: the points with a margin, never narrower than 0.02 (one point, equal values).
  double xLo = 0, xHi = 1, yLo = 0, yHi = 1;
  if (!m_points.empty()) {
    xLo = *std::min_element(xs.begin(), xs.end());
    xHi = *std::max_element(xs.begin(), xs.end());
    yLo = *std::min_element(ys.begin(), ys.end());
    yHi = *std::max_element(ys.begin(), ys.end());
  }
  const auto pad = [](double& lo, double& hi) {
    const double span = std::max(hi - lo, 0.02);
    const double mid = (lo + hi) / 2;
    lo = mid - span * 0.56;
    hi = mid + span * 0.56;
  };
  const double dataXLo = xLo, dataXHi = xHi;
  pad(xLo, xHi);
  pad(yLo, yHi);
  m_plot->xAxis->setRange(xLo, xHi);
  m_plot->yAxis->setRange(yLo, yHi);

  if (std::isfinite(m_slope) && std::isfinite(m_intercept) && !m_points.empty()) {
    m_fitGraph->setData(QVector<double>{dataXLo, dataXHi},
                        QVector<double>{m_slope * dataXLo + m_intercept, m_slope * dataXHi + m_intercept});
  }
  m_pointsGraph->setName(tr("heads (%1)").arg(m_points.size()));
  const QString sign = m_intercept < 0 ? QStringLiteral("−") : QStringLiteral("+");
  m_fitGraph->setName(std::isfinite(m_slope) ? tr("least squares: y = %1 x %2 %3, Pearson r = %4")
                                                   .arg(formatNumber(m_slope), sign,
                                                        formatNumber(std::abs(m_intercept)), formatNumber(m_pearson))
                                             : tr("least squares: undefined (fewer than two distinct scores)"));
  m_title->setText(m_showLast ? tr("Retrieval score against utility of the last %1 dims").arg(m_dims)
                              : tr("Retrieval score against utility of the first %1 dims").arg(m_dims));
  updateSelection();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RetrievalScatterView::updateSelection() {
  m_selectedGraph->data()->clear();
  if (!m_selected) return;
  for (const auto& p : m_points)
    if (p.layer == m_selected->first && p.head == m_selected->second)
      m_selectedGraph->setData(QVector<double>{p.x}, QVector<double>{p.y});
}

void RetrievalScatterView::onMouseMove(QMouseEvent* event) {
  const std::optional<int> index = pointAtPixel(event->position());
  if (!index) {
    if (m_hovered) QToolTip::hideText();
    m_hovered.reset();
    return;
  }
  m_hovered = index;
  showTooltipInside(m_plot, event->position().toPoint(), tooltipText(*index));
}

void RetrievalScatterView::onMouseRelease(QMouseEvent* event) {
  const std::optional<QPointF> pressPos = std::exchange(m_pressPos, std::nullopt);
  if (event->button() != Qt::LeftButton || !pressPos) return;
  if ((event->position() - *pressPos).manhattanLength() > kClickSlop) return;
  const std::optional<int> index = pointAtPixel(event->position());
  if (!index) return;
  const Point& p = m_points[static_cast<std::size_t>(*index)];
  selectHead(p.layer, p.head);
  Q_EMIT headClicked(p.layer, p.head);
}

}  // namespace ropescope::widgets
