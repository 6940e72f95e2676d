// The model commands of ropescope-cli: norms, info, forward, bands, tokenize, generate.
#include "app/cli/cli_commands.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <sstream>

#include "app/cli/cli_common.h"
#include "app/cli/terminal_progress.h"
#include "engine/analysis/band_norms.h"
#include "engine/analysis/weight_norms.h"
#include "engine/core/error.h"
#include "engine/core/resources.h"
#include "engine/io/checkpoint.h"
#include "engine/io/dims.h"
#include "engine/io/results_io.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/greedy_decode.h"
#include "engine/model/runtime.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"
#include "engine/results/schema.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"

namespace ropescope::app {

namespace {
int runNorms(const ParsedArgs& args, const engine::CancelToken& cancel) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  const auto order = parseDimOrder(args);
  const auto checkpoint = openModel(args);
  TerminalProgress progress;
  const auto control = progressControl(progress, cancel);
  auto norms = engine::computeWeightNorms(*checkpoint, control, order);
  progress.finish();

  engine::ResultsFile results;
  results.info = checkpoint->runInfo();
  results.info.dimOrder = std::string(engine::dimOrderName(order));
  const bool complete = norms.complete();
  const int done = norms.layersDone;
  results.weights = std::move(norms);
  engine::writeResultsFile(output, results);
  if (!complete) {
    std::fprintf(stderr, "cancelled after %d of %d layers; wrote what was done to %s\n", done,
                 checkpoint->config().numLayers, output.c_str());
    return 130;
  }
  std::fprintf(stderr, "wrote /weights/q_row_l1 and /weights/k_row_l1 to %s\n", output.c_str());
  return 0;
}

int runInfo(const ParsedArgs& args) {
  const auto positional = args.positional();
  std::string spec = args.value("model").value_or(positional.empty() ? "" : positional.front());
  if (spec.empty()) throw UsageError("name a model: ropescope-cli info MODEL");
  const auto checkpoint = engine::Checkpoint::open(engine::resolveModelName(spec));
  if (args.flag("check-weights")) checkWeights(checkpoint);
  const auto& c = checkpoint.config();
  const auto traits = engine::architectureTraits(c);
  std::uintmax_t bytes = 0;
  std::map<std::string, int> dtypes;
  for (const auto& name : checkpoint.tensorNames()) {
    const auto ref = checkpoint.require(name);
    bytes += ref.info->byteSize();
    ++dtypes[std::string(engine::dtypeName(ref.info->dtype))];
  }
  std::string dtypeText;
  for (const auto& [d, n] : dtypes) dtypeText += (dtypeText.empty() ? "" : ", ") + d + " x" + std::to_string(n);

  std::printf("model         %s\n", checkpoint.folder().c_str());
  std::printf("architecture  %s (%s)\n", traits.name.c_str(), c.modelType.c_str());
  std::printf("layers        %d    hidden %d    intermediate %d    vocab %d\n", c.numLayers, c.hiddenSize,
              c.intermediateSize, c.vocabSize);
  std::printf("heads         %d query, %d key/value (%d queries share a KV head)    head_dim %d\n", c.numHeads,
              c.numKvHeads, c.numHeads / c.numKvHeads, c.headDim);
  std::printf("context       %d tokens    sliding window %s\n", c.maxPositionEmbeddings,
              traits.slidingWindow > 0 ? std::to_string(traits.slidingWindow).c_str() : "none");
  std::printf("rope          theta %g    scaling %s\n", c.ropeTheta,
              c.ropeScaling
                  ? (c.ropeScaling->type + " (factor " + number(c.ropeScaling->factor) + ", original context " +
                     std::to_string(c.ropeScaling->originalMaxPositionEmbeddings) + ")")
                        .c_str()
                  : "none");
  std::printf("weights       %zu tensors, %.1f MB (%s), embeddings %s\n", checkpoint.tensorNames().size(),
              static_cast<double>(bytes) / 1e6, dtypeText.c_str(), c.tieWordEmbeddings ? "tied" : "untied");
  std::printf("\nRoPE pairs in frequency order (pair i = dims 2i, 2i+1 = storage dims i, i+%d):\n", c.headDim / 2);
  std::printf("%5s %10s %16s %18s %20s\n", "pair", "dims", "theta (rad/tok)", "wavelength (tok)", "turns in context");
  const auto invFreq = engine::ropeInverseFrequencies(c);
  for (int i = 0; i < c.headDim / 2; ++i) {
    const double theta = invFreq[i].item<double>();
    const double wavelength = 2 * std::numbers::pi / theta;
    std::printf("%5d %10s %16.6g %18.6g %20.6g\n", i, (std::to_string(2 * i) + "," + std::to_string(2 * i + 1)).c_str(),
                theta, wavelength, c.maxPositionEmbeddings / wavelength);
  }
  return 0;
}

int runForward(const ParsedArgs& args) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  const auto ids = parseIds(args.required("ids"));
  const bool attn = args.flag("attn");
  const auto model = loadModel(args);
  engine::ForwardOptions options;
  const int layers = model->config().numLayers;
  if (attn)
    for (int l = 0; l < layers; ++l) options.capture.insert({l, engine::Site::AttnProbs});
  options.interventions = model->prepare(maskInterventions(args, *model));
  const auto out = model->forward(ids, options);

