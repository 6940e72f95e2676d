// SplitMix64, the seedable generator behind every seeded draw of RoPEScope: portable, so a seed
// gives the same draws on every platform and standard library (std distributions do not).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ropescope::engine {

// The next value of the stream whose state is `state` (advanced).
inline std::uint64_t splitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Puts `k` distinct elements of `items`, drawn from the stream of `state`, in its first k places
// (partial Fisher-Yates: place i takes one of places i..size-1). k <= items.size().
template <typename T>
void partialShuffle(std::vector<T>& items, std::size_t k, std::uint64_t& state) {
  for (std::size_t i = 0; i < k; ++i) std::swap(items[i], items[i + splitMix64(state) % (items.size() - i)]);
}

}  // namespace ropescope::engine
