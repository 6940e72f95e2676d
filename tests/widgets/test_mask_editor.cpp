// The mask editor: grid and text in sync both ways through the engine's mask syntax, presets,
// clicks and drags on the grid, malformed text marked inline.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <tuple>

#include "app/engine_mask_codec.h"
#include "widget_test_support.h"
#include "widgets/mask_editor.h"
#include "widgets/mask_grid_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

std::shared_ptr<app::EngineMaskCodec> codec(int L, int H, int D) {
  auto retrieval = engine::NdArray::zeros({L, H}, {"layer", "head"});
  auto utility = engine::NdArray::zeros({L, H, D}, {"layer", "head", "dim"});
  for (std::size_t i = 0; i < retrieval.values.size(); ++i) retrieval.values[i] = static_cast<float>(i % 10) / 10.0f;
  for (std::size_t i = 0; i < utility.values.size(); ++i) utility.values[i] = static_cast<float>((i * 7) % 11) / 11.0f;
  return std::make_shared<app::EngineMaskCodec>(L, H, D, retrieval, utility);
}

// Every preset the editor offers, on the demo's sizes and on a 32-layer × 32-head × 128-dim
// model: the grid a preset gives, written as text by the grid and read back, is the same grid.
TEST(MaskEditor, EveryPresetRoundTripsGridToTextToGrid) {
  for (const auto& [L, H, D] : {std::tuple{2, 4, 32}, std::tuple{32, 32, 128}}) {
    MaskEditor editor;
    editor.setCodec(codec(L, H, D));
    editor.setSelectedHead(L - 1, H / 2);
    auto* presets = editor.presetCombo();
    ASSERT_GE(presets->count(), 12);
    for (int i = 0; i < presets->count(); ++i) {
      presets->setCurrentIndex(i);
      editor.findChild<QPushButton*>()->click();  // Apply
      ASSERT_TRUE(editor.isValid()) << presets->itemText(i).toStdString() << ": " << editor.errorText().toStdString();
      const auto grid = editor.grid();
      const QString fromGrid = editor.codec()->text(grid);
      editor.setText(fromGrid);
      ASSERT_TRUE(editor.isValid()) << fromGrid.toStdString();
      EXPECT_EQ(editor.grid(), grid) << presets->itemText(i).toStdString() << " -> " << fromGrid.toStdString();
    }
  }
}

TEST(MaskEditor, PresetsWriteTheEnginesText) {
  MaskEditor editor;
  editor.setCodec(codec(2, 4, 32));
  EXPECT_EQ(editor.paperPresets(),
            (QStringList{"none", "heads=retrieval>0.5 dims=first4", "heads=retrieval>0.5 dims=last4",
                         "heads=retrieval>0.5 dims=first8", "heads=retrieval>0.5 dims=last8"}));
  // The preset box names the preset the text is, and none when the text is another mask.
  EXPECT_EQ(editor.presetCombo()->currentText(), "No mask");
  editor.setText("heads=retrieval>0.5 dims=last8");
  EXPECT_EQ(editor.presetCombo()->currentText(), "Paper 1: heads=retrieval>0.5 dims=last8");
  editor.setText("heads=L0 dims=first2");
  EXPECT_EQ(editor.presetCombo()->currentIndex(), -1);
  editor.setSelectedHead(1, 2);
  engine::MaskPreset head;
  head.kind = engine::MaskPreset::Kind::Head;
  head.layer = 1;
  head.head = 2;
  editor.applyPreset(head);
  EXPECT_EQ(editor.text().toStdString(), "heads=L1H2 dims=all");
  EXPECT_TRUE(editor.grid().isMasked(1, 2, 31));
  EXPECT_FALSE(editor.grid().isMasked(1, 1, 0));
  EXPECT_EQ(editor.gridView()->layer(), 1);  // the grid shows the selected head's layer
}

TEST(MaskEditor, ClicksAndDragsToggleCellsAndWriteTheText) {
  MaskEditor editor;
  ASSERT_TRUE(layOut(editor, QSize(700, 400)));
  editor.setCodec(codec(2, 4, 32));
  auto* grid = editor.gridView();
  QSignalSpy changed(&editor, &MaskEditor::textChanged);
  click(grid, grid->cellCentre(1, 0));  // head 1, pair 0 = dims 0 and 1
  EXPECT_EQ(editor.text().toStdString(), "heads=L0H1 dims=first2");
  EXPECT_GE(changed.count(), 1);
  // A drag along head 2 from pair 3 to pair 5 paints dims 6-11.
  sendMouse(grid, QEvent::MouseButtonPress, grid->cellCentre(2, 3), Qt::LeftButton);
  for (int pair : {4, 5}) {
    const QPointF at = grid->cellCentre(2, pair);
    QMouseEvent move(QEvent::MouseMove, at, grid->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(grid, &move);
  }
  sendMouse(grid, QEvent::MouseButtonRelease, grid->cellCentre(2, 5), Qt::LeftButton);
  EXPECT_EQ(editor.text().toStdString(), "heads=L0H1 dims=first2 + heads=L0H2 dims=6-11");
  // Clicking a masked cell unmasks it; a head's label masks the whole head; the layer switches.
  click(grid, grid->cellCentre(1, 0));
  EXPECT_EQ(editor.text().toStdString(), "heads=L0H2 dims=6-11");
  editor.layerCombo()->setCurrentIndex(1);
  click(grid, grid->cellCentre(3, -1));
  EXPECT_EQ(editor.text().toStdString(), "heads=L0H2 dims=6-11 + heads=L1H3 dims=all");
  // And the text drives the grid.
  editor.setText("heads=L1 dims=last2");
  EXPECT_TRUE(editor.grid().isMasked(1, 0, 31));
  EXPECT_FALSE(editor.grid().isMasked(0, 2, 6));
}

TEST(MaskEditor, AMalformedMaskIsMarkedInlineWithTheClause) {
  MaskEditor editor;
  editor.setCodec(codec(2, 4, 32));
  QSignalSpy validity(&editor, &MaskEditor::validityChanged);
  editor.setText("heads=L0 dims=fist4");
  EXPECT_FALSE(editor.isValid());
  EXPECT_TRUE(editor.errorText().contains("dims=fist4")) << editor.errorText().toStdString();
  EXPECT_FALSE(editor.errorLabel()->isHidden());
  EXPECT_FALSE(editor.gridView()->isEnabled() && editor.isValid());
  editor.setText("heads=L5H0");  // parses, but the model has 2 layers
  EXPECT_FALSE(editor.isValid());
  EXPECT_TRUE(editor.errorText().contains("L5H0 does not exist")) << editor.errorText().toStdString();
  editor.setText("heads=L1H0");
  EXPECT_TRUE(editor.isValid());
  EXPECT_TRUE(editor.errorLabel()->isHidden());
  EXPECT_EQ(validity.count(), 2);
}

}  // namespace
}  // namespace ropescope::widgets