  engine::ResultsFile results;
  results.info = model->checkpoint().runInfo();
  put(results, engine::schema::kLogits) = engine::toNdArray(out.logits, {"token", "vocab"});
  put(results, engine::schema::kInputIds) = engine::toNdArray(at::tensor(ids, at::kLong).to(at::kFloat), {"token"});
  if (attn) {
    std::vector<at::Tensor> probs;
    for (int l = 0; l < layers; ++l) probs.push_back(out.captured.at({l, engine::Site::AttnProbs}));
    put(results, engine::schema::kAttnProbs) = engine::toNdArray(at::stack(probs), {"layer", "head", "query", "key"});
  }
  engine::writeResultsFile(output, results);
  std::fprintf(stderr, "wrote /logits [%zu, %d]%s to %s\n", ids.size(), model->config().vocabSize,
               attn ? " and /attn_probs" : "", output.c_str());
  return 0;
}

int runBands(const ParsedArgs& args, const engine::CancelToken& cancel) {
  const auto output = args.required("output");
  checkWritableOutput(output);
  const auto ids = parseIds(args.required("ids"));
  const auto model = loadModel(args);
  engine::RunControl control;
  control.cancel = &cancel;
  const auto bands = engine::computeBandNorms(*model, {ids}, control);
  engine::ResultsFile results;
  results.info = model->checkpoint().runInfo();
  put(results, engine::schema::kBandsQNorm) = bands.q;
  put(results, engine::schema::kBandsKNorm) = bands.k;
  engine::writeResultsFile(output, results);
  std::fprintf(stderr, "wrote /bands/q_norm [%d, %d, %d] and /bands/k_norm over %lld tokens to %s\n",
               model->config().numLayers, model->config().numHeads, model->config().headDim / 2,
               static_cast<long long>(bands.tokens), output.c_str());
  return 0;
}

