// The colour maps of every heatmap: one sequential map chosen for the whole app (View ▸ Colour
// Map, --colormap), and a diverging map, centred on 0, for signed values. GUI thread only.
#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace ropescope::widgets {

enum class ColorMap { Viridis, Cividis, Greys };

// "viridis", "cividis", "greys".
QString colorMapName(ColorMap map);
// By name, any case; nullopt for others.
std::optional<ColorMap> colorMapByName(const QString& name);
QStringList colorMapNames();

// The colour at t in [0, 1] (clamped) of a sequential map, or of the diverging map
// (blue, white at 0.5, red: ColorBrewer's RdBu) when `diverging`.
QColor colorAt(ColorMap map, double t);
QColor divergingColorAt(double t);

// The app's sequential map; heatmaps follow a change at once (ColorMaps::changed).
class ColorMaps : public QObject {
  Q_OBJECT

 public:
  static ColorMaps& instance();
  ColorMap sequential() const { return m_sequential; }
  void setSequential(ColorMap map);

 Q_SIGNALS:
  void changed();

 private:
  ColorMaps() = default;
  ColorMap m_sequential = ColorMap::Viridis;
};

}  // namespace ropescope::widgets
