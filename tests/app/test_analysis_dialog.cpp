// Analysis ▸ Run…: the dialog's fields become the request the worker runs.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include "app/analysis_dialog.h"
#include "engine/analysis/analysis_run.h"

namespace ropescope::app {
namespace {

QPushButton* runButton(AnalysisDialog& dialog) {
  for (auto* b : dialog.findChild<QDialogButtonBox*>()->buttons())
    if (b->text().contains("Run")) return qobject_cast<QPushButton*>(b);
  return nullptr;
}

TEST(AnalysisDialog, FieldsMakeTheRequest) {
  QTemporaryDir dir;
  AnalysisDialog dialog(dir.filePath("out.h5"));
  auto request = dialog.request();
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->analyses, engine::parseAnalysisList("all"));  // every analysis by default
  EXPECT_TRUE(request->paperMasks);
  EXPECT_EQ(request->samples, 4);
  EXPECT_TRUE(request->goldPositions.empty());  // the data's own
  EXPECT_EQ(request->output, dir.filePath("out.h5"));
  EXPECT_FALSE(request->resume);
  EXPECT_FALSE(dialog.resumeBox()->isEnabled());  // nothing to resume yet

  dialog.analysisBox(engine::Analysis::Utility)->setChecked(false);
  dialog.analysisBox(engine::Analysis::Qa)->setChecked(false);
  dialog.goldPositionsEdit()->setText(" 0, 9,19");
  dialog.samplesSpin()->setValue(0);
  request = dialog.request();
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->analyses.count(engine::Analysis::Utility), 0u);
  EXPECT_FALSE(request->paperMasks);  // no qa, no mask sets
  EXPECT_EQ(request->goldPositions, (std::vector<int>{0, 9, 19}));
  EXPECT_EQ(request->samples, 0);  // all

  // A field that does not parse says so and disables Run.
  dialog.goldPositionsEdit()->setText("0,x");
  QString error;
  EXPECT_FALSE(dialog.request(&error).has_value());
  EXPECT_TRUE(error.contains("'x'")) << error.toStdString();
  ASSERT_NE(runButton(dialog), nullptr);
  EXPECT_FALSE(runButton(dialog)->isEnabled());
  dialog.goldPositionsEdit()->clear();
  EXPECT_TRUE(runButton(dialog)->isEnabled());

  // An existing output can be resumed.
  QFile existing(dir.filePath("out.h5"));
  ASSERT_TRUE(existing.open(QIODevice::WriteOnly));
  existing.close();
  AnalysisDialog again(dir.filePath("out.h5"));
  EXPECT_TRUE(again.resumeBox()->isEnabled());
  dialog.outputEdit()->setText(dir.filePath("other.h5"));
  EXPECT_FALSE(dialog.resumeBox()->isEnabled());
  dialog.outputEdit()->setText(dir.filePath("out.h5"));
  EXPECT_TRUE(dialog.resumeBox()->isEnabled());
  dialog.resumeBox()->setChecked(true);
  EXPECT_TRUE(dialog.request()->resume);
}

}  // namespace
}  // namespace ropescope::app

#include <QDialogButtonBox>
#include <QPushButton>

#include "app/export_dialog.h"
#include "widgets/color_maps.h"

namespace ropescope::app {
namespace {

TEST(ExportDialog, RemembersTheSizeFormatsAndColourMapItWasAcceptedWith) {
  {
    ExportDialog dialog(true);
    dialog.setFigureSize({90, 60, widgets::SizeUnit::Millimetres, 600});
    dialog.setFormats({widgets::ExportFormat::Pdf, widgets::ExportFormat::Csv});
    dialog.accept();
  }
  EXPECT_EQ(ExportDialog::rememberedSize(), (widgets::FigureSize{90, 60, widgets::SizeUnit::Millimetres, 600}));
  EXPECT_EQ(ExportDialog::rememberedFormats(),
            (std::vector<widgets::ExportFormat>{widgets::ExportFormat::Pdf, widgets::ExportFormat::Csv}));
  ExportDialog again(true);
  EXPECT_EQ(again.figureSize(), ExportDialog::rememberedSize());
  EXPECT_EQ(again.formats().size(), 2u);
  // Without a format, or at a size that cannot be drawn, OK is off.
  auto* ok = again.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
  EXPECT_TRUE(ok->isEnabled());
  again.setFormats({});
  EXPECT_FALSE(ok->isEnabled());
  again.setFormats({widgets::ExportFormat::Png});
  again.setFigureSize({5, 5, widgets::SizeUnit::Millimetres, 300});
  EXPECT_FALSE(ok->isEnabled());
  widgets::ColorMaps::instance().setSequential(widgets::ColorMap::Viridis);
}

}  // namespace
}  // namespace ropescope::app
