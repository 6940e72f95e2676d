// Colour maps of the heatmaps. GUI thread only.
#include "widgets/color_maps.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>

namespace ropescope::widgets {
namespace {

// matplotlib's viridis and cividis at 0, 1/8, ..., 1: perceptually uniform, readable in greyscale
// and by colour-blind readers (cividis is made for them).
constexpr QRgb kViridis[] = {0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863, 0xaadc32, 0xfde725};
constexpr QRgb kCividis[] = {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xfee838};
constexpr QRgb kGreys[] = {0x000000, 0xffffff};
// ColorBrewer's RdBu (11 classes), blue for negative, white at 0, red for positive.
constexpr QRgb kDiverging[] = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                               0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};

QColor interpolate(std::span<const QRgb> stops, double t) {
  if (!std::isfinite(t)) t = 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double at = t * static_cast<double>(stops.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(at), stops.size() - 2);
  const double f = at - static_cast<double>(i);
  const QColor a(stops[i]);
  const QColor b(stops[i + 1]);
  auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
  return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

}  // namespace

QString colorMapName(ColorMap map) {
  switch (map) {
    case ColorMap::Viridis:
      return QStringLiteral("viridis");
    case ColorMap::Cividis:
      return QStringLiteral("cividis");
    case ColorMap::Greys:
      return QStringLiteral("greys");
  }
  return {};
}

std::optional<ColorMap> colorMapByName(const QString& name) {
  for (auto map : {ColorMap::Viridis, ColorMap::Cividis, ColorMap::Greys})
    if (name.trimmed().compare(colorMapName(map), Qt::CaseInsensitive) == 0) return map;
  return std::nullopt;
}

QStringList colorMapNames() {
  return {colorMapName(ColorMap::Viridis), colorMapName(ColorMap::Cividis), colorMapName(ColorMap::Greys)};
}

QColor colorAt(ColorMap map, double t) {
  switch (map) {
    case ColorMap::Viridis:
      return interpolate(kViridis, t);
    case ColorMap::Cividis:
      return interpolate(kCividis, t);
    case ColorMap::Greys:
      return interpolate(kGreys, t);
  }
  return interpolate(kViridis, t);
}

QColor divergingColorAt(double t) { return interpolate(kDiverging, t); }

ColorMaps& ColorMaps::instance() {
  static ColorMaps maps;
  return maps;
}

void ColorMaps::setSequential(ColorMap map) {
  if (map == m_sequential) return;
  m_sequential = map;
  Q_EMIT changed();
}

}  // namespace ropescope::widgets
