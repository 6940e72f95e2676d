// The "Sample" page: one QA sample, a mask editor and the answers of live re-runs. GUI thread only.
#include "widgets/qa_sample_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

enum Column { kSampleColumn, kMaskColumn, kAnswerColumn, kCorrectColumn, kTimeColumn, kColumns };

constexpr int kHeadsListed = 6;  // heads named in the figure title before "…"

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
  m_presets = new QComboBox(this);
  m_presets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_presets->setPlaceholderText(tr("Custom"));
  m_mask = new QLineEdit(this);
  m_mask->setPlaceholderText(tr("none, or e.g. heads=retrieval>0.5 dims=first16"));
  m_mask->setClearButtonEnabled(true);
  m_run = new QPushButton(tr("&Run"), this);
  m_status = new QLabel(this);

  m_promptView = new QTextBrowser(this);
  m_promptView->setOpenLinks(false);
  m_table = new QTableWidget(0, kColumns, this);
  m_table->setHorizontalHeaderLabels({tr("Sample"), tr("Mask"), tr("Answer"), tr("Correct"), tr("ms")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(kAnswerColumn, QHeaderView::Stretch);
  m_plot = new QCustomPlot(this);
  m_title = addPlotTitle(*m_plot, font());
  placeLegendBelow(*m_plot, 2);

  auto* toolbar = newToolbar();
  addLabelled(toolbar, tr("&Sample:"), m_sample);
  toolbar->addSpacing(kToolbarGap);
  addLabelled(toolbar, tr("&Mask:"), m_presets);
  toolbar->addWidget(m_mask, 1);
  toolbar->addWidget(m_run);
  toolbar->addWidget(m_status);

  auto* details = new QVBoxLayout;
  details->setContentsMargins(8, 2, 8, 2);
  details->addWidget(m_sampleLabel);
  details->addWidget(m_answers);

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(m_table);
  right->addWidget(m_plot);
  right->setStretchFactor(0, 1);
  right->setStretchFactor(1, 2);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_promptView);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(toolbar);
  layout->addLayout(details);
  layout->addWidget(split, 1);

  connect(m_sample, &QSpinBox::valueChanged, this, [this](int value) {
    if (m_count > 0) Q_EMIT sampleRequested(value - 1);
  });
  connect(m_presets, &QComboBox::activated, this,
          [this](int index) { m_mask->setText(m_presets->itemData(index).toString()); });
  connect(m_mask, &QLineEdit::textChanged, this, [this](const QString& text) {
    const QSignalBlocker blocker(m_presets);
    m_presets->setCurrentIndex(m_presets->findData(text.trimmed()));
  });
  connect(m_mask, &QLineEdit::returnPressed, this, &QaSampleView::run);
  connect(m_run, &QPushButton::clicked, this, &QaSampleView::run);
  connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
    if (row >= 0) showRun(row);
  });
  clear();
}

void QaSampleView::setSamples(int count, int headDim, bool haveRetrievalScores) {
  m_count = std::max(0, count);
  m_headDim = m_count > 0 ? headDim : 0;
  m_haveRetrievalScores = haveRetrievalScores;
  m_pending = 0;
  m_prompt = {};
  m_goldText.clear();
  m_runs.clear();
  m_shownRun = -1;
  m_table->setRowCount(0);
  m_promptView->clear();
  m_sampleLabel->clear();
  m_answers->clear();
  {
    const QSignalBlocker blocker(m_sample);
    m_sample->setRange(1, std::max(1, m_count));
    m_sample->setValue(1);
    m_sample->setSuffix(m_count > 0 ? tr(" of %1").arg(m_count) : QString());
  }
  {
    const QSignalBlocker blocker(m_presets);
    m_presets->clear();
    if (m_count > 0) {
      const QStringList masks = presets();
      m_presets->addItem(tr("No mask"), masks.front());
      for (int i = 1; i < masks.size(); ++i) m_presets->addItem(masks[i], masks[i]);
    }
  }
  if (m_mask->text().isEmpty()) m_mask->setText(QStringLiteral("none"));
  m_presets->setCurrentIndex(m_presets->findData(m_mask->text().trimmed()));
  refreshPlot();
  updateControls();
  if (m_count > 0) Q_EMIT sampleRequested(0);
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
  m_pending = std::max(0, m_pending - 1);
  if (m_count == 0) {
    updateControls();
    return;
  }
  Run run;
  run.sample = static_cast<int>(answer.prompt.index);
  run.mask = fromUtf8(answer.mask);
  run.answer = firstLine(answer.answer);
  run.correct = answer.correct;
  run.elapsedMs = elapsedMs;
  run.goldIndex = answer.prompt.goldIndex;
  run.maskedHeads = answer.maskedHeads;
  run.massHeads = answer.massHeads;
  run.retrievalHeads = answer.retrievalHeads;
  run.retrievalMass.assign(answer.retrievalMass.begin(), answer.retrievalMass.end());
  m_runs.push_back(std::move(run));
  const Run& r = m_runs.back();

  const int row = m_table->rowCount();
  m_table->insertRow(row);
  const auto put = [&](int column, const QString& text) {
    auto* item = new QTableWidgetItem(text);
    if (column == kSampleColumn || column == kTimeColumn) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (column == kCorrectColumn) {
      item->setTextAlignment(Qt::AlignCenter);
      item->setForeground(r.correct ? QColor(0x00, 0x9e, 0x73) : selectionColor());
    }
    m_table->setItem(row, column, item);
  };
  put(kSampleColumn, QString::number(r.sample + 1));
  put(kMaskColumn, r.mask);
  put(kAnswerColumn, r.answer.isEmpty() ? tr("(empty)") : r.answer);
  put(kCorrectColumn, r.correct ? QStringLiteral("✓") : QStringLiteral("✗"));
  put(kTimeColumn, QString::number(std::lround(r.elapsedMs)));
  m_table->item(row, kMaskColumn)->setToolTip(tr("%1 heads changed by the mask").arg(r.maskedHeads));
  m_table->setCurrentCell(row, kAnswerColumn);
  m_table->scrollToBottom();
  showRun(row);
  updateControls();
}

