// Start-up settings that make float32 matmul on CPU several times faster; LibTorch's OpenBLAS
// and OpenMP read them only when they are loaded, so they are set before (no torch here).
#pragma once

namespace ropescope::engine {

// Keeps freed blocks of a few MB in the heap (glibc otherwise hands each back to the kernel and
// faults it in again on the next allocation of that size: up to 40% of a training step), unless
// the user tuned malloc.
void keepMidSizedBlocksInHeap();

// The OPENBLAS_CORETYPE that gives this CPU its fast kernels: "SkylakeX" for AVX-512 without
// BF16, "Haswell" for AVX2 + FMA without AVX-512, or nullptr (leave OpenBLAS's choice). With
// `detectedCore` (what OpenBLAS picked) a core that already has those kernels keeps its own.
// Debian's OpenBLAS picks kernels by CPU model and falls back to generic SSE3 kernels on models
// it does not know, as virtual machines often report (4x slower here).
const char* fasterOpenBlasCore(const char* detectedCore = nullptr);

// Sets OPENBLAS_CORETYPE (fasterOpenBlasCore) and OMP_WAIT_POLICY=PASSIVE (LibTorch's OpenMP
// threads otherwise spin after each parallel region and take the cores from OpenBLAS's own
// threads: 1.4-2x slower here), each unless the user set it. Returns whether it changed any.
bool setFastBlasEnvironment(const char* detectedCore = nullptr);

}  // namespace ropescope::engine
