// File ▸ Export Figure… and Export All Figures…: the figure's size (mm, in or pixels), its DPI,
// the formats and the colour map, remembered between runs. GUI thread only.
#pragma once

#include <QDialog>
#include <vector>

#include "widgets/plot_export.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ropescope::app {

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  // With `chooseFormats` the dialog offers a check box per format (Export All); otherwise the
  // format comes from the file name and only the size is asked.
  explicit ExportDialog(bool chooseFormats, QWidget* parent = nullptr);

  widgets::FigureSize figureSize() const;
  void setFigureSize(const widgets::FigureSize& size);
  // The checked formats (empty without `chooseFormats`).
  std::vector<widgets::ExportFormat> formats() const;
  void setFormats(const std::vector<widgets::ExportFormat>& formats);

  // Stores the choices for the next dialog (on accept).
  void accept() override;
  // The size and formats last accepted (180 x 120 mm at 300 DPI; PNG, SVG, PDF and CSV at first).
  static widgets::FigureSize rememberedSize();
  static std::vector<widgets::ExportFormat> rememberedFormats();

 private:
  void updateSummary();

  QDoubleSpinBox* m_width;
  QDoubleSpinBox* m_height;
  QComboBox* m_unit;
  QSpinBox* m_dpi;
  QComboBox* m_colorMap;
  std::vector<QCheckBox*> m_formatBoxes;
  QLabel* m_summary;
};

}  // namespace ropescope::app
