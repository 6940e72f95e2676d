// Process-wide engine settings.
#include "engine/runtime.h"

#include <ATen/Parallel.h>

#include <thread>

namespace ropescope::engine {

int configureThreads(int n) {
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(n);
  return at::get_num_threads();
}

int threadCount() { return at::get_num_threads(); }

}  // namespace ropescope::engine
