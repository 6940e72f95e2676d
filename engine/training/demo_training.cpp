// Demo models: drawn initial weights, AdamW training on the synthetic QA task through the
// engine's Transformer, held-out evaluation by the engine's greedy decoding, and saving.
#include "engine/training/demo_training.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>

#include "engine/core/error.h"
#include "engine/core/split_mix.h"
#include "engine/data/demo_data.h"
#include "engine/data/demo_tokenizer.h"
#include "engine/data/qa_data.h"
#include "engine/io/safetensors.h"
#include "engine/model/adamw.h"
#include "engine/model/greedy_decode.h"
#include "engine/model/tensor_bridge.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {

namespace {

// Independent streams of one user seed: initial weights, training samples, held-out samples.
enum class Stream : std::uint64_t { Weights = 1, Training = 2, HeldOut = 3 };
std::uint64_t streamSeed(std::uint64_t seed, Stream stream) {
  std::uint64_t state = seed ^ (0xa0761d6478bd642fULL * static_cast<std::uint64_t>(stream));
  return splitMix64(state);
}

void checkConfig(const DemoModelConfig& c) {
  const auto bad = [](const std::string& what) { throw Error(ErrorCode::InvalidArgument, "demo model", what); };
  if (c.layers < 1 || c.hidden < 1 || c.heads < 1 || c.kvHeads < 1 || c.headDim < 2 || c.intermediate < 1)
    bad("layers, hidden, heads, kv heads, head_dim and intermediate size must be positive");
  if (c.headDim % 2 != 0) bad("head_dim " + std::to_string(c.headDim) + " is odd: RoPE rotates pairs");
  if (c.heads % c.kvHeads != 0)
    bad(std::to_string(c.heads) + " heads are not a multiple of " + std::to_string(c.kvHeads) + " kv heads");
  if (c.vocabSize < 1) bad("the vocabulary is empty");
  for (auto id : {c.bosId, c.eosId, c.padId})
    if (id < 0 || id >= c.vocabSize) bad("special token id " + std::to_string(id) + " is outside the vocabulary");
  if (c.maxPositions < 2) bad("max positions must be at least 2");
  if (c.ropeTheta <= 0) bad("rope theta must be positive");
}

double demoInitStd(const DemoModelConfig& c) { return 1.0 / std::sqrt(static_cast<double>(c.hidden)); }

}  // namespace

ModelConfig demoModelConfig(const DemoModelConfig& c) {
  auto config = llamaModelConfig({.layers = c.layers,
                                  .hidden = c.hidden,
                                  .heads = c.heads,
                                  .kvHeads = c.kvHeads,
                                  .headDim = c.headDim,
                                  .intermediate = c.intermediate,
                                  .vocab = c.vocabSize,
                                  .context = c.maxPositions,
                                  .ropeTheta = c.ropeTheta,
                                  .rmsNormEps = c.rmsNormEps,
                                  .tieEmbeddings = c.tieEmbeddings,
                                  .rope = c.rope});
  config.source = "demo model";
  config.bosTokenId = c.bosId;
  config.eosTokenIds = {c.eosId};
  config.configJson = llamaConfigJson(config, c.padId);
  return config;
}

std::unique_ptr<Transformer> makeDemoModel(const DemoModelConfig& c, std::uint64_t seed, const std::string& device) {
  checkConfig(c);
  const auto dev = parseDevice(device);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  // Fan-in scaled (the 0.02 of large models is too small at this width: attention then
  // takes much longer to leave its uniform start); output projections scaled down by depth;
  // norms 1. Drawn in checkpoint order, which fixes the weights of a seed.
  const double stdDev = demoInitStd(c), outStd = stdDev / std::sqrt(2.0 * c.layers);
  const auto config = demoModelConfig(c);
  std::vector<std::pair<std::string, at::Tensor>> weights;
  for (const auto& [name, shape] : Transformer::weightShapes(config)) {
    at::Tensor w;
    if (name.ends_with("norm.weight"))
      w = at::ones(shape, at::kFloat);
    else
      w = at::normal(0.0, name.ends_with("o_proj.weight") || name.ends_with("down_proj.weight") ? outStd : stdDev,
                     shape, gen, at::TensorOptions(at::kFloat));
    weights.emplace_back(name, w.to(dev).requires_grad_(true));
  }
  return Transformer::fromWeights(config, weights, "demo model");
}

