// L1 norms of every query- and key-projection row, per layer / head / dimension (paper 1, Fig. 2a/5).
#pragma once

#include "engine/core/run_control.h"
#include "engine/io/checkpoint.h"
#include "engine/results/weight_norms.h"

namespace ropescope::engine {

// Row r of q_proj.weight [heads * head_dim, hidden] is head r / head_dim, storage dim
// r % head_dim; results are in `order` (frequency by default). Reports progress per layer;
// on cancel returns what is done (layersDone < layers).
WeightNorms computeWeightNorms(const Checkpoint& checkpoint, const RunControl& control = {},
                               DimOrder order = DimOrder::Frequency);

}  // namespace ropescope::engine
