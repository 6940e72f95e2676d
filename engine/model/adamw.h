// AdamW (Loshchilov & Hutter 2019) over a list of leaf tensors, with global gradient-norm
// clipping: the one optimiser of the demo trainer and the toy experiment.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace ropescope::engine {

struct AdamWOptions {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
};

class AdamW {
 public:
  // `decays[i]` says whether params[i] takes weight decay (empty: none does).
  AdamW(std::vector<at::Tensor> params, AdamWOptions options = {}, std::vector<bool> decays = {});

  // Clears the gradients of every parameter.
  void zeroGrad();
  // One update from the current gradients (a parameter without one is left alone): the
  // gradients scaled so that their global L2 norm is at most clipNorm (0: not clipped),
  // decoupled weight decay lr x weightDecay on the decaying parameters, then the bias-corrected
  // Adam step of size lr. Returns the global gradient norm before clipping.
  double step(double learningRate, double weightDecay = 0, double clipNorm = 0);
  int steps() const { return m_steps; }

 private:
  std::vector<at::Tensor> m_params, m_first, m_second;
  std::vector<bool> m_decays;
  AdamWOptions m_options;
  int m_steps = 0;
};

}  // namespace ropescope::engine
