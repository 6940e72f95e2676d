// L1 norms of query/key projection rows per layer, head and dimension (paper 1, Fig. 2a/5).
#pragma once

#include "engine/results/dim_order.h"
#include "engine/results/model_summary.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

struct WeightNorms {
  ModelSummary model;
  NdArray qRowL1;  // [layers, heads, head_dim]
  NdArray kRowL1;  // [layers, kv_heads, head_dim]
  DimOrder order = DimOrder::Frequency;
  int layersDone = 0;  // < model.layers when the run was cancelled; later layers are zero

  bool complete() const { return layersDone == model.layers; }
};

}  // namespace ropescope::engine
