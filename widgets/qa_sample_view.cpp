// The "Sample" page, the QA lab. GUI thread only.
#include "widgets/qa_sample_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/mask_codec.h"
#include "widgets/mask_editor.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

enum Column { kSampleColumn, kMaskColumn, kAnswerColumn, kCorrectColumn, kLogProbColumn, kTimeColumn, kColumns };

constexpr int kHeadsListed = 4;  // heads named in the figure title before "…"
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString fromUtf8(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// The part of `text` in bytes [begin, end), clamped to the text.
QString utf8Slice(const std::string& text, std::int64_t begin, std::int64_t end) {
  const auto size = static_cast<std::int64_t>(text.size());
  begin = std::clamp<std::int64_t>(begin, 0, size);
  end = std::clamp<std::int64_t>(end, begin, size);
  return fromUtf8(text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
}

QString firstLine(const std::string& answer) {
  const QString text = fromUtf8(answer).trimmed();
  return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

QString headList(const std::vector<std::pair<int, int>>& heads) {
  QStringList tags;
  for (std::size_t i = 0; i < heads.size() && i < kHeadsListed; ++i) tags << headTag(heads[i].first, heads[i].second);
  if (heads.size() > kHeadsListed) tags << QStringLiteral("…");
  return tags.join(QStringLiteral(", "));
}

// Titles are one line each: long masks and head lists end in "…" rather than off the plot.
constexpr int kTitleChars = 64;
QString elided(const QString& line) {
  return line.size() <= kTitleChars ? line : line.left(kTitleChars - 1) + QStringLiteral("…");
}

QString mark(bool correct) { return correct ? QStringLiteral("✓") : QStringLiteral("✗"); }

QString logProbText(double lp) { return std::isnan(lp) ? QStringLiteral("–") : QString::number(lp, 'f', 2); }

}  // namespace

QaSampleView::QaSampleView(QWidget* parent) : ResultsPane(parent) {
  m_sample = new QSpinBox(this);
  m_sample->setKeyboardTracking(false);
  m_sampleLabel = new QLabel(this);
  m_sampleLabel->setWordWrap(true);
  m_sampleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_answers = new QLabel(this);
  m_answers->setWordWrap(true);
  m_answers->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_headsCombo = new QComboBox(this);
  m_headsCombo->addItem(tr("Retrieval heads"), static_cast<int>(BarHeads::Retrieval));
  m_headsCombo->addItem(tr("Selected head"), static_cast<int>(BarHeads::SelectedHead));
  m_headsCombo->addItem(tr("Selected head's layer"), static_cast<int>(BarHeads::SelectedLayer));
  m_headsCombo->addItem(tr("All heads"), static_cast<int>(BarHeads::All));
  m_headsCombo->setToolTip(tr("The heads whose attention on each document the bars average"));
  m_run = new QPushButton(tr("&Run"), this);
  m_run->setToolTip(tr("Answer the sample under the mask (Enter in the mask field)"));
  m_status = new QLabel(this);
  m_editor = new MaskEditor(this);
  m_batchSamples = new QSpinBox(this);
  m_batchSamples->setRange(1, 100000);
  m_batchSamples->setValue(4);
  m_batchSamples->setSuffix(tr(" per position"));
  m_batchSamples->setToolTip(tr("Samples per gold position of a batch run"));
  m_batch = new QPushButton(tr("&Batch"), this);
  m_batch->setToolTip(
      tr("Answer many samples per gold position under the mask and unmasked, on the engine "
         "thread, and show the accuracy as paper 1's Table 2"));
  m_batchTable = new QTableWidget(0, 0, this);
  m_batchTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_batchTable->verticalHeader()->setVisible(false);
  m_batchTable->setToolTip(tr("Accuracy by gold document position (1 = first) of the batch runs"));
  m_batchTable->hide();
  m_batchCaption = new QLabel(this);
  m_batchCaption->setWordWrap(true);
  m_batchCaption->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_batchCaption->setContentsMargins(6, 2, 6, 2);
  m_batchCaption->hide();

  m_promptView = new QTextBrowser(this);
  m_promptView->setOpenLinks(false);
  m_table = new QTableWidget(0, kColumns, this);
  m_table->setHorizontalHeaderLabels(
      {tr("Sample"), tr("Mask"), tr("Answer"), tr("Correct"), tr("log p(gold)"), tr("ms")});
  m_table->horizontalHeaderItem(kLogProbColumn)
      ->setToolTip(tr("Log-probability of the gold answer's first token at the answer position"));
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(kMaskColumn, QHeaderView::Interactive);
  m_table->setColumnWidth(kMaskColumn, 220);
  m_table->horizontalHeader()->setSectionResizeMode(kAnswerColumn, QHeaderView::Stretch);
  m_compare = new QLabel(this);
  m_compare->setWordWrap(true);
  m_compare->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_compare->setContentsMargins(6, 2, 6, 2);
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumHeight(160);
  m_title = addPlotTitle(*m_plot, font());
  placeLegendBelow(*m_plot, 3);

  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&Sample:"), m_sample);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&Bars average:"), m_headsCombo);
  toolbar->addSpacing(kToolbarGap);
  toolbar->addWidget(m_run);
  toolbar->addSpacing(kToolbarGap);
  toolbar->addWidget(m_batchSamples);
  toolbar->addWidget(m_batch);
  toolbar->addWidget(m_status, 1);

  auto* details = new QVBoxLayout;
  details->setContentsMargins(8, 2, 8, 2);
  details->addWidget(m_sampleLabel);
  details->addWidget(m_answers);

  auto* left = new QSplitter(Qt::Vertical, this);
  left->addWidget(m_editor);
  left->addWidget(m_promptView);
  left->setStretchFactor(0, 1);
  left->setStretchFactor(1, 1);
  auto* figure = new QWidget(this);
  auto* figureLayout = new QVBoxLayout(figure);
  figureLayout->setContentsMargins(0, 0, 0, 0);
  figureLayout->setSpacing(0);
  figureLayout->addWidget(m_compare);
  figureLayout->addWidget(m_plot, 1);
  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(figure);
  right->addWidget(m_table);
  auto* batch = new QWidget(this);
  auto* batchLayout = new QVBoxLayout(batch);
  batchLayout->setContentsMargins(0, 0, 0, 0);
  batchLayout->setSpacing(0);
  batchLayout->addWidget(m_batchCaption);
  batchLayout->addWidget(m_batchTable, 1);
  right->addWidget(batch);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  right->setStretchFactor(2, 1);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(toolbar);
  layout->addLayout(details);
  layout->addWidget(split, 1);

  connect(m_sample, &QSpinBox::valueChanged, this, [this](int value) {
    if (m_count > 0) Q_EMIT sampleRequested(value - 1);
  });
  connect(m_editor, &MaskEditor::runRequested, this, [this] { run(); });
  connect(m_editor, &MaskEditor::validityChanged, this, [this] { updateControls(); });
  connect(m_editor, &MaskEditor::headClicked, this, &ResultsPane::headClicked);
  connect(m_run, &QPushButton::clicked, this, [this] { run(); });
  connect(m_batch, &QPushButton::clicked, this, [this] { runBatch(); });
  connect(m_headsCombo, &QComboBox::currentIndexChanged, this, [this] {
    updateYTop();
    refreshPlot();
  });
  connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
    if (row >= 0) showRun(row);
  });
  clear();
}

