// The figure export dialog. GUI thread only.
#include "app/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/color_maps.h"

namespace ropescope::app {
namespace {

constexpr auto kSizeKey = "export/size";
constexpr auto kDpiKey = "export/dpi";
constexpr auto kFormatsKey = "export/formats";

}  // namespace

ExportDialog::ExportDialog(bool chooseFormats, QWidget* parent)
    : QDialog(parent),
      m_width(new QDoubleSpinBox),
      m_height(new QDoubleSpinBox),
      m_unit(new QComboBox),
      m_dpi(new QSpinBox),
      m_colorMap(new QComboBox),
      m_summary(new QLabel) {
  setWindowTitle(chooseFormats ? tr("Export All Figures") : tr("Export Figure"));
  for (auto* box : {m_width, m_height}) {
    box->setRange(1.0, 16384.0);
    box->setDecimals(1);
  }
  m_unit->addItem(tr("mm"), int(widgets::SizeUnit::Millimetres));
  m_unit->addItem(tr("in"), int(widgets::SizeUnit::Inches));
  m_unit->addItem(tr("pixels"), int(widgets::SizeUnit::Pixels));
  m_dpi->setRange(10, 2400);
  m_dpi->setSuffix(tr(" DPI"));
  m_dpi->setToolTip(tr("PNG pixels per inch of paper; text keeps its point size at any DPI"));
  for (const auto& name : widgets::colorMapNames()) m_colorMap->addItem(name);
  m_colorMap->setCurrentText(widgets::colorMapName(widgets::ColorMaps::instance().sequential()));
  m_colorMap->setToolTip(tr("The colour map of heatmaps (signed values always use a diverging map centred on 0)"));

  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_width);
  sizeRow->addWidget(new QLabel(QStringLiteral("×")));
  sizeRow->addWidget(m_height);
  sizeRow->addWidget(m_unit);
  auto* form = new QFormLayout;
  form->addRow(tr("&Size:"), sizeRow);
  form->labelForField(sizeRow);
  form->addRow(tr("&Resolution:"), m_dpi);
  form->addRow(tr("&Colour map:"), m_colorMap);
  if (chooseFormats) {
    auto* formatsRow = new QHBoxLayout;
    for (const auto format : widgets::kExportFormats) {
      auto* box = new QCheckBox(widgets::exportFormatName(format).toUpper());
      m_formatBoxes.push_back(box);
      formatsRow->addWidget(box);
      connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSummary);
    }
    form->addRow(tr("&Formats:"), formatsRow);
  }
  m_summary->setWordWrap(true);
  m_summary->setEnabled(false);  // secondary text

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(buttons);

  for (auto* box : {m_width, m_height}) connect(box, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updateSummary);
  connect(m_dpi, &QSpinBox::valueChanged, this, &ExportDialog::updateSummary);
  connect(m_unit, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
  setFigureSize(rememberedSize());
  if (chooseFormats) setFormats(rememberedFormats());
  updateSummary();
}

widgets::FigureSize ExportDialog::figureSize() const {
  widgets::FigureSize size;
  size.width = m_width->value();
  size.height = m_height->value();
  size.unit = static_cast<widgets::SizeUnit>(m_unit->currentData().toInt());
  size.dpi = m_dpi->value();
  return size;
}

void ExportDialog::setFigureSize(const widgets::FigureSize& size) {
  m_unit->setCurrentIndex(m_unit->findData(int(size.unit)));
  m_width->setValue(size.width);
  m_height->setValue(size.height);
  m_dpi->setValue(static_cast<int>(size.dpi));
  updateSummary();
}

std::vector<widgets::ExportFormat> ExportDialog::formats() const {
  std::vector<widgets::ExportFormat> out;
  for (std::size_t i = 0; i < m_formatBoxes.size(); ++i)
    if (m_formatBoxes[i]->isChecked()) out.push_back(widgets::kExportFormats[i]);
  return out;
}

void ExportDialog::setFormats(const std::vector<widgets::ExportFormat>& formats) {
  for (std::size_t i = 0; i < m_formatBoxes.size(); ++i) {
    bool on = false;
    for (const auto f : formats) on = on || f == widgets::kExportFormats[i];
    m_formatBoxes[i]->setChecked(on);
  }
}

void ExportDialog::updateSummary() {
  QString error;
  const auto geometry = widgets::exportGeometry(figureSize(), &error);
  auto* ok = findChild<QDialogButtonBox*>() ? findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok) : nullptr;
  const bool formatsOk = m_formatBoxes.empty() || !formats().empty();
  if (ok) ok->setEnabled(geometry.has_value() && formatsOk);
  if (!geometry) {
    m_summary->setText(error);
    return;
  }
  m_summary->setText(tr("%1 × %2 mm on paper; PNG %3 × %4 pixels")
                         .arg(geometry->millimetres.width(), 0, 'f', 1)
                         .arg(geometry->millimetres.height(), 0, 'f', 1)
                         .arg(geometry->pixels.width())
                         .arg(geometry->pixels.height()) +
                     (formatsOk ? QString() : tr(" — choose at least one format")));
}

void ExportDialog::accept() {
  QSettings settings;
  settings.setValue(kSizeKey, widgets::figureSizeText(figureSize()));
  settings.setValue(kDpiKey, m_dpi->value());
  if (!m_formatBoxes.empty()) {
    QStringList names;
    for (const auto f : formats()) names << widgets::exportFormatName(f);
    settings.setValue(kFormatsKey, names.join(QLatin1Char(',')));
  }
  if (const auto map = widgets::colorMapByName(m_colorMap->currentText()))
    widgets::ColorMaps::instance().setSequential(*map);
  QDialog::accept();
}

widgets::FigureSize ExportDialog::rememberedSize() {
  QSettings settings;
  const double dpi = settings.value(kDpiKey, 300).toDouble();
  const auto size =
      widgets::parseFigureSize(settings.value(kSizeKey, QStringLiteral("180x120mm")).toString(), dpi, nullptr);
  if (size && widgets::exportGeometry(*size, nullptr)) return *size;
  return widgets::FigureSize{};
}

std::vector<widgets::ExportFormat> ExportDialog::rememberedFormats() {
  const auto formats = widgets::parseExportFormats(
      QSettings().value(kFormatsKey, QStringLiteral("png,svg,pdf,csv")).toString(), nullptr);
  return formats ? *formats
                 : std::vector<widgets::ExportFormat>(std::begin(widgets::kExportFormats),
                                                      std::end(widgets::kExportFormats));
}

}  // namespace ropescope::app
