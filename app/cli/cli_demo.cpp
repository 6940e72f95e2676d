// The train-demo command of ropescope-cli (RoPE / NoPE demo models; make-demo-data is in cli_light.cpp).
#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "engine/data/demo_data.h"
#include "engine/model/runtime.h"
#include "engine/training/demo_training.h"

namespace ropescope::app {

namespace {

std::string accuracyLine(const std::vector<double>& accuracy) {
  double sum = 0, low = 1;
  std::size_t lowAt = 0;
  std::string perPosition;
  for (std::size_t p = 0; p < accuracy.size(); ++p) {
    sum += accuracy[p];
    if (accuracy[p] < low) {
      low = accuracy[p];
      lowAt = p;
    }
    perPosition += (p ? " " : "") + std::to_string(static_cast<int>(std::lround(accuracy[p] * 100)));
  }
  char head[96];
  std::snprintf(head, sizeof head, "held-out accuracy %.1f%% (lowest %.0f%% at position %zu); by position: ",
                100 * sum / static_cast<double>(accuracy.size()), 100 * low, lowAt);
  return head + perPosition;
}

int runTrainDemo(const ParsedArgs& args, const engine::CancelToken& cancel) {
  const auto rope = args.required("rope");
  if (rope != "on" && rope != "off") throw UsageError("--rope is 'on' or 'off', got '" + rope + "'");
  const auto output = args.required("output");
  engine::DemoTrainOptions options;
  options.model.rope = rope == "on";
  options.seed = parseSeed(args);
  options.steps = args.intValue("steps", options.steps);
  if (options.steps < 1) throw UsageError("--steps must be at least 1");
  options.batchSize = args.intValue("batch-size", options.batchSize);
  if (options.batchSize < 1) throw UsageError("--batch-size must be at least 1");
  options.evalEvery = args.intValue("eval-every", options.evalEvery);
  if (options.evalEvery < 0) throw UsageError("--eval-every must not be negative");
  // The model's shape and the recipe's main knobs; the engine checks them (and names what is wrong).
  auto& m = options.model;
  m.layers = args.intValue("layers", m.layers);
  m.hidden = args.intValue("hidden", m.hidden);
  m.heads = args.intValue("heads", m.heads);
  m.kvHeads = args.intValue("kv-heads", m.kvHeads);
  m.headDim = args.intValue("head-dim", m.headDim);
  m.intermediate = args.intValue("intermediate", m.intermediate);
  if (args.value("learning-rate")) {  // the cosine decay keeps its end at the same fraction of the peak
    const double peak = args.doubleValue("learning-rate", options.learningRate);
    options.minLearningRate *= peak / options.learningRate;
    options.learningRate = peak;
  }
  options.curriculumStartDocuments = args.intValue("start-documents", options.curriculumStartDocuments);
  options.curriculumHoldSteps = args.intValue("hold-steps", options.curriculumHoldSteps);
  options.curriculumRampSteps = args.intValue("ramp-steps", options.curriculumRampSteps);
  options.copyFraction = args.doubleValue("copy-fraction", options.copyFraction);
  options.copyPeriod = args.intValue("copy-period", options.copyPeriod);
  options.recallFraction = args.doubleValue("recall-fraction", options.recallFraction);
  options.recallPairs = args.intValue("recall-pairs", options.recallPairs);
  options.auxiliaryOnlySteps = args.intValue("auxiliary-only-steps", options.auxiliaryOnlySteps);
  options.device = args.value("device").value_or("cpu");
  const int threads = engine::configureThreads(args.intValue("threads", 0, 0, engine::kMaxThreads));
  // Training frees and reallocates the same large activations every step: keep them in the
  // heap instead of a fresh mmap (and page faults on zeroed pages) each time.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);

  std::fprintf(stderr,
               "training a %s demo model (layers %d, hidden %d, heads %d, key/value heads %d, head_dim %d, "
               "intermediate %d): %d steps of %d samples, seed %llu, %d threads, %s\n",
               m.rope ? "RoPE" : "NoPE", m.layers, m.hidden, m.heads, m.kvHeads, m.headDim, m.intermediate,
               options.steps, options.batchSize, static_cast<unsigned long long>(options.seed), threads,
               options.device.c_str());
  engine::RunControl control;
  control.cancel = &cancel;
  const auto result = engine::trainDemoModel(options, output, control, [](const engine::DemoTrainStatus& s) {
    std::string parts;
    if (s.answerLoss >= 0 && s.auxiliaryLoss >= 0) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, " (answers %.4f, auxiliary %.4f)", s.answerLoss, s.auxiliaryLoss);
      parts = buffer;
    }
    std::fprintf(stderr, "step %d/%d  loss %.4f%s  lr %.2e  %.3f s/step  %d documents\n", s.step, s.steps, s.loss,
                 parts.c_str(), s.learningRate, s.secondsPerStep, s.documents);
    if (s.accuracyAtDocuments >= 0)
      std::fprintf(stderr, "held-out accuracy at %d documents: %.1f%%\n", s.documents, 100 * s.accuracyAtDocuments);
    if (!s.accuracyByPosition.empty()) std::fprintf(stderr, "%s\n", accuracyLine(s.accuracyByPosition).c_str());
  });
  if (result.cancelled) {
    std::fprintf(stderr, "cancelled after %d of %d steps; saved the weights so far to %s\n", result.stepsDone,
                 options.steps, output.c_str());
    return 130;
  }
  std::fprintf(stderr, "wrote %s (%d steps in %.0f s)\n", output.c_str(), result.stepsDone, result.seconds);
  return 0;
}

}  // namespace

