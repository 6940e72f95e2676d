// Frequency-band norms of queries and keys.
#include "engine/analysis/band_norms.h"

#include <ATen/ATen.h>

#include "engine/model/tensor_bridge.h"

namespace ropescope::engine {

namespace {

// [heads, S, D] -> [heads, D/2] sum over tokens of each pair's 2-norm.
at::Tensor pairNormSums(const at::Tensor& x) {
  const auto half = x.size(-1) / 2;
  const auto a = x.narrow(-1, 0, half).to(at::kFloat);
  const auto b = x.narrow(-1, half, half).to(at::kFloat);
  return at::sqrt(a * a + b * b).sum(1).to(at::kDouble);
}

}  // namespace

BandNorms computeBandNorms(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                           const RunControl& control) {
  const auto& c = model.config();
  const int layers = c.numLayers, pairs = c.headDim / 2;
  BandNorms result;
  result.model = model.checkpoint().summary();
  result.q = NdArray::zeros({layers, c.numHeads, pairs}, {"layer", "head", "pair"});
  result.k = NdArray::zeros({layers, c.numKvHeads, pairs}, {"layer", "kv_head", "pair"});

  ForwardOptions options;
  options.allLogits = false;
  for (int l = 0; l < layers; ++l) {
    options.capture.insert({l, Site::QRope});
    options.capture.insert({l, Site::KRope});
  }
  std::vector<at::Tensor> qSums(static_cast<size_t>(layers)), kSums(static_cast<size_t>(layers));
  const auto total = static_cast<std::int64_t>(sequences.size());
  control.report(0, total, "band norms");
  for (const auto& ids : sequences) {
    if (control.cancelled()) break;
    const auto out = model.forward(ids, options);
    for (int l = 0; l < layers; ++l) {
      const auto q = pairNormSums(out.captured.at({l, Site::QRope}));
      const auto k = pairNormSums(out.captured.at({l, Site::KRope}));
      auto& qs = qSums[static_cast<size_t>(l)];
      auto& ks = kSums[static_cast<size_t>(l)];
      qs = qs.defined() ? qs + q : q;
      ks = ks.defined() ? ks + k : k;
    }
    result.tokens += static_cast<std::int64_t>(ids.size());
    ++result.sequencesDone;
    control.report(result.sequencesDone, total, "band norms");
  }
  if (result.tokens == 0) return result;
  for (int l = 0; l < layers; ++l) {
    copyIntoArray(qSums[static_cast<size_t>(l)] / static_cast<double>(result.tokens), result.q,
                  result.q.offset({l, 0, 0}));
    copyIntoArray(kSums[static_cast<size_t>(l)] / static_cast<double>(result.tokens), result.k,
                  result.k.offset({l, 0, 0}));
  }
  return result;
}

}  // namespace ropescope::engine
