// The "Toy" page: paper 1's controlled experiment, run live and reopened from /toy. GUI thread only.
#include "widgets/toy_view.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <algorithm>

#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

QSpinBox* spin(QWidget* parent, int lo, int hi, int step, const QString& tip) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setSingleStep(step);
  box->setToolTip(tip);
  return box;
}

QCPGraph* addLine(QCustomPlot* plot, const engine::NdArray& values, const QString& name, const QColor& color,
                  Qt::PenStyle style) {
  auto* graph = plot->addGraph();
  QVector<double> xs, ys;
  for (std::size_t i = 0; i < values.values.size(); ++i) xs << static_cast<double>(i), ys << values.values[i];
  graph->setData(xs, ys);
  graph->setName(name);
  graph->setPen(QPen(color, 1.8, style));
  return graph;
}

}  // namespace

ToyView::ToyView(QWidget* parent) : ResultsPane(parent) {
  m_epochs = spin(this, 1, 1000, 5, tr("Training epochs (the paper: 100)"));
  m_samples = spin(this, 64, 100000, 500, tr("Fresh random samples per epoch (the paper: 10,000)"));
  m_tuples = spin(this, 8, 10000, 100, tr("Learned (q, k, v) tuples n (the paper: 1,000)"));
  m_dims = spin(this, 8, 256, 8, tr("Head dimension (even; the paper: 128)"));
  m_eval = spin(this, 16, 8192, 64, tr("Held-out samples for the losses"));
  m_rate = new QDoubleSpinBox(this);
  m_rate->setRange(0.0001, 0.5);
  m_rate->setDecimals(4);
  m_rate->setSingleStep(0.005);
  m_rate->setToolTip(tr("Adam's learning rate (the paper: 0.001 over 100 epochs of 10,000 samples)"));
  m_rope = new QCheckBox(tr("RoPE"), this);
  m_nope = new QCheckBox(tr("no PE"), this);
  m_nope->setToolTip(tr("The same head without position embedding"));
  m_run = new QPushButton(tr("&Train"), this);
  m_run->setToolTip(tr("Train on the engine thread; the figures update every epoch (Cancel keeps what is done)"));
  m_status = new QLabel(this);
  m_status->setEnabled(false);  // secondary text
  // Long progress text is cut, never widening the window (it fits 1024 pixels).
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_status->setMinimumWidth(60);
  setSettings(ToySettings{});

  // Two rows, so that the page fits 1024 pixels in every language: what is trained, then how.
  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&Epochs:"), m_epochs);
  addLabelled(toolbar, tr("&Samples:"), m_samples);
  addLabelled(toolbar, tr("T&uples:"), m_tuples);
  addLabelled(toolbar, tr("&Dims:"), m_dims);
  addLabelled(toolbar, tr("E&val:"), m_eval);
  addLabelled(toolbar, tr("&Rate:"), m_rate);
  auto* second = newToolbar();
  second->addWidget(m_rope);
  second->addWidget(m_nope);
  second->addSpacing(kToolbarGap);
  second->addWidget(m_run);
  second->addSpacing(kToolbarGap);
  second->addWidget(m_status, 1);
  m_qPlot = new QCustomPlot(this);
  m_removalPlot = new QCustomPlot(this);
  for (auto* plot : {m_qPlot, m_removalPlot}) {
    addPlotTitle(*plot, font());
    placeLegendBelow(*plot, 2);
  }
  m_qPlot->xAxis->setLabel(tr("dimension (frequency order: 0 fastest)"));
  m_qPlot->yAxis->setLabel(tr("mean |q| over the tuples"));
  m_removalPlot->xAxis->setLabel(tr("dims removed"));
  m_removalPlot->yAxis->setLabel(tr("held-out loss"));
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_qPlot);
  split->addWidget(m_removalPlot);
  setToolbarLayout(this, toolbar, split)->insertLayout(1, second);

  connect(m_run, &QPushButton::clicked, this, &ToyView::run);
  for (auto* box : {m_rope, m_nope})
    connect(box, &QCheckBox::toggled, this,
            [this] { m_run->setEnabled(!m_running && (m_rope->isChecked() || m_nope->isChecked())); });
  clear();
}

ToySettings ToyView::settings() const {
  ToySettings s;
  s.epochs = m_epochs->value();
  s.samplesPerEpoch = m_samples->value();
  s.tuples = m_tuples->value();
  s.dims = m_dims->value() / 2 * 2;
  s.evalSamples = m_eval->value();
  s.learningRate = m_rate->value();
  s.withRope = m_rope->isChecked();
  s.withoutRope = m_nope->isChecked();
  return s;
}

void ToyView::setSettings(const ToySettings& s) {
  m_epochs->setValue(s.epochs);
  m_samples->setValue(s.samplesPerEpoch);
  m_tuples->setValue(s.tuples);
  m_dims->setValue(s.dims);
  m_eval->setValue(s.evalSamples);
  m_rate->setValue(s.learningRate);
  m_rope->setChecked(s.withRope);
  m_nope->setChecked(s.withoutRope);
}

