// The mask editor's codec over the engine's mask syntax (engine/masks/mask_syntax.h) for one
// model's sizes and scores.
#pragma once

#include <optional>

#include "engine/results/nd_array.h"
#include "widgets/mask_codec.h"

namespace ropescope::app {

class EngineMaskCodec : public widgets::MaskCodec {
 public:
  // Scores select heads (heads=retrieval>T, [layers, heads]) and dims (dims=utility<T,
  // [layers, heads, head_dim]); either may be absent.
  EngineMaskCodec(int layers, int heads, int headDim, std::optional<engine::NdArray> retrievalScores = {},
                  std::optional<engine::NdArray> utilityScores = {});

  int layers() const override { return m_layers; }
  int heads() const override { return m_heads; }
  int headDim() const override { return m_headDim; }
  bool hasRetrievalScores() const override { return m_retrieval.has_value(); }
  bool hasUtilityScores() const override { return m_utility.has_value(); }
  std::optional<engine::MaskGrid> parse(const QString& text, QString* error) const override;
  QString text(const engine::MaskGrid& grid) const override;
  QString presetText(const engine::MaskPreset& preset) const override;

 private:
  int m_layers, m_heads, m_headDim;
  std::optional<engine::NdArray> m_retrieval;
  std::optional<engine::NdArray> m_utility;
};

}  // namespace ropescope::app
