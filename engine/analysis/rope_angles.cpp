// Rotation angles of each RoPE pair over a context.
#include "engine/analysis/rope_angles.h"

#include <numbers>

#include "engine/core/error.h"

namespace ropescope::engine {

RopeAngles computeRopeAngles(const ModelConfig& config, std::int64_t context) {
  if (context < 1) throw Error(ErrorCode::InvalidArgument, "context", "must be at least 1 token");
  const auto invFreq = ropeInverseFrequencies(ropeSpecOf(config));
  if (invFreq.empty()) throw Error(ErrorCode::Config, config.source.string(), ropeSpecProblem(ropeSpecOf(config)));
  const auto pairs = static_cast<std::int64_t>(invFreq.size());
  RopeAngles a;
  a.context = context;
  const std::vector<std::string> axis{"pair"};
  a.theta = NdArray::zeros({pairs}, axis);
  a.wavelength = NdArray::zeros({pairs}, axis);
  a.maxAngle = NdArray::zeros({pairs}, axis);
  a.turns = NdArray::zeros({pairs}, axis);
  a.wraps = NdArray::zeros({pairs}, axis);
  constexpr double kTurn = 2 * std::numbers::pi;
  for (std::int64_t i = 0; i < pairs; ++i) {
    const double theta = invFreq[static_cast<size_t>(i)];
    const double maxAngle = theta * static_cast<double>(context - 1);
    const auto k = static_cast<size_t>(i);
    a.theta.values[k] = static_cast<float>(theta);
    a.wavelength.values[k] = static_cast<float>(kTurn / theta);
    a.maxAngle.values[k] = static_cast<float>(maxAngle);
    a.turns.values[k] = static_cast<float>(maxAngle / kTurn);
    a.wraps.values[k] = maxAngle >= kTurn ? 1.0f : 0.0f;
  }
  return a;
}

}  // namespace ropescope::engine