QaSampleView::~QaSampleView() = default;

void QaSampleView::setSamples(int count) {
  m_count = std::max(0, count);
  m_pending.clear();
  m_prompt = {};
  m_goldText.clear();
  m_runs.clear();
  m_shownRun = -1;
  m_table->setRowCount(0);
  m_batchTable->setRowCount(0);
  m_batchTable->hide();
  if (m_batchCaption) m_batchCaption->hide();
  m_promptView->clear();
  m_sampleLabel->clear();
  m_answers->clear();
  {
    const QSignalBlocker blocker(m_sample);
    m_sample->setRange(1, std::max(1, m_count));
    m_sample->setValue(1);
    m_sample->setSuffix(m_count > 0 ? tr(" of %1").arg(m_count) : QString());
  }
  updateYTop();
  refreshPlot();
  updateControls();
  if (m_count > 0) Q_EMIT sampleRequested(0);
}

void QaSampleView::setMaskCodec(std::shared_ptr<const MaskCodec> codec) {
  m_codec = codec;
  const QString text = m_editor->text();
  m_editor->setCodec(std::move(codec));
  m_editor->setText(text);
  if (m_selectedHead.first >= 0) m_editor->setSelectedHead(m_selectedHead.first, m_selectedHead.second);
  updateControls();
}

