// ropescope-cli: the launcher of the headless runs (app/launcher.h). `--version` is answered
// here, without loading LibTorch; everything else runs in libropescope-cli.so.
#include <cstdio>
#include <string_view>

#include "app/launcher.h"
#include "engine/version.h"

int main(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "--version" || std::string_view(argv[1]) == "-V")) {
    std::printf("ropescope-cli %s\n", ropescope::engine::kVersion);
    return 0;
  }
  return ropescope::app::runModule("ropescope-cli", "libropescope-cli.so", "ropescope_cli_main", argc, argv);
}
