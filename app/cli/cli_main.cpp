// ropescope-cli: headless RoPEScope runs (engine only, no Qt).
#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli_args.h"
#include "app/cli/terminal_progress.h"
#include "engine/checkpoint.h"
#include "engine/error.h"
#include "engine/results_store.h"
#include "engine/runtime.h"
#include "engine/version.h"
#include "engine/weight_norms.h"

namespace {

using namespace ropescope;

engine::CancelToken g_cancel;

extern "C" void onInterrupt(int) { g_cancel.cancel(); }

struct Command {
  std::string name;
  std::string summary;
  std::vector<app::OptionSpec> options;
  std::function<int(const app::ParsedArgs&)> run;
};

const app::OptionSpec kThreads{"threads", true, "compute threads (default: one per core)", "N"};

engine::DimOrder parseDimOrder(const app::ParsedArgs& args) {
  const auto v = args.value("dim-order").value_or("frequency");
  if (v == "frequency") return engine::DimOrder::Frequency;
  if (v == "storage") return engine::DimOrder::Storage;
  throw app::UsageError("--dim-order is 'frequency' or 'storage', got '" + v + "'");
}

int runNorms(const app::ParsedArgs& args) {
  const auto model = args.required("model");
  const auto output = args.required("output");
  const auto order = parseDimOrder(args);
  engine::configureThreads(args.intValue("threads", 0));

  const auto checkpoint = engine::Checkpoint::open(model);
  app::TerminalProgress progress;
  engine::RunControl control;
  control.cancel = &g_cancel;
  control.progress = [&](std::int64_t done, std::int64_t total, std::string_view stage) {
    progress.update(done, total, stage);
  };
  auto norms = engine::computeWeightNorms(checkpoint, control, order);
  progress.finish();

  engine::ResultsFile results;
  results.info.model = model;
  results.info.modelConfig = checkpoint.config().configJson;
  results.info.dimOrder = std::string(order == engine::DimOrder::Frequency ? "frequency" : "storage");
  const bool complete = norms.complete();
  const int done = norms.layersDone;
  results.weights = std::move(norms);
  engine::writeResultsFile(output, results);
  if (!complete) {
    std::fprintf(stderr, "cancelled after %d of %d layers; wrote what was done to %s\n", done,
                 checkpoint.config().numLayers, output.c_str());
    return 130;
  }
  std::fprintf(stderr, "wrote /weights/q_row_l1 and /weights/k_row_l1 to %s\n", output.c_str());
  return 0;
}

std::vector<Command> commands() {
  return {
      {"norms",
       "L1 norms of every query/key projection row per layer, head and dimension",
       {{"model", true, "Hugging Face model folder (config.json + safetensors)", "DIR"},
        {"output", true, "results file to write (HDF5)", "FILE.h5"},
        {"dim-order", true, "frequency (default: pair i = dims 2i, 2i+1) or storage", "ORDER"},
        kThreads},
       runNorms},
  };
}

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

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto cmds = commands();
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
