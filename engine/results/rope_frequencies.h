// RoPE's arithmetic without a model: each pair's frequency under a base θ, a head size, a rope
// scaling (none, linear, llama3, yarn) and p-RoPE, and what it does over a context (angle,
// wavelength, turns). Plain C++ (no torch, no Qt), shared by the Angles analysis and the RoPE
// playground, in double precision. Pair i rotates by angle Δ·θ_i between tokens Δ apart;
// pair 0 is the fastest.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "engine/results/mask_grid.h"

namespace ropescope::engine {

enum class RopeScalingKind { None, Linear, Llama3, Yarn };

struct RopeSpec {
  double theta = 10000.0;  // rope_theta
  int headDim = 128;       // rotated dims per head (pairs = headDim / 2)
  RopeScalingKind scaling = RopeScalingKind::None;
  double factor = 1.0;              // linear, llama3, yarn
  double lowFreqFactor = 1.0;       // llama3
  double highFreqFactor = 4.0;      // llama3
  double originalContext = 8192.0;  // llama3 and yarn: original_max_position_embeddings
  double betaFast = 32.0;           // yarn: rotations at which pairs keep their frequency
  double betaSlow = 1.0;            // yarn: rotations below which pairs are interpolated
  double pRope = 1.0;               // p-RoPE: the fraction of pairs (fastest first) that rotate
};

inline constexpr double kRopeTurn = 2.0 * std::numbers::pi;

// "" when `spec` can be computed, else what is wrong (for a message next to the control).
inline std::string ropeSpecProblem(const RopeSpec& s) {
  if (!(s.theta > 1.0) || !std::isfinite(s.theta)) return "θ must be a number above 1";
  if (s.headDim < 2 || s.headDim % 2 != 0 || s.headDim > 1 << 14) return "head_dim must be even, 2 .. 16384";
  if (!(s.pRope >= 0.0 && s.pRope <= 1.0)) return "p must lie in [0, 1]";
  if (s.scaling != RopeScalingKind::None && (!(s.factor >= 1.0) || !std::isfinite(s.factor)))
    return "the scaling factor must be at least 1";
  if (s.scaling == RopeScalingKind::Llama3 && !(s.highFreqFactor > s.lowFreqFactor && s.lowFreqFactor > 0.0))
    return "llama3 needs 0 < low_freq_factor < high_freq_factor";
  if ((s.scaling == RopeScalingKind::Llama3 || s.scaling == RopeScalingKind::Yarn) &&
      (!(s.originalContext >= 1.0) || !std::isfinite(s.originalContext)))
    return "the original context must be at least 1 token";
  if (s.scaling == RopeScalingKind::Yarn && !(s.betaFast > s.betaSlow && s.betaSlow > 0.0))
    return "yarn needs 0 < beta_slow < beta_fast";
  return "";
}

// θ_i of every pair (radians per token), pair 0 the fastest; p-RoPE's stopped pairs are 0.
// Follows Hugging Face transformers' rope initialisation: default θ^(-2i/D); linear divides by
// the factor; llama3 divides the pairs slower than original/low_freq_factor tokens per turn by
// the factor, keeps those faster than original/high_freq_factor and blends between; yarn blends
// interpolated (θ_i / factor) and original θ_i with a linear ramp over the pairs whose turns
// within the original context fall between beta_slow and beta_fast. Empty for an invalid spec.
inline std::vector<double> ropeInverseFrequencies(const RopeSpec& s) {
  if (!ropeSpecProblem(s).empty()) return {};
  const int pairs = s.headDim / 2;
  const double dim = s.headDim;
  std::vector<double> inv(static_cast<std::size_t>(pairs));
  for (int i = 0; i < pairs; ++i) inv[static_cast<std::size_t>(i)] = 1.0 / std::pow(s.theta, 2.0 * i / dim);
  switch (s.scaling) {
    case RopeScalingKind::None:
      break;
    case RopeScalingKind::Linear:
      for (auto& f : inv) f /= s.factor;
      break;
    case RopeScalingKind::Llama3: {
      const double lowWavelength = s.originalContext / s.lowFreqFactor;
      const double highWavelength = s.originalContext / s.highFreqFactor;
      for (auto& f : inv) {
        const double wavelength = kRopeTurn / f;
        if (wavelength > lowWavelength) {
          f /= s.factor;
        } else if (wavelength >= highWavelength) {
          const double smooth =
              (s.originalContext / wavelength - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
          f = (1.0 - smooth) * f / s.factor + smooth * f;
        }
      }
      break;
    }
    case RopeScalingKind::Yarn: {
      // The (fractional) pair index at which a pair makes `rotations` turns in the original context.
      const auto correctionDim = [&](double rotations) {
        return dim * std::log(s.originalContext / (rotations * kRopeTurn)) / (2.0 * std::log(s.theta));
      };
      const double low = std::max(std::floor(correctionDim(s.betaFast)), 0.0);
      double high = std::min(std::ceil(correctionDim(s.betaSlow)), dim - 1.0);
      if (low == high) high += 0.001;
      for (int i = 0; i < pairs; ++i) {
        const double ramp = std::clamp((i - low) / (high - low), 0.0, 1.0);
        const double keep = 1.0 - ramp;  // 1: original frequency (fast pairs), 0: interpolated
        auto& f = inv[static_cast<std::size_t>(i)];
        f = f / s.factor * (1.0 - keep) + f * keep;
      }
      break;
    }
  }
  const int rotating = rotatingPairs(s.pRope, pairs);
  for (int i = rotating; i < pairs; ++i) inv[static_cast<std::size_t>(i)] = 0.0;
  return inv;
}

// Tokens per full turn of a pair of inverse frequency `theta` (infinite when it does not rotate).
inline double ropeWavelength(double theta) { return theta > 0.0 ? kRopeTurn / theta : INFINITY; }

// Turns a pair makes between tokens 0 and context - 1.
inline double ropeTurns(double theta, double context) { return theta * std::max(context - 1.0, 0.0) / kRopeTurn; }

// The fraction of a head's dims whose pair stays within one turn over the context (0 .. 1):
// the dims that can tell every distance in it apart by angle alone.
inline double fractionWithinOneTurn(const std::vector<double>& theta, double context) {
  if (theta.empty()) return 0.0;
  const auto inside = std::count_if(theta.begin(), theta.end(), [&](double t) { return ropeTurns(t, context) < 1.0; });
  return static_cast<double>(inside) / static_cast<double>(theta.size());
}

}  // namespace ropescope::engine