std::vector<Command> demoCommands(const engine::CancelToken& cancel) {
  const engine::DemoTrainOptions defaults;
  return {
      {"train-demo",
       summaryOf("train-demo"),
       {{"rope", true, "on: RoPE with theta 10,000; off: no position embedding (NoPE)", "on|off"},
        {"output", true, "model folder to write (an existing model folder is replaced)", "DIR"},
        {"seed", true, "seed of weights and data (default 0)", "S"},
        {"steps", true, "optimiser steps (default " + std::to_string(defaults.steps) + ")", "N"},
        {"batch-size", true, "prompts per step (default " + std::to_string(defaults.batchSize) + ")", "N"},
        {"eval-every", true,
         "held-out accuracy every N steps (default " + std::to_string(defaults.evalEvery) + "; 0: at the end only)",
         "N"},
        {"layers", true, "decoder layers (default " + std::to_string(defaults.model.layers) + ")", "N"},
        {"hidden", true, "hidden size (default " + std::to_string(defaults.model.hidden) + ")", "N"},
        {"heads", true, "query heads (default " + std::to_string(defaults.model.heads) + ")", "N"},
        {"kv-heads", true, "key/value heads, dividing --heads (default " + std::to_string(defaults.model.kvHeads) + ")",
         "N"},
        {"head-dim", true, "dimensions per head, even (default " + std::to_string(defaults.model.headDim) + ")", "N"},
        {"intermediate", true, "SwiGLU width (default " + std::to_string(defaults.model.intermediate) + ")", "N"},
        {"learning-rate", true,
         "peak learning rate, decaying to a tenth (default " + number(defaults.learningRate) + ")", "X"},
        {"auxiliary-only-steps", true,
         "first steps on copy (and recall) sequences only (default " + std::to_string(defaults.auxiliaryOnlySteps) +
             ")",
         "N"},
        {"start-documents", true,
         "documents per prompt in the first curriculum stage (default " +
             std::to_string(defaults.curriculumStartDocuments) + ")",
         "N"},
        {"hold-steps", true,
         "the short prompts without the instruction end at this step (default " +
             std::to_string(defaults.curriculumHoldSteps) + ")",
         "N"},
        {"ramp-steps", true,
         "steps over which the documents grow to 20 (default " + std::to_string(defaults.curriculumRampSteps) +
             "; hold and ramp 0: always 20)",
         "N"},
        {"copy-fraction", true,
         "share of auxiliary copy sequences, in [0, 1) (default " + number(defaults.copyFraction) + ")", "X"},
        {"copy-period", true,
         "copied pattern length: up to 4 fixed, above 4 drawn from 4..N (default " +
             std::to_string(defaults.copyPeriod) + ")",
         "N"},
        {"recall-fraction", true,
         "share of auxiliary recall sequences (value-name pairs, then each name with its value); copy and "
         "recall together below 1 (default " +
             number(defaults.recallFraction) + ")",
         "X"},
        {"recall-pairs", true,
         "most pairs per recall sequence, 4..40 (default " + std::to_string(defaults.recallPairs) + ")", "N"},
        kThreads,
        {"device", true, "cpu (default), cuda, cuda:N", "DEV"}},
       [&cancel](const ParsedArgs& a) { return runTrainDemo(a, cancel); }},
  };
}

}  // namespace ropescope::app
