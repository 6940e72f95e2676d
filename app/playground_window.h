// The RoPE playground in a window of its own (View ▸ RoPE Playground): no model needed, so a
// teacher can keep it open beside the results. Export menu for each of its figures. GUI thread.
#pragma once

#include <QMainWindow>

namespace ropescope::widgets {
class RopePlayground;
}

namespace ropescope::app {

class PlaygroundWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit PlaygroundWindow(QWidget* parent = nullptr);
  widgets::RopePlayground* playground() const { return m_playground; }

 private:
  void chooseExport(int figure);

  widgets::RopePlayground* m_playground = nullptr;
};

}  // namespace ropescope::app
