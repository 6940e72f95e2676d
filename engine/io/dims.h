// The one place that converts between storage order and frequency order of head dimensions.
//
// Hugging Face checkpoints keep each head's query/key in "rotate_half" layout: storage dims
// j and j + D/2 share the frequency theta_j (theta_0 highest). RoPEScope speaks in frequency
// order, as the papers do: pair i is dims 2i and 2i+1, highest frequency first, so
// frequency dim f is storage dim (f / 2) + (f % 2) * D / 2.
#pragma once

#include <string_view>
#include <vector>

#include "engine/results/dim_order.h"

namespace ropescope::engine {

std::string_view dimOrderName(DimOrder order);

// head_dim must be even; both functions are bijections on [0, headDim).
int storageDimOfFrequencyDim(int frequencyDim, int headDim);
int frequencyDimOfStorageDim(int storageDim, int headDim);

// perm[f] = storage dim holding frequency dim f; gather with it to reorder storage -> frequency.
std::vector<int> frequencyToStoragePermutation(int headDim);

}  // namespace ropescope::engine
