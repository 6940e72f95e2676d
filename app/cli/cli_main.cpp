// ropescope-cli: headless RoPEScope runs (engine only, no Qt), the entry point of
// libropescope-cli.so that the ropescope-cli launcher loads (app/launcher.h).
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli_args.h"
#include "app/cli/cli_commands.h"
#include "engine/error.h"
#include "engine/version.h"

namespace {

using namespace ropescope;

engine::CancelToken g_cancel;

extern "C" void onInterrupt(int) { g_cancel.cancel(); }

using app::Command;

void printHelp(const std::vector<Command>& cmds) {
  std::cout << "ropescope-cli " << engine::kVersion
            << " - how attention heads use RoPE dimensions, computed headless\n\n"
               "usage: ropescope-cli COMMAND [OPTIONS]\n"
               "       ropescope-cli COMMAND --help\n"
               "       ropescope-cli --version\n\n"
               "commands:\n";
  for (const auto& c : cmds) {
    std::string name = "  " + c.name;
    name.append(name.size() < 12 ? 12 - name.size() : 1, ' ');
    std::cout << name << c.summary << "\n";
  }
}

void printCommandHelp(const Command& c) {
  std::cout << "usage: ropescope-cli " << c.name << " [OPTIONS]\n\n"
            << c.summary << "\n\noptions:\n"
            << app::formatOptions(c.options);
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int ropescope_cli_main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto cmds = app::cliCommands(g_cancel);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printHelp(cmds);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "ropescope-cli " << engine::kVersion << "\n";
    return 0;
  }
  const Command* command = nullptr;
  for (const auto& c : cmds)
    if (c.name == args[0]) command = &c;
  if (command == nullptr) {
    std::cerr << "ropescope-cli: unknown command '" << args[0] << "' (see ropescope-cli --help)\n";
    return 2;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      printCommandHelp(*command);
      return 0;
    }

  std::signal(SIGINT, onInterrupt);
  try {
    return command->run(app::parseArgs(rest, command->options));
  } catch (const app::UsageError& e) {
    std::cerr << "ropescope-cli " << command->name << ": " << e.what() << "\n\n";
    printCommandHelp(*command);
    return 2;
  } catch (const engine::Error& e) {
    std::cerr << "ropescope-cli: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "ropescope-cli: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
