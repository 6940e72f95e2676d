// The analysis commands of ropescope-cli: analyze, qa, merge.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/terminal_progress.h"
#include "engine/analysis/analysis_run.h"
#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/core/resources.h"
#include "engine/data/qa_data.h"
#include "engine/io/model_config.h"
#include "engine/io/results_io.h"
#include "engine/io/run_units.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/transformer.h"
#include "engine/results/schema.h"
#include "engine/text/tokenizer.h"

namespace ropescope::app {

namespace {

namespace fs = std::filesystem;

// A results file is written every 30 s and every this many finished samples.
constexpr int kCheckpointUnits = 50;

std::vector<int> parseIntList(const std::string& option, const std::string& text) {
  std::vector<int> out;
  for (auto id : parseIds(text)) {
    if (id < 0 || id > 1'000'000) throw UsageError("--" + option + " takes small non-negative integers");
    out.push_back(static_cast<int>(id));
  }
  return out;
}

std::pair<int, int> parseShard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument(text);
    size_t used = 0;
    const int i = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument(text);
    const int n = std::stoi(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1 || n < 1 || i < 0 || i >= n) throw std::invalid_argument(text);
    return {i, n};
  } catch (const std::exception&) {
    throw UsageError("--shard is I/N with 0 <= I < N, got '" + text + "'");
  }
}

// "SPEC;SPEC;..." as mask sets named by their canonical text.
std::vector<engine::QaSetup> parseSetups(const std::string& text) {
  std::vector<engine::QaSetup> out;
  std::stringstream in(text);
  std::string item;
  int position = 0;
  while (std::getline(in, item, ';')) {
    ++position;
    // A set left empty between two ';' is a slip (a trailing ';' is not).
    if (item.find_first_not_of(' ') == std::string::npos) {
      if (!in.eof())
        throw UsageError("--mask: mask set " + std::to_string(position) + " of '" + text +
                         "' is empty (write 'none' for the unmasked model)");
      continue;
    }
    out.push_back(engine::qaSetupOfMask(item));
  }
  return out;
}

std::vector<engine::QaSample> readData(const ParsedArgs& args) {
  engine::QaReadOptions options;
  options.skipMalformed = args.flag("skip-malformed");
  engine::QaReadReport report;
  const auto path = engine::resolveDataName(args.required("data"));
  auto data = engine::readQaFile(path, options, &report);
  for (const auto& p : report.problems) std::fprintf(stderr, "skipped %s\n", p.c_str());
  if (report.skipped > 0)
    std::fprintf(stderr, "skipped %lld malformed line(s) of %lld in %s\n", static_cast<long long>(report.skipped),
                 static_cast<long long>(report.lines), path.c_str());
  return data;
}

