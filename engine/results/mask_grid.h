// A mask as cells, for editing it by clicking (the GUI's mask grid): which query dims of which
// heads are masked, which heads are ablated, and p-RoPE's p. Plain types: the mask syntax
// (engine/masks/mask_syntax.h) converts between these and mask text.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ropescope::engine {

// p-RoPE (Barbero et al. 2024): how many of a head's `pairs` RoPE pairs, highest frequencies
// first, keep rotating for p; the others are left unrotated.
inline int rotatingPairs(double p, int pairs) { return static_cast<int>(std::llround(p * static_cast<double>(pairs))); }

struct MaskGrid {
  int layers = 0;
  int heads = 0;
  int headDim = 0;
  std::vector<std::uint8_t> masked;   // [layer, head, dim] in frequency order: 1 = query dim masked
  std::vector<std::uint8_t> ablated;  // [layer, head]: 1 = head output zeroed
  std::optional<double> pRope;        // p-RoPE's p when given

  static MaskGrid empty(int layers, int heads, int headDim) {
    MaskGrid g;
    g.layers = layers;
    g.heads = heads;
    g.headDim = headDim;
    g.masked.assign(static_cast<std::size_t>(layers) * heads * headDim, 0);
    g.ablated.assign(static_cast<std::size_t>(layers) * heads, 0);
    return g;
  }
  std::size_t index(int layer, int head, int dim) const {
    return (static_cast<std::size_t>(layer) * heads + head) * headDim + dim;
  }
  bool isMasked(int layer, int head, int dim) const { return masked[index(layer, head, dim)] != 0; }
  void setMasked(int layer, int head, int dim, bool on) { masked[index(layer, head, dim)] = on ? 1 : 0; }
  bool isAblated(int layer, int head) const { return ablated[static_cast<std::size_t>(layer) * heads + head] != 0; }
  void setAblated(int layer, int head, bool on) {
    ablated[static_cast<std::size_t>(layer) * heads + head] = on ? 1 : 0;
  }
  // No dim masked, no head ablated, no p-RoPE: the unmasked model.
  bool changesNothing() const {
    for (auto v : masked)
      if (v) return false;
    for (auto v : ablated)
      if (v) return false;
    return !pRope;
  }
  bool operator==(const MaskGrid&) const = default;
};

// A named way of building a mask (the mask editor's presets); the mask syntax turns it into text.
struct MaskPreset {
  enum class Kind {
    None,            // no mask
    FirstDims,       // the first `count` dims of `heads`
    LastDims,        // the last `count` dims of `heads`
    UtilityBelow,    // dims with utility < threshold, every head
    RetrievalHeads,  // every dim of the heads with retrieval score > threshold
    Layer,           // every dim of every head of `layer`
    Head,            // every dim of head (`layer`, `head`)
    PRope,           // p-RoPE with p = threshold
    Ablate,          // zero head (`layer`, `head`)'s output
  };
  Kind kind = Kind::None;
  int count = 0;
  double threshold = 0.0;
  int layer = 0;
  int head = 0;
  // FirstDims / LastDims: which heads (every head when unset, those with retrieval score > this
  // when set).
  std::optional<double> retrievalAbove;
};

}  // namespace ropescope::engine
