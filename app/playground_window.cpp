// The RoPE playground's window. GUI thread only.
#include "app/playground_window.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "widgets/rope_playground.h"

namespace ropescope::app {

PlaygroundWindow::PlaygroundWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("RoPE Playground — RoPEScope"));
  setObjectName(QStringLiteral("playgroundWindow"));
  m_playground = new widgets::RopePlayground;
  setCentralWidget(m_playground);
  auto* exportMenu = menuBar()->addMenu(tr("&Export"));
  const QString names[] = {tr("cos(θᵢ·Δ) &Heatmap…"), tr("&Curves…"), tr("&Wavelengths…"), tr("&Rotation…")};
  for (int i = 0; i < 4; ++i) exportMenu->addAction(names[i], this, [this, i] { chooseExport(i); });
  exportMenu->addSeparator();
  exportMenu->addAction(tr("&Close"), this, &QWidget::close)->setShortcut(QKeySequence::Close);
  resize(1200, 780);
}

void PlaygroundWindow::chooseExport(int figure) {
  QString filter;
  auto path = QFileDialog::getSaveFileName(this, tr("Export figure"), QString(),
                                           tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += filter.contains(QStringLiteral("svg")) ? ".svg" : ".png";
  const auto format = widgets::exportFormatForPath(path);
  QString error;
  const auto which = static_cast<widgets::RopePlayground::Figure>(figure);
  const QSize size = m_playground->figureWidget(which)->size().expandedTo(QSize(640, 400));
  if (!format) {
    error = tr("%1: unknown figure format; use .png or .svg").arg(path);
  } else if (m_playground->exportFigure(which, path, *format, size, *format == widgets::ExportFormat::Png ? 2.0 : 1.0,
                                        &error)) {
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    return;
  }
  QMessageBox::warning(this, tr("RoPEScope"), error);
}

}  // namespace ropescope::app