void QaSampleView::runFailed() {
  m_pending = std::max(0, m_pending - 1);
  updateControls();
}

bool QaSampleView::setResults(const engine::ResultsFile& results) {
  (void)results;
  return hasData();
}

void QaSampleView::clear() { setSamples(0, 0, false); }

QString QaSampleView::unavailableText() const {
  return tr("Needs a model folder with tokenizer.json opened with QA data (File ▸ Choose QA Data…).");
}

QWidget* QaSampleView::plotWidget() const { return m_plot; }

int QaSampleView::currentSample() const { return m_count > 0 ? m_sample->value() - 1 : -1; }

void QaSampleView::setCurrentSample(int index) {
  if (m_count > 0) m_sample->setValue(std::clamp(index, 0, m_count - 1) + 1);
}

QString QaSampleView::maskText() const { return m_mask->text(); }

void QaSampleView::setMaskText(const QString& mask) { m_mask->setText(mask); }

QStringList QaSampleView::presetMasks(int headDim) {
  QStringList masks{QStringLiteral("none")};
  if (headDim < 1) return masks;
  for (int count : {std::max(1, headDim / 8), std::max(1, headDim / 4)})
    for (const char* side : {"first", "last"}) {
      const QString mask = QStringLiteral("heads=retrieval>0.5 dims=%1%2").arg(QLatin1String(side)).arg(count);
      if (!masks.contains(mask)) masks << mask;
    }
  return masks;
}

QStringList QaSampleView::presets() const { return presetMasks(m_headDim); }

void QaSampleView::run() {
  if (m_count == 0) return;
  QString mask = maskText().trimmed();
  if (mask.isEmpty()) mask = QStringLiteral("none");
  ++m_pending;
  updateControls();
  Q_EMIT runRequested(currentSample(), mask);
}

QString QaSampleView::runCell(int row, int column) const {
  const auto* item = row >= 0 && row < m_table->rowCount() ? m_table->item(row, column) : nullptr;
  return item ? item->text() : QString();
}

QString QaSampleView::promptPlainText() const { return m_promptView->toPlainText(); }

QString QaSampleView::goldDocumentText() const { return m_goldText; }

QString QaSampleView::sampleLabelText() const { return m_sampleLabel->text(); }

QString QaSampleView::answersText() const { return m_answers->text(); }

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

void QaSampleView::refreshPlot() {
  m_plot->clearPlottables();
  m_plot->xAxis->setLabel(tr("document (1 = first)"));
  m_plot->yAxis->setLabel(tr("attention of the answer position"));
  if (m_shownRun < 0) {
    m_title->setText(m_count > 0 ? tr("Run a mask to see where the answer looks") : tr("No samples"));
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1);
    m_plot->legend->setVisible(false);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const Run& r = m_runs[static_cast<std::size_t>(m_shownRun)];
  auto* others = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  auto* gold = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  others->setName(tr("other documents"));
  gold->setName(tr("gold document"));
  others->setPen(Qt::NoPen);
  others->setBrush(seriesColor(0));
  gold->setPen(Qt::NoPen);
  gold->setBrush(seriesColor(1));
  double top = 0.0;
  const int documents = static_cast<int>(r.retrievalMass.size());
  for (int d = 0; d < documents; ++d) {
    const double value = r.retrievalMass[static_cast<std::size_t>(d)];
    (d == r.goldIndex ? gold : others)->addData(d + 1.0, value);
    if (std::isfinite(value)) top = std::max(top, value);
  }
  others->setWidth(0.7);
  gold->setWidth(0.7);
  m_plot->xAxis->setRange(0.4, std::max(1, documents) + 0.6);
  m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);

  QString heads;
  switch (r.massHeads) {
    case engine::MassHeads::RetrievalAbove:
      heads = tr("mean over the retrieval heads (score > 0.5): %1").arg(headList(r.retrievalHeads));
      break;
    case engine::MassHeads::TopRetrieval:
      heads = tr("no head scores above 0.5: mean over the highest-scoring heads %1").arg(headList(r.retrievalHeads));
      break;
    case engine::MassHeads::All:
      heads = tr("mean over all heads (no retrieval scores)");
      break;
  }
  const QString answer = r.answer.isEmpty() ? tr("(empty)") : QStringLiteral("“%1”").arg(r.answer);
  m_title->setText(
      tr("Sample %1 · %2 · answer %3 %4")
          .arg(QString::number(r.sample + 1), r.mask, answer, r.correct ? QStringLiteral("✓") : QStringLiteral("✗")) +
      QLatin1Char('\n') + heads);
  m_plot->legend->setVisible(true);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void QaSampleView::updateControls() {
  const bool have = m_count > 0;
  m_sample->setEnabled(have);
  m_presets->setEnabled(have);
  m_mask->setEnabled(have);
  m_run->setEnabled(have);
  m_status->setText(m_pending > 0 ? tr("running…") : QString());
}

}  // namespace ropescope::widgets
