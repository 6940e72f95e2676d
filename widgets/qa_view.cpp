// The "QA" page: accuracy by gold-document position, one line per mask set. GUI thread only.
#include "widgets/qa_view.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <string_view>

#include "widgets/view_support.h"

namespace ropescope::widgets {
QaView::QaView(QWidget* parent) : ResultsPane(parent) {
  m_plot = new QCustomPlot(this);
  m_title = addPlotTitle(*m_plot, font());
  placeLegendBelow(*m_plot, 3);
  QSharedPointer<QCPAxisTickerFixed> positionTicker(new QCPAxisTickerFixed);
  positionTicker->setTickStep(1.0);
  positionTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->xAxis->setTicker(positionTicker);
  m_plot->xAxis->setSubTicks(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot, 1);
  clear();
}

bool QaView::setResults(const engine::ResultsFile& results) {
  m_positions.clear();
  m_series.clear();
  if (const auto* positions = findArray(results, engine::schema::kGoldPositions)) {
    // The unmasked model first, as the reference the others are read against.
    for (const auto& setup : engine::qaSetups(results, engine::schema::kQaAccuracy)) {
      const auto& array = results.arrays.at(engine::schema::qaPath(setup, engine::schema::kQaAccuracy));
      if (!isWellFormed(array, 1) || array.shape != positions->shape) continue;
      m_series.push_back(
          {QString::fromStdString(setup), std::vector<double>(array.values.begin(), array.values.end())});
    }
    if (!m_series.empty()) m_positions.assign(positions->values.begin(), positions->values.end());
  }
  refresh();
  return hasData();
}

void QaView::clear() {
  m_positions.clear();
  m_series.clear();
  refresh();
}

QString QaView::unavailableText() const {
  return tr("Needs QA accuracy (/qa/<setup>/accuracy): run the qa analysis on QA data.");
}

QWidget* QaView::plotWidget() const { return m_plot; }

int QaView::graphCount() const { return m_plot->graphCount(); }

QString QaView::graphName(int index) const {
  return index >= 0 && index < graphCount() ? m_plot->graph(index)->name() : QString();
}

std::vector<QPointF> QaView::graphPoints(int index) const {
  std::vector<QPointF> out;
  if (index < 0 || index >= graphCount()) return out;
  const auto data = m_plot->graph(index)->data();
  for (auto it = data->constBegin(); it != data->constEnd(); ++it) out.emplace_back(it->key, it->value);
  return out;
}

QString QaView::title() const { return m_title->text(); }

void QaView::refresh() {
  m_plot->clearGraphs();
  double xLo = 1, xHi = 1;
  for (std::size_t i = 0; i < m_series.size(); ++i) {
    const Series& s = m_series[i];
    auto* graph = m_plot->addGraph();
    // Series that coincide (masks that all score 0, say) stay visible: each has its own marker
    // and the later ones are drawn thinner and dashed over the earlier.
    static const QCPScatterStyle::ScatterShape kShapes[] = {
        QCPScatterStyle::ssDisc,  QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssCross, QCPScatterStyle::ssPlus,   QCPScatterStyle::ssStar};
    const QColor color = seriesColor(static_cast<int>(i));
    const auto shape = kShapes[i % std::size(kShapes)];
    QPen pen(color, i == 0 ? 2.5 : 1.6, i == 0 ? Qt::SolidLine : (i % 2 ? Qt::DashLine : Qt::DotLine));
    graph->setPen(pen);
    const bool filled = shape == QCPScatterStyle::ssDisc || shape == QCPScatterStyle::ssSquare;
    graph->setScatterStyle(
        QCPScatterStyle(shape, QPen(color, 1.5), filled ? QBrush(color) : QBrush(Qt::NoBrush), i == 0 ? 7 : 9));
    graph->setName(s.setup == QLatin1String("none") ? tr("no mask") : s.setup);
    QVector<double> xs, ys;
    for (std::size_t g = 0; g < m_positions.size(); ++g) {
      if (std::isnan(s.accuracy[g])) continue;  // no unit of this position was scored
      xs.push_back(m_positions[g] + 1.0);
      ys.push_back(s.accuracy[g]);
    }
    graph->setData(xs, ys);
  }
  if (!m_positions.empty()) {
    xLo = *std::min_element(m_positions.begin(), m_positions.end()) + 1.0;
    xHi = *std::max_element(m_positions.begin(), m_positions.end()) + 1.0;
  }
  m_plot->xAxis->setRange(xLo - 0.5, xHi + 0.5);
  m_plot->yAxis->setRange(-0.03, 1.03);
  m_plot->xAxis->setLabel(tr("position of the gold document (1 = first)"));
  m_plot->yAxis->setLabel(tr("accuracy"));
  m_title->setText(hasData() ? tr("QA accuracy by position of the gold document") : tr("No QA results"));
  m_plot->legend->setVisible(hasData());
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ropescope::widgets
