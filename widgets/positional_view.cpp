// The "Positional" page: ranking table, ρ heatmap and the dominant pair against distance. GUI thread only.
#include "widgets/positional_view.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/heatmap_view.h"
#include "widgets/plot_export.h"
#include "widgets/view_support.h"

namespace ropescope::widgets {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kReferenceCurves = 3;

// Sorts by the number in Qt::UserRole (NaN last), shows the text it was given.
class NumberItem : public QTableWidgetItem {
 public:
  NumberItem(double value, const QString& text) : QTableWidgetItem(text) {
    setData(Qt::UserRole, value);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  }
  bool operator<(const QTableWidgetItem& other) const override {
    const double a = data(Qt::UserRole).toDouble();
    const double b = other.data(Qt::UserRole).toDouble();
    if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
    return a < b;
  }
};

QString formatRho(double rho) { return std::isnan(rho) ? QStringLiteral("—") : QString::number(rho, 'f', 3); }

}  // namespace

PositionalView::PositionalView(QWidget* parent) : ResultsPane(parent) {
  m_table = new QTableWidget(this);
  m_table->setColumnCount(kColumnCount);
  m_table->setHorizontalHeaderLabels({tr("rank"), tr("layer"), tr("head"), tr("ρ"), tr("dominant pair"), tr("share")});
  m_table->horizontalHeaderItem(kRho)->setToolTip(tr("Spearman ρ of token distance against the dominant pair"));
  m_table->horizontalHeaderItem(kDominant)->setToolTip(
      tr("The pair (frequency order, 0 fastest) that dominates q·k most often"));
  m_table->horizontalHeaderItem(kShare)->setToolTip(tr("Share of analysed (query, key) pairs it dominates"));
  m_table->verticalHeader()->setVisible(false);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSortingEnabled(true);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setStretchLastSection(true);

  m_heatmap = new HeatmapView(this);
  m_heatmap->setSignedValues(true);
  m_heatmap->setKeyboardNavigation(true);
  m_heatmap->setTooltipFormatter([this](int layer, int head, double value) {
    return tr("%1: ρ %2, dominant %3 %4")
        .arg(headTag(layer, head), formatRho(value), m_unit)
        .arg(dominantUnit(layer, head));
  });

  m_plot = new QCustomPlot(this);
  m_title = addPlotTitle(*m_plot, font());
  for (int i = 0; i < kReferenceCurves; ++i) {
    auto* g = m_plot->addGraph();
    QColor grey(150, 150, 150);
    g->setPen(QPen(grey, 1.2, Qt::DashLine));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, grey, Qt::white, 4));
    m_reference.push_back(g);
  }
  m_graph = m_plot->addGraph();
  m_graph->setPen(QPen(selectionColor(), 2.2));
  m_graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, selectionColor(), selectionColor(), 6));
  placeLegendBelow(*m_plot, 2);
  m_plot->xAxis->setLabel(tr("token distance (query − key)"));

  m_summary = new QLabel(this);
  m_summary->setWordWrap(true);
  m_summary->setEnabled(false);  // secondary text

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(6, 4, 0, 0);
  leftLayout->addWidget(m_summary);
  leftLayout->addWidget(m_table, 1);
  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(m_heatmap);
  right->addWidget(m_plot);
  right->setStretchFactor(0, 2);
  right->setStretchFactor(1, 3);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  left->setMinimumWidth(330);  // every column readable
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(m_heatmap, &HeatmapView::cellClicked, this, [this](int layer, int head) {
    selectHead(layer, head);
    Q_EMIT headClicked(layer, head);
  });
  connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
    const auto* layer = m_table->item(row, kLayer);
    const auto* head = m_table->item(row, kHead);
    if (!layer || !head) return;
    const int l = layer->data(Qt::UserRole).toInt();
    const int h = head->data(Qt::UserRole).toInt();
    selectHead(l, h);
    Q_EMIT headClicked(l, h);
  });
  clear();
}

