// Process-wide engine settings (threads).
#pragma once

namespace ropescope::engine {

// Sets LibTorch's intra-op threads; n <= 0 means one per hardware thread. Returns the count set.
int configureThreads(int n = 0);
int threadCount();

// Two start-up settings make float32 matmul on CPU several times faster, and both are read
// only when the process starts: Debian's OpenBLAS picks kernels by CPU model and falls back to
// generic SSE3 ("Prescott") kernels on models it does not know, as virtual machines often
// report (4x slower here), and LibTorch's OpenMP threads spin after each parallel region,
// taking the cores from OpenBLAS's own threads. When OpenBLAS is in use and either setting is
// missing, this re-executes the program once, with the same arguments, with
// OPENBLAS_CORETYPE naming kernels the CPU supports (AVX-512 or AVX2) and
// OMP_WAIT_POLICY=PASSIVE; values the user set are kept. Call first thing in main().
void useFastBlasKernels();

}  // namespace ropescope::engine
