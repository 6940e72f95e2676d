// The demo models: small Llama-architecture decoders, with RoPE or without (NoPE), trained
// through the engine's own Transformer (LibTorch autograd, AdamW) on the synthetic
// multi-document QA task and saved as Hugging Face folders that Transformer::load reads like any
// other model.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/io/checkpoint_writer.h"
#include "engine/io/model_config.h"
#include "engine/model/transformer.h"

namespace ropescope::engine {

class Tokenizer;
struct QaSample;

struct DemoModelConfig {
  int layers = 2;
  int hidden = 64;
  int heads = 4;
  int kvHeads = 2;
  int headDim = 32;  // wider than hidden / heads: an induction head forms much sooner (see docs/engine.md)
  int intermediate = 256;
  bool rope = true;  // false: no position embedding at all (config.json "ropescope_nope": true)
  double ropeTheta = 10000.0;
  bool tieEmbeddings = true;
  double rmsNormEps = 1e-5;
  int maxPositions = 1024;
  // From the tokenizer.
  int vocabSize = 0;
  std::int64_t bosId = 0;
  std::int64_t eosId = 0;
  std::int64_t padId = 0;
};

// The ModelConfig of a demo model: Llama architecture, "ropescope_nope" without RoPE.
ModelConfig demoModelConfig(const DemoModelConfig& config);

// A trainable demo model: the engine's Transformer over weights drawn from `seed` on the CPU
// (normal with std 1/sqrt(hidden), output projections scaled down by sqrt(2 x layers); norms
// 1), moved to `device` ("cpu", "cuda", "cuda:N"), leaf tensors that require gradients.
// Throws Error(InvalidArgument) for an inconsistent config, Error(Unsupported) for CUDA
// without a CUDA LibTorch.
std::unique_ptr<Transformer> makeDemoModel(const DemoModelConfig& config, std::uint64_t seed,
                                           const std::string& device = "cpu");

// Writes config.json, generation_config.json, model.safetensors (float32), tokenizer.json and
// tokenizer_config.json (no chat template) as a Hugging Face folder in place of `folder`
// (writeModelFolder).
void saveDemoModel(const Transformer& model, std::int64_t padId, const std::filesystem::path& folder,
                   const std::string& tokenizerJson);

struct DemoTrainOptions {
  DemoModelConfig model;  // vocabulary and special ids are filled from the demo tokenizer
  std::uint64_t seed = 0;
  int steps = 11000;
  int batchSize = 32;
  double learningRate = 3e-3;  // peak, after a linear warmup; cosine decay to minLearningRate
  double minLearningRate = 3e-4;
  int warmupSteps = 100;
  double weightDecay = 0.01;  // AdamW, on the matrices other than the embeddings
  double clipNorm = 1.0;      // global gradient norm (0: no clipping)
  // Stage 1, the first auxiliaryOnlySteps steps: copy (and recall) sequences only, until the
  // model has an induction head (find the earlier occurrence of the current token, copy the token
  // after it), which is the lookup the QA replies need. Without it the 2-document prompts of the
  // next stage are learned by a shortcut that compares the question's name with the other
  // document's and does not carry over to more documents.
  int auxiliaryOnlySteps = 5000;
  // Stage 2, until step curriculumHoldSteps: prompts of curriculumStartDocuments documents without
  // the instruction. Stage 3: the full prompt, the document count growing linearly to 20 over
  // curriculumRampSteps steps, then 20 (hold and ramp both 0: always 20).
  int curriculumStartDocuments = 2;
  int curriculumHoldSteps = 6000;
  int curriculumRampSteps = 3000;
  // Questions per training sequence: the prompt's own, then up to this many minus one about
  // other documents (at most half of them) appended after its answer, each answered.
  int questionsPerPrompt = 1;
  // This fraction of the training sequences (all of them in stage 1) are instead a pattern of
  // random tokens repeated 2 to 4 times, with the loss on every repeated token. Above 4 each
  // pattern's length is drawn from 4..copyPeriod, so no fixed offset predicts the repeats: only
  // an induction head does. Up to 4 the pattern has exactly that length.
  double copyFraction = 0.5;
  int copyPeriod = 16;
  // This fraction of the training sequences are associative-recall sequences instead: name-value
  // pairs, then each name with its value (loss on the values), 4 to recallPairs pairs. Counted
  // with the copy sequences in the auxiliary loss.
  double recallFraction = 0;
  int recallPairs = 20;
  int logEvery = 50;    // a status with the mean loss every this many steps
  int evalEvery = 500;  // held-out accuracy every this many steps (0: at the end only)
  int evalSamplesPerPosition = 8;
  std::string device = "cpu";
};

struct DemoTrainStatus {
  int step = 0;  // steps done
  int steps = 0;
  double loss = 0;  // mean over the steps since the last status
  // Its two parts: the answers' mean loss and the copy and recall sequences' (each -1 when no
  // such sequence was trained on since the last status).
  double answerLoss = -1, auxiliaryLoss = -1;
  double learningRate = 0;
  double secondsPerStep = 0;  // mean since the last status
  int documents = 0;          // of the last batch
  // Greedy best-subspan exact match on the held-out samples, per gold position 0..19; empty
  // when this status has no evaluation.
  std::vector<double> accuracyByPosition;
  // With an evaluation while the curriculum's prompts have fewer than 20 documents: the same
  // accuracy on as many held-out samples of `documents` documents (gold drawn), in the form the
  // training prompts have at that step; -1 otherwise. Where the lookup stands during the ramp.
  double accuracyAtDocuments = -1;
};

struct DemoTrainResult {
  int stepsDone = 0;
  bool cancelled = false;
  double seconds = 0;
  DemoTrainStatus last;                      // the final status, with the final held-out accuracy
  std::shared_ptr<const Transformer> model;  // the trained weights (they still require gradients)
};

// Trains a demo model and saves it to `output` (also when cancelled: the weights so far).
// Held-out samples come from a stream of `seed` that training never draws from, with the gold
// document at each position 0..19. The same options and thread count give the same weights.
// Throws Error(InvalidArgument) for bad options or output folder (before training starts).
DemoTrainResult trainDemoModel(const DemoTrainOptions& options, const std::filesystem::path& output,
                               const RunControl& control = {},
                               const std::function<void(const DemoTrainStatus&)>& onStatus = {});

// A training sequence and where its loss is: (row whose logits predict it, target id).
struct DemoSequence {
  std::vector<std::int64_t> ids;
  std::vector<std::pair<std::int64_t, std::int64_t>> targets;
  bool auxiliary = false;  // a copy or recall sequence: its loss is averaged apart from the answers'
};

// BOS, then a pattern of random non-special tokens repeated 2 to 4 times, the loss on every
// repeat; the pattern's length is maxPeriod up to 4, else drawn from 4..maxPeriod, all from `seed`.
DemoSequence demoCopySequence(const DemoModelConfig& config, int maxPeriod, std::uint64_t seed);

// An associative-recall sequence, the lookup of the QA task without the prompt around it: BOS,
// `pairs` name-value pairs as the documents state them (" Kalo Paris"), then every name again in
// a drawn order, each followed by its value, the loss on those values. Names and values are
// distinct, drawn from `seed` among the demo vocabulary's (ids of the demo tokenizer). Throws
// Error(InvalidArgument) for pairs outside 1..40.
DemoSequence demoRecallSequence(const DemoModelConfig& config, int pairs, std::uint64_t seed);

// The analyses' prompt of `sample` under the Plain template, or without its instruction (the
// curriculum's second stage).
std::vector<std::int64_t> demoPromptIds(const Tokenizer& tokenizer, const QaSample& sample,
                                        bool withInstruction = true);

}  // namespace ropescope::engine