bool PositionalView::setResults(const engine::ResultsFile& results) {
  const auto* rho = findArray(results, engine::schema::kPositionalRho);
  if (!rho) {
    clear();
    return false;
  }
  m_rho = *rho;
  const auto layers = m_rho.dim(0);
  const auto heads = m_rho.dim(1);
  const auto* hist = findArray(results, engine::schema::kPositionalDominantHist);
  m_hist = hist && hist->dim(0) == layers && hist->dim(1) == heads ? *hist : engine::NdArray{};
  const auto* byDistance = findArray(results, engine::schema::kPositionalMeanDominantByDistance);
  const auto* edges = findArray(results, engine::schema::kPositionalDistanceBinEdges);
  m_byDistance = {};
  m_edges.clear();
  if (byDistance && edges && byDistance->dim(0) == layers && byDistance->dim(1) == heads &&
      edges->dim(0) == byDistance->dim(2) + 1) {
    m_byDistance = *byDistance;
    m_edges.assign(edges->values.begin(), edges->values.end());
  }
  // The unit is a pair unless the histogram has head_dim entries (the per-dim variant).
  const int headDim = results.weights ? results.weights->model.headDim : 0;
  m_unit = !m_hist.empty() && headDim > 0 && m_hist.dim(2) == headDim ? tr("dim") : tr("pair");
  m_table->horizontalHeaderItem(kDominant)->setText(tr("dominant %1").arg(m_unit));

  // Every head by |ρ| descending (ties in layer, head order), NaN last: the table's order, the
  // head shown first and the reference curves.
  m_ranking.clear();
  for (int l = 0; l < layers; ++l)
    for (int h = 0; h < heads; ++h) m_ranking.emplace_back(l, h);
  std::stable_sort(m_ranking.begin(), m_ranking.end(), [this](const auto& a, const auto& b) {
    const double ra = m_rho.at({a.first, a.second});
    const double rb = m_rho.at({b.first, b.second});
    if (std::isnan(ra) || std::isnan(rb)) return !std::isnan(ra) && std::isnan(rb);
    return std::abs(ra) > std::abs(rb);
  });
  m_heatmap->setMatrix(static_cast<int>(layers), static_cast<int>(heads), m_rho.values);
  m_heatmap->setLabels(tr("Spearman ρ of distance against the dominant %1").arg(m_unit), tr("layer"), tr("head"),
                       tr("Spearman ρ"));
  fillTable();
  if (!m_hasSelection || m_shown.first >= layers || m_shown.second >= heads) {
    m_hasSelection = false;
    m_shown = m_ranking.front();  // the strongest positional head
  }
  const auto* counts = findArray(results, engine::schema::kPositionalCounts);
  m_summary->setText(counts && counts->values.size() >= 4
                         ? tr("%1 (query, key) pairs per head from %2 sequences; sorted by |ρ|. Click a row to "
                              "select the head.")
                               .arg(static_cast<long long>(counts->values[0]))
                               .arg(static_cast<long long>(counts->values[2]))
                         : tr("Sorted by |ρ|. Click a row to select the head."));
  refreshCurve();
  return true;
}

void PositionalView::clear() {
  m_rho = {};
  m_ranking.clear();
  m_hist = {};
  m_byDistance = {};
  m_edges.clear();
  m_hasSelection = false;
  m_table->setRowCount(0);
  m_heatmap->clear();
  m_heatmap->setLabels(tr("No positional heads"), tr("layer"), tr("head"), QString());
  m_summary->clear();
  refreshCurve();
}

QString PositionalView::unavailableText() const {
  return tr("Needs positional heads (/positional/rho): run the positional analysis.");
}

void PositionalView::selectHead(int layer, int head) {
  if (!hasData() || layer < 0 || head < 0 || layer >= m_rho.dim(0) || head >= m_rho.dim(1)) {
    m_heatmap->setMarkedCell(std::nullopt);
    return;
  }
  m_hasSelection = true;
  m_shown = {layer, head};
  m_heatmap->setMarkedCell(HeatmapView::Cell{layer, head});
  for (int row = 0; row < m_table->rowCount(); ++row) {
    if (m_table->item(row, kLayer)->data(Qt::UserRole).toInt() == layer &&
        m_table->item(row, kHead)->data(Qt::UserRole).toInt() == head) {
      const QSignalBlocker blocker(m_table);
      m_table->selectRow(row);
      m_table->scrollToItem(m_table->item(row, kLayer));
      break;
    }
  }
  refreshCurve();
}

QWidget* PositionalView::plotWidget() const {
  return m_figure == QLatin1String("rho") ? m_heatmap->plotWidget() : m_plot;
}

QStringList PositionalView::figureIds() const {
  if (!hasData()) return {};
  QStringList ids;
  if (!m_byDistance.empty()) ids << QStringLiteral("distance");
  ids << QStringLiteral("rho");
  return ids;
}

bool PositionalView::showFigure(const QString& id) {
  if (!figureIds().contains(id)) return false;
  m_figure = id;
  return true;
}

int PositionalView::dominantUnit(int layer, int head) const {
  if (m_hist.empty() || layer < 0 || head < 0 || layer >= m_hist.dim(0) || head >= m_hist.dim(1)) return -1;
  int best = -1;
  double bestShare = -1.0;
  for (int u = 0; u < m_hist.dim(2); ++u)
    if (const double s = m_hist.at({layer, head, u}); s > bestShare) bestShare = s, best = u;
  return best;
}

std::vector<QPointF> PositionalView::curve(int layer, int head) const {
  std::vector<QPointF> out;
  if (m_byDistance.empty() || layer < 0 || head < 0 || layer >= m_byDistance.dim(0) || head >= m_byDistance.dim(1))
    return out;
  for (int b = 0; b + 1 < static_cast<int>(m_edges.size()); ++b) {
    const double y = m_byDistance.at({layer, head, b});
    if (std::isnan(y)) continue;
    // Bin b holds distances edges[b] .. edges[b + 1] - 1.
    out.emplace_back((m_edges[b] + m_edges[b + 1] - 1.0) / 2.0, y);
  }
  return out;
}