void saveDemoModel(const Transformer& model, std::int64_t padId, const std::filesystem::path& folder,
                   const std::string& tokenizerJson) {
  const auto& c = model.config();
  const std::int64_t eos = c.eosTokenIds.empty() ? padId : c.eosTokenIds.front();
  const nlohmann::ordered_json generation = {{"bos_token_id", c.bosTokenId.value_or(eos)},
                                             {"eos_token_id", eos},
                                             {"pad_token_id", padId},
                                             {"do_sample", false}};
  const nlohmann::ordered_json tokenizerConfig = {{"tokenizer_class", "PreTrainedTokenizerFast"},
                                                  {"bos_token", kDemoBosToken},
                                                  {"eos_token", kDemoEosToken},
                                                  {"pad_token", kDemoPadToken},
                                                  {"model_max_length", c.maxPositionEmbeddings},
                                                  {"clean_up_tokenization_spaces", false}};
  std::vector<at::Tensor> hold;
  writeModelFolder(folder,
                   {{"config.json", llamaConfigJson(c, padId)},
                    {"generation_config.json", generation.dump(2) + "\n"},
                    {"tokenizer_config.json", tokenizerConfig.dump(2) + "\n"},
                    {"tokenizer.json", tokenizerJson}},
                   tensorsToWrite(model.namedWeights(), DType::F32, hold));
}

DemoSequence demoCopySequence(const DemoModelConfig& c, int maxPeriod, std::uint64_t seed) {
  DemoSequence out;
  out.auxiliary = true;
  const int period =
      maxPeriod <= 4 ? maxPeriod : 4 + static_cast<int>(splitMix64(seed) % static_cast<std::uint64_t>(maxPeriod - 3));
  std::vector<std::int64_t> pattern;
  while (static_cast<int>(pattern.size()) < period) {
    const auto id = static_cast<std::int64_t>(splitMix64(seed) % static_cast<std::uint64_t>(c.vocabSize));
    if (id != c.bosId && id != c.eosId && id != c.padId) pattern.push_back(id);
  }
  const auto length = period * (2 + static_cast<int>(splitMix64(seed) % 3));
  out.ids.push_back(c.bosId);
  for (int i = 0; i < length; ++i) {
    const auto id = pattern[static_cast<std::size_t>(i % period)];
    if (i >= period) out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, id);
    out.ids.push_back(id);
  }
  return out;
}

namespace {
// The token ids of the demo's names and values (each one token after a space).
struct RecallTokens {
  std::vector<std::int64_t> names, values;
};
const RecallTokens& recallTokens() {
  static const RecallTokens tokens = [] {
    const auto tokenizer = Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json");
    RecallTokens t;
    const auto& v = demoVocabulary();
    for (const auto& name : v.names) t.names.push_back(tokenizer.encode(" " + name).front());
    for (const auto* values : {&v.cities, &v.jobs})
      for (const auto& value : *values) t.values.push_back(tokenizer.encode(" " + value).front());
    return t;
  }();
  return tokens;
}
}  // namespace

DemoSequence demoRecallSequence(const DemoModelConfig& c, int pairs, std::uint64_t seed) {
  if (pairs < 1 || pairs > 40)
    throw Error(ErrorCode::InvalidArgument, "recall task", "pairs per sequence must lie in 1..40");
  const auto& tokens = recallTokens();
  DemoSequence out;
  out.auxiliary = true;
  const auto draw = [&](std::vector<std::int64_t> pool) {
    partialShuffle(pool, static_cast<std::size_t>(pairs), seed);
    pool.resize(static_cast<std::size_t>(pairs));
    return pool;
  };
  const auto names = draw(tokens.names), values = draw(tokens.values);
  out.ids.push_back(c.bosId);
  for (int i = 0; i < pairs; ++i) {
    out.ids.push_back(names[static_cast<std::size_t>(i)]);
    out.ids.push_back(values[static_cast<std::size_t>(i)]);
  }
  std::vector<int> order(static_cast<std::size_t>(pairs));
  for (int i = 0; i < pairs; ++i) order[static_cast<std::size_t>(i)] = i;
  partialShuffle(order, order.size(), seed);
  for (int i : order) {
    out.ids.push_back(names[static_cast<std::size_t>(i)]);
    out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, values[static_cast<std::size_t>(i)]);
    out.ids.push_back(values[static_cast<std::size_t>(i)]);
  }
  out.ids.pop_back();
  return out;
}

