// The Sample page's live re-run: one QA sample answered under a mask (engine::answerQaSample,
// prompt encoding included) beside the same sample unmasked in the same run, on the demo model
// and data by default. Usage: bench_qa_rerun [MODEL_DIR [DATA.jsonl [SAMPLE [REPEATS]]]]
#include <ATen/ATen.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_support.h"
#include "engine/analysis/analysis_run.h"
#include "engine/analysis/qa_sample.h"
#include "engine/core/resources.h"
#include "engine/data/demo_data.h"
#include "engine/data/demo_tokenizer.h"
#include "engine/model/runtime.h"
#include "engine/model/transformer.h"

namespace {

constexpr double kBudgetMs = 300.0;  // what the Sample page aims at for the demo model on 2 cores

}  // namespace

int main(int argc, char** argv) {
  using namespace ropescope;
  namespace fs = std::filesystem;
  engine::useFastBlasKernels();
  engine::configureThreads(0);
  at::manual_seed(0);

  // The model: the one named, else the shipped demo, else a random Llama of the demo's shape
  // with the demo's byte-level BPE tokenizer.
  const bench::TempDir scratch;
  fs::path folder = argc > 1 ? fs::path(argv[1]) : fs::path(engine::resolveModelName("demo"));
  std::string modelNote = folder.string();
  std::error_code ec;
  if (argc <= 1 && !fs::is_regular_file(folder / "config.json", ec)) {
    const auto tokenizerJson = engine::demoTokenizerJson();
    bench::Shape shape;
    shape.layers = 2;
    shape.hidden = 64;
    shape.heads = 4;
    shape.kvHeads = 2;
    shape.intermediate = 256;
    shape.context = 1024;
    folder = scratch.path() / "random-llama";
    shape.vocab = static_cast<int>(engine::Tokenizer::fromJsonText(tokenizerJson, "demo tokenizer").vocabSize());
    bench::writeRandomLlama(folder, shape, engine::DType::F32);
    std::ofstream(folder / "tokenizer.json") << tokenizerJson;
    modelNote =
        "random Llama of the demo's shape (the demo model is not installed: " + engine::resolveModelName("demo") + ")";
  }
  const auto model =
      engine::Transformer::load(std::make_shared<const engine::Checkpoint>(engine::Checkpoint::open(folder)));
  const auto tokenizer = engine::Tokenizer::load(folder / "tokenizer.json");

  // The data: the one named, else the demo's evaluation set, else demo samples made here.
  const fs::path dataPath = argc > 2 ? fs::path(argv[2]) : fs::path(engine::resolveDataName("demo"));
  std::string dataNote = dataPath.string();
  std::vector<engine::QaSample> data;
  if (argc <= 2 && !fs::is_regular_file(dataPath, ec)) {
    engine::DemoDataOptions options;
    options.samples = 20;
    options.goldPosition = engine::DemoDataOptions::kAllGoldPositions;
    data = engine::makeDemoData(options);
    dataNote = "20 demo samples made here (" + dataPath.string() + " is not installed)";
  } else {
    data = engine::readQaFile(dataPath);
  }
  const auto samples = engine::qaSamplesToBrowse(data, {0, 9, 19});
  const auto index = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 0ul;
  const int repeats = argc > 4 ? std::max(1, std::atoi(argv[4])) : 9;
  if (index >= samples.size()) {
    std::fprintf(stderr, "bench_qa_rerun: sample %lu: there are %zu samples\n", index, samples.size());
    return 2;
  }
  const auto& sample = samples[index];

  // Retrieval scores of this sample, as the quick analyses compute them, for the preset mask.
  engine::QaSampleOptions options;
  const engine::QaPromptOptions promptOptions{engine::promptTemplateFor(model->config(), tokenizer), options.answerCue};
  const auto tokens = engine::encodeQaPrompt(tokenizer, sample, promptOptions);
  const auto scores = engine::retrievalScores(*model, tokens.ids, tokens.context(), tokens.question.begin);
  options.retrievalScores = &scores;
  const int D = model->config().headDim;
  const std::string masked = "heads=retrieval>0.5 dims=first" + std::to_string(std::max(1, D / 8));
  const std::string everyHead = "heads=all dims=first" + std::to_string(std::max(1, D / 8));

  const auto timed = [&](const std::string& mask, engine::QaSampleAnswer& last) {
    options.mask = mask;
    return bench::medianSeconds([&] { last = engine::answerQaSample(*model, tokenizer, sample, options); }, repeats) *
           1e3;
  };
  engine::QaSampleAnswer none, preset, all;
  const double encodeMs =
      bench::medianSeconds([&] { engine::encodeQaPrompt(tokenizer, sample, promptOptions); }, repeats) * 1e3;
  const double noneMs = timed("none", none);
  const double presetMs = timed(masked, preset);
  const double allMs = timed(everyHead, all);

  std::printf("model: %s\n", modelNote.c_str());
  std::printf("data:  %s, sample %lu of %zu (%lld prompt tokens, gold document %d)\n", dataNote.c_str(), index,
              samples.size(), static_cast<long long>(tokens.ids.size()), sample.goldIndex + 1);
  std::printf("%d layers, %d heads, head_dim %d; %d threads; median of %d\n", model->config().numLayers,
              model->config().numHeads, D, engine::threadCount(), repeats);
  const auto row = [&](const std::string& name, double ms, const engine::QaSampleAnswer& a, double base) {
    std::printf("%-40s %8.1f ms  %2zu tokens  %3d heads masked  ratio %5.2fx  %s\n", name.c_str(), ms,
                a.generated.size(), a.maskedHeads, ms / base, ms <= kBudgetMs ? "<= 300 ms" : "OVER 300 ms");
  };
  std::printf("%-40s %8.1f ms  (part of every run)\n", "prompt encoding", encodeMs);
  row("none (baseline)", noneMs, none, noneMs);
  row(masked, presetMs, preset, noneMs);
  row(everyHead, allMs, all, noneMs);
  return 0;
}
