// A dense row-major float array with named axes: the plain result type shared by engine and GUI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace ropescope::engine {

struct NdArray {
  std::vector<std::int64_t> shape;
  std::vector<std::string> axes;  // one name per axis, e.g. {"layer", "head", "dim"}
  std::vector<float> values;      // row-major, size = product of shape

  static NdArray zeros(std::vector<std::int64_t> shape, std::vector<std::string> axes) {
    NdArray a{std::move(shape), std::move(axes), {}};
    a.values.assign(static_cast<std::size_t>(a.numel()), 0.0f);
    return a;
  }

  std::int64_t numel() const {
    return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
  }
  bool empty() const { return values.empty(); }
  std::int64_t dim(std::size_t axis) const { return shape.at(axis); }

  // Row-major offset of a full index; throws std::out_of_range on a bad index.
  std::size_t offset(std::initializer_list<std::int64_t> index) const {
    if (index.size() != shape.size()) throw std::out_of_range("NdArray: wrong number of indices");
    std::size_t off = 0;
    std::size_t axis = 0;
    for (auto i : index) {
      if (i < 0 || i >= shape[axis]) throw std::out_of_range("NdArray: index out of range");
      off = off * static_cast<std::size_t>(shape[axis]) + static_cast<std::size_t>(i);
      ++axis;
    }
    return off;
  }
  float at(std::initializer_list<std::int64_t> index) const { return values[offset(index)]; }
  float& at(std::initializer_list<std::int64_t> index) { return values[offset(index)]; }
};

}  // namespace ropescope::engine
