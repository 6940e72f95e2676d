// Process-wide engine settings.
#include "engine/runtime.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ropescope::engine {

int configureThreads(int n) {
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(n);
  return at::get_num_threads();
}

int threadCount() { return at::get_num_threads(); }

void useFastBlasKernels() {
  // glibc hands every freed block of a few MB back to the kernel and faults it in again on the
  // next allocation of the same size: tensors of that size come and go in every layer (up to
  // 40% of a training step here). Keep them in the heap unless the user tuned malloc.
  if (std::getenv("MALLOC_TRIM_THRESHOLD_") == nullptr && std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr) {
    ::mallopt(M_MMAP_THRESHOLD, 64 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
  }
  if (std::getenv("ROPESCOPE_CPU_TUNED") != nullptr) return;  // already re-executed once
  void* openblas = ::dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD);
  if (openblas == nullptr) return;
  bool changed = false;
  const auto corename = reinterpret_cast<const char* (*)()>(::dlsym(openblas, "openblas_get_corename"));
  if (std::getenv("OPENBLAS_CORETYPE") == nullptr && corename != nullptr) {
    const std::string core = corename();
    static const std::set<std::string> kAvx512Cores{"SkylakeX", "Cooperlake", "SapphireRapids"};
    static const std::set<std::string> kAvx2Cores{"Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"};
    const char* better = nullptr;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd") && !kAvx512Cores.count(core))
      better = "SkylakeX";
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && !kAvx2Cores.count(core))
      better = "Haswell";
    if (better != nullptr) changed = ::setenv("OPENBLAS_CORETYPE", better, 1) == 0;
  }
  // OpenBLAS runs its own threads beside LibTorch's OpenMP ones; OpenMP threads that spin
  // after each parallel region take the cores from the next matmul (1.4-2x slower here).
  if (std::getenv("OMP_WAIT_POLICY") == nullptr) changed = ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) == 0 || changed;
  if (!changed) return;

  // The same command line, from the kernel's copy of it.
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::vector<std::string> args;
  for (std::string arg; std::getline(in, arg, '\0');) args.push_back(arg);
  if (args.empty()) return;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::setenv("ROPESCOPE_CPU_TUNED", "1", 1);
  ::execv("/proc/self/exe", argv.data());
}  // exec failed: carry on as we are

}  // namespace ropescope::engine
