// The commands of ropescope-cli (each parses its own options; the caller handles errors).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_args.h"
#include "engine/core/run_control.h"
#include "engine/results/results_file.h"

namespace ropescope::app {

struct Command {
  std::string name;
  std::string summary;
  std::vector<OptionSpec> options;
  std::function<int(const ParsedArgs&)> run;
};

// Every command's name and one-line summary, in the order --help lists them (torch-free: the
// launcher prints them without loading the engine module; the command lists take theirs from here).
struct CommandSummary {
  std::string_view name, summary;
};
const std::vector<CommandSummary>& commandSummaries();
std::string summaryOf(std::string_view name);

// The commands that need no LibTorch (tokenize, merge, make-demo-data; cli_light.cpp): the
// launcher runs them itself.
std::vector<Command> lightCommands();

// The commands of libropescope-cli.so. `cancel` is set by Ctrl-C; long commands stop at their
// next unit of work and keep what is done.
std::vector<Command> engineCommands(const engine::CancelToken& cancel);

// The engine commands by area, each in its own file; engineCommands lists them all.
std::vector<Command> modelCommands(const engine::CancelToken& cancel);     // cli_commands.cpp
std::vector<Command> demoCommands(const engine::CancelToken& cancel);      // cli_demo.cpp
std::vector<Command> analysisCommands(const engine::CancelToken& cancel);  // cli_analyze.cpp
std::vector<Command> toyCommands(const engine::CancelToken& cancel);       // cli_toy.cpp

// Shared by the commands that print run results or take a seed (cli_light.cpp).
void printQaTable(const engine::ResultsFile& results);
std::uint64_t parseSeed(const ParsedArgs& args);  // --seed, default 0; UsageError if not a whole number >= 0

}  // namespace ropescope::app
