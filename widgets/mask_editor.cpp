// A mask as text and as a clickable grid.
#include "widgets/mask_editor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>

#include "engine/results/qa_sample_answer.h"
#include "widgets/mask_grid_view.h"

namespace ropescope::widgets {

namespace {

using Kind = engine::MaskPreset::Kind;

// What a preset item asks of the parameter field.
enum class Parameter { None, Count, Threshold, Fraction };

Parameter parameterOf(Kind kind) {
  switch (kind) {
    case Kind::FirstDims:
    case Kind::LastDims:
      return Parameter::Count;
    case Kind::UtilityBelow:
    case Kind::RetrievalHeads:
      return Parameter::Threshold;
    case Kind::PRope:
      return Parameter::Fraction;
    default:
      return Parameter::None;
  }
}

// Preset items: a kind, and for the paper's masks the fixed text (userData).
constexpr int kKindRole = Qt::UserRole;
constexpr int kTextRole = Qt::UserRole + 1;

}  // namespace

MaskEditor::MaskEditor(QWidget* parent)
    : QWidget(parent),
      m_presets(new QComboBox),
      m_parameter(new QDoubleSpinBox),
      m_apply(new QPushButton(tr("&Apply"))),
      m_text(new QLineEdit),
      m_errorLabel(new QLabel),
      m_layer(new QComboBox),
      m_summary(new QLabel),
      m_grid(new MaskGridView) {
  m_presets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_presets->setToolTip(tr("Build a mask; Apply replaces the mask with it"));
  m_presets->setPlaceholderText(tr("Choose a preset…"));
  m_parameter->setDecimals(2);
  m_text->setPlaceholderText(tr("none, or e.g. heads=retrieval>0.5 dims=first16"));
  m_text->setClearButtonEnabled(true);
  m_text->setToolTip(tr("The mask in RoPEScope's mask syntax (as ropescope-cli --mask takes it)"));
  m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
  m_errorLabel->setWordWrap(true);
  m_errorLabel->hide();
  m_summary->setStyleSheet(QStringLiteral("color: gray"));

  auto* presets = new QHBoxLayout;
  presets->setContentsMargins(0, 0, 0, 0);
  presets->addWidget(new QLabel(tr("Preset:")));
  presets->addWidget(m_presets, 1);
  presets->addWidget(m_parameter);
  presets->addWidget(m_apply);
  auto* layerRow = new QHBoxLayout;
  layerRow->setContentsMargins(0, 0, 0, 0);
  auto* layerLabel = new QLabel(tr("&Layer:"));
  layerLabel->setBuddy(m_layer);
  layerRow->addWidget(layerLabel);
  layerRow->addWidget(m_layer);
  layerRow->addWidget(m_summary, 1);
  auto* columns =
      new QLabel(tr("Rows: heads of the layer · columns: RoPE pairs i (dims 2i, 2i+1), highest frequency "
                    "first"));
  columns->setStyleSheet(QStringLiteral("color: gray"));
  columns->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  layout->setSpacing(4);
  layout->addLayout(presets);
  layout->addWidget(m_text);
  layout->addWidget(m_errorLabel);
  layout->addLayout(layerRow);
  layout->addWidget(columns);
  layout->addWidget(m_grid, 1);

  connect(m_presets, &QComboBox::currentIndexChanged, this, [this] { updateParameter(); });
  connect(m_apply, &QPushButton::clicked, this, [this] { presetChosen(m_presets->currentIndex()); });
  connect(m_text, &QLineEdit::textChanged, this, [this] {
    if (!m_syncing) parseText();
    // The preset box names the preset the text is, or none.
    const QSignalBlocker blocker(m_presets);
    const int match = presetMatchingText();
    if (match >= 0 || !m_presets->itemData(m_presets->currentIndex(), kTextRole).toString().isEmpty())
      m_presets->setCurrentIndex(match);
    updateParameter();
    Q_EMIT textChanged(text());
  });
  connect(m_text, &QLineEdit::returnPressed, this, [this] {
    if (m_valid) Q_EMIT runRequested();
  });
  connect(m_layer, &QComboBox::currentIndexChanged, this, [this](int layer) { m_grid->setLayer(layer); });
  connect(m_grid, &MaskGridView::edited, this, &MaskEditor::onGridEdited);
  connect(m_grid, &MaskGridView::headClicked, this, &MaskEditor::headClicked);
  setCodec(nullptr);
}

MaskEditor::~MaskEditor() = default;

void MaskEditor::setCodec(std::shared_ptr<const MaskCodec> codec) {
  m_codec = std::move(codec);
  const bool have = m_codec != nullptr;
  for (QWidget* w : std::initializer_list<QWidget*>{m_presets, m_parameter, m_apply, m_text, m_layer, m_grid})
    w->setEnabled(have);
  {
    const QSignalBlocker blocker(m_layer);
    m_layer->clear();
    for (int l = 0; have && l < m_codec->layers(); ++l) m_layer->addItem(QString::number(l));
    m_layer->setCurrentIndex(have ? std::clamp(m_selected.first, 0, m_codec->layers() - 1) : -1);
  }
  m_grid->setGrid(have ? engine::MaskGrid::empty(m_codec->layers(), m_codec->heads(), m_codec->headDim())
                       : engine::MaskGrid{});
  m_grid->setLayer(std::max(0, m_layer->currentIndex()));
  rebuildPresets();
  if (have) parseText();
}

QString MaskEditor::text() const {
  const QString t = m_text->text().trimmed();
  return t.isEmpty() ? QStringLiteral("none") : t;
}

void MaskEditor::setText(const QString& text) { m_text->setText(text); }

const engine::MaskGrid& MaskEditor::grid() const { return m_grid->grid(); }

QStringList MaskEditor::paperPresets() const {
  QStringList out{QStringLiteral("none")};
  if (!m_codec) return out;
  const int D = m_codec->headDim();
  for (int count : {std::max(1, D / 8), std::max(1, D / 4)})
    for (Kind side : {Kind::FirstDims, Kind::LastDims}) {
      engine::MaskPreset p;
      p.kind = side;
      p.count = count;
      p.retrievalAbove = engine::kRetrievalHeadThreshold;
      const QString t = m_codec->presetText(p);
      if (!out.contains(t)) out << t;
    }
  return out;
}

void MaskEditor::rebuildPresets() {
  const QSignalBlocker blocker(m_presets);
  m_presets->clear();
  if (!m_codec) return;
  const auto add = [&](const QString& label, Kind kind, const QString& fixed = {}) {
    m_presets->addItem(label);
    m_presets->setItemData(m_presets->count() - 1, static_cast<int>(kind), kKindRole);
    m_presets->setItemData(m_presets->count() - 1, fixed, kTextRole);
  };
  const QStringList paper = paperPresets();
  add(tr("No mask"), Kind::None, paper.front());
  for (int i = 1; i < paper.size(); ++i) add(tr("Paper 1: %1").arg(paper[i]), Kind::None, paper[i]);
  add(tr("First n dims of every head"), Kind::FirstDims);
  add(tr("Last n dims of every head"), Kind::LastDims);
  add(tr("Dims with utility below t"), Kind::UtilityBelow);
  add(tr("Heads with retrieval score above t"), Kind::RetrievalHeads);
  add(tr("The selected head's layer"), Kind::Layer);
  add(tr("The selected head"), Kind::Head);
  add(tr("p-RoPE with p"), Kind::PRope);
  add(tr("Ablate the selected head"), Kind::Ablate);
  m_presets->setCurrentIndex(presetMatchingText());
  updateParameter();
}

int MaskEditor::presetMatchingText() const {
  for (int i = 0; i < m_presets->count(); ++i)
    if (m_presets->itemData(i, kTextRole).toString() == text()) return i;
  return -1;
}

void MaskEditor::updateParameter() {
  const int index = m_presets->currentIndex();
  const auto kind = static_cast<Kind>(m_presets->itemData(index, kKindRole).toInt());
  const bool fixed = !m_presets->itemData(index, kTextRole).toString().isEmpty();
  const auto parameter = fixed || index < 0 ? Parameter::None : parameterOf(kind);
  m_apply->setEnabled(m_codec && index >= 0);
  const QSignalBlocker blocker(m_parameter);
  m_parameter->setVisible(parameter != Parameter::None);
  const int D = m_codec ? m_codec->headDim() : 1;
  switch (parameter) {
    case Parameter::None:
      break;
    case Parameter::Count:
      m_parameter->setDecimals(0);
      m_parameter->setRange(1, D);
      m_parameter->setSingleStep(2);
      m_parameter->setValue(std::max(1, D / 8));
      m_parameter->setPrefix(tr("n = "));
      break;
    case Parameter::Threshold:
      m_parameter->setDecimals(2);
      m_parameter->setRange(0, 1);
      m_parameter->setSingleStep(0.05);
      m_parameter->setValue(0.5);
      m_parameter->setPrefix(tr("t = "));
      break;
    case Parameter::Fraction:
      m_parameter->setDecimals(2);
      m_parameter->setRange(0, 1);
      m_parameter->setSingleStep(0.05);
      m_parameter->setValue(0.75);
      m_parameter->setPrefix(tr("p = "));
      break;
  }
  // Presets that need scores the model lacks say so (Apply then shows the engine's message).
  QString tip;
  if (m_codec && kind == Kind::UtilityBelow && !m_codec->hasUtilityScores())
    tip = tr("Needs utility scores: run the utility analysis (Analysis ▸ Run…)");
  if (m_codec && (kind == Kind::RetrievalHeads || (fixed && index > 0)) && !m_codec->hasRetrievalScores())
    tip = tr("Needs retrieval scores: run the retrieval analysis (Analysis ▸ Run…)");
  m_apply->setToolTip(tip);
}

void MaskEditor::presetChosen(int index) {
  if (!m_codec || index < 0) return;
  const QString fixed = m_presets->itemData(index, kTextRole).toString();
  if (!fixed.isEmpty()) {
    setText(fixed);
    return;
  }
  engine::MaskPreset p;
  p.kind = static_cast<Kind>(m_presets->itemData(index, kKindRole).toInt());
  p.count = static_cast<int>(m_parameter->value());
  p.threshold = m_parameter->value();
  p.layer = m_selected.first;
  p.head = m_selected.second;
  applyPreset(p);
}

void MaskEditor::applyPreset(const engine::MaskPreset& preset) {
  if (m_codec) setText(m_codec->presetText(preset));
}

void MaskEditor::setSelectedHead(int layer, int head) {
  m_selected = {layer, head};
  m_grid->setSelectedHead(layer, head);
  if (m_codec && layer >= 0 && layer < m_codec->layers()) m_layer->setCurrentIndex(layer);
}

void MaskEditor::parseText() {
  if (!m_codec) return;
  QString error;
  const auto grid = m_codec->parse(text(), &error);
  const bool valid = grid.has_value();
  m_error = valid ? QString() : error;
  m_errorLabel->setText(m_error);
  m_errorLabel->setVisible(!valid);
  m_text->setStyleSheet(valid ? QString() : QStringLiteral("QLineEdit { border: 1px solid #b00020; }"));
  if (valid) {
    m_grid->setGrid(*grid);
    int maskedHeads = 0, ablated = 0;
    for (int l = 0; l < grid->layers; ++l)
      for (int h = 0; h < grid->heads; ++h) {
        bool any = false;
        for (int f = 0; f < grid->headDim && !any; ++f) any = grid->isMasked(l, h, f);
        maskedHeads += any;
        ablated += grid->isAblated(l, h);
      }
    QString summary = tr("%1 of %2 heads masked").arg(maskedHeads).arg(grid->layers * grid->heads);
    if (ablated > 0) summary += tr(" · %1 ablated").arg(ablated);
    if (grid->pRope) summary += tr(" · p-RoPE p = %1 (shaded pairs do not rotate)").arg(*grid->pRope);
    m_summary->setText(summary);
  }
  m_grid->setEditable(valid);
  if (valid != m_valid) {
    m_valid = valid;
    Q_EMIT validityChanged(valid);
  }
}

void MaskEditor::onGridEdited(const engine::MaskGrid& grid) {
  if (!m_codec) return;
  m_syncing = true;
  m_text->setText(m_codec->text(grid));
  m_syncing = false;
  parseText();  // the summary, and the grid as the text resolves (it is the same)
}

}  // namespace ropescope::widgets
