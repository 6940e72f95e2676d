// The mask syntax shared by the CLI and the GUI, e.g. "heads=retrieval>0.5 dims=first16",
// "heads=L3H5,L7H1 dims=0-15", "dims=utility<0.5", "prope=0.75", "ablate=L3H5", "none".
//
// Clauses (space-separated; heads and dims at most once per term, terms joined by " + ", prope
// and ablate at most once in all):
//   heads=all | heads=retrieval>T | heads=L3H5,L7,...  (L7 = every head of layer 7)
//   dims=all | dims=firstN | dims=lastN | dims=A-B,C,... (frequency order) | dims=utility<T
//   prope=P   (p-RoPE: the fraction of pairs that keep rotating)
//   ablate=L3H5,...
// "heads" and "dims" go together: either alone means the other is "all". Selected dims of
// selected heads get a query mask of 0 (dims=utility<T: the dims of each head whose utility
// is below T).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/masks/interventions.h"
#include "engine/results/mask_grid.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

struct HeadRef {
  int layer = 0;
  int head = -1;  // -1: every head of the layer
  bool operator==(const HeadRef&) const = default;
};

// One heads/dims selection: the given dims of the given heads are masked.
struct MaskTerm {
  enum class Heads { None, All, RetrievalAbove, List };
  enum class Dims { None, All, First, Last, Ranges, UtilityBelow };

  Heads heads = Heads::None;
  double retrievalThreshold = 0.0;
  std::vector<HeadRef> headList;
  Dims dims = Dims::None;
  int count = 0;                               // First / Last
  std::vector<std::pair<int, int>> dimRanges;  // inclusive, frequency order
  double utilityThreshold = 0.0;

  bool operator==(const MaskTerm&) const = default;
};

// A whole mask: the union of its terms (written "TERM + TERM"), p-RoPE and head ablation.
struct MaskSpec {
  using Heads = MaskTerm::Heads;
  using Dims = MaskTerm::Dims;

  std::vector<MaskTerm> terms;
  std::optional<double> pRope;
  std::vector<HeadRef> ablate;

  // Whether resolving needs per-head retrieval scores / per-dim utility scores.
  bool needsRetrievalScores() const;
  bool needsUtilityScores() const;
  bool operator==(const MaskSpec&) const = default;
};

// Throws Error(InvalidArgument) saying which clause is wrong and what is expected.
MaskSpec parseMaskSpec(std::string_view text);
// The canonical text: parseMaskSpec(maskSpecText(s)) == s.
std::string maskSpecText(const MaskSpec& spec);

// What a spec is resolved against: the model's sizes and, when the spec refers to them,
// per-head retrieval scores [layers, heads] and utility scores [layers, heads, head_dim]
// (frequency order).
struct MaskContext {
  int layers = 0;
  int heads = 0;
  int headDim = 0;
  const NdArray* retrievalScores = nullptr;
  const NdArray* utility = nullptr;
};

// Throws Error(InvalidArgument) for heads or dims the model lacks, or scores the spec needs
// but the context lacks.
Interventions resolveMaskSpec(const MaskSpec& spec, const MaskContext& context);

// The cells of resolved interventions (query masks of 0 are masked dims; p-RoPE's p when it is
// not 1).
MaskGrid maskGridOf(const Interventions& interventions, int layers, int heads, int headDim);
// The shortest spec this writer finds for a grid: heads with the same masked dims share a term,
// whole layers and all heads are named as such, dims as all / firstN / lastN / ranges.
// resolveMaskSpec(maskSpecOfGrid(g), g's sizes) gives g back.
MaskSpec maskSpecOfGrid(const MaskGrid& grid);
// The spec of a preset (resolving it checks counts and heads against the model).
MaskSpec presetSpec(const MaskPreset& preset);

}  // namespace ropescope::engine
