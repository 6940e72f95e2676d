// Process-wide engine settings (threads).
#pragma once

namespace ropescope::engine {

// The most intra-op threads configureThreads takes (far beyond any machine's useful count).
inline constexpr int kMaxThreads = 1024;

// Sets LibTorch's intra-op threads; n <= 0 means one per hardware thread, more than kMaxThreads
// is Error(InvalidArgument). Returns the count set.
int configureThreads(int n = 0);
int threadCount();

// For programs linked to LibTorch (tests, benchmarks): when OpenBLAS is in use and the settings
// of engine/core/blas_environment.h are missing, re-executes the program once, with the same
// arguments, with them set (values the user set are kept). Call first thing in main(). The app
// and the CLI need none of this: their launchers set the environment before they load LibTorch.
void useFastBlasKernels();

}  // namespace ropescope::engine
