// Process-wide engine settings (threads).
#pragma once

namespace ropescope::engine {

// Sets LibTorch's intra-op threads; n <= 0 means one per hardware thread. Returns the count set.
int configureThreads(int n = 0);
int threadCount();

}  // namespace ropescope::engine
