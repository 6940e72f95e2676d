// Helpers shared by the widget tests: laying a widget out offscreen, sending mouse events and
// results files with groups left out. GUI thread.
#pragma once

#include <QApplication>
#include <QMouseEvent>
#include <QTest>
#include <QToolTip>
#include <QWidget>
#include <initializer_list>

#include "../results_fixture.h"

namespace ropescope::widgets::test {

using namespace ropescope::test;  // the results fixture

// Shows `widget` at `size` and runs the queued replots, so that pixel geometry is final.
inline bool layOut(QWidget& widget, QSize size = QSize(640, 400)) {
  widget.resize(size);
  widget.show();
  const bool exposed = QTest::qWaitForWindowExposed(&widget);
  for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
  return exposed;
}

// Delivers a mouse event straight to `target` (no window system), as QWidget would receive it.
inline void sendMouse(QWidget* target, QEvent::Type type, QPointF pos, Qt::MouseButton button = Qt::NoButton) {
  const Qt::MouseButtons buttons = type == QEvent::MouseButtonPress ? Qt::MouseButtons(button) : Qt::NoButton;
  QMouseEvent event(type, pos, target->mapToGlobal(pos), button, buttons, Qt::NoModifier);
  QApplication::sendEvent(target, &event);
}

// A left click (press and release) at `pos`.
inline void click(QWidget* target, QPointF pos) {
  sendMouse(target, QEvent::MouseButtonPress, pos, Qt::LeftButton);
  sendMouse(target, QEvent::MouseButtonRelease, pos, Qt::LeftButton);
}

// The full results fixture without the arrays at `paths`.
inline engine::ResultsFile fullResultsWithout(std::initializer_list<const char*> paths) {
  engine::ResultsFile results = ropescope::test::fullResults();
  for (const char* path : paths) results.arrays.erase(path);
  return results;
}

// QToolTip hides after a short delay; waits up to `ms` for it.
inline bool toolTipHidden(int ms = 2000) {
  for (int waited = 0; waited < ms && QToolTip::isVisible(); waited += 20) QTest::qWait(20);
  return !QToolTip::isVisible();
}

}  // namespace ropescope::widgets::test
