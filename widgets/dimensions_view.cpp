// The "Dimensions" page: projection-row norms and utility scores per layer and dimension. GUI thread only.
#include "widgets/dimensions_view.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "widgets/heatmap_view.h"
#include "widgets/layer_slice_view.h"
#include "widgets/view_support.h"
#include "widgets/weight_norms_view.h"

namespace ropescope::widgets {

DimensionsView::DimensionsView(QWidget* parent) : ResultsPane(parent) {
  m_measureCombo = new QComboBox(this);
  m_norms = new WeightNormsView(this);
  m_utility = new LayerSliceView(this);
  m_stack = new QStackedWidget(this);
  m_stack->addWidget(m_norms);
  m_stack->addWidget(m_utility);

  auto* toolbar = newToolbar();
  m_measureLabel = addLabelled(toolbar, tr("&Measure:"), m_measureCombo);
  setToolbarLayout(this, toolbar, m_stack)->setSpacing(0);

  connect(m_measureCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) setMeasure(static_cast<Measure>(m_measureCombo->itemData(index).toInt()));
  });
  rebuildMeasureCombo();
}

bool DimensionsView::setResults(const engine::ResultsFile& results) {
  if (!results.weights || !m_norms->setResults(*results.weights)) m_norms->clear();
  m_queryHeads = 0;
  if (const auto* u = findArray(results, engine::schema::kUtilityU)) {
    m_queryHeads = static_cast<int>(u->shape[1]);
    SliceSeries series;
    series.name = tr("Utility u");
    series.values = *u;
    series.title = tr("Utility u of each dimension — %1");
    series.columnAxis = tr("dimension (frequency order: pair i = dims 2i, 2i+1)");
    series.columnWord = tr("dim");
    series.valueLabel = tr("utility u (1 = needed)");
    m_utility->setSeries({std::move(series)});
  } else {
    m_utility->clear();
  }
  if (results.weights && m_queryHeads == 0) m_queryHeads = results.weights->model.heads;
  rebuildMeasureCombo();
  return hasData();
}

void DimensionsView::clear() {
  m_norms->clear();
  m_utility->clear();
  m_queryHeads = 0;
  rebuildMeasureCombo();
}

bool DimensionsView::hasData() const { return m_norms->hasResults() || m_utility->hasData(); }

QString DimensionsView::unavailableText() const {
  return tr("Needs projection-row norms (/weights) or utility scores (/utility/u).");
}

bool DimensionsView::hasMeasure(Measure measure) const {
  return measure == kWeightNorms ? m_norms->hasResults() : m_utility->hasData();
}

void DimensionsView::setMeasure(Measure measure) {
  if (!hasMeasure(measure)) return;
  m_measure = measure;
  m_stack->setCurrentIndex(measure == kWeightNorms ? 0 : 1);
  const QSignalBlocker blocker(m_measureCombo);
  m_measureCombo->setCurrentIndex(m_measureCombo->findData(static_cast<int>(measure)));
}

void DimensionsView::selectHead(int layer, int head) {
  m_selectedHead = head;
  // Every layer is on screen: the head's layer is outlined.
  m_norms->selectQueryHead(head, m_queryHeads);
  m_utility->selectQueryHead(head, m_queryHeads);
  m_norms->heatmap()->setMarkedRow(layer);
  m_utility->heatmap()->setMarkedRow(layer);
}

QWidget* DimensionsView::plotWidget() const {
  return m_measure == kUtility ? m_utility->heatmap()->plotWidget() : m_norms->heatmap()->plotWidget();
}

void DimensionsView::rebuildMeasureCombo() {
  {
    const QSignalBlocker blocker(m_measureCombo);
    m_measureCombo->clear();
    if (m_norms->hasResults()) m_measureCombo->addItem(tr("Projection-row L1 norms"), int(kWeightNorms));
    if (m_utility->hasData()) m_measureCombo->addItem(tr("Utility u"), int(kUtility));
  }
  // With one measure (or none) the selector only takes room.
  const bool choice = m_measureCombo->count() > 1;
  m_measureCombo->setVisible(choice);
  m_measureLabel->setVisible(choice);
  Measure wanted = m_measure;
  if (!hasMeasure(wanted)) wanted = m_norms->hasResults() || !m_utility->hasData() ? kWeightNorms : kUtility;
  m_measure = wanted;
  m_stack->setCurrentIndex(wanted == kWeightNorms ? 0 : 1);
  const QSignalBlocker blocker(m_measureCombo);
  m_measureCombo->setCurrentIndex(m_measureCombo->findData(static_cast<int>(wanted)));
}

QStringList DimensionsView::figureIds() const {
  QStringList ids;
  if (m_norms->hasResults()) ids << QStringLiteral("q-norms") << QStringLiteral("k-norms");
  if (m_utility->hasData()) ids << QStringLiteral("utility");
  return ids;
}

QString DimensionsView::currentFigureId() const {
  if (!hasData()) return {};
  if (m_measure == kUtility) return QStringLiteral("utility");
  return m_norms->projection() == WeightNormsView::kKey ? QStringLiteral("k-norms") : QStringLiteral("q-norms");
}

bool DimensionsView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  if (id == QLatin1String("utility")) {
    setMeasure(kUtility);
    return true;
  }
  setMeasure(kWeightNorms);
  m_norms->setProjection(id == QLatin1String("k-norms") ? WeightNormsView::kKey : WeightNormsView::kQuery);
  // The selected query head's own head of the new projection (its KV head for keys).
  if (m_selectedHead >= 0) m_norms->selectQueryHead(m_selectedHead, m_queryHeads);
  return true;
}

}  // namespace ropescope::widgets