void QaSampleView::setPrompt(const engine::QaSamplePrompt& prompt) {
  if (m_count == 0 || prompt.index != currentSample()) return;
  m_prompt = prompt;
  const int documents = static_cast<int>(prompt.documents.size());
  const QString gold = prompt.goldIndex >= 0 && prompt.goldIndex < documents
                           ? tr("gold document %1 of %2").arg(prompt.goldIndex + 1).arg(documents)
                           : tr("no gold document (%1 documents)").arg(documents);
  m_sampleLabel->setText(QStringLiteral("<b>%1</b> · %2 · %3<br>%4")
                             .arg(gold.toHtmlEscaped(), tr("line %1").arg(prompt.line),
                                  tr("%1 prompt tokens").arg(prompt.tokens),
                                  tr("Question: %1").arg(fromUtf8(prompt.question)).toHtmlEscaped()));
  QStringList answers;
  for (const auto& a : prompt.answers) answers << fromUtf8(a);
  m_answers->setText(tr("Correct answer: %1").arg(answers.join(QStringLiteral(" | "))));

  // The prompt as text, the gold document marked and scrolled to.
  const auto& text = prompt.text;
  const auto size = static_cast<std::int64_t>(text.size());
  QString html = QStringLiteral("<div style='white-space: pre-wrap; font-family: monospace'>");
  m_goldText.clear();
  if (prompt.goldIndex >= 0 && prompt.goldIndex < documents) {
    const auto& span = prompt.documents[static_cast<std::size_t>(prompt.goldIndex)];
    m_goldText = utf8Slice(text, span.begin, span.end);
    html += utf8Slice(text, 0, span.begin).toHtmlEscaped();
    html += QStringLiteral("<a name='gold'></a><span style='background-color: #ffe08a'>%1</span>")
                .arg(m_goldText.toHtmlEscaped());
    html += utf8Slice(text, span.end, size).toHtmlEscaped();
  } else {
    html += fromUtf8(text).toHtmlEscaped();
  }
  html += QStringLiteral("</div>");
  m_promptView->setHtml(html);
  if (!m_goldText.isEmpty()) m_promptView->scrollToAnchor(QStringLiteral("gold"));
}

void QaSampleView::addAnswer(const engine::QaSampleAnswer& answer, double elapsedMs) {
  const int sample = static_cast<int>(answer.prompt.index);
  const QString mask = fromUtf8(answer.mask);
  // The request it answers: the first pending one of that sample (answers come in order).
  bool baseline = false;
  engine::MaskGrid grid;
  const auto pending =
      std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending& p) { return p.sample == sample; });
  if (pending != m_pending.end()) {
    baseline = pending->baseline;
    grid = pending->grid;
    m_pending.erase(pending);
  }
  if (m_count == 0) {
    updateControls();
    return;
  }
  Run run;
  run.sample = sample;
  run.mask = mask;
  run.grid = std::move(grid);
  run.answer = firstLine(answer.answer);
  run.correct = answer.correct;
  run.elapsedMs = elapsedMs;
  run.goldIndex = answer.prompt.goldIndex;
  run.maskedHeads = answer.maskedHeads;
  run.goldLogProb = answer.goldLogProb;
  run.goldToken = fromUtf8(answer.goldToken);
  run.massHeads = answer.massHeads;
  run.retrievalHeads = answer.retrievalHeads;
  run.documentMass = answer.documentMass;
  m_runs.push_back(std::move(run));
  const Run& r = m_runs.back();

  const int row = m_table->rowCount();
  m_table->insertRow(row);
  const auto put = [&](int column, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    if (column == kSampleColumn || column == kTimeColumn || column == kLogProbColumn)
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (column == kCorrectColumn) {
      item->setTextAlignment(Qt::AlignCenter);
      item->setForeground(r.correct ? QColor(0x00, 0x9e, 0x73) : selectionColor());
    }
    m_table->setItem(row, column, item);
  };
  put(kSampleColumn, QString::number(r.sample + 1));
  put(kMaskColumn, r.mask);
  put(kAnswerColumn, r.answer.isEmpty() ? tr("(empty)") : r.answer);
  put(kCorrectColumn, mark(r.correct));
  put(kLogProbColumn, logProbText(r.goldLogProb));
  put(kTimeColumn, QString::number(std::lround(r.elapsedMs)));
  m_table->item(row, kMaskColumn)->setToolTip(tr("%1\n%2 heads changed by the mask").arg(r.mask).arg(r.maskedHeads));
  updateYTop();
  if (baseline && m_shownRun >= 0) {
    refreshPlot();  // the comparison the shown run waited for
  } else {
    const QSignalBlocker blocker(m_table);
    m_table->setCurrentCell(row, kAnswerColumn);
    m_table->scrollToBottom();
    showRun(row);
  }
  // A masked run is compared with the unmasked run of its sample: ask for it once.
  const bool unmasked = r.grid.changesNothing();
  const bool asked = std::any_of(m_pending.begin(), m_pending.end(),
                                 [&](const Pending& p) { return p.sample == r.sample && p.baseline; });
  if (!unmasked && baselineRow(r.sample) < 0 && !asked && m_codec) {
    m_pending.push_back(
        {r.sample, engine::MaskGrid::empty(m_codec->layers(), m_codec->heads(), m_codec->headDim()), true});
    Q_EMIT runRequested(r.sample, QStringLiteral("none"));
  }
  updateControls();
}

