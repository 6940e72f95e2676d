// Process-wide engine settings.
#include "engine/model/runtime.h"

#include "engine/core/error.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/blas_environment.h"

namespace ropescope::engine {

int configureThreads(int n) {
  if (n > kMaxThreads)
    throw Error(ErrorCode::InvalidArgument, "threads",
                std::to_string(n) + " asked; at most " + std::to_string(kMaxThreads));
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(n);
  return at::get_num_threads();
}

int threadCount() { return at::get_num_threads(); }

void useFastBlasKernels() {
  keepMidSizedBlocksInHeap();
  if (std::getenv("ROPESCOPE_CPU_TUNED") != nullptr) return;  // already re-executed once
  void* openblas = ::dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD);
  if (openblas == nullptr) return;
  const auto corename = reinterpret_cast<const char* (*)()>(::dlsym(openblas, "openblas_get_corename"));
  if (corename == nullptr || !setFastBlasEnvironment(corename())) return;

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