std::vector<std::int64_t> demoPromptIds(const Tokenizer& tokenizer, const QaSample& sample, bool withInstruction) {
  auto prompt = qaPrompt(sample).text();
  if (!withInstruction) prompt = prompt.substr(prompt.find("\n\n") + 2);
  return encodePrompt(tokenizer, PromptTemplate::Plain, {"", prompt});
}

namespace {

void checkTrainOptions(const DemoTrainOptions& options) {
  const auto bad = [](const std::string& option, const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, option, what);
  };
  if (options.steps < 1) bad("steps", "must be at least 1, got " + std::to_string(options.steps));
  if (options.batchSize < 1) bad("batch size", "must be at least 1, got " + std::to_string(options.batchSize));
  if (!(options.learningRate > 0) || !(options.minLearningRate >= 0) || options.minLearningRate > options.learningRate)
    bad("learning rate", "needs a positive peak and 0 <= minimum <= peak");
  if (!(options.weightDecay >= 0) || !(options.clipNorm >= 0))
    bad("optimiser", "weight decay and clip norm must not be negative");
  if (options.warmupSteps < 0 || options.logEvery < 1 || options.evalEvery < 0)
    bad("schedule", "warmup and evaluation intervals must not be negative, the log interval positive");
  if (options.curriculumHoldSteps < 0 || options.curriculumRampSteps < 0)
    bad("curriculum", "hold and ramp steps must not be negative");
  if (!(options.copyFraction >= 0 && options.copyFraction < 1))
    bad("copy task", "the fraction of copy sequences must lie in [0, 1)");
  if (options.copyPeriod < 1 || options.copyPeriod > 128) bad("copy task", "the period must lie in 1..128");
  if (!(options.recallFraction >= 0 && options.copyFraction + options.recallFraction < 1))
    bad("recall task", "the fractions of copy and recall sequences must lie in [0, 1) together");
  if (options.auxiliaryOnlySteps < 0 ||
      (options.auxiliaryOnlySteps > 0 && options.copyFraction + options.recallFraction <= 0))
    bad("auxiliary-only steps", "need copy or recall sequences and must not be negative");
  if (options.recallPairs < 4 || options.recallPairs > 40) bad("recall task", "pairs per sequence must lie in 4..40");
  if (options.curriculumStartDocuments < 1 || options.curriculumStartDocuments > kDemoDocuments)
    bad("curriculum", "start documents must lie in 1.." + std::to_string(kDemoDocuments));
  if (options.questionsPerPrompt < 1) bad("questions per prompt", "must be at least 1");
  if (options.evalSamplesPerPosition < 1) bad("held-out samples", "must be at least 1 per position");
}

// What each step trains on: the learning rate, the curriculum's document count, the kind and
// draw of each sequence; all functions of the options, the seed and the step.
class TrainingPlan {
 public:
  TrainingPlan(const DemoTrainOptions& options, const Tokenizer& tokenizer, const DemoModelConfig& config)
      : m_o(options), m_tokenizer(tokenizer), m_config(config), m_seed(streamSeed(options.seed, Stream::Training)) {}

  double learningRate(int step) const {
    if (step < m_o.warmupSteps) return m_o.learningRate * (step + 1) / m_o.warmupSteps;
    const double span = std::max(1, m_o.steps - m_o.warmupSteps);
    const double progress = std::min(1.0, (step - m_o.warmupSteps) / span);
    return m_o.minLearningRate +
           0.5 * (m_o.learningRate - m_o.minLearningRate) * (1.0 + std::cos(std::numbers::pi * progress));
  }

  int documentsAt(int step) const {
    const int start = m_o.curriculumStartDocuments;
    if (m_o.curriculumHoldSteps == 0 && m_o.curriculumRampSteps == 0) return kDemoDocuments;
    if (step < m_o.curriculumHoldSteps) return start;
    if (m_o.curriculumRampSteps == 0) return kDemoDocuments;
    const double f = static_cast<double>(step - m_o.curriculumHoldSteps) / m_o.curriculumRampSteps;
    return std::min(kDemoDocuments, start + static_cast<int>(std::floor(f * (kDemoDocuments - start + 1))));
  }

  bool withInstruction(int step) const { return step >= m_o.curriculumHoldSteps; }

