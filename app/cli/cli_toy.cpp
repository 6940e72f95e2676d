// The toy command of ropescope-cli: the controlled RoPE experiment of Chiang & Yogatama (2025, section 4).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/terminal_progress.h"
#include "engine/analysis/toy_experiment.h"
#include "engine/io/results_io.h"
#include "engine/model/runtime.h"
#include "engine/results/schema.h"

namespace ropescope::app {

namespace {

int positiveOption(const ParsedArgs& args, const std::string& name, int fallback) {
  const int v = args.intValue(name, fallback);
  if (v < 1) throw UsageError("--" + name + " must be at least 1, got " + std::to_string(v));
  return v;
}

// The groups of `file` other than the ones just written (those of an existing file).
std::set<std::string> keptGroups(const engine::ResultsFile& file,
                                 const std::vector<std::pair<std::string, engine::ToyResult>>& runs) {
  std::set<std::string> groups;
  if (file.weights) groups.insert(std::string(engine::schema::kWeights));
  const auto add = [&](const std::string& path) {
    const auto slash = path.rfind('/');
    groups.insert(slash == 0 ? path : path.substr(0, slash));
  };
  for (const auto& [path, a] : file.arrays) add(path);
  for (const auto& [path, a] : file.strings) add(path);
  for (const auto& [name, r] : runs) groups.erase(engine::schema::toyGroup(name));
  return groups;
}

double meanOf(const engine::NdArray& a, std::size_t begin, std::size_t end) {
  double sum = 0;
  for (auto i = begin; i < end; ++i) sum += a.values[i];
  return sum / static_cast<double>(end - begin);
}

void printSummary(const std::vector<std::pair<std::string, engine::ToyResult>>& runs) {
  std::printf("%-6s %-7s %10s %10s %10s %10s %10s %10s\n", "setup", "epochs", "train", "held-out", "|q| first",
              "|q| last", "|k| first", "|k| last");
  for (const auto& [name, r] : runs) {
    const auto d = static_cast<std::size_t>(r.options.dims);
    const auto w = std::min<std::size_t>(16, d);
    std::printf("%-6s %3d/%-3d %10.4f %10.4f %10.4f %10.4f %10.4f %10.4f\n", name.c_str(), r.epochsDone,
                r.options.epochs, r.trainLoss.values.empty() ? 0.0 : r.trainLoss.values.back(),
                r.evalLoss.values.empty() ? 0.0 : r.evalLoss.values.back(), meanOf(r.qAbsMean, 0, w),
                meanOf(r.qAbsMean, d - w, d), meanOf(r.kAbsMean, 0, w), meanOf(r.kAbsMean, d - w, d));
  }
  std::printf(
      "(train: last epoch's mean loss; held-out: loss after it; |q|, |k|: mean |weight| over the first and "
      "last 16 dims)\n");
  std::printf("\nheld-out loss with r dims removed (first = dims 0..r-1, highest frequencies; last = dims D-r..D-1)\n");
  std::printf("%-12s", "r");
  const std::vector<int> removed = {0, 16, 32, 64, 96, 128};
  for (int r : removed) std::printf(" %8d", r);
  std::printf("\n");
  for (const auto& [name, r] : runs)
    for (const auto* dir : {"first", "last"}) {
      const auto& curve = std::string(dir) == "first" ? r.lossRemoveFirst : r.lossRemoveLast;
      std::printf("%-12s", (name + " " + dir).c_str());
      for (int k : removed)
        if (k <= r.options.dims) std::printf(" %8.4f", curve.values[static_cast<std::size_t>(k)]);
      std::printf("\n");
    }
}

int runToy(const ParsedArgs& args, const engine::CancelToken& cancel) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  const auto ropeArg = args.value("rope").value_or("both");
  std::vector<bool> setups;
  if (ropeArg == "on")
    setups = {true};
  else if (ropeArg == "off")
    setups = {false};
  else if (ropeArg == "both")
    setups = {true, false};
  else
    throw UsageError("--rope is on, off or both, got '" + ropeArg + "'");
  engine::ToyOptions options;
  options.epochs = positiveOption(args, "epochs", options.epochs);
  options.samplesPerEpoch = positiveOption(args, "samples-per-epoch", options.samplesPerEpoch);
  options.evalSamples = positiveOption(args, "eval-samples", options.evalSamples);
  options.pairs = positiveOption(args, "tuples", options.pairs);
  options.dims = positiveOption(args, "dims", options.dims);
  if (const auto rate = args.value("learning-rate")) {
    char* end = nullptr;
    options.learningRate = std::strtod(rate->c_str(), &end);
    if (rate->empty() || *end != '\0' || !(options.learningRate > 0.0) || !(options.learningRate < 1.0))
      throw UsageError("--learning-rate takes a number in (0, 1), got '" + *rate + "'");
  }
  engine::validateToyOptions(options);
  if (const auto seed = args.value("seed")) {
    try {
      std::size_t used = 0;
      options.seed = std::stoull(*seed, &used);
      if (used != seed->size() || seed->front() == '-') throw std::invalid_argument(*seed);
    } catch (const std::exception&) {
      throw UsageError("--seed takes a non-negative integer, got '" + *seed + "'");
    }
  }
  engine::configureThreads(args.intValue("threads", 0, 0, engine::kMaxThreads));

