// Loading the program module after setting its environment.
#include "app/launcher.h"

#include <dlfcn.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "engine/core/blas_environment.h"

namespace ropescope::app {

int runModule(const char* program, const char* library, const char* entry, int argc, char** argv) {
  engine::keepMidSizedBlocksInHeap();
  engine::setFastBlasEnvironment();
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto path = (ec ? std::filesystem::path(library) : self.parent_path() / library).string();
  void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    const char* why = ::dlerror();
    std::fprintf(stderr, "%s: cannot load %s: %s\n", program, path.c_str(), why ? why : "unknown error");
    return 1;
  }
  using Entry = int (*)(int, char**);
  const auto run = reinterpret_cast<Entry>(::dlsym(module, entry));
  if (run == nullptr) {
    std::fprintf(stderr, "%s: %s has no entry point %s\n", program, path.c_str(), entry);
    return 1;
  }
  return run(argc, argv);
}

}  // namespace ropescope::app