void PositionalView::fillTable() {
  const QSignalBlocker blocker(m_table);
  m_table->setSortingEnabled(false);
  m_table->setRowCount(0);
  if (!hasData()) return;
  struct Row {
    int layer, head;
    double rho;
  };
  m_table->setRowCount(static_cast<int>(m_ranking.size()));
  for (int r = 0; r < static_cast<int>(m_ranking.size()); ++r) {
    const auto [layer, head] = m_ranking[static_cast<std::size_t>(r)];
    const Row row{layer, head, m_rho.at({layer, head})};
    const int unit = dominantUnit(row.layer, row.head);
    const double share = unit >= 0 ? m_hist.at({row.layer, row.head, unit}) : kNaN;
    m_table->setItem(r, kRank, new NumberItem(r + 1, QString::number(r + 1)));
    m_table->setItem(r, kLayer, new NumberItem(row.layer, QString::number(row.layer)));
    m_table->setItem(r, kHead, new NumberItem(row.head, QString::number(row.head)));
    m_table->setItem(r, kRho, new NumberItem(row.rho, formatRho(row.rho)));
    m_table->setItem(r, kDominant, new NumberItem(unit, unit >= 0 ? QString::number(unit) : QStringLiteral("—")));
    m_table->setItem(r, kShare,
                     new NumberItem(share, std::isnan(share) ? QStringLiteral("—")
                                                             : QStringLiteral("%1 %").arg(share * 100.0, 0, 'f', 1)));
  }
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(kRank, Qt::AscendingOrder);
}

void PositionalView::refreshCurve() {
  for (auto* g : m_reference) {
    g->data()->clear();
    g->setVisible(false);
    g->removeFromLegend();
  }
  m_graph->data()->clear();
  if (!hasData() || m_byDistance.empty()) {
    m_title->setText(hasData() ? tr("No dominant-pair-by-distance data in these results") : tr("No positional heads"));
    m_graph->setName(tr("selected head"));
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const auto [layer, head] = m_shown;
  const auto setCurve = [this](QCPGraph* g, int l, int h) {
    QVector<double> xs, ys;
    for (const auto& p : curve(l, h)) xs << p.x(), ys << p.y();
    g->setData(xs, ys);
    g->setName(tr("%1 (ρ = %2)").arg(headTag(l, h), formatRho(m_rho.at({l, h}))));
  };
  setCurve(m_graph, layer, head);
  // The strongest other positional heads for comparison.
  std::size_t drawn = 0;
  for (const auto& [l, h] : m_ranking) {
    if (drawn == m_reference.size() || std::isnan(m_rho.at({l, h}))) break;
    if (l == layer && h == head) continue;
    auto* g = m_reference[drawn++];
    setCurve(g, l, h);
    g->setVisible(true);
    g->addToLegend();
  }
  // Distances span orders of magnitude: a log axis when they do.
  const bool logX = m_edges.front() >= 1.0 && m_edges.back() / std::max(1.0, m_edges.front()) > 20.0;
  setAxisScale(m_plot->xAxis, logX ? AxisScale::Log : AxisScale::Linear);
  m_plot->yAxis->setLabel(tr("mean dominant %1 (0 = fastest)").arg(m_unit));
  m_title->setText(tr("Dominant %1 against token distance: %2").arg(m_unit, headTag(layer, head)));
  m_plot->rescaleAxes();
  const QCPRange y = m_plot->yAxis->range();
  m_plot->yAxis->setRange(std::min(0.0, y.lower), y.upper + std::max(0.5, y.size() * 0.05));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QByteArray PositionalView::csvData() const {
  const auto number = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 9); };
  QByteArray out;
  if (!hasData()) return out;
  if (m_figure == QLatin1String("rho")) {
    out = "layer,head,rho,dominant " + m_unit.toUtf8() + ",share\n";
    for (int l = 0; l < m_rho.dim(0); ++l)
      for (int h = 0; h < m_rho.dim(1); ++h) {
        const int unit = dominantUnit(l, h);
        out += QByteArray::number(l) + ',' + QByteArray::number(h) + ',' + number(m_rho.at({l, h})) + ',' +
               (unit >= 0 ? QByteArray::number(unit) : QByteArray()) + ',' +
               (unit >= 0 ? number(m_hist.at({l, h, unit})) : QByteArray()) + '\n';
      }
    return out;
  }
  out = "layer,head,distance_from,distance_to,mean dominant " + m_unit.toUtf8() + "\n";
  for (int l = 0; l < m_byDistance.dim(0); ++l)
    for (int h = 0; h < m_byDistance.dim(1); ++h)
      for (int b = 0; b + 1 < static_cast<int>(m_edges.size()); ++b)
        out += QByteArray::number(l) + ',' + QByteArray::number(h) + ',' + number(m_edges[b]) + ',' +
               number(m_edges[b + 1] - 1.0) + ',' + number(m_byDistance.at({l, h, b})) + '\n';
  return out;
}

}  // namespace ropescope::widgets
