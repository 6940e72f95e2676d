// Mean 2-norm of each RoPE frequency pair of queries and keys, per layer and head (Barbero et al. 2024).
#pragma once

#include "engine/results/model_summary.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

struct BandNorms {
  ModelSummary model;
  NdArray q;  // [layers, heads, pairs]: mean over tokens of ||(q_2i, q_2i+1)||, pair 0 = highest frequency
  NdArray k;  // [layers, kv_heads, pairs]
  std::int64_t tokens = 0;  // tokens averaged over
  int sequencesDone = 0;    // fewer than asked when the run was cancelled
};

}  // namespace ropescope::engine
