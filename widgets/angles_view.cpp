// The "Angles" page: turns per RoPE pair on a log scale with the one-turn line. GUI thread only.
#include "widgets/angles_view.h"

#include <qcustomplot.h>

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHitRadius = 8.0;  // pixels

std::vector<double> valuesOf(const engine::NdArray* a) {
  if (!a) return {};
  return std::vector<double>(a->values.begin(), a->values.end());
}

}  // namespace

AnglesView::AnglesView(QWidget* parent) : ResultsPane(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMouseTracking(true);
  m_title = addPlotTitle(*m_plot, font());

  m_line = m_plot->addGraph();
  m_line->setPen(QPen(QColor(160, 160, 160), 1));
  m_line->removeFromLegend();
  m_wrapGraph = m_plot->addGraph();
  m_wrapGraph->setLineStyle(QCPGraph::lsNone);
  m_wrapGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(1), seriesColor(1), 7));
  m_stillGraph = m_plot->addGraph();
  m_stillGraph->setLineStyle(QCPGraph::lsNone);
  m_stillGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(seriesColor(0), 1.5), Qt::white, 7));

  m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
  m_plot->yAxis->setTicker(logTicker);
  m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));  // 10^k
  m_plot->yAxis->setNumberPrecision(0);
  m_plot->yAxis->grid()->setSubGridVisible(true);
  QSharedPointer<QCPAxisTickerFixed> pairTicker(new QCPAxisTickerFixed);
  pairTicker->setTickStep(1.0);
  pairTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->xAxis->setTicker(pairTicker);
  m_plot->xAxis->setSubTicks(false);

  m_oneTurn = new QCPItemStraightLine(m_plot);
  m_oneTurn->setPen(QPen(Qt::black, 1, Qt::DashLine));
  m_oneTurn->point1->setCoords(0, 1);
  m_oneTurn->point2->setCoords(1, 1);
  m_oneTurnLabel = new QCPItemText(m_plot);
  m_oneTurnLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  m_oneTurnLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
  m_oneTurnLabel->position->setCoords(0.99, 1);
  m_oneTurnLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  m_oneTurnLabel->setClipToAxisRect(true);

  m_plot->legend->setVisible(true);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  connect(m_plot, &QCustomPlot::mouseMove, this, &AnglesView::onMouseMove);
  clear();
}

bool AnglesView::setResults(const engine::ResultsFile& results) {
  const auto* turns = findArray(results, engine::schema::kAnglesTurns);
  if (!turns) {
    clear();
    return false;
  }
  m_turns = valuesOf(turns);
  const auto sameLength = [&](const engine::Dataset& dataset) {
    const auto* a = findArray(results, dataset);
    return a && a->shape == turns->shape ? a : nullptr;
  };
  m_theta = valuesOf(sameLength(engine::schema::kAnglesTheta));
  m_wavelength = valuesOf(sameLength(engine::schema::kAnglesWavelength));
  m_wraps.assign(m_turns.size(), false);
  const auto* wraps = sameLength(engine::schema::kAnglesWraps);
  for (std::size_t i = 0; i < m_turns.size(); ++i) m_wraps[i] = wraps ? wraps->values[i] > 0.5f : m_turns[i] > 1.0;
  m_context.reset();
  m_noRotation = results.weights && !results.weights->model.rotary;
  if (const auto context = numberAttribute(results, engine::schema::kAnglesContext))
    m_context = static_cast<long long>(std::llround(*context));
  refresh();
  return true;
}

void AnglesView::clear() {
  m_turns.clear();
  m_theta.clear();
  m_wavelength.clear();
  m_wraps.clear();
  m_context.reset();
  m_noRotation = false;
  refresh();
}

QString AnglesView::unavailableText() const { return tr("Needs rotation angles (/angles/turns)."); }

QWidget* AnglesView::plotWidget() const { return m_plot; }

double AnglesView::turns(int pair) const {
  return pair >= 0 && pair < pairCount() ? m_turns[static_cast<std::size_t>(pair)] : kNaN;
}

bool AnglesView::wraps(int pair) const { return pair >= 0 && pair < pairCount() && m_wraps[std::size_t(pair)]; }

int AnglesView::wrappingPointCount() const { return m_wrapGraph->dataCount(); }

int AnglesView::stillPointCount() const { return m_stillGraph->dataCount(); }

