// A mask as text and as a clickable grid, kept in sync both ways through a MaskCodec (the
// engine's mask syntax): presets (paper 1's Table 2 masks, first/last n dims, utility < t,
// retrieval heads > t, the selected head or its layer, p-RoPE p, ablation), the text field with
// what is wrong marked inline, and the heads × pairs grid of one layer. GUI thread only.
#pragma once

#include <QStringList>
#include <QWidget>
#include <memory>

#include "widgets/mask_codec.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ropescope::widgets {

class MaskGridView;

class MaskEditor : public QWidget {
  Q_OBJECT

 public:
  explicit MaskEditor(QWidget* parent = nullptr);
  ~MaskEditor() override;

  // The model the masks are for; null disables the editor.
  void setCodec(std::shared_ptr<const MaskCodec> codec);
  const MaskCodec* codec() const { return m_codec.get(); }

  QString text() const;  // "none" for an empty field
  void setText(const QString& text);
  bool isValid() const { return m_valid; }
  QString errorText() const { return m_error; }
  const engine::MaskGrid& grid() const;

  // Paper 1's Table 2 masks for this model (first/last D/8 and D/4 dims of heads with retrieval
  // score > 0.5), after "none".
  QStringList paperPresets() const;
  // Replaces the mask by a preset's text.
  void applyPreset(const engine::MaskPreset& preset);
  // The head that "selected head" and "its layer" presets use; the grid shows its layer.
  void setSelectedHead(int layer, int head);

  MaskGridView* gridView() const { return m_grid; }
  QComboBox* presetCombo() const { return m_presets; }
  QComboBox* layerCombo() const { return m_layer; }
  QLineEdit* textEdit() const { return m_text; }
  QLabel* errorLabel() const { return m_errorLabel; }

 Q_SIGNALS:
  void validityChanged(bool valid);
  void textChanged(const QString& text);
  void headClicked(int layer, int head);
  void runRequested();  // Enter in the text field

 private:
  void parseText();
  void onGridEdited(const engine::MaskGrid& grid);
  void rebuildPresets();
  void presetChosen(int index);
  void updateParameter();
  // The fixed preset whose text the field holds, or -1.
  int presetMatchingText() const;

  std::shared_ptr<const MaskCodec> m_codec;
  bool m_valid = true;
  QString m_error;
  bool m_syncing = false;
  std::pair<int, int> m_selected{0, 0};

  QComboBox* m_presets;
  QDoubleSpinBox* m_parameter;
  QPushButton* m_apply;
  QLineEdit* m_text;
  QLabel* m_errorLabel;
  QComboBox* m_layer;
  QLabel* m_summary;
  MaskGridView* m_grid;
};

}  // namespace ropescope::widgets
