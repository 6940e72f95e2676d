// The BLAS and OpenMP settings of engine/core/blas_environment.h.
#include "engine/core/blas_environment.h"

#include <malloc.h>

#include <cstdlib>
#include <set>
#include <string>

namespace ropescope::engine {

void keepMidSizedBlocksInHeap() {
  if (std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr || std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr) return;
  ::mallopt(M_MMAP_THRESHOLD, 64 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

const char* fasterOpenBlasCore(const char* detectedCore) {
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
                      __builtin_cpu_supports("avx512cd");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (detectedCore != nullptr) {
    // What OpenBLAS picked is known: change only a core without the CPU's kernels.
    static const std::set<std::string> kAvx512Cores{"SkylakeX", "Cooperlake", "SapphireRapids"};
    static const std::set<std::string> kAvx2Cores{"Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"};
    if (avx512 && !kAvx512Cores.count(detectedCore)) return "SkylakeX";
    if (!avx512 && avx2 && !kAvx2Cores.count(detectedCore)) return "Haswell";
    return nullptr;
  }
  // Before OpenBLAS is loaded: CPUs with BF16 (Cooper Lake, Sapphire Rapids, Zen 4) are models
  // OpenBLAS knows, with kernels of their own; leave those to it.
  if (avx512) return __builtin_cpu_supports("avx512bf16") ? nullptr : "SkylakeX";
  return avx2 ? "Haswell" : nullptr;
}

bool setFastBlasEnvironment(const char* detectedCore) {
  bool changed = false;
  if (std::getenv("OPENBLAS_CORETYPE") == nullptr)
    if (const char* core = fasterOpenBlasCore(detectedCore)) changed = ::setenv("OPENBLAS_CORETYPE", core, 1) == 0;
  if (std::getenv("OMP_WAIT_POLICY") == nullptr) changed = ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) == 0 || changed;
  return changed;
}

}  // namespace ropescope::engine
