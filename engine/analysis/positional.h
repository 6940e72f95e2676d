// Positional heads (Hong et al. 2024): per-pair contributions of post-RoPE q.k, the dominant
// pair of each (query, key) pair, and Spearman's rho between token distance and that pair.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/results/nd_array.h"
#include "engine/results/positional.h"

namespace ropescope::engine {

class Transformer;

// Runs each sequence through `model`, capturing post-RoPE queries and keys, and reduces them
// layer by layer to the statistics of PositionalResult (see docs/methods.md). Units of work
// are sequence x layer; a cancel drops the sequence in progress and returns the completed
// ones (sequencesDone). Bad options, no sequences, or no eligible (query, key) pair are Errors
// (InvalidArgument); token ids are checked by Transformer::forward.
PositionalResult computePositional(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                                   const PositionalOptions& options = {}, const RunControl& control = {});

// k distinct (layer, head) pairs drawn uniformly from those not in `exclude`, sorted; the
// same seed gives the same heads on every platform. Error (InvalidArgument) when k < 0 or
// fewer than k heads remain, or when layers/heads are not positive.
std::vector<std::pair<int, int>> randomHeads(int layers, int heads, int k, std::uint64_t seed,
                                             const std::set<std::pair<int, int>>& exclude = {});

// Adds the result's arrays under /positional/ (rho, dominant_hist, mean_contribution,
// mean_dominant_by_distance, distance_bin_edges, ranking, counts) with named axes.
void addPositionalArrays(const PositionalResult& result, std::map<std::string, NdArray>& arrays);

}  // namespace ropescope::engine
