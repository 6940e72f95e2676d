// ropescope-cli's engine module (libropescope-cli.so): the commands that need LibTorch, entered
// through ropescope_cli_main by the ropescope-cli launcher (app/launcher.h).
#include <csignal>
#include <iostream>

#include "app/cli/cli_dispatch.h"

namespace {

ropescope::engine::CancelToken g_cancel;

extern "C" void onInterrupt(int) { g_cancel.cancel(); }

}  // namespace

extern "C" __attribute__((visibility("default"))) int ropescope_cli_main(int argc, char** argv) {
  using namespace ropescope::app;
  auto commands = engineCommands(g_cancel);
  for (auto& c : lightCommands()) commands.push_back(std::move(c));
  std::signal(SIGINT, onInterrupt);
  return dispatch(commands, argc, argv, [] {
    std::cerr << "ropescope-cli: the command is not in this module\n";
    return 1;
  });
}