  // Training sequence `index` (counted over all steps' batches).
  DemoSequence sequence(int step, std::int64_t index) const {
    std::uint64_t state = orderSeed(index) ^ 0x5851f42d4c957f2dULL;
    const auto u = static_cast<double>(splitMix64(state) % 1000000) / 1000000;
    const double copy = m_o.copyFraction, auxiliary = m_o.copyFraction + m_o.recallFraction;
    const bool auxiliaryOnly = step < m_o.auxiliaryOnlySteps;
    if (auxiliaryOnly ? u * auxiliary < copy : u < copy)
      return demoCopySequence(m_config, m_o.copyPeriod, orderSeed(index));
    if (auxiliaryOnly || u < auxiliary) {
      std::uint64_t recall = orderSeed(index) ^ 0x2545f4914f6cdd1dULL;
      const int pairs = 4 + static_cast<int>(splitMix64(recall) % static_cast<std::uint64_t>(m_o.recallPairs - 3));
      return demoRecallSequence(m_config, pairs, recall);
    }
    return qaSequence(makeDemoSample(m_seed, index, -1, documentsAt(step)), index, withInstruction(step));
  }

  // One QA training sequence: the prompt exactly as the analyses build it, its reply (name,
  // value) and EOS, then questions about other documents ("Question: ...\nAnswer:"), each
  // followed by its reply and EOS. The loss is on those replies and EOS tokens only.
  DemoSequence qaSequence(const QaSample& sample, std::int64_t index, bool withInstruction = true) const {
    DemoSequence out;
    out.ids = demoPromptIds(m_tokenizer, sample, withInstruction);
    const auto answer = [&](const std::string& text) {
      auto target = m_tokenizer.encode(" " + text);
      target.push_back(m_config.eosId);
      for (auto id : target) {
        out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, id);
        out.ids.push_back(id);
      }
    };
    answer(demoQuestionAbout(sample, sample.goldIndex).reply);
    // The other documents in a drawn order; at most half of them are asked, so that each
    // question still has several candidates left.
    std::vector<int> others;
    for (int d = 0; d < static_cast<int>(sample.documents.size()); ++d)
      if (d != sample.goldIndex) others.push_back(d);
    const int extra = std::min(m_o.questionsPerPrompt - 1, static_cast<int>(sample.documents.size()) / 2);
    std::uint64_t state = orderSeed(index);
    partialShuffle(others, static_cast<std::size_t>(extra), state);
    for (int q = 0; q < extra; ++q) {
      const auto about = demoQuestionAbout(sample, others[static_cast<std::size_t>(q)]);
      const auto question = m_tokenizer.encode("Question: " + about.question + "\nAnswer:");
      out.ids.insert(out.ids.end(), question.begin(), question.end());
      answer(about.reply);
    }
    out.ids.pop_back();  // the last EOS is only a target
    return out;
  }

  // The longest training sequences have 20 documents and every extra question: Error unless
  // they fit the context with room for the answer.
  void checkContext() const {
    for (std::int64_t i = 0; i < 8; ++i) {
      const auto longest = qaSequence(makeDemoSample(m_seed, i, -1), i);
      if (static_cast<int>(longest.ids.size()) + 8 > m_config.maxPositions)
        throw Error(ErrorCode::InvalidArgument, "max positions",
                    std::to_string(m_config.maxPositions) + " is too small for training sequences of " +
                        std::to_string(longest.ids.size()) + " tokens (20 documents, " +
                        std::to_string(m_o.questionsPerPrompt) + " questions)");
    }
  }

 private:
  std::uint64_t orderSeed(std::int64_t index) const {
    return m_seed ^ (0x9fb21c651e98df25ULL * static_cast<std::uint64_t>(index + 1));
  }

  const DemoTrainOptions& m_o;
  const Tokenizer& m_tokenizer;
  const DemoModelConfig& m_config;
  std::uint64_t m_seed;
};

// One step's sequences right-padded into tensors, the loss rows and targets (-100: none) of the
// answers and of the auxiliary (copy, recall) sequences apart.
struct Batch {
  at::Tensor ids, rows, answerTargets, auxiliaryTargets;
  bool anyAnswer = false, anyAuxiliary = false;
};

