// Command-line dispatch shared by the ropescope-cli launcher and its engine module: help, version,
// unknown commands, per-command help, and how errors end a command.
#pragma once

#include <functional>
#include <vector>

#include "app/cli/cli_commands.h"

namespace ropescope::app {

// Runs the command argv names if it is one of `runnable`; a known command that is not (it lives
// elsewhere) goes to `elsewhere`. Handles no arguments and --help (every command's summary),
// --version, unknown commands and `COMMAND --help`; a UsageError prints the command's help (exit
// 2), an engine::Error "ropescope-cli: error: ..." (exit 1).
int dispatch(const std::vector<Command>& runnable, int argc, char** argv, const std::function<int()>& elsewhere);

}  // namespace ropescope::app
