// The commands of ropescope-cli (each parses its own options; the caller handles errors).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/cli/cli_args.h"
#include "engine/run_control.h"

namespace ropescope::app {

struct Command {
  std::string name;
  std::string summary;
  std::vector<OptionSpec> options;
  std::function<int(const ParsedArgs&)> run;
};

// `cancel` is set by Ctrl-C; long commands stop at their next unit of work and keep what is done.
std::vector<Command> cliCommands(const engine::CancelToken& cancel);

// The commands by area, each in its own file; cliCommands lists them all.
std::vector<Command> modelCommands(const engine::CancelToken& cancel);     // cli_commands.cpp
std::vector<Command> demoCommands(const engine::CancelToken& cancel);      // cli_demo.cpp
std::vector<Command> analysisCommands(const engine::CancelToken& cancel);  // cli_analyze.cpp
std::vector<Command> toyCommands(const engine::CancelToken& cancel);       // cli_toy.cpp

}  // namespace ropescope::app