  // An existing results file keeps its other groups; anything else under that name is refused
  // before the training starts rather than after.
  std::error_code ec;
  const bool existing = std::filesystem::exists(output, ec);
  if (existing) engine::readResultsFile(output);

  std::vector<std::pair<std::string, engine::ToyResult>> runs;
  bool cancelled = false;
  for (const bool rope : setups) {
    if (cancel.cancelled()) break;
    auto o = options;
    o.rope = rope;
    TerminalProgress progress;
    auto result = engine::runToyExperiment(o, progressControl(progress, cancel));
    progress.finish();
    cancelled = cancelled || !result.complete();
    runs.emplace_back(rope ? "rope" : "nope", std::move(result));
  }

  engine::ResultsFile file;
  if (existing)
    file = engine::readResultsFile(output);
  else
    file.info.options = nlohmann::json{{"command", "toy"}, {"rope", ropeArg}}.dump();
  for (const auto& [name, r] : runs) engine::putToyRun(file, name, r);
  engine::writeResultsFile(output, file);
  std::string groups, kept;
  for (const auto& [name, r] : runs) groups += (groups.empty() ? "" : " and ") + engine::schema::toyGroup(name);
  for (const auto& group : keptGroups(file, runs)) kept += (kept.empty() ? "" : ", ") + group;

  printSummary(runs);
  const auto keptText = kept.empty() ? std::string() : " (kept its other groups: " + kept + ")";
  if (cancelled) {
    std::fprintf(stderr, "cancelled; wrote the finished epochs (%s) to %s%s\n",
                 groups.empty() ? "none" : groups.c_str(), output.c_str(), keptText.c_str());
    return 130;
  }
  std::fprintf(stderr, "wrote %s to %s%s\n", groups.c_str(), output.c_str(), keptText.c_str());
  return 0;
}

}  // namespace

std::vector<Command> toyCommands(const engine::CancelToken& cancel) {
  return {
      {"toy",
       summaryOf("toy"),
       {{"rope", true, "on, off or both (default: both)", "on|off|both"},
        {"epochs", true, "training epochs (default 100)", "N"},
        {"output", true, "results file to write (HDF5): groups /toy/rope and /toy/nope", "FILE.h5"},
        {"seed", true, "seed of the initial tuples and the training samples (default 0)", "S"},
        {"samples-per-epoch", true, "random samples per epoch (default 10000)", "N"},
        {"eval-samples", true, "held-out samples for the losses (default 1024)", "N"},
        {"tuples", true, "learned (q, k, v) tuples n (default 1000)", "N"},
        {"dims", true, "head dimension, even (default 128)", "N"},
        {"learning-rate", true, "Adam's learning rate (default 0.001)", "X"},
        kThreads},
       [&cancel](const ParsedArgs& a) { return runToy(a, cancel); }},
  };
}

}  // namespace ropescope::app