void QaSampleView::runFailed() {
  if (!m_pending.empty()) m_pending.erase(m_pending.begin());
  updateControls();
}

bool QaSampleView::setResults(const engine::ResultsFile& results) {
  (void)results;
  return hasData();
}

void QaSampleView::clear() { setSamples(0); }

QString QaSampleView::unavailableText() const {
  return tr("Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).");
}

void QaSampleView::selectHead(int layer, int head) {
  m_selectedHead = {layer, head};
  m_editor->setSelectedHead(layer, head);
  if (barHeads() == BarHeads::SelectedHead || barHeads() == BarHeads::SelectedLayer) {
    updateYTop();
    refreshPlot();
  }
}

QWidget* QaSampleView::plotWidget() const { return m_plot; }

int QaSampleView::currentSample() const { return m_count > 0 ? m_sample->value() - 1 : -1; }

void QaSampleView::setCurrentSample(int index) {
  if (m_count > 0) m_sample->setValue(std::clamp(index, 0, m_count - 1) + 1);
}

QString QaSampleView::maskText() const { return m_editor->text(); }

void QaSampleView::setMaskText(const QString& mask) { m_editor->setText(mask); }

bool QaSampleView::maskValid() const { return m_codec && m_editor->isValid(); }

QStringList QaSampleView::presets() const { return m_editor->paperPresets(); }

bool QaSampleView::runEnabled() const { return m_count > 0 && maskValid(); }

bool QaSampleView::run() {
  if (!runEnabled()) return false;
  const int sample = currentSample();
  const auto& grid = m_editor->grid();
  for (int row = 0; row < runCount(); ++row)
    if (m_runs[static_cast<std::size_t>(row)].sample == sample && m_runs[static_cast<std::size_t>(row)].grid == grid) {
      m_table->setCurrentCell(row, kAnswerColumn);
      m_status->setText(tr("already in the table"));
      return false;
    }
  if (std::any_of(m_pending.begin(), m_pending.end(),
                  [&](const Pending& p) { return p.sample == sample && p.grid == grid; }))
    return false;
  m_pending.push_back({sample, grid, false});
  updateControls();
  Q_EMIT runRequested(sample, maskText());
  return true;
}

QString QaSampleView::runCell(int row, int column) const {
  const auto* item = row >= 0 && row < m_table->rowCount() ? m_table->item(row, column) : nullptr;
  return item ? item->text() : QString();
}

QString QaSampleView::promptPlainText() const { return m_promptView->toPlainText(); }

QString QaSampleView::goldDocumentText() const { return m_goldText; }

QString QaSampleView::sampleLabelText() const { return m_sampleLabel->text(); }

QString QaSampleView::answersText() const { return m_answers->text(); }

QString QaSampleView::comparisonText() const { return m_compare->text(); }

bool QaSampleView::runBatch() {
  if (!runEnabled()) return false;
  Q_EMIT batchRequested(maskText(), m_batchSamples->value());
  return true;
}

