// Rotation angles of each RoPE pair over a context (paper 1's hypothesis, from first principles):
// a pair whose angle passes 2*pi within the documents cannot tell near keys from far ones.
#pragma once

#include <cstdint>

#include "engine/io/model_config.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

struct RopeAngles {
  std::int64_t context = 0;  // tokens: distances 0 .. context-1
  NdArray theta;             // [pairs] radians per token after rope_scaling, pair 0 = highest frequency
  NdArray wavelength;        // [pairs] tokens per full turn, 2*pi / theta
  NdArray maxAngle;          // [pairs] theta * (context - 1), radians
  NdArray turns;             // [pairs] maxAngle / (2*pi)
  NdArray wraps;             // [pairs] 1 where the angle passes 2*pi within the context, else 0
};

// Throws Error(InvalidArgument) for a context below 1.
RopeAngles computeRopeAngles(const ModelConfig& config, std::int64_t context);

}  // namespace ropescope::engine
