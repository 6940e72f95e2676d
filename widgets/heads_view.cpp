// The "Heads" page: a layer x head heatmap of a per-head measure; clicks select heads. GUI thread only.
#include "widgets/heads_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <cmath>
#include <utility>

#include "widgets/heatmap_view.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {

HeadsView::HeadsView(QWidget* parent) : ResultsPane(parent) {
  m_measureCombo = new QComboBox(this);
  m_measureCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_heatmap = new HeatmapView(this);
  auto* hint = new QLabel(tr("Click a head (or move with the arrow keys) to select it in the other views."), this);
  hint->setEnabled(false);  // drawn as secondary text

  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&Measure:"), m_measureCombo);
  toolbar->addSpacing(kToolbarGap);
  toolbar->addWidget(hint);
  setToolbarLayout(this, toolbar, m_heatmap);

  m_heatmap->setTooltipFormatter([this](int row, int col, double value) { return tooltip(row, col, value); });
  m_heatmap->setKeyboardNavigation(true);
  connect(m_heatmap, &HeatmapView::cellClicked, this, [this](int row, int col) {
    m_heatmap->setMarkedCell(HeatmapView::Cell{row, col});
    Q_EMIT headClicked(row, col);
  });
  connect(m_measureCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0 && index < static_cast<int>(m_measures.size())) {
      m_current = index;
      refresh();
    }
  });
  clear();
}

bool HeadsView::setResults(const engine::ResultsFile& results) {
  const bool hadMeasure = hasData();
  const Measure previous = hadMeasure ? measure() : kRetrieval;
  m_measures.clear();
  const auto add = [&](Measure m, const engine::Dataset& dataset, QString name, QString title, QString valueLabel) {
    if (const auto* a = findArray(results, dataset))
      m_measures.push_back({m, *a, std::move(name), std::move(title), std::move(valueLabel)});
  };
  add(kRetrieval, engine::schema::kRetrievalScore, tr("Retrieval score"),
      tr("Retrieval score per head: attention on the instruction and documents"), tr("retrieval score"));
  add(kPositionalRho, engine::schema::kPositionalRho, tr("Positional ρ"),
      tr("Positional heads: Spearman ρ of distance against the dominant pair"), tr("Spearman ρ"));
  const auto dims = numberAttribute(results, engine::schema::kUtilityFirstDims);
  const QString n = dims ? QString::number(*dims) : QStringLiteral("n");
  add(kUtilityFirst, engine::schema::kRetrievalUtilityFirst, tr("Utility of the first %1 dims").arg(n),
      tr("Mean utility of each head's first %1 dims (highest frequencies)").arg(n), tr("utility"));
  add(kUtilityLast, engine::schema::kRetrievalUtilityLast, tr("Utility of the last %1 dims").arg(n),
      tr("Mean utility of each head's last %1 dims (lowest frequencies)").arg(n), tr("utility"));

  m_current = 0;
  {
    const QSignalBlocker blocker(m_measureCombo);
    m_measureCombo->clear();
    for (std::size_t i = 0; i < m_measures.size(); ++i) {
      m_measureCombo->addItem(m_measures[i].name);
      if (hadMeasure && m_measures[i].measure == previous) m_current = static_cast<int>(i);
    }
    m_measureCombo->setCurrentIndex(m_current);
    m_measureCombo->setEnabled(hasData());
  }
  refresh();
  return hasData();
}

void HeadsView::clear() {
  m_measures.clear();
  m_current = 0;
  m_measureCombo->clear();
  m_measureCombo->setEnabled(false);
  refresh();
}

QString HeadsView::unavailableText() const {
  return tr(
      "Needs per-head scores: retrieval (/retrieval/score, from a run on QA data) or positional "
      "(/positional/rho).");
}

std::vector<HeadsView::Measure> HeadsView::measures() const {
  std::vector<Measure> out;
  for (const auto& e : m_measures) out.push_back(e.measure);
  return out;
}

void HeadsView::setMeasure(Measure measure) {
  for (std::size_t i = 0; i < m_measures.size(); ++i)
    if (m_measures[i].measure == measure) m_measureCombo->setCurrentIndex(static_cast<int>(i));
}

HeadsView::Measure HeadsView::measure() const {
  return hasData() ? m_measures[static_cast<std::size_t>(m_current)].measure : kRetrieval;
}

void HeadsView::selectHead(int layer, int head) {
  m_heatmap->setMarkedCell(HeatmapView::Cell{layer, head});  // out of range: no mark
}

QWidget* HeadsView::plotWidget() const { return m_heatmap->plotWidget(); }

namespace {
QString measureId(HeadsView::Measure measure) {
  switch (measure) {
    case HeadsView::kRetrieval:
      return QStringLiteral("retrieval");
    case HeadsView::kPositionalRho:
      return QStringLiteral("positional-rho");
    case HeadsView::kUtilityFirst:
      return QStringLiteral("utility-first");
    case HeadsView::kUtilityLast:
      return QStringLiteral("utility-last");
  }
  return {};
}
}  // namespace

QStringList HeadsView::figureIds() const {
  QStringList ids;
  for (const auto& e : m_measures) ids << measureId(e.measure);
  return ids;
}

QString HeadsView::currentFigureId() const { return hasData() ? measureId(measure()) : QString(); }

bool HeadsView::showFigure(const QString& id) {
  for (const auto& e : m_measures) {
    if (measureId(e.measure) == id) {
      setMeasure(e.measure);
      return true;
    }
  }
  return false;
}

void HeadsView::refresh() {
  if (!hasData()) {
    m_heatmap->clear();
    m_heatmap->setLabels(tr("No per-head scores"), tr("layer"), tr("head"), QString());
    return;
  }
  const Entry& e = m_measures[static_cast<std::size_t>(m_current)];
  // ρ is signed: blue for negative, white at 0, red for positive.
  m_heatmap->setSignedValues(e.measure == kPositionalRho);
  m_heatmap->setMatrix(static_cast<int>(e.values.shape[0]), static_cast<int>(e.values.shape[1]), e.values.values);
  m_heatmap->setLabels(e.title, tr("layer"), tr("head"), e.valueLabel);
}

QString HeadsView::tooltip(int layer, int head, double value) const {
  if (!hasData()) return {};
  const Entry& e = m_measures[static_cast<std::size_t>(m_current)];
  const QString shown = std::isnan(value) ? tr("no value") : QString::number(value, 'g', 4);
  return tr("%1 — %2: %3").arg(headTag(layer, head), e.name, shown);
}

}  // namespace ropescope::widgets
