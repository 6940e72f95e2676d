// What the mask editor needs from the engine's mask syntax, which the widgets cannot include:
// text to cells and back, and the text of presets. The app implements it over
// engine/masks/mask_syntax.h, so the syntax has one source of truth.
#pragma once

#include <QString>
#include <optional>

#include "engine/results/mask_grid.h"

namespace ropescope::widgets {

class MaskCodec {
 public:
  virtual ~MaskCodec() = default;
  virtual int layers() const = 0;
  virtual int heads() const = 0;
  virtual int headDim() const = 0;
  virtual bool hasRetrievalScores() const = 0;
  virtual bool hasUtilityScores() const = 0;
  // The cells `text` masks; nullopt with `error` (the clause and what is wrong) when it does not
  // parse or does not fit the model.
  virtual std::optional<engine::MaskGrid> parse(const QString& text, QString* error) const = 0;
  // The canonical text of a grid (parse gives the grid back).
  virtual QString text(const engine::MaskGrid& grid) const = 0;
  virtual QString presetText(const engine::MaskPreset& preset) const = 0;
};

}  // namespace ropescope::widgets
