// SplitMix64, the seedable generator behind every seeded draw of RoPEScope: portable, so a seed
// gives the same draws on every platform and standard library (std distributions do not).
#pragma once

#include <cstdint>

namespace ropescope::engine {

// The next value of the stream whose state is `state` (advanced).
inline std::uint64_t splitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace ropescope::engine
