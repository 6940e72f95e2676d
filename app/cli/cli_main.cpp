// ropescope-cli's engine module (libropescope-cli.so): the commands that need LibTorch, entered
// through ropescope_cli_main by the ropescope-cli launcher (app/launcher.h).
#include <atomic>
#include <csignal>
#include <iostream>

#include "app/cli/cli_dispatch.h"

namespace {

ropescope::engine::CancelToken g_cancel;
std::atomic<int> g_signal{0};

// SIGINT (Ctrl+C), SIGTERM (Slurm, kill) and SIGHUP (a closed terminal) all stop a run the same
// way: after the current unit, with what is done written and the way to resume said.
extern "C" void onStopSignal(int signal) {
  g_signal.store(signal);
  g_cancel.cancel();
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int ropescope_cli_main(int argc, char** argv) {
  using namespace ropescope::app;
  auto commands = engineCommands(g_cancel);
  for (auto& c : lightCommands()) commands.push_back(std::move(c));
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, onStopSignal);
  const int rc = dispatch(commands, argc, argv, [] {
    std::cerr << "ropescope-cli: the command is not in this module\n";
    return 1;
  });
  // Stopped by a signal: the shell's convention, 128 + its number.
  if (const int signal = g_signal.load(); signal != 0 && rc != 0) return 128 + signal;
  return rc;
}
