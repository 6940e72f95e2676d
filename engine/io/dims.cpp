// Storage <-> frequency order of head dimensions.
#include "engine/io/dims.h"

#include <string>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {
void checkDim(int dim, int headDim) {
  if (headDim <= 0 || headDim % 2 != 0)
    throw Error(ErrorCode::InvalidArgument, "head_dim",
                "must be a positive even number for RoPE, got " + std::to_string(headDim));
  if (dim < 0 || dim >= headDim)
    throw Error(ErrorCode::InvalidArgument, "dimension",
                std::to_string(dim) + " is outside [0, " + std::to_string(headDim) + ")");
}
}  // namespace

std::string_view dimOrderName(DimOrder order) { return order == DimOrder::Frequency ? "frequency" : "storage"; }

int storageDimOfFrequencyDim(int frequencyDim, int headDim) {
  checkDim(frequencyDim, headDim);
  return frequencyDim / 2 + (frequencyDim % 2) * (headDim / 2);
}

int frequencyDimOfStorageDim(int storageDim, int headDim) {
  checkDim(storageDim, headDim);
  const int half = headDim / 2;
  return storageDim < half ? 2 * storageDim : 2 * (storageDim - half) + 1;
}

std::vector<int> frequencyToStoragePermutation(int headDim) {
  std::vector<int> perm(static_cast<size_t>(headDim));
  for (int f = 0; f < headDim; ++f) perm[static_cast<size_t>(f)] = storageDimOfFrequencyDim(f, headDim);
  return perm;
}

}  // namespace ropescope::engine
