// Utility scores of query dimensions (Chiang & Yogatama 2025, Eq. 4): a per-head mask u in [0,1]^D
// over the query that keeps the head's attention output while using as few dimensions as possible.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

// How the squared reconstruction error of one head is reduced over its query positions (it is
// always summed over the head's output dims).
enum class UtilityLossNorm {
  MeanOverPositions,  // the error of an average position: alpha keeps one meaning at any P
  SumOverPositions,   // Eq. 4 read literally with Attn over all positions at once
};

struct UtilityOptions {
  int steps = 300;             // most projected-Adam steps per head
  double learningRate = 0.05;  // Adam step size; u starts at 1 and lives in [0, 1]
  double alpha = -1;           // L1 weight; -1: 1 / head_dim (the paper's 1/(2D) for heads of 2D dims)
  // A head stops once its objective changed by less than `tolerance` (relative) over the last
  // `window` steps; it returns the u with the lowest objective it reached.
  double tolerance = 1e-4;
  int window = 20;
  UtilityLossNorm norm = UtilityLossNorm::MeanOverPositions;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  // Attention scores are computed for at most this many heads * positions * keys at once; the
  // positions are split into chunks beyond it (the gradients of the chunks add up).
  std::int64_t maxScoreElements = std::int64_t{1} << 24;
  const CancelToken* cancel = nullptr;  // polled every step: Error(Cancelled)
};

struct LayerUtility {
  at::Tensor u;               // [heads, head_dim] float32 in [0, 1], FREQUENCY order: the best iterate
  at::Tensor finalLoss;       // [heads] objective at the returned u
  at::Tensor reconstruction;  // [heads] its squared-error part
  at::Tensor initialLoss;     // [heads] objective at u = 1 (= alpha * head_dim)
  at::Tensor headSteps;       // [heads] int64 Adam steps each head took
  at::Tensor converged;       // [heads] bool: stopped by the tolerance, not the step limit
  int steps = 0;              // the most steps any head took
};

// Optimises Eq. 4 for every head of one layer in one batched run. Each head has its own loss,
// gradient, Adam state and stopping step, so its u does not depend on the other heads.
//   q:       [heads, P, D] post-RoPE queries at the P analysed positions, HF storage order
//   keys:    [kv_heads, T, D] post-RoPE keys of all T tokens (query head h uses kv head h / (heads / kv_heads))
//   values:  [kv_heads, T, D]
//   queryPositions: [P] absolute positions in [0, T); a query at p sees keys 0..p, and with
//            slidingWindow > 0 only keys k with p - k < slidingWindow.
//   scale:   score scale; <= 0 means 1 / sqrt(D) (Gemma passes query_pre_attn_scalar^-1/2).
// Inputs of any floating dtype and device; computes in float32 on q's device. Throws
// Error(InvalidArgument) on bad shapes or options, Error(Cancelled) when options.cancel fires.
LayerUtility optimiseLayerUtility(const at::Tensor& q, const at::Tensor& keys, const at::Tensor& values,
                                  const std::vector<std::int64_t>& queryPositions, const UtilityOptions& options = {},
                                  int slidingWindow = 0, double scale = 0.0);

// Means over samples of the per-sample LayerUtility of every layer; layers without samples are NaN.
struct UtilitySummary {
  NdArray u;                          // [layer, head, dim] mean utility, frequency order
  NdArray reconstruction;             // [layer, head] mean final squared-error part
  NdArray finalLoss;                  // [layer, head] mean final objective
  NdArray steps;                      // [layer, head] mean Adam steps
  NdArray converged;                  // [layer, head] fraction of samples stopped by the tolerance
  std::vector<std::int64_t> samples;  // per layer
};

class UtilityAccumulator {
 public:
  UtilityAccumulator(int layers, int heads, int headDim);
  // Adds one sample's result for `layer` (Error(InvalidArgument) on a shape mismatch).
  void add(int layer, const LayerUtility& utility);
  UtilitySummary summary() const;

 private:
  int m_layers, m_heads, m_headDim;
  std::vector<double> m_u, m_reconstruction, m_loss, m_steps, m_converged;
  std::vector<std::int64_t> m_samples;
};

}  // namespace ropescope::engine
