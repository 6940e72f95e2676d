// Frequency-band norms of queries and keys (paper 3): which RoPE pairs a head puts its mass in.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/model/transformer.h"
#include "engine/results/band_norms.h"

namespace ropescope::engine {

// Averages, over every token of every sequence, the 2-norm of each (q_j, q_j+D/2) storage
// pair (= frequency pair j; RoPE rotates within the pair, so the norm is the same before and
// after it). Progress and cancel per sequence; a cancel keeps the sequences done.
BandNorms computeBandNorms(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                           const RunControl& control = {});

}  // namespace ropescope::engine
