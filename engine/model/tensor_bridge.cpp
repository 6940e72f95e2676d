// Checkpoint tensors as ATen tensors.
#include "engine/model/tensor_bridge.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

at::ScalarType scalarTypeOf(DType dtype, const std::string& tensorName, const std::string& file) {
  switch (dtype) {
    case DType::F32:
      return at::kFloat;
    case DType::F16:
      return at::kHalf;
    case DType::BF16:
      return at::kBFloat16;
    case DType::F64:
      return at::kDouble;
    default:
      throw Error(ErrorCode::Unsupported, file,
                  "tensor '" + tensorName + "' has dtype " + std::string(dtypeName(dtype)) +
                      "; weights must be F32, F16 or BF16");
  }
}

std::string shapeText(at::IntArrayRef shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

at::ScalarType checkTensor(const Checkpoint::TensorRef& ref, const std::vector<std::int64_t>& expectedShape) {
  const auto& info = *ref.info;
  const auto file = ref.file->path().string();
  if (info.shape != expectedShape)
    throw Error(ErrorCode::Format, file,
                "tensor '" + info.name + "' has shape " + shapeText(info.shape) + " where config.json implies " +
                    shapeText(expectedShape));
  return scalarTypeOf(info.dtype, info.name, file);
}

at::Tensor loadTensor(const Checkpoint::TensorRef& ref, const std::vector<std::int64_t>& expectedShape,
                      at::ScalarType dtype) {
  const auto& info = *ref.info;
  const auto diskType = checkTensor(ref, expectedShape);
  const auto bytes = ref.file->data(info);
  const auto options = at::TensorOptions().dtype(diskType);
  const bool aligned = reinterpret_cast<std::uintptr_t>(bytes.data()) % dtypeSize(info.dtype) == 0;

  at::Tensor view;
  if (aligned) {
    view = at::from_blob(const_cast<std::byte*>(bytes.data()), info.shape, options);
  } else {
    view = at::empty(info.shape, options);
    std::memcpy(view.data_ptr(), bytes.data(), bytes.size());
  }
  return diskType == dtype ? view : view.to(dtype);
}

void copyIntoArray(const at::Tensor& values, NdArray& out, std::size_t offset) {
  const auto v = values.to(at::kFloat).contiguous();
  if (offset + static_cast<std::size_t>(v.numel()) > out.values.size())
    throw Error(ErrorCode::Format, "results",
                "a dataset of " + std::to_string(out.values.size()) + " values cannot take " +
                    std::to_string(v.numel()) + " more at " + std::to_string(offset) +
                    ": the results file does not match this run's shapes");
  std::copy(v.data_ptr<float>(), v.data_ptr<float>() + v.numel(),
            out.values.begin() + static_cast<std::ptrdiff_t>(offset));
}

std::vector<TensorToWrite> tensorsToWrite(const std::vector<std::pair<std::string, at::Tensor>>& named, DType dtype,
                                          std::vector<at::Tensor>& hold) {
  if (dtype != DType::F32 && dtype != DType::BF16)
    throw Error(ErrorCode::InvalidArgument, "tensorsToWrite", "only F32 and BF16 are written");
  const auto type = dtype == DType::F32 ? at::kFloat : at::kBFloat16;
  hold.reserve(hold.size() + named.size());  // the views below point into these tensors
  std::vector<TensorToWrite> out;
  for (const auto& [name, t] : named) {
    hold.push_back(t.detach().to(at::kCPU, type).contiguous());
    const auto& h = hold.back();
    out.push_back({name, dtype, h.sizes().vec(),
                   std::span<const std::byte>(static_cast<const std::byte*>(h.data_ptr()), h.nbytes())});
  }
  return out;
}

NdArray toNdArray(const at::Tensor& values, std::vector<std::string> axes) {
  NdArray a;
  a.shape.assign(values.sizes().begin(), values.sizes().end());
  a.axes = std::move(axes);
  a.values.resize(static_cast<std::size_t>(values.numel()));
  copyIntoArray(values, a, 0);
  return a;
}

}  // namespace ropescope::engine
