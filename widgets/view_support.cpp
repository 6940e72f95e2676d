// Helpers shared by the results views. GUI thread only (the array checks may be called from any thread).
#include "widgets/view_support.h"

#include <QFontMetrics>
#include <QToolTip>
#include <algorithm>

#include <qcustomplot.h>

#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <climits>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>

#include "engine/results/rope_frequencies.h"

namespace ropescope::widgets {

bool isWellFormed(const engine::NdArray& a, std::size_t rank) {
  if (a.shape.size() != rank || rank == 0) return false;
  std::uint64_t count = static_cast<std::uint64_t>(a.values.size());
  for (auto it = a.shape.rbegin(); it != a.shape.rend(); ++it) {
    const std::int64_t n = *it;
    if (n <= 0 || n > INT_MAX) return false;
    // Dividing avoids overflowing the product of absurd shapes.
    const auto size = static_cast<std::uint64_t>(n);
    if (count % size != 0) return false;
    count /= size;
  }
  return count == 1;
}

const engine::NdArray* findArray(const engine::ResultsFile& results, const engine::Dataset& dataset) {
  const auto* a = engine::find(results, dataset);
  return a != nullptr && isWellFormed(*a, dataset.rank) ? a : nullptr;
}

std::optional<double> numberAttribute(const engine::ResultsFile& results, const engine::GroupAttribute& attribute) {
  const auto text = engine::attribute(results, attribute);
  if (!text) return std::nullopt;
  bool ok = false;
  const double value = QString::fromStdString(*text).trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<double> pairWavelengths(const engine::ResultsFile& results, int pairs) {
  if (const auto* w = findArray(results, engine::schema::kAnglesWavelength); w && w->dim(0) == pairs) {
    std::vector<double> out(w->values.begin(), w->values.end());
    if (std::all_of(out.begin(), out.end(), [](double v) { return std::isfinite(v) && v > 0.0; })) return out;
  }
  if (!results.weights) return {};
  const auto& m = results.weights->model;
  if (!m.rotary || !m.ropeScaling.empty() || !(m.ropeTheta > 1.0) || pairs < 1 || m.headDim != 2 * pairs) return {};
  engine::RopeSpec spec;
  spec.theta = m.ropeTheta;
  spec.headDim = m.headDim;
  std::vector<double> out;
  for (const double theta : engine::ropeInverseFrequencies(spec)) out.push_back(engine::ropeWavelength(theta));
  return out;
}

double finiteMean(const std::vector<double>& values) {
  double sum = 0.0;
  int n = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    sum += v;
    ++n;
  }
  return n > 0 ? sum / n : std::nan("");
}

void useIntegerTicks(QCPAxis* axis) {
  QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
  ticker->setTickStep(1.0);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  axis->setTicker(ticker);
  axis->setSubTicks(false);
}

void setAxisScale(QCPAxis* axis, AxisScale scale) {
  axis->setScaleType(scale == AxisScale::Log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  axis->setSubTicks(scale != AxisScale::Integer);
  if (scale == AxisScale::Integer)
    useIntegerTicks(axis);
  else if (scale == AxisScale::Log)
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  else
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

QCPTextElement* addPlotTitle(QCustomPlot& plot, const QFont& base) {
  QFont titleFont = base;
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
  titleFont.setBold(true);
  auto* title = new QCPTextElement(&plot, QString(), titleFont);
  plot.plotLayout()->insertRow(0);
  plot.plotLayout()->addElement(0, 0, title);
  return title;
}

void placeLegendBelow(QCustomPlot& plot, int columns) {
  QCPLegend* legend = plot.legend;
  if (plot.axisRect()->insetLayout()->take(legend)) plot.axisRect()->insetLayout()->simplify();
  QCPLayoutGrid* layout = plot.plotLayout();
  const int row = layout->rowCount();
  layout->addElement(row, 0, legend);
  layout->setRowStretchFactor(row, 0.001);  // as tall as its entries, the rest to the plot
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(columns);
  legend->setBorderPen(Qt::NoPen);
  legend->setMargins(QMargins(6, 0, 6, 4));
  legend->setVisible(true);
}

QColor seriesColor(int index) {
  // Okabe & Ito's palette without its yellow, which is too light on white.
  static constexpr QRgb kColors[] = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xe69f00, 0x000000};
  constexpr int kCount = static_cast<int>(std::size(kColors));
  return QColor(kColors[((index % kCount) + kCount) % kCount]);
}

QColor selectionColor() { return QColor(0xe4, 0x1a, 0x1c); }

QHBoxLayout* newToolbar() {
  auto* toolbar = new QHBoxLayout;
  toolbar->setContentsMargins(8, 4, 8, 0);
  return toolbar;
}

QLabel* addLabelled(QHBoxLayout* toolbar, const QString& text, QWidget* widget) {
  auto* label = new QLabel(text, widget->parentWidget());
  label->setBuddy(widget);
  toolbar->addWidget(label);
  toolbar->addWidget(widget);
  return label;
}

QVBoxLayout* setToolbarLayout(QWidget* page, QHBoxLayout* toolbar, QWidget* content) {
  toolbar->addStretch(1);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(toolbar);
  layout->addWidget(content, 1);
  return layout;
}

QString headTag(int layer, int head) { return QStringLiteral("L%1H%2").arg(layer).arg(head); }

void showTooltipInside(QWidget* widget, QPoint pos, const QString& text) {
  if (text.isEmpty()) {
    QToolTip::hideText();
    return;
  }
  const QFontMetrics metrics(QToolTip::font());
  const QSize box = metrics.size(0, text) + QSize(16, 12);  // the tooltip's padding
  const QRect inside(widget->window()->mapToGlobal(QPoint(0, 0)), widget->window()->size());
  QPoint at = widget->mapToGlobal(pos) + QPoint(14, 16);
  if (at.x() + box.width() > inside.right()) at.setX(widget->mapToGlobal(pos).x() - 14 - box.width());
  if (at.y() + box.height() > inside.bottom()) at.setY(widget->mapToGlobal(pos).y() - 10 - box.height());
  at.setX(std::max(at.x(), inside.left()));
  at.setY(std::max(at.y(), inside.top()));
  // QToolTip places the tip below-right of the point it is given: give it the top-left corner.
  QToolTip::showText(at - QPoint(2, 16), text, widget);
}

}  // namespace ropescope::widgets