bool AnglesView::logScale() const { return m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic; }

double AnglesView::oneTurnLevel() const { return m_oneTurn->point1->value(); }

QString AnglesView::title() const { return m_title->text(); }

QString AnglesView::tooltipText(int pair) const {
  if (pair < 0 || pair >= pairCount()) return {};
  const auto i = static_cast<std::size_t>(pair);
  QString text =
      tr("pair %1 (dims %2, %3): %4 turns").arg(pair).arg(2 * pair).arg(2 * pair + 1).arg(m_turns[i], 0, 'g', 4);
  if (!m_theta.empty()) text += tr("\nθ = %1 rad per token").arg(m_theta[i], 0, 'g', 4);
  if (!m_wavelength.empty()) text += tr("\nwavelength %1 tokens").arg(m_wavelength[i], 0, 'g', 4);
  text += m_wraps[i] ? tr("\nwraps past 2π") : tr("\nstays within one turn");
  return text;
}

std::optional<int> AnglesView::pairAtPixel(QPointF pixel) const {
  std::optional<int> best;
  double bestDistance = kHitRadius;
  for (int p = 0; p < pairCount(); ++p) {
    if (!(m_turns[static_cast<std::size_t>(p)] > 0)) continue;
    const QPointF d = pixelOfPair(p) - pixel;
    const double distance = std::hypot(d.x(), d.y());
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = p;
    }
  }
  return best;
}

QPointF AnglesView::pixelOfPair(int pair) const {
  return {m_plot->xAxis->coordToPixel(pair), m_plot->yAxis->coordToPixel(turns(pair))};
}

void AnglesView::refresh() {
  QVector<double> lineX, lineY, wrapX, wrapY, stillX, stillY;
  double lo = 1.0, hi = 1.0;  // the one-turn line stays in view
  for (int p = 0; p < pairCount() && !m_noRotation; ++p) {
    const double t = m_turns[static_cast<std::size_t>(p)];
    if (!(t > 0) || !std::isfinite(t)) continue;  // a log axis has no place for 0 (p-RoPE's dropped pairs)
    lo = std::min(lo, t);
    hi = std::max(hi, t);
    lineX.push_back(p);
    lineY.push_back(t);
    (m_wraps[static_cast<std::size_t>(p)] ? wrapX : stillX).push_back(p);
    (m_wraps[static_cast<std::size_t>(p)] ? wrapY : stillY).push_back(t);
  }
  m_line->setData(lineX, lineY);
  m_wrapGraph->setData(wrapX, wrapY);
  m_stillGraph->setData(stillX, stillY);
  m_wrapGraph->setName(tr("wraps past 2π (%1 pairs)").arg(wrapX.size()));
  m_stillGraph->setName(tr("stays within one turn (%1 pairs)").arg(stillX.size()));
  m_oneTurnLabel->setText(tr("1 turn (2π)"));
  m_plot->xAxis->setRange(-0.5, std::max(pairCount(), 1) - 0.5);
  m_plot->yAxis->setRange(lo / 3.0, hi * 3.0);
  m_plot->xAxis->setLabel(tr("pair i (frequency order: dims 2i, 2i+1; highest frequency first)"));
  m_plot->yAxis->setLabel(tr("turns over the context (angle / 2π)"));
  if (!hasData())
    m_title->setText(tr("No rotation angles"));
  else if (m_noRotation)
    m_title->setText(tr("This model has no rotary position embedding (NoPE): no pair rotates"));
  else if (m_context)
    m_title->setText(tr("Turns of each RoPE pair over %1 tokens").arg(*m_context));
  else
    m_title->setText(tr("Turns of each RoPE pair over the context"));
  const bool plotted = hasData() && !m_noRotation;
  m_plot->legend->setVisible(plotted);
  m_oneTurnLabel->setVisible(plotted);
  m_oneTurn->setVisible(plotted);
  m_plot->xAxis->setVisible(plotted || !hasData());
  m_plot->yAxis->setVisible(plotted || !hasData());
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AnglesView::onMouseMove(QMouseEvent* event) {
  const std::optional<int> pair = pairAtPixel(event->position());
  if (pair)
    QToolTip::showText(event->globalPosition().toPoint(), tooltipText(*pair), m_plot);
  else
    QToolTip::hideText();
}

}  // namespace ropescope::widgets