int runGenerate(const ParsedArgs& args) {
  const bool haveIds = args.value("ids").has_value();
  if (haveIds == args.value("prompt").has_value()) throw UsageError("give exactly one of --ids and --prompt");
  const auto model = loadModel(args);
  std::optional<engine::Tokenizer> tokenizer;
  const auto tokenizerPath = args.value("tokenizer").value_or(model->checkpoint().folder().string());
  std::error_code ec;
  if (!haveIds || std::filesystem::exists(std::filesystem::path(tokenizerPath) / "tokenizer.json", ec) ||
      args.value("tokenizer"))
    tokenizer = engine::Tokenizer::load(tokenizerPath);

  std::vector<std::int64_t> ids;
  if (haveIds) {
    ids = parseIds(*args.value("ids"));
  } else {
    const auto tmpl = args.value("template") ? engine::parsePromptTemplate(*args.value("template"))
                                             : engine::promptTemplateFor(model->config(), *tokenizer);
    ids = engine::encodePrompt(*tokenizer, tmpl, {args.value("system").value_or(""), *args.value("prompt")});
    std::fprintf(stderr, "prompt: %zu tokens, template %s\n", ids.size(),
                 std::string(engine::promptTemplateName(tmpl)).c_str());
  }
  engine::DecodeOptions options;
  options.maxNewTokens = args.intValue("max-new-tokens", 32, 1, 65536);
  if (options.maxNewTokens < 1) throw UsageError("--max-new-tokens must be at least 1");
  options.eosIds = args.flag("no-eos") ? std::vector<std::int64_t>{} : model->config().eosTokenIds;
  const auto stop = args.value("stop");
  if (stop && !tokenizer) throw UsageError("--stop needs a tokenizer (--tokenizer PATH)");
  if (stop)
    options.stopWhen = [&](const std::vector<std::int64_t>& newIds) {
      return tokenizer->decode(newIds).find(*stop) != std::string::npos;
    };
  options.interventions = model->prepare(maskInterventions(args, *model));
  const auto out = engine::greedyDecode(*model, ids, options);
  std::printf("%s\n", joinIds(out.ids).c_str());
  if (tokenizer) {
    auto text = tokenizer->decode(out.ids, /*skipSpecialTokens=*/true);
    if (stop && out.stop == engine::DecodeResult::Stop::Callback) text = text.substr(0, text.find(*stop));
    std::printf("%s\n", text.c_str());
  }
  if (out.stop == engine::DecodeResult::Stop::Eos) std::fprintf(stderr, "stopped at an end-of-sequence token\n");
  if (out.stop == engine::DecodeResult::Stop::Callback) std::fprintf(stderr, "stopped at the stop string\n");
  return 0;
}

}  // namespace

std::vector<Command> modelCommands(const engine::CancelToken& cancel) {
  return {
      {"norms",
       summaryOf("norms"),
       {kModel,
        {"output", true, "results file to write (HDF5)", "FILE.h5"},
        {"dim-order", true, "frequency (default: pair i = dims 2i, 2i+1) or storage", "ORDER"},
        kThreads,
        kCheckWeights},
       [&cancel](const ParsedArgs& a) { return runNorms(a, cancel); }},
      {"info", summaryOf("info"), {kModel, kCheckWeights}, runInfo},
      {"forward",
       summaryOf("forward"),
       {kModel,
        {"ids", true, "comma-separated token ids", "1,2,3"},
        {"output", true, "results file to write (HDF5)", "FILE.h5"},
        {"attn", false, "also write /attn_probs [layers, heads, tokens, tokens]"},
        kMask,
        kDType,
        kDevice,
        kThreads,
        kCheckWeights},
       runForward},
      {"bands",
       summaryOf("bands"),
       {kModel,
        {"ids", true, "comma-separated token ids", "1,2,3"},
        {"output", true, "results file to write (HDF5)", "FILE.h5"},
        kDType,
        kDevice,
        kThreads,
        kCheckWeights},
       [&cancel](const ParsedArgs& a) { return runBands(a, cancel); }},
      {"generate",
       summaryOf("generate"),
       {kModel,
        {"ids", true, "comma-separated prompt token ids", "1,2,3"},
        {"prompt", true, "prompt text, put into the model's chat template", "TEXT"},
        {"system", true, "system message for the chat template", "TEXT"},
        {"template", true, "plain, llama3, qwen, olmo2, mistral, gemma (default: chosen from the model)", "NAME"},
        {"tokenizer", true, "tokenizer.json or folder (default: the model folder)", "PATH"},
        {"stop", true, "stop once the generated text contains this string", "TEXT"},
        {"max-new-tokens", true, "tokens to generate at most (default 32)", "N"},
        {"no-eos", false, "do not stop at the model's end-of-sequence ids"},
        kMask,
        kDType,
        kDevice,
        kThreads,
        kCheckWeights},
       runGenerate},
  };
}

std::vector<Command> engineCommands(const engine::CancelToken& cancel) {
  std::vector<Command> all;
  for (auto part : {modelCommands, analysisCommands, toyCommands, demoCommands}) {
    auto commands = part(cancel);
    all.insert(all.end(), std::make_move_iterator(commands.begin()), std::make_move_iterator(commands.end()));
  }
  return all;
}

}  // namespace ropescope::app
