// AdamW with global gradient-norm clipping.
#include "engine/model/adamw.h"

#include <ATen/ATen.h>

#include <cmath>

#include "engine/core/error.h"

namespace ropescope::engine {

AdamW::AdamW(std::vector<at::Tensor> params, AdamWOptions options, std::vector<bool> decays)
    : m_params(std::move(params)), m_decays(std::move(decays)), m_options(options) {
  if (m_decays.empty()) m_decays.assign(m_params.size(), false);
  if (m_decays.size() != m_params.size())
    throw Error(ErrorCode::InvalidArgument, "AdamW", "one weight-decay flag per parameter is needed");
  if (!(options.beta1 >= 0 && options.beta1 < 1) || !(options.beta2 >= 0 && options.beta2 < 1) ||
      !(options.epsilon > 0))
    throw Error(ErrorCode::InvalidArgument, "AdamW", "betas must lie in [0, 1) and epsilon be positive");
  for (const auto& p : m_params) {
    m_first.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous).detach());
    m_second.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous).detach());
  }
}

void AdamW::zeroGrad() {
  for (auto& p : m_params)
    if (p.grad().defined()) p.mutable_grad().zero_();
}

double AdamW::step(double learningRate, double weightDecay, double clipNorm) {
  at::NoGradGuard noGrad;
  double sumOfSquares = 0;
  {
    at::Tensor total;
    for (const auto& p : m_params)
      if (p.grad().defined()) {
        const auto s = p.grad().pow(2).sum();
        total = total.defined() ? total + s : s;
      }
    if (total.defined()) sumOfSquares = total.item<double>();
  }
  const double norm = std::sqrt(sumOfSquares);
  const double clip = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
  ++m_steps;
  const auto& o = m_options;
  const double correction1 = 1.0 - std::pow(o.beta1, m_steps);
  const double correction2 = 1.0 - std::pow(o.beta2, m_steps);
  for (std::size_t i = 0; i < m_params.size(); ++i) {
    auto& p = m_params[i];
    if (!p.grad().defined()) continue;
    const auto g = clip == 1.0 ? p.grad() : p.grad() * clip;
    m_first[i].mul_(o.beta1).add_(g, 1.0 - o.beta1);
    m_second[i].mul_(o.beta2).addcmul_(g, g, 1.0 - o.beta2);
    if (m_decays[i] && weightDecay > 0) p.mul_(1.0 - learningRate * weightDecay);
    const auto denom = (m_second[i] / correction2).sqrt_().add_(o.epsilon);
    p.addcdiv_(m_first[i], denom, -learningRate / correction1);
  }
  return norm;
}

}  // namespace ropescope::engine
