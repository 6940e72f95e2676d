// Interventions for one forward run (plain types: no torch), set by the mask syntax or by code.
#pragma once

#include <map>
#include <set>
#include <utility>
#include <vector>

namespace ropescope::engine {

// Changes to the computation for one forward call (nothing persists between calls).
struct Interventions {
  // Multiplicative masks on query dimensions, per (layer, head), each [head_dim] in frequency
  // order (engine/io/dims.h); applied to the query after RoPE, where q.k is formed.
  std::map<std::pair<int, int>, std::vector<float>> queryDimMasks;
  // (layer, head) pairs whose output is zeroed before o_proj.
  std::set<std::pair<int, int>> ablatedHeads;
  // p-RoPE (Barbero et al. 2024): the fraction p of pairs, highest frequencies first, that keep
  // rotating; the rest are left unrotated in queries and keys. 1 = RoPE, 0 = no rotation (NoPE).
  double pRope = 1.0;

  bool empty() const { return queryDimMasks.empty() && ablatedHeads.empty() && pRope == 1.0; }
};

}  // namespace ropescope::engine
