// Turns checkpoint tensors into ATen tensors (engine-internal: the only torch-facing loader).
#pragma once

#include <ATen/core/Tensor.h>

#include "engine/checkpoint.h"

namespace ropescope::engine {

// A tensor of `dtype` holding the checkpoint tensor's values, checked to have `expectedShape`
// (Error naming the tensor otherwise). F32 data stays zero-copy over the read-only mapping
// when `dtype` is float32 and the data is aligned: never modify the result in place.
at::Tensor loadTensor(const Checkpoint::TensorRef& ref, const std::vector<std::int64_t>& expectedShape,
                      at::ScalarType dtype = at::kFloat);

}  // namespace ropescope::engine
