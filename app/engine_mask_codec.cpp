// The mask editor's codec over the engine's mask syntax.
#include "app/engine_mask_codec.h"

#include "engine/core/error.h"
#include "engine/masks/mask_syntax.h"

namespace ropescope::app {

EngineMaskCodec::EngineMaskCodec(int layers, int heads, int headDim, std::optional<engine::NdArray> retrievalScores,
                                 std::optional<engine::NdArray> utilityScores)
    : m_layers(layers),
      m_heads(heads),
      m_headDim(headDim),
      m_retrieval(std::move(retrievalScores)),
      m_utility(std::move(utilityScores)) {}

std::optional<engine::MaskGrid> EngineMaskCodec::parse(const QString& text, QString* error) const {
  const QString trimmed = text.trimmed();
  try {
    const auto spec = engine::parseMaskSpec(trimmed.isEmpty() ? "none" : trimmed.toStdString());
    const engine::MaskContext context{m_layers, m_heads, m_headDim, m_retrieval ? &*m_retrieval : nullptr,
                                      m_utility ? &*m_utility : nullptr};
    return engine::maskGridOf(engine::resolveMaskSpec(spec, context), m_layers, m_heads, m_headDim);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return std::nullopt;
  }
}

QString EngineMaskCodec::text(const engine::MaskGrid& grid) const {
  return QString::fromStdString(engine::maskSpecText(engine::maskSpecOfGrid(grid)));
}

QString EngineMaskCodec::presetText(const engine::MaskPreset& preset) const {
  return QString::fromStdString(engine::maskSpecText(engine::presetSpec(preset)));
}

}  // namespace ropescope::app
