// L1 norms of query/key projection rows.
#include "engine/analysis/weight_norms.h"

#include <ATen/ATen.h>

#include "engine/io/dims.h"
#include "engine/model/tensor_bridge.h"

namespace ropescope::engine {

namespace {

// [heads, head_dim] L1 norms of one projection's rows, reordered to `order`.
void rowNorms(const Checkpoint& ckpt, int layer, const char* suffix, int heads, DimOrder order, NdArray& out) {
  const auto& cfg = ckpt.config();
  const int headDim = cfg.headDim;
  const auto weight =
      loadTensor(ckpt.require(layerTensorName(layer, suffix)), {int64_t{heads} * headDim, cfg.hiddenSize});
  at::Tensor norms = weight.abs().sum(1).view({heads, headDim});
  if (order == DimOrder::Frequency) {
    const auto perm = frequencyToStoragePermutation(headDim);
    const auto index = at::tensor(std::vector<int64_t>(perm.begin(), perm.end()), at::kLong);
    norms = norms.index_select(1, index);
  }
  copyIntoArray(norms, out, out.offset({layer, 0, 0}));
}

}  // namespace

WeightNorms computeWeightNorms(const Checkpoint& checkpoint, const RunControl& control, DimOrder order) {
  const auto& cfg = checkpoint.config();
  WeightNorms result;
  result.model = checkpoint.summary();
  result.order = order;
  result.qRowL1 = NdArray::zeros({cfg.numLayers, cfg.numHeads, cfg.headDim}, {"layer", "head", "dim"});
  result.kRowL1 = NdArray::zeros({cfg.numLayers, cfg.numKvHeads, cfg.headDim}, {"layer", "kv_head", "dim"});

  // Every projection is there with its shape before any is read: a checkpoint that disagrees
  // with its config.json fails at once, not after the layers before the bad one.
  for (int layer = 0; layer < cfg.numLayers; ++layer) {
    checkTensor(checkpoint.require(layerTensorName(layer, "self_attn.q_proj.weight")),
                {int64_t{cfg.numHeads} * cfg.headDim, cfg.hiddenSize});
    checkTensor(checkpoint.require(layerTensorName(layer, "self_attn.k_proj.weight")),
                {int64_t{cfg.numKvHeads} * cfg.headDim, cfg.hiddenSize});
  }
  control.report(0, cfg.numLayers, "projection row norms");
  for (int layer = 0; layer < cfg.numLayers; ++layer) {
    if (control.cancelled()) break;
    rowNorms(checkpoint, layer, "self_attn.q_proj.weight", cfg.numHeads, order, result.qRowL1);
    rowNorms(checkpoint, layer, "self_attn.k_proj.weight", cfg.numKvHeads, order, result.kRowL1);
    result.layersDone = layer + 1;
    control.report(layer + 1, cfg.numLayers, "projection row norms");
  }
  return result;
}

}  // namespace ropescope::engine
