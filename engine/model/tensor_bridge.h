// Between checkpoint tensors, ATen tensors and result arrays (torch-facing: not for widgets/GUI code).
#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

// A tensor of `dtype` holding the checkpoint tensor's values, checked to have `expectedShape`
// (Error naming the tensor otherwise). F32 data stays zero-copy over the read-only mapping
// when `dtype` is float32 and the data is aligned: never modify the result in place.
at::Tensor loadTensor(const Checkpoint::TensorRef& ref, const std::vector<std::int64_t>& expectedShape,
                      at::ScalarType dtype = at::kFloat);
// What loadTensor checks without reading the data: the shape, and a dtype LibTorch has (returned).
at::ScalarType checkTensor(const Checkpoint::TensorRef& ref, const std::vector<std::int64_t>& expectedShape);

// `values` as float32 into `out` from row-major offset `offset` (a slice of a larger result).
void copyIntoArray(const at::Tensor& values, NdArray& out, std::size_t offset);

// Host copies of `named` tensors stored as `dtype` (F32 or BF16) in `hold`, and the views of them
// that writeSafetensors / writeModelFolder take (valid while `hold` lives).
std::vector<TensorToWrite> tensorsToWrite(const std::vector<std::pair<std::string, at::Tensor>>& named, DType dtype,
                                          std::vector<at::Tensor>& hold);

// `values` as a float32 NdArray with the given axis names.
NdArray toNdArray(const at::Tensor& values, std::vector<std::string> axes);

}  // namespace ropescope::engine
