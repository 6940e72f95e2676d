// Command-line dispatch of ropescope-cli.
#include "app/cli/cli_dispatch.h"

#include <iostream>
#include <new>
#include <string>

#include "engine/core/error.h"
#include "engine/core/version.h"

namespace ropescope::app {

namespace {

void printHelp() {
  std::cout << "ropescope-cli " << engine::kVersion
            << " - how attention heads use RoPE dimensions, computed headless\n\n"
               "usage: ropescope-cli COMMAND [OPTIONS]\n"
               "       ropescope-cli COMMAND --help\n"
               "       ropescope-cli --version\n\n"
               "commands:\n";
  for (const auto& c : commandSummaries()) {
    std::string name = "  " + std::string(c.name);
    name.append(name.size() < 12 ? 12 - name.size() : 1, ' ');
    std::cout << name << c.summary << "\n";
  }
}

void printCommandHelp(const Command& c) {
  std::cout << "usage: ropescope-cli " << c.name << " [OPTIONS]\n\n"
            << c.summary << "\n\noptions:\n"
            << formatOptions(c.options);
}

}  // namespace

int dispatch(const std::vector<Command>& runnable, int argc, char** argv, const std::function<int()>& elsewhere) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    printHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "ropescope-cli " << engine::kVersion << "\n";
    return 0;
  }
  if (summaryOf(args[0]).empty()) {
    std::cerr << "ropescope-cli: unknown command '" << args[0] << "' (see ropescope-cli --help)\n";
    return 2;
  }
  const Command* command = nullptr;
  for (const auto& c : runnable)
    if (c.name == args[0]) command = &c;
  if (command == nullptr) return elsewhere();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      printCommandHelp(*command);
      return 0;
    }
  try {
    return command->run(parseArgs(rest, command->options));
  } catch (const UsageError& e) {
    std::cerr << "ropescope-cli " << command->name << ": " << e.what() << "\n\n";
    printCommandHelp(*command);
    return 2;
  } catch (const engine::Error& e) {
    std::cerr << "ropescope-cli: error: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "ropescope-cli: error: out of memory (the model, the data or an option asks for more than this "
                 "machine has)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "ropescope-cli: error: " << e.what() << " (a fault in ropescope-cli " << command->name
              << "; please report it with the command line)\n";
    return 1;
  }
}

}  // namespace ropescope::app
