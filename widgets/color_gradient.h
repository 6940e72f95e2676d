// The QCustomPlot gradient of the app's colour maps. Include from widgets' .cpp files only
// (qcustomplot.h stays out of headers). GUI thread only.
#pragma once

#include <qcustomplot.h>

#include "widgets/color_maps.h"

namespace ropescope::widgets {

// The app's sequential map, or the diverging one, sampled finely enough that RGB interpolation
// between stops is invisible. NaN cells are grey, distinguishable in every map.
inline QCPColorGradient gradientOf(bool diverging) {
  constexpr int kStops = 33;
  const ColorMap sequential = ColorMaps::instance().sequential();
  QCPColorGradient gradient;
  gradient.clearColorStops();
  for (int i = 0; i < kStops; ++i) {
    const double t = double(i) / (kStops - 1);
    gradient.setColorStopAt(t, diverging ? divergingColorAt(t) : colorAt(sequential, t));
  }
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setNanHandling(QCPColorGradient::nhNanColor);
  gradient.setNanColor(diverging ? QColor(120, 120, 120) : QColor(190, 190, 190));
  return gradient;
}

}  // namespace ropescope::widgets
