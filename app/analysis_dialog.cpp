// Analysis ▸ Run….
#include "app/analysis_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ropescope::app {

namespace {

struct Choice {
  engine::Analysis analysis;
  const char* label;
  const char* tip;
};

const Choice kChoices[] = {
    {engine::Analysis::Norms, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Projection row norms"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "L1 norms of the query/key projection rows per dim")},
    {engine::Analysis::Retrieval, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Retrieval scores"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Attention mass of the question and answer on the documents")},
    {engine::Analysis::Utility, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Utility scores"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog",
                       "A sparse query mask learned per layer (paper 1, Eq. 4); the slowest analysis")},
    {engine::Analysis::Qa, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "QA accuracy"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Answers of the unmasked model (and the mask sets)")},
    {engine::Analysis::Bands, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Frequency-band norms"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Query and key norms per RoPE pair (Barbero et al.)")},
    {engine::Analysis::Positional, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Positional heads"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Dominant dims and Spearman ρ with distance (Hong et al.)")},
    {engine::Analysis::Angles, QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Rotation angles"),
     QT_TRANSLATE_NOOP("ropescope::app::AnalysisDialog", "Turns of each RoPE pair over the context")},
};

}  // namespace

AnalysisDialog::AnalysisDialog(const QString& output, QWidget* parent)
    : QDialog(parent),
      m_paperMasks(new QCheckBox(tr("with paper 1's &masks (first/last head_dim/8 and /4 dims of retrieval heads)"))),
      m_samples(new QSpinBox),
      m_gold(new QLineEdit),
      m_output(new QLineEdit(output)),
      m_resume(new QCheckBox(tr("&Resume: keep the samples this file already holds"))),
      m_problem(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel)) {
  setWindowTitle(tr("Run analyses"));
  auto* analyses = new QGroupBox(tr("Analyses"));
  auto* grid = new QGridLayout(analyses);
  int i = 0;
  for (const auto& c : kChoices) {
    auto* box = new QCheckBox(tr(c.label));
    box->setToolTip(tr(c.tip));
    box->setChecked(true);
    m_boxes[c.analysis] = box;
    grid->addWidget(box, i / 2, i % 2);
    ++i;
    connect(box, &QCheckBox::toggled, this, &AnalysisDialog::validate);
  }
  m_paperMasks->setChecked(true);
  grid->addWidget(m_paperMasks, (i + 1) / 2, 0, 1, 2);
  connect(m_boxes[engine::Analysis::Qa], &QCheckBox::toggled, m_paperMasks, &QWidget::setEnabled);

  m_samples->setRange(0, 100000);
  m_samples->setValue(4);
  m_samples->setSpecialValueText(tr("all"));
  m_samples->setToolTip(tr("Samples per gold position (0: all)"));
  m_gold->setPlaceholderText(tr("default: every position the samples hold (0,9,19 for one-passage data)"));
  m_gold->setToolTip(tr("0-based positions of the gold document, separated by commas"));
  auto* browse = new QPushButton(tr("&Browse…"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const auto path =
        QFileDialog::getSaveFileName(this, tr("Results file"), m_output->text(), tr("RoPEScope results (*.h5)"),
                                     nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) m_output->setText(QFileInfo(path).suffix().isEmpty() ? path + ".h5" : path);
  });
  auto* outputRow = new QHBoxLayout;
  outputRow->addWidget(m_output, 1);
  outputRow->addWidget(browse);

  auto* form = new QFormLayout;
  form->addRow(tr("&Samples per gold position:"), m_samples);
  form->addRow(tr("&Gold positions:"), m_gold);
  form->addRow(tr("&Output:"), outputRow);
  form->addRow(QString(), m_resume);

  m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
  m_problem->setWordWrap(true);
  auto* run = m_buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
  run->setDefault(true);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_gold, &QLineEdit::textChanged, this, &AnalysisDialog::validate);
  connect(m_output, &QLineEdit::textChanged, this, &AnalysisDialog::validate);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(analyses);
  layout->addLayout(form);
  layout->addWidget(m_problem);
  layout->addWidget(m_buttons);
  validate();
}

std::optional<AnalysisRequest> AnalysisDialog::request(QString* error) const {
  const auto fail = [&](const QString& message) -> std::optional<AnalysisRequest> {
    if (error) *error = message;
    return std::nullopt;
  };
  AnalysisRequest r;
  for (const auto& [analysis, box] : m_boxes)
    if (box->isChecked()) r.analyses.insert(analysis);
  if (r.analyses.empty()) return fail(tr("Choose at least one analysis."));
  r.paperMasks = r.analyses.count(engine::Analysis::Qa) > 0 && m_paperMasks->isChecked();
  r.samples = m_samples->value();
  for (const auto& item : m_gold->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int g = item.trimmed().toInt(&ok);
    if (!ok || g < 0) return fail(tr("Gold positions are 0-based numbers separated by commas, not '%1'.").arg(item));
    r.goldPositions.push_back(g);
  }
  r.output = m_output->text().trimmed();
  if (r.output.isEmpty()) return fail(tr("Name the results file."));
  r.output = QFileInfo(r.output).absoluteFilePath();
  r.resume = m_resume->isChecked() && QFileInfo::exists(r.output);
  return r;
}

void AnalysisDialog::setRequest(const AnalysisRequest& request) {
  for (const auto& [analysis, box] : m_boxes) box->setChecked(request.analyses.count(analysis) > 0);
  m_paperMasks->setChecked(request.paperMasks);
  m_samples->setValue(static_cast<int>(request.samples));
  QStringList gold;
  for (int g : request.goldPositions) gold << QString::number(g);
  m_gold->setText(gold.join(QLatin1Char(',')));
  if (!request.output.isEmpty()) m_output->setText(request.output);
  m_resume->setChecked(request.resume);
}

void AnalysisDialog::validate() {
  QString error;
  const bool ok = request(&error).has_value();
  m_problem->setText(ok ? QString() : error);
  for (auto* b : m_buttons->buttons())
    if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole) b->setEnabled(ok);
  m_resume->setEnabled(QFileInfo::exists(QFileInfo(m_output->text().trimmed()).absoluteFilePath()));
}

}  // namespace ropescope::app