Batch makeBatch(const std::vector<DemoSequence>& sequences, std::int64_t padId) {
  std::int64_t longest = 0, targets = 0;
  for (const auto& seq : sequences) {
    longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(seq.ids.size()));
    targets = std::max<std::int64_t>(targets, static_cast<std::int64_t>(seq.targets.size()));
  }
  const auto B = static_cast<std::int64_t>(sequences.size());
  Batch batch{at::full({B, longest}, padId, at::kLong), at::zeros({B, targets}, at::kLong),
              at::full({B, targets}, -100, at::kLong), at::full({B, targets}, -100, at::kLong)};
  auto ids = batch.ids.accessor<std::int64_t, 2>();
  auto rows = batch.rows.accessor<std::int64_t, 2>();
  auto answers = batch.answerTargets.accessor<std::int64_t, 2>();
  auto auxiliary = batch.auxiliaryTargets.accessor<std::int64_t, 2>();
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& seq = sequences[static_cast<std::size_t>(b)];
    for (std::size_t t = 0; t < seq.ids.size(); ++t) ids[b][static_cast<std::int64_t>(t)] = seq.ids[t];
    auto& into = seq.auxiliary ? auxiliary : answers;
    (seq.auxiliary ? batch.anyAuxiliary : batch.anyAnswer) = true;
    for (std::size_t a = 0; a < seq.targets.size(); ++a) {
      rows[b][static_cast<std::int64_t>(a)] = seq.targets[a].first;
      into[b][static_cast<std::int64_t>(a)] = seq.targets[a].second;
    }
  }
  return batch;
}

// The step's loss: the answers' mean cross-entropy plus the auxiliary sequences' (each over its
// own targets; a batch without one kind leaves that term out).
struct StepLoss {
  at::Tensor total, answer, auxiliary;
};

StepLoss batchLoss(const Transformer& model, const Batch& batch) {
  const auto dev = model.device();
  const auto logits = model.forwardBatch(batch.ids.to(dev), batch.rows.to(dev)).reshape({-1, model.config().vocabSize});
  const auto meanLoss = [&](const at::Tensor& t) {
    return at::cross_entropy_loss(logits, t.reshape({-1}).to(dev), {}, at::Reduction::Mean, -100);
  };
  StepLoss loss;
  if (batch.anyAnswer) loss.total = loss.answer = meanLoss(batch.answerTargets);
  if (batch.anyAuxiliary) {
    loss.auxiliary = meanLoss(batch.auxiliaryTargets);
    loss.total = loss.total.defined() ? loss.total + loss.auxiliary : loss.auxiliary;
  }
  return loss;
}

// Held-out greedy answers (the engine's greedyDecode, best-subspan exact match): the analyses'
// prompt with the gold document at each position, from a stream training never draws from.
class HeldOut {
 public:
  HeldOut(const DemoTrainOptions& options, const Tokenizer& tokenizer, const Transformer& model)
      : m_tokenizer(tokenizer),
        m_model(model),
        m_seed(streamSeed(options.seed, Stream::HeldOut)),
        m_perPosition(options.evalSamplesPerPosition) {
    for (int p = 0; p < kDemoDocuments; ++p)
      for (int j = 0; j < m_perPosition; ++j)
        m_samples.push_back(makeDemoSample(m_seed, std::int64_t{p} * m_perPosition + j, p));
  }

  // Accuracy per gold position 0..19.
  std::vector<double> accuracyByPosition() const {
    std::vector<double> accuracy(kDemoDocuments, 0.0);
    for (const auto& sample : m_samples)
      if (answersRight(sample, true)) accuracy[static_cast<std::size_t>(sample.goldIndex)] += 1.0 / m_perPosition;
    return accuracy;
  }

  // The same number of samples with `documents` documents (gold drawn), in the form training
  // uses at this step: how well the lookup holds at the curriculum's current length.
  double accuracyAt(int documents, bool withInstruction) const {
    const auto count = static_cast<std::int64_t>(m_samples.size());
    int right = 0;
    for (std::int64_t i = 0; i < count; ++i)
      right += answersRight(makeDemoSample(m_seed, (documents + 1) * count + i, -1, documents), withInstruction);
    return static_cast<double>(right) / static_cast<double>(count);
  }

 private:
  bool answersRight(const QaSample& sample, bool withInstruction) const {
    DecodeOptions options;
    options.maxNewTokens = 4;
    options.eosIds = m_model.config().eosTokenIds;
    const auto answer = greedyDecode(m_model, demoPromptIds(m_tokenizer, sample, withInstruction), options).ids;
    return bestSubspanExactMatch(m_tokenizer.decode(answer, /*skipSpecialTokens=*/true), sample.answers);
  }