int QaSampleView::batchSamples() const { return m_batchSamples->value(); }

void QaSampleView::setBatchSamples(int samples) { m_batchSamples->setValue(samples); }

void QaSampleView::setBatchResults(const engine::ResultsFile& results) {
  namespace schema = engine::schema;
  m_batchTable->clear();
  m_batchTable->setRowCount(0);
  const auto* positions = findArray(results, schema::kGoldPositions);
  const auto setups = engine::qaSetups(results, schema::kQaAccuracy);
  if (positions == nullptr || setups.empty()) {
    m_batchTable->hide();
    m_batchCaption->hide();
    return;
  }
  const auto done = engine::attribute(results, schema::kUnitsDone);
  m_batchCaption->setText(tr("<b>Batch</b>: accuracy by position of the gold document (1 = first), %1 samples per "
                             "position%2")
                              .arg(m_batchSamples->value())
                              .arg(done ? tr(" (%1 answered)").arg(QString::fromStdString(*done)) : QString()));
  // Mask, mean (always in view), then one column per gold position.
  const int columns = static_cast<int>(positions->values.size());
  QStringList header{tr("Mask"), tr("mean")};
  for (float g : positions->values) header << QString::number(static_cast<int>(g) + 1);
  m_batchTable->setColumnCount(columns + 2);
  m_batchTable->setHorizontalHeaderLabels(header);
  const auto number = [](double v) {
    auto* item = new QTableWidgetItem(std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', 3));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
  };
  for (const auto& name : setups) {
    const auto& accuracy = results.arrays.at(schema::qaPath(name, schema::kQaAccuracy));
    if (static_cast<int>(accuracy.values.size()) != columns) continue;
    const int row = m_batchTable->rowCount();
    m_batchTable->insertRow(row);
    auto* mask = new QTableWidgetItem(fromUtf8(name));
    mask->setToolTip(fromUtf8(name));
    m_batchTable->setItem(row, 0, mask);
    std::vector<double> values;
    for (int c = 0; c < columns; ++c) {
      values.push_back(accuracy.values[static_cast<std::size_t>(c)]);
      m_batchTable->setItem(row, c + 2, number(values.back()));
    }
    auto* mean = number(finiteMean(values));
    QFont bold = mean->font();
    bold.setBold(true);
    mean->setFont(bold);
    m_batchTable->setItem(row, 1, mean);
  }
  m_batchTable->resizeColumnsToContents();
  m_batchTable->setColumnWidth(0, std::min(m_batchTable->columnWidth(0), 200));
  const bool wasHidden = m_batchTable->isHidden();
  m_batchTable->setVisible(m_batchTable->rowCount() > 0);
  m_batchCaption->setVisible(m_batchTable->isVisible());
  // The first batch gets room: a third of the column under the figure.
  if (wasHidden && m_batchTable->isVisible())
    if (auto* split = qobject_cast<QSplitter*>(m_batchTable->parentWidget()->parentWidget())) {
      const int total = split->height();
      split->setSizes({total * 50 / 100, total * 18 / 100, total * 32 / 100});
    }
}

QString QaSampleView::batchCaption() const { return m_batchCaption->text(); }

void QaSampleView::setBatchFile(const QString& path) {
  m_batchFile = path;
  if (!m_batchCaption->text().isEmpty() && !path.isEmpty())
    m_batchCaption->setText(m_batchCaption->text() + tr("<br>saved to %1").arg(path.toHtmlEscaped()));
  m_batchTable->setToolTip(
      tr("Accuracy by gold document position (1 = first) of the batch runs, saved to %1").arg(path));
}

int QaSampleView::batchRowCount() const { return m_batchTable->rowCount(); }

QString QaSampleView::batchCell(int row, int column) const {
  const auto* item = m_batchTable->item(row, column);
  return item ? item->text() : QString();
}

QStringList QaSampleView::batchHeader() const {
  QStringList out;
  for (int c = 0; c < m_batchTable->columnCount(); ++c)
    out << (m_batchTable->horizontalHeaderItem(c) ? m_batchTable->horizontalHeaderItem(c)->text() : QString());
  return out;
}

void QaSampleView::setBarHeads(BarHeads heads) {
  m_headsCombo->setCurrentIndex(m_headsCombo->findData(static_cast<int>(heads)));
}

QaSampleView::BarHeads QaSampleView::barHeads() const {
  return static_cast<BarHeads>(m_headsCombo->currentData().toInt());
}

double QaSampleView::yTop() const { return m_yTop; }

std::vector<std::pair<double, double>> QaSampleView::barPoints() const {
  std::vector<std::pair<double, double>> out;
  for (int i = 0; i < m_plot->plottableCount(); ++i) {
    auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(i));
    if (!bars) continue;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
      out.emplace_back(it->key, it->value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

QString QaSampleView::title() const { return m_title->text(); }

void QaSampleView::showRun(int row) {
  m_shownRun = row >= 0 && row < runCount() ? row : -1;
  refreshPlot();
}

int QaSampleView::baselineRow(int sample) const {
  for (int row = 0; row < runCount(); ++row) {
    const Run& r = m_runs[static_cast<std::size_t>(row)];
    if (r.sample != sample) continue;
    if (r.grid.changesNothing()) return row;
  }
  return -1;
}

std::vector<std::pair<int, int>> QaSampleView::chosenHeads(const Run& run) const {
  const auto& mass = run.documentMass;
  if (mass.shape.size() != 3) return {};
  const int L = static_cast<int>(mass.shape[0]), H = static_cast<int>(mass.shape[1]);
  std::vector<std::pair<int, int>> heads;
  const auto [layer, head] = m_selectedHead;
  switch (barHeads()) {
    case BarHeads::Retrieval:
      return run.retrievalHeads;
    case BarHeads::SelectedHead:
      if (layer >= 0 && layer < L && head >= 0 && head < H) heads.emplace_back(layer, head);
      break;
    case BarHeads::SelectedLayer:
      if (layer >= 0 && layer < L)
        for (int h = 0; h < H; ++h) heads.emplace_back(layer, h);
      break;
    case BarHeads::All:
      for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) heads.emplace_back(l, h);
      break;
  }
  return heads;
}

std::vector<double> QaSampleView::barsOf(const Run& run) const {
  const auto heads = chosenHeads(run);
  if (heads.empty() || run.documentMass.shape.size() != 3) return {};
  const auto documents = run.documentMass.shape[2];
  std::vector<double> out(static_cast<std::size_t>(documents), 0.0);
  for (std::int64_t d = 0; d < documents; ++d) {
    double sum = 0.0;
    for (const auto& [l, h] : heads) sum += run.documentMass.at({l, h, d});
    out[static_cast<std::size_t>(d)] = sum / static_cast<double>(heads.size());
  }
  return out;
}

// One axis for every run in the table: clicking between rows never rescales it.
void QaSampleView::updateYTop() {
  double top = 0.0;
  for (const auto& r : m_runs)
    for (double v : barsOf(r))
      if (std::isfinite(v)) top = std::max(top, v);
  m_yTop = top > 0 ? std::ceil(top * 1.05 * 20.0) / 20.0 : 1.0;
}

void QaSampleView::refreshPlot() {
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_before.clear();
  m_after.clear();
  m_plot->xAxis->setLabel(tr("document (1 = first; the gold one shaded)"));
  m_plot->yAxis->setLabel(tr("answer's attention"));
  m_plot->yAxis->setRange(0, m_yTop);
  if (m_shownRun < 0) {
    m_title->setText(m_count > 0 ? tr("Run a mask to see where the answer looks") : tr("No samples"));
    m_compare->setText(m_count > 0 ? tr("The selected run is compared with the unmasked run of its sample.")
                                   : QString());
    m_plot->xAxis->setRange(0, 1);
    m_plot->xAxis->setVisible(false);
    m_plot->yAxis->setVisible(false);
    m_plot->legend->setVisible(false);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  m_plot->xAxis->setVisible(true);
  m_plot->yAxis->setVisible(true);
  const Run& r = m_runs[static_cast<std::size_t>(m_shownRun)];
  const int baseRow = baselineRow(r.sample);
  const Run* base = baseRow >= 0 && baseRow != m_shownRun ? &m_runs[static_cast<std::size_t>(baseRow)] : nullptr;
  const bool isBaseline = baseRow == m_shownRun;

  const auto after = barsOf(r);
  const auto before = base ? barsOf(*base) : std::vector<double>{};
  const int documents = static_cast<int>(std::max(after.size(), before.size()));
  m_plot->xAxis->setRange(0.4, std::max(1, documents) + 0.6);
  if (r.goldIndex >= 0 && r.goldIndex < documents) {
    auto* gold = new QCPItemRect(m_plot);
    gold->setLayer(QStringLiteral("grid"));
    gold->topLeft->setCoords(r.goldIndex + 0.5, m_yTop);
    gold->bottomRight->setCoords(r.goldIndex + 1.5, 0);
    gold->setPen(Qt::NoPen);
    gold->setBrush(QColor(0xff, 0xe0, 0x8a, 160));
  }
  auto* group = new QCPBarsGroup(m_plot);
  group->setSpacing(0.0);
  const auto addSeries = [&](const std::vector<double>& values, const QString& name, const QColor& colour) {
    auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bars->setName(name);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colour);
    bars->setWidth(values.size() > 0 && base ? 0.38 : 0.7);
    for (std::size_t d = 0; d < values.size(); ++d) bars->addData(static_cast<double>(d) + 1.0, values[d]);
    if (base) bars->setBarsGroup(group);
  };
  if (base) {
    addSeries(before, tr("unmasked"), QColor(0x9a, 0x9a, 0x9a));
    m_before = before;
  }
  addSeries(after, isBaseline ? tr("unmasked") : tr("under the mask"),
            isBaseline ? QColor(0x9a, 0x9a, 0x9a) : seriesColor(0));
  m_after = after;
  if (isBaseline) m_before = after;

  QString heads;
  if (after.empty()) {
    heads = tr("no head chosen: select a head (Heads tab or the mask grid)");
  } else {
    switch (barHeads()) {
      case BarHeads::Retrieval:
        heads =
            r.massHeads == engine::MassHeads::RetrievalAbove
                ? tr("mean over the retrieval heads (score > 0.5): %1").arg(headList(r.retrievalHeads))
            : r.massHeads == engine::MassHeads::TopRetrieval
                ? tr("no head scores above 0.5: mean over the highest-scoring heads %1").arg(headList(r.retrievalHeads))
                : tr("mean over all heads (no retrieval scores)");
        break;
      case BarHeads::SelectedHead:
        heads = tr("head %1").arg(headTag(m_selectedHead.first, m_selectedHead.second));
        break;
      case BarHeads::SelectedLayer:
        heads = tr("mean over the heads of layer %1").arg(m_selectedHead.first);
        break;
      case BarHeads::All:
        heads = tr("mean over all heads");
        break;
    }
  }
  const QString answer = r.answer.isEmpty() ? tr("(empty)") : QStringLiteral("“%1”").arg(r.answer);
  m_title->setText(
      elided(tr("Sample %1 · answer %2 %3 · %4").arg(QString::number(r.sample + 1), answer, mark(r.correct), r.mask)) +
      QLatin1Char('\n') + elided(heads));
  const auto describe = [&](const Run& run) {
    const QString text = run.answer.isEmpty() ? tr("(empty)") : QStringLiteral("“%1”").arg(run.answer.toHtmlEscaped());
    return tr("%1 %2 · log p(“%3”) = %4")
        .arg(text, mark(run.correct), run.goldToken.trimmed().toHtmlEscaped(), logProbText(run.goldLogProb));
  };
  if (isBaseline)
    m_compare->setText(tr("<b>Unmasked:</b> %1").arg(describe(r)));
  else if (base)
    m_compare->setText(
        tr("<b>Unmasked:</b> %1<br><b>Masked</b> (%2): %3").arg(describe(*base), r.mask.toHtmlEscaped(), describe(r)));
  else
    m_compare->setText(tr("<b>Masked</b> (%1): %2<br>the unmasked run of this sample is on its way…")
                           .arg(r.mask.toHtmlEscaped(), describe(r)));
  m_plot->legend->setVisible(true);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QaSampleView::updateControls() {
  const bool have = m_count > 0;
  m_sample->setEnabled(have);
  m_run->setEnabled(runEnabled());
  m_batch->setEnabled(runEnabled());
  m_batchSamples->setEnabled(have);
  if (have && !maskValid())
    m_status->setText(m_codec ? tr("fix the mask to run") : QString());
  else
    m_status->setText(running() ? tr("running…") : QString());
}

}  // namespace ropescope::widgets
