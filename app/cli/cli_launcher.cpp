// ropescope-cli: the launcher of the headless runs (app/launcher.h). Help, --version and the
// commands that need no LibTorch (tokenize, merge, make-demo-data) run here; the others run in
// libropescope-cli.so, loaded once the environment is set.
#include "app/cli/cli_dispatch.h"
#include "app/launcher.h"

int main(int argc, char** argv) {
  return ropescope::app::dispatch(ropescope::app::lightCommands(), argc, argv, [&] {
    return ropescope::app::runModule("ropescope-cli", "libropescope-cli.so", "ropescope_cli_main", argc, argv);
  });
}