void ToyView::setRunning(bool running) {
  m_running = running;
  m_run->setEnabled(!running && (m_rope->isChecked() || m_nope->isChecked()));
  refresh();
}

void ToyView::run() {
  if (m_running || !m_run->isEnabled()) return;
  Q_EMIT runRequested(settings());
}

bool ToyView::setResults(const engine::ResultsFile& results) {
  m_runs.clear();
  for (const char* name : {"rope", "nope"}) {
    const auto array = [&](std::string_view leaf) -> const engine::NdArray* {
      const auto it = results.arrays.find(engine::schema::toyPath(name, leaf));
      return it != results.arrays.end() && isWellFormed(it->second, 1) ? &it->second : nullptr;
    };
    const auto* q = array(engine::schema::kToyQAbsMean);
    const auto* first = array(engine::schema::kToyLossRemoveFirst);
    const auto* last = array(engine::schema::kToyLossRemoveLast);
    if (!q || !first || !last || first->dim(0) != q->dim(0) + 1 || last->dim(0) != q->dim(0) + 1) continue;
    Run run;
    run.name = QString::fromLatin1(name);
    run.qAbsMean = *q;
    run.removeFirst = *first;
    run.removeLast = *last;
    if (const auto* eval = array(engine::schema::kToyEvalLoss)) run.evalLoss = *eval;
    const auto group = results.groupAttributes.find(engine::schema::toyGroup(name));
    if (group != results.groupAttributes.end()) {
      const auto options = group->second.find(std::string(engine::schema::kToyOptionsAttribute));
      if (options != group->second.end()) {
        const auto json = QJsonDocument::fromJson(QByteArray::fromStdString(options->second)).object();
        run.epochs = json.value(QStringLiteral("epochs")).toInt();
        run.epochsDone = json.value(QStringLiteral("epochs_done")).toInt();
      }
    }
    m_runs.push_back(std::move(run));
  }
  refresh();
  return hasData();
}

void ToyView::clear() {
  m_runs.clear();
  refresh();
}

QString ToyView::unavailableText() const {
  return tr(
      "Train the toy experiment of paper 1 here (no model needed), or open a file with /toy (ropescope-cli toy).");
}

QWidget* ToyView::plotWidget() const { return m_figure == QLatin1String("removal") ? m_removalPlot : m_qPlot; }

QStringList ToyView::figureIds() const {
  return hasData() ? QStringList{QStringLiteral("q"), QStringLiteral("removal")} : QStringList{};
}

bool ToyView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  m_figure = id;
  return true;
}

std::vector<QPointF> ToyView::line(const QString& plot, const QString& name) const {
  const QCustomPlot* p = plot == QLatin1String("removal") ? m_removalPlot : m_qPlot;
  std::vector<QPointF> out;
  for (int g = 0; g < p->graphCount(); ++g) {
    if (p->graph(g)->name() != name) continue;
    for (const auto& d : *p->graph(g)->data()) out.emplace_back(d.key, d.value);
  }
  return out;
}

QString ToyView::statusText() const { return m_status->text(); }

void ToyView::refresh() {
  m_qPlot->clearGraphs();
  m_removalPlot->clearGraphs();
  QStringList progress;
  for (const auto& run : m_runs) {
    const bool rope = run.name == QLatin1String("rope");
    const QColor color = seriesColor(rope ? 0 : 1);
    const QString label = rope ? tr("RoPE") : tr("no PE");
    addLine(m_qPlot, run.qAbsMean, label, color, Qt::SolidLine);
    addLine(m_removalPlot, run.removeFirst, tr("%1: first r dims removed").arg(label), color, Qt::SolidLine);
    addLine(m_removalPlot, run.removeLast, tr("%1: last r dims removed").arg(label), color, Qt::DashLine);
    QString text = run.epochs > 0 ? tr("%1 epoch %2/%3").arg(label).arg(run.epochsDone).arg(run.epochs) : label;
    if (!run.evalLoss.values.empty()) text += tr(", held-out loss %1").arg(run.evalLoss.values.back(), 0, 'f', 3);
    progress << text;
  }
  auto* qTitle = qobject_cast<QCPTextElement*>(m_qPlot->plotLayout()->element(0, 0));
  auto* removalTitle = qobject_cast<QCPTextElement*>(m_removalPlot->plotLayout()->element(0, 0));
  if (qTitle)
    qTitle->setText(hasData() ? tr("Mean |q| per dimension (paper 1, Fig. 1a)") : tr("No toy experiment yet"));
  if (removalTitle)
    removalTitle->setText(hasData() ? tr("Held-out loss after removing dims (Fig. 1b)") : tr("Press Train to run it"));
  m_status->setText((m_running ? tr("Training… ") : QString()) + progress.join(QStringLiteral(" · ")));
  m_status->setToolTip(m_status->text());
  for (auto* plot : {m_qPlot, m_removalPlot}) {
    plot->rescaleAxes();
    const QCPRange y = plot->yAxis->range();
    plot->yAxis->setRange(std::min(0.0, y.lower), y.upper + std::max(1e-3, y.size() * 0.05));
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

}  // namespace ropescope::widgets
