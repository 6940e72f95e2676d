// The executables `ropescope` and `ropescope-cli` are launchers: they set the start-up
// environment that LibTorch's OpenBLAS and OpenMP read when loaded (engine/core/blas_environment.h),
// then load the program itself, a module beside them that links LibTorch, and run it. No
// re-execution, and a command that needs no LibTorch (`ropescope-cli --version`) never loads it.
#pragma once

namespace ropescope::app {

// Sets the environment, loads `library` from the launcher's own folder and returns what its
// `entry` (extern "C" int entry(int argc, char** argv)) returns. When the module cannot be
// loaded, prints an error naming the file and why, as `program`, and returns 1.
int runModule(const char* program, const char* library, const char* entry, int argc, char** argv);

}  // namespace ropescope::app