  const Tokenizer& m_tokenizer;
  const Transformer& m_model;
  std::uint64_t m_seed;
  int m_perPosition;
  std::vector<QaSample> m_samples;
};

// Mean losses and time per step since the last status.
struct LossMeans {
  double sum = 0, answerSum = 0, auxiliarySum = 0;
  int count = 0, answers = 0, auxiliaries = 0;
  std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();

  void add(const StepLoss& loss) {
    sum += loss.total.item<double>();
    ++count;
    if (loss.answer.defined()) answerSum += loss.answer.item<double>(), ++answers;
    if (loss.auxiliary.defined()) auxiliarySum += loss.auxiliary.item<double>(), ++auxiliaries;
  }
  void into(DemoTrainStatus& status) const {
    status.loss = sum / count;
    status.answerLoss = answers > 0 ? answerSum / answers : -1;
    status.auxiliaryLoss = auxiliaries > 0 ? auxiliarySum / auxiliaries : -1;
    status.secondsPerStep = std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count() / count;
  }
};

}  // namespace

DemoTrainResult trainDemoModel(const DemoTrainOptions& options, const std::filesystem::path& output,
                               const RunControl& control, const std::function<void(const DemoTrainStatus&)>& onStatus) {
  checkTrainOptions(options);
  checkModelFolderTarget(output);
  const auto& tokenizerJson = demoTokenizerJson();
  const auto tokenizer = Tokenizer::fromJsonText(tokenizerJson, "demo tokenizer.json");
  DemoModelConfig config = options.model;
  config.vocabSize = static_cast<int>(tokenizer.vocabSize());
  config.bosId = *tokenizer.tokenId(kDemoBosToken);
  config.eosId = *tokenizer.tokenId(kDemoEosToken);
  config.padId = *tokenizer.tokenId(kDemoPadToken);
  const TrainingPlan plan(options, tokenizer, config);
  plan.checkContext();  // before spending any time
  std::shared_ptr<Transformer> model = makeDemoModel(config, streamSeed(options.seed, Stream::Weights), options.device);
  const HeldOut heldOut(options, tokenizer, *model);

  // Decoupled weight decay on the matrices other than the embeddings.
  std::vector<at::Tensor> params;
  std::vector<bool> decays;
  for (const auto& [name, p] : model->namedWeights()) {
    params.push_back(p);
    decays.push_back(p.dim() == 2 && name != "model.embed_tokens.weight");
  }
  AdamW optimiser(params, {.beta1 = 0.9, .beta2 = 0.95, .epsilon = 1e-8}, decays);

  DemoTrainResult result;
  DemoTrainStatus status;
  status.steps = options.steps;
  const auto start = std::chrono::steady_clock::now();
  LossMeans means;
  for (int step = 0; step < options.steps && !(result.cancelled = control.cancelled()); ++step) {
    std::vector<DemoSequence> sequences;
    for (int b = 0; b < options.batchSize; ++b)
      sequences.push_back(plan.sequence(step, std::int64_t{step} * options.batchSize + b));
    const auto loss = batchLoss(*model, makeBatch(sequences, config.padId));
    optimiser.zeroGrad();
    loss.total.backward();
    const double lr = plan.learningRate(step);
    optimiser.step(lr, options.weightDecay, options.clipNorm);
    means.add(loss);
    result.stepsDone = step + 1;
    control.report(step + 1, options.steps, "training");

    const bool evalNow = step + 1 == options.steps || (options.evalEvery > 0 && (step + 1) % options.evalEvery == 0);
    if (!evalNow && (step + 1) % options.logEvery != 0) continue;
    status.step = step + 1;
    means.into(status);
    status.learningRate = lr;
    status.documents = plan.documentsAt(step);
    status.accuracyByPosition.clear();
    status.accuracyAtDocuments = -1;
    if (evalNow) {
      status.accuracyByPosition = heldOut.accuracyByPosition();
      if (status.documents < kDemoDocuments)
        status.accuracyAtDocuments = heldOut.accuracyAt(status.documents, plan.withInstruction(step));
    }
    if (onStatus) onStatus(status);
    result.last = status;
    means = LossMeans{};
  }
  saveDemoModel(*model, config.padId, output, tokenizerJson);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.model = std::move(model);
  return result;
}

}  // namespace ropescope::engine
