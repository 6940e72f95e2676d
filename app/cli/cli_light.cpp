// The ropescope-cli commands that need no LibTorch (tokenize, merge, make-demo-data): the
// launcher runs them itself, without loading the engine module.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/data/demo_data.h"
#include "engine/io/results_io.h"
#include "engine/io/run_units.h"
#include "engine/results/schema.h"
#include "engine/text/tokenizer.h"

namespace ropescope::app {

std::uint64_t parseSeed(const ParsedArgs& args) {
  const auto v = args.value("seed");
  if (!v) return 0;
  try {
    size_t used = 0;
    if (v->empty() || (*v)[0] == '-') throw std::invalid_argument(*v);
    const auto seed = std::stoull(*v, &used);
    if (used != v->size()) throw std::invalid_argument(*v);
    return seed;
  } catch (const std::exception&) {
    throw UsageError("--seed takes a non-negative whole number, got '" + *v + "'");
  }
}

void printQaTable(const engine::ResultsFile& r) {
  namespace schema = engine::schema;
  const auto* positions = engine::find(r, schema::kGoldPositions);
  if (positions == nullptr) return;
  bool any = false;
  for (const auto& name : engine::qaSetups(r, schema::kQaAccuracy)) {  // the unmasked model first
    const auto& a = r.arrays.at(schema::qaPath(name, schema::kQaAccuracy));
    if (!any) {
      std::printf("%-44s", "accuracy by gold document (1-based)");
      for (float g : positions->values) std::printf(" %7d", static_cast<int>(g) + 1);
      std::printf(" %7s\n", "mean");
      any = true;
    }
    std::printf("%-44s", name.c_str());
    double sum = 0;
    int n = 0;
    for (float v : a.values) {
      std::printf(" %7.3f", v);
      if (!std::isnan(v)) sum += v, ++n;
    }
    std::printf(" %7.3f\n", n ? sum / n : NAN);
  }
}

namespace {

int runTokenize(const ParsedArgs& args) {
  const auto tokenizer = engine::Tokenizer::load(args.required("tokenizer"));
  const bool special = args.flag("add-special");
  if (args.value("text").has_value() == args.value("input").has_value())
    throw UsageError("give exactly one of --text and --input");
  if (const auto text = args.value("text")) {
    std::printf("%s\n", joinIds(tokenizer.encode(*text, special)).c_str());
    return 0;
  }
  const auto path = *args.value("input");
  engine::requireRegularFile(path);  // a FIFO would block the open
  std::ifstream in(path);
  if (!in) throw engine::Error(engine::ErrorCode::NotFound, path, "cannot open");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto record = engine::parseJsonText(line, path + ":" + std::to_string(number));
    if (!record.is_object() || !record.contains("text") || !record["text"].is_string())
      throw engine::Error(engine::ErrorCode::Format, path + ":" + std::to_string(number), "needs a string \"text\"");
    nlohmann::json out = {{"id", record.value("id", nlohmann::json())},
                          {"ids", tokenizer.encode(record["text"].get<std::string>(), special)}};
    std::printf("%s\n", out.dump().c_str());
  }
  return 0;
}

int runMerge(const ParsedArgs& args) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  const auto& inputs = args.positional();
  if (inputs.empty()) throw UsageError("name the shard files: ropescope-cli merge --output ALL.h5 SHARD.h5 ...");
  std::vector<engine::ResultsFile> shards;
  for (const auto& in : inputs) shards.push_back(engine::readResultsFile(in));
  const auto merged = engine::mergeShards(shards, inputs);
  // A partial set of shards merges into a file that looks finished: refused unless asked for.
  const auto finished = engine::finishedUnits(merged);
  const auto missing = static_cast<std::size_t>(std::count(finished.begin(), finished.end(), false));
  if (missing > 0 && !args.flag("allow-partial"))
    throw engine::Error(engine::ErrorCode::InvalidArgument, "merge",
                        std::to_string(missing) + " of " + std::to_string(finished.size()) +
                            " samples were run by none of the shards given (a shard missing?); "
                            "--allow-partial merges them anyway");
  if (missing > 0)
    std::fprintf(stderr, "%zu of %zu samples were run by none of the shards: merged without them\n", missing,
                 finished.size());
  engine::writeResultsFile(output, merged);
  printQaTable(merged);
  std::fprintf(stderr, "merged %zu shard(s) into %s\n", inputs.size(), output.c_str());
  return 0;
}

int runMakeDemoData(const ParsedArgs& args) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  engine::DemoDataOptions options;
  options.samples = args.intValue("samples", 0, 0, 100'000'000);
  if (!args.value("samples")) throw UsageError("--samples is required");
  if (options.samples < 1) throw UsageError("--samples must be at least 1");
  options.seed = parseSeed(args);
  std::string where = "at a position drawn per sample";
  if (const auto p = args.value("gold-position")) {
    if (*p == "all") {
      options.goldPosition = engine::DemoDataOptions::kAllGoldPositions;
      where = "at position i mod 20 for sample i";
    } else {
      options.goldPosition = args.intValue("gold-position", -1);
      if (options.goldPosition < 0 || options.goldPosition >= engine::kDemoDocuments)
        throw UsageError("--gold-position is 0..19 or 'all', got '" + *p + "'");
      where = "at position " + *p;
    }
  }
  const auto samples = engine::makeDemoData(options);
  engine::writeDemoData(output, samples);
  std::fprintf(stderr, "wrote %zu samples of %d documents (gold document %s) to %s\n", samples.size(),
               engine::kDemoDocuments, where.c_str(), output.c_str());
  return 0;
}

}  // namespace

std::vector<Command> lightCommands() {
  return {
      {"tokenize",
       summaryOf("tokenize"),
       {{"tokenizer", true, "a tokenizer.json file or a model folder holding one", "PATH"},
        {"text", true, "the text to tokenize", "TEXT"},
        {"input", true, "JSONL file of {\"id\",\"text\"} records", "FILE.jsonl"},
        {"add-special", false, "add the tokenizer's special tokens (e.g. BOS)"}},
       runTokenize},
      {"merge",
       summaryOf("merge"),
       {{"output", true, "merged results file", "ALL.h5"},
        {"allow-partial", false, "merge even when some samples were run by no shard (a shard is missing)"}},
       runMerge},
      {"make-demo-data",
       summaryOf("make-demo-data"),
       {{"output", true, "file to write (.jsonl, or .jsonl.gz to compress)", "FILE.jsonl"},
        {"samples", true, "how many samples", "N"},
        {"seed", true, "generator seed (default 0)", "S"},
        {"gold-position", true, "0..19: the answer's document there; all: sample i at i mod 20 (default: drawn)",
         "P|all"}},
       runMakeDemoData},
  };
}

}  // namespace ropescope::app