void printRetrievalTop(const engine::ResultsFile& r, int k) {
  const auto* score = engine::find(r, engine::schema::kRetrievalScore);
  if (score == nullptr) return;
  const auto& s = *score;
  std::vector<std::pair<float, std::pair<int, int>>> heads;
  int above = 0;
  for (int l = 0; l < s.dim(0); ++l)
    for (int h = 0; h < s.dim(1); ++h) {
      const float v = s.at({l, h});
      if (std::isnan(v)) continue;
      heads.push_back({v, {l, h}});
      above += v > 0.5f;
    }
  std::sort(heads.begin(), heads.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::printf("retrieval heads (score > 0.5): %d of %lld; top:", above, static_cast<long long>(s.numel()));
  for (int i = 0; i < std::min<int>(k, static_cast<int>(heads.size())); ++i)
    std::printf(" L%dH%d %.3f", heads[i].second.first, heads[i].second.second, heads[i].first);
  std::printf("\n");
}

int runAnalyze(const ParsedArgs& args, const engine::CancelToken& cancel, bool qaOnly) {
  const auto output = args.value("output");
  if (!qaOnly && !output) throw UsageError("--output is required");
  const bool haveData = args.value("data").has_value(), haveIds = args.value("ids").has_value();
  if (haveData == haveIds && !qaOnly) throw UsageError("give exactly one of --data and --ids");
  if (qaOnly && !haveData) throw UsageError("--data is required");
  if (args.flag("resume") && !output) throw UsageError("--resume needs --output");
  if (args.value("shard") && !output)
    throw UsageError("--shard needs --output: each shard writes its file, and merge combines them");

  const auto analyses = qaOnly
                            ? std::set<engine::Analysis>{engine::Analysis::Qa}
                            : engine::parseAnalysisList(
                                  args.value("analyses").value_or(haveIds ? "norms,bands,positional,angles" : "all"));
  // An output nobody can write is found now, not after the run.
  if (output) checkWritableOutput(*output);
  const auto model = loadModel(args);
  TerminalProgress progress;
  const auto control = progressControl(progress, cancel);

  engine::ResultsFile results;
  if (haveIds) {
    std::vector<std::vector<std::int64_t>> sequences;
    std::stringstream in(*args.value("ids"));
    std::string seq;
    while (std::getline(in, seq, ';')) sequences.push_back(parseIds(seq));
    results = engine::runTokenAnalyses(*model, sequences, analyses, control);
  } else {
    engine::AnalysisOptions options;
    options.analyses = analyses;
    options.dataName = engine::resolveDataName(*args.value("data"));
    const auto goldPositions = args.value("gold-positions");
    if (goldPositions && *goldPositions != "all")
      options.goldPositions = parseIntList("gold-positions", *goldPositions);
    options.samples = args.intValue("samples", 0, 0, 100'000'000);
    options.totalDocuments = args.intValue("documents", 20, 1, 1000);
    options.seed = static_cast<std::uint64_t>(args.intValue("seed", 0, 0, std::numeric_limits<int>::max()));
    if (const auto t = args.value("template")) options.promptTemplate = engine::parsePromptTemplate(*t);
    options.maxNewTokens = args.intValue("max-new-tokens", 32, 1, 65536);
    if (const auto m = args.value("mask")) options.setups = parseSetups(*m);
    if (args.flag("paper-masks")) {
      auto paper = engine::paperMaskSetups(model->config().headDim, analyses.count(engine::Analysis::Utility) > 0);
      options.setups.insert(options.setups.end(), paper.begin(), paper.end());
    }
    options.ablateTopK = args.intValue("ablate-top", 0, 0, 1'000'000);
    options.tokenSamples = args.intValue("token-samples", 4, 1, 1'000'000);
    options.utilitySteps = args.intValue("utility-steps", 300, 1, 1'000'000);
    options.retrievalSum = args.flag("retrieval-sum");
    if (const auto cue = args.value("answer-cue")) {
      if (*cue == "on")
        options.answerCue = engine::QaPromptOptions::AnswerCue::Always;
      else if (*cue == "off")
        options.answerCue = engine::QaPromptOptions::AnswerCue::Never;
      else if (*cue != "auto")
        throw UsageError("--answer-cue is on, off or auto, got '" + *cue + "'");
    }
    if (const auto s = args.value("shard")) std::tie(options.shardIndex, options.shardCount) = parseShard(*s);
    if (const auto s = args.value("scores")) {
      const auto scores = engine::readResultsFile(*s);
      // Scores select heads and dims of this model: another model's would mask the wrong ones.
      const auto here = model->checkpoint().runInfo();
      if (!engine::sameJson(scores.info.modelConfig, here.modelConfig))
        throw engine::Error(engine::ErrorCode::InvalidArgument, *s,
                            "holds scores of another model (" + scores.info.model + "); its config.json differs from " +
                                model->config().source.string());
      if (!engine::sameModel(scores.info, here))
        throw engine::Error(engine::ErrorCode::InvalidArgument, *s,
                            "holds scores of another model (" + scores.info.model +
                                "): same config.json, other weights (" + scores.info.modelIdentity + ", this model " +
                                here.modelIdentity + ")");
      if (const auto* score = engine::find(scores, engine::schema::kRetrievalScore)) options.retrievalScores = *score;
      if (const auto* u = engine::find(scores, engine::schema::kUtilityU)) options.utilityScores = *u;
      if (!options.retrievalScores && !options.utilityScores)
        throw engine::Error(engine::ErrorCode::InvalidArgument, *s, "holds neither /retrieval/score nor /utility/u");
    }
    const auto data = readData(args);
    // Samples with their own document sets (as the demo's) run at every gold position they hold
    // unless told otherwise; "all" asks for that explicitly, or for every position of the built
    // sets of one-passage data.
    if (!goldPositions || goldPositions == "all")
      options.goldPositions = engine::defaultGoldPositions(data, options.totalDocuments, goldPositions == "all");
    const auto tokenizer =
        engine::Tokenizer::load(args.value("tokenizer").value_or(model->checkpoint().folder().string()));

    std::optional<engine::ResultsFile> resume;
    std::error_code ec;
    if (args.flag("resume") && fs::exists(*output, ec)) {
      resume = engine::readResultsFile(*output);
      const auto finished = engine::finishedUnits(*resume);
      std::fprintf(stderr, "resuming %s: %lld unit(s) finished\n", output->c_str(),
                   static_cast<long long>(std::count(finished.begin(), finished.end(), true)));
    }
    engine::AnalysisSink sink;
    if (output) sink.checkpoint = [&](const engine::ResultsFile& r) { engine::writeResultsFile(*output, r); };
    sink.checkpointUnits = kCheckpointUnits;
    results = engine::runAnalyses(*model, tokenizer, data, options, control, sink, resume ? &*resume : nullptr);
  }
  progress.finish();
  if (output) engine::writeResultsFile(*output, results);

  printQaTable(results);
  printRetrievalTop(results, 5);
  if (const auto total = engine::attribute(results, engine::schema::kUnitsTotal)) {
    const auto get = [&](const engine::GroupAttribute& a) { return engine::attribute(results, a).value_or("0"); };
    std::fprintf(stderr, "%s of %s samples done, %s skipped (prompt longer than the context)\n",
                 get(engine::schema::kUnitsDone).c_str(), total->c_str(), get(engine::schema::kUnitsSkipped).c_str());
  }
  if (cancel.cancelled()) {
    std::fprintf(stderr, "cancelled; kept what was done%s\n",
                 output ? (" in " + *output + " (continue with --resume)").c_str() : "");
    return 130;
  }
  if (output) std::fprintf(stderr, "wrote %s\n", output->c_str());
  return 0;
}

const std::vector<OptionSpec>& qaOptions() {
  static const std::vector<OptionSpec> specs{
      {"data", true, "QA data: lost-in-the-middle JSONL(.gz) (one passage a line builds 20-document sets), or demo",
       "FILE"},
      {"samples", true, "samples per gold position (default: all)", "N"},
      {"gold-positions", true,
       "0-based gold document positions, or all (default: 0,9,19 for one-passage data, every position the "
       "samples hold otherwise)",
       "0,9,19|all"},
      {"documents", true, "documents per prompt when building sets (default 20)", "N"},
      {"seed", true, "seed for drawing distractors (default 0)", "N"},
      {"template", true, "plain, llama3, qwen, olmo2, mistral, gemma (default: chosen from the model)", "NAME"},
      {"tokenizer", true, "tokenizer.json or folder (default: the model folder)", "PATH"},
      {"max-new-tokens", true, "answer length at most (default 32)", "N"},
      {"answer-cue", true, "end the prompt with \"Answer:\": auto (plain prompts only), on, off", "MODE"},
      {"mask", true, "mask sets to compare with the unmasked model, separated by ';'", "SPEC;SPEC"},
      {"paper-masks", false, "add paper 1's mask sets: first/last head_dim/8 and /4 dims of retrieval heads"},
      {"scores", true, "take retrieval/utility scores for masks from this finished results file", "R.h5"},
      {"skip-malformed", false, "skip malformed data lines (counted) instead of stopping"},
      {"output", true, "results file (HDF5), written atomically as the run goes", "R.h5"},
      {"shard", true, "run only shard I of N (samples u with u mod N = I)", "I/N"},
      {"resume", false, "continue the run in --output, keeping its finished samples"},
  };
  return specs;
}

std::vector<OptionSpec> with(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<Command> analysisCommands(const engine::CancelToken& cancel) {
  const std::vector<OptionSpec> common{kModel, kDType, kDevice, kThreads, kCheckWeights};
  return {
      {"analyze", summaryOf("analyze"),
       with(with({{"analyses", true, "comma-separated analyses or 'all' (default all; with --ids the token-level ones)",
                   "LIST"},
                  {"ids", true, "token-level analyses on raw ids instead of --data (sequences separated by ';')",
                   "1,2,3;4,5"},
                  {"ablate-top", true, "with positional and qa: ablate the top-K positional heads and K random heads",
                   "K"},
                  {"token-samples", true, "prompts that bands and positional run on (default 4)", "N"},
                  {"utility-steps", true, "Adam steps per layer for utility (default 300)", "N"},
                  {"retrieval-sum", false, "retrieval score as the sum over query positions, not the mean"}},
                 qaOptions()),
            common),
       [&cancel](const ParsedArgs& a) { return runAnalyze(a, cancel, false); }},
      {"qa", summaryOf("qa"), with(qaOptions(), common),
       [&cancel](const ParsedArgs& a) { return runAnalyze(a, cancel, true); }},
  };
}

}  // namespace ropescope::app
