// Helpers shared by the results views: array shape checks, plot titles, series colours and head names.
// GUI thread only (the array checks may be called from any thread).
#pragma once

#include <QColor>
#include <QPoint>
#include <QString>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/results/nd_array.h"
#include "engine/results/schema.h"

class QCPAxis;
class QCustomPlot;
class QCPTextElement;
class QFont;
class QHBoxLayout;
class QLabel;
class QVBoxLayout;
class QWidget;

namespace ropescope::widgets {

// True when `a` has `rank` axes, every size is positive and fits an int, and values holds exactly
// their product.
bool isWellFormed(const engine::NdArray& a, std::size_t rank);

// The dataset when it exists and is well-formed with the schema's rank, else null.
const engine::NdArray* findArray(const engine::ResultsFile& results, const engine::Dataset& dataset);

// A group attribute parsed as one number, or nullopt when absent or not a finite number.
std::optional<double> numberAttribute(const engine::ResultsFile& results, const engine::GroupAttribute& attribute);

// The wavelength (tokens per turn) of each of a model's `pairs` RoPE pairs: /angles/wavelength
// when it has `pairs` positive finite values, else from the model's θ when no rope scaling
// rescales them and head_dim is 2 * pairs; empty otherwise (no rotation, unknown scaling).
std::vector<double> pairWavelengths(const engine::ResultsFile& results, int pairs);

// Mean of the finite values (NaN when there are none).
double finiteMean(const std::vector<double>& values);

// Ticks at whole numbers only (1, 2, 5, 10, ... apart as space allows), no sub-ticks.
void useIntegerTicks(QCPAxis* axis);
enum class AxisScale { Linear, Integer, Log };
// Linear with the default ticks, linear at whole numbers (useIntegerTicks), or logarithmic with
// ticks at powers of ten.
void setAxisScale(QCPAxis* axis, AxisScale scale);

// A bold title row above the plot's axis rect, as the heatmaps have it.
QCPTextElement* addPlotTitle(QCustomPlot& plot, const QFont& base);

// Moves the legend out of the axis rect into a row below it (so it never hides data), filling
// `columns` entries a row, and shows it.
void placeLegendBelow(QCustomPlot& plot, int columns);

// Distinct colours for line series (Okabe-Ito, readable by colour-blind viewers); cycles.
QColor seriesColor(int index);
// The colour that marks the selected head in every view.
QColor selectionColor();

// Space between groups of controls in a toolbar row.
inline constexpr int kToolbarGap = 12;
// A toolbar row with the views' margins; add its widgets, then pass it to setToolbarLayout.
QHBoxLayout* newToolbar();
// Adds a label reading `text` (with its "&" mnemonic) for `widget`, then `widget`, to `toolbar`;
// returns the label (to hide it with the widget).
QLabel* addLabelled(QHBoxLayout* toolbar, const QString& text, QWidget* widget);
// Gives `page` its layout: `toolbar` (closed with a stretch) above `content`, which takes the
// remaining height, with no outer margins.
QVBoxLayout* setToolbarLayout(QWidget* page, QHBoxLayout* toolbar, QWidget* content);

// Shows `text` as a tooltip near `pos` (in `widget`'s pixels), moved so that it stays inside
// `widget`'s window: left of the cursor near the right edge, above it near the bottom.
void showTooltipInside(QWidget* widget, QPoint pos, const QString& text);

// "L3H5": layer and head as the papers write them.
QString headTag(int layer, int head);

}  // namespace ropescope::widgets
