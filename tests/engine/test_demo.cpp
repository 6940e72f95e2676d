// The demo models: a trained and saved folder runs in the inference engine with the training
// module's logits (RoPE and NoPE), seeded reproducibility, cancellation, bad options.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include <ATen/ATen.h>

#include <nlohmann/json.hpp>

#include "engine/data/demo_data.h"
#include "engine/data/demo_tokenizer.h"
#include "engine/io/checkpoint.h"
#include "engine/io/model_config.h"
#include "engine/model/greedy_decode.h"
#include "engine/model/transformer.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"
#include "engine/training/demo_training.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

// A tiny model and a few steps on 20-document prompts: enough to move every weight away from
// its initial values (and from the embeddings' symmetry) in a second.
DemoTrainOptions tinyOptions(bool rope) {
  DemoTrainOptions o;
  o.model.layers = 2;
  o.model.hidden = 32;
  o.model.heads = 4;
  o.model.kvHeads = 2;
  o.model.headDim = 8;
  o.model.intermediate = 48;
  o.model.rope = rope;
  o.model.tieEmbeddings = !rope;  // both layouts of the output head
  o.model.maxPositions = 512;
  o.steps = 3;
  o.batchSize = 2;
  o.warmupSteps = 1;
  o.learningRate = 1e-2;
  o.curriculumHoldSteps = 0;
  o.curriculumRampSteps = 0;
  o.questionsPerPrompt = 2;
  o.copyFraction = 0.5;
  o.auxiliaryOnlySteps = 0;
  o.evalEvery = 0;
  o.evalSamplesPerPosition = 1;
  return o;
}

std::unique_ptr<Transformer> loadFolder(const std::filesystem::path& folder) {
  return Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(folder)));
}

std::vector<std::int64_t> promptIds(const std::filesystem::path& folder, int goldPosition) {
  const auto tokenizer = Tokenizer::load(folder);
  const auto config = ModelConfig::load(folder);
  EXPECT_EQ(promptTemplateFor(config, tokenizer), PromptTemplate::Plain);
  return encodePrompt(tokenizer, PromptTemplate::Plain, {"", qaPrompt(makeDemoSample(77, 1, goldPosition)).text()});
}

double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

class DemoRoundTrip : public ::testing::TestWithParam<bool> {};

TEST_P(DemoRoundTrip, SavedFolderRunsInTheEngineWithTheTrainingModulesLogits) {
  const bool rope = GetParam();
  test::ScratchDir dir;
  const auto out = dir / "model";
  const auto result = trainDemoModel(tinyOptions(rope), out);
  ASSERT_EQ(result.stepsDone, 3);
  ASSERT_FALSE(result.cancelled);
  ASSERT_EQ(result.last.accuracyByPosition.size(), 20u);

  const auto config = ModelConfig::load(out);
  EXPECT_EQ(config.architecture(), "LlamaForCausalLM");
  EXPECT_EQ(config.modelType, "llama");
  EXPECT_EQ(config.noRope, !rope);
  EXPECT_EQ(config.hiddenSize, 32);
  EXPECT_EQ(config.numKvHeads, 2);
  EXPECT_EQ(config.headDim, 8);
  EXPECT_EQ(config.tieWordEmbeddings, !rope);
  EXPECT_DOUBLE_EQ(config.ropeTheta, 10000.0);
  EXPECT_EQ(config.vocabSize, Tokenizer::load(out).vocabSize());
  EXPECT_EQ(config.eosTokenIds, std::vector<std::int64_t>{*Tokenizer::load(out).tokenId("</s>")});
  const auto checkpoint = Checkpoint::open(out);
  EXPECT_EQ(checkpoint.find("lm_head.weight").has_value(), rope);  // tied: embeddings only
  EXPECT_TRUE(checkpoint.find("model.layers.1.mlp.down_proj.weight").has_value());

  const auto model = loadFolder(out);
  for (int gold : {0, 19}) {
    const auto ids = promptIds(out, gold);
    const auto trained = result.model->forward(ids).logits;
    const auto engine = model->forward(ids).logits;
    ASSERT_EQ(engine.sizes(), trained.sizes());
    EXPECT_LE(maxDiff(engine, trained), 1e-4) << "gold at " << gold;
    EXPECT_GT(trained.abs().max().item<double>(), 0.1);  // not a degenerate all-zero comparison
  }
  // The comparison can fail: rotating a NoPE model's queries and keys (or not rotating a RoPE
  // model's) changes its logits.
  const auto ids = promptIds(out, 5);
  if (rope) {
    ForwardOptions noRotation;
    noRotation.interventions = model->prepare(Interventions{.pRope = 0.0});
    EXPECT_GT(maxDiff(model->forward(ids, noRotation).logits, result.model->forward(ids).logits), 1e-3);
  } else {
    auto json = nlohmann::json::parse(test::readBytes(out / "config.json"));
    json.erase("ropescope_nope");
    test::writeBytes(out / "config.json", json.dump());
    EXPECT_GT(maxDiff(loadFolder(out)->forward(ids).logits, result.model->forward(ids).logits), 1e-3);
  }
}

INSTANTIATE_TEST_SUITE_P(RopeAndNope, DemoRoundTrip, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? std::string("Rope") : std::string("Nope"); });

TEST(DemoTraining, BatchedTrainingForwardMatchesTheInferenceForwardRowByRow) {
  test::ScratchDir dir;
  const auto result = trainDemoModel(tinyOptions(true), dir / "model");
  const auto& model = *result.model;
  const auto padId = *Tokenizer::load(dir / "model").tokenId(kDemoPadToken);
  std::vector<std::vector<std::int64_t>> prompts = {promptIds(dir / "model", 2), promptIds(dir / "model", 13)};
  prompts[1].resize(prompts[1].size() - 7);  // right-padded in the batch
  const auto S = static_cast<std::int64_t>(prompts[0].size());
  auto ids = at::full({2, S}, padId, at::kLong);
  for (std::size_t b = 0; b < prompts.size(); ++b)
    ids[static_cast<std::int64_t>(b)]
        .narrow(0, 0, static_cast<std::int64_t>(prompts[b].size()))
        .copy_(at::tensor(prompts[b], at::kLong));
  // Rows: the first and the last real position of each sequence.
  const auto rows =
      at::tensor({std::int64_t{0}, S - 1, std::int64_t{0}, static_cast<std::int64_t>(prompts[1].size()) - 1}, at::kLong)
          .view({2, 2});
  const auto batched = model.forwardBatch(ids, rows);
  ASSERT_EQ(batched.sizes(), (std::vector<std::int64_t>{2, 2, model.config().vocabSize}));
  EXPECT_TRUE(batched.requires_grad());  // the training graph is recorded
  for (std::int64_t b = 0; b < 2; ++b) {
    const auto single = model.forward(prompts[static_cast<std::size_t>(b)]).logits;
    EXPECT_FALSE(single.requires_grad());  // inference records nothing
    EXPECT_LE(maxDiff(batched[b][0].detach(), single[0]), 1e-4) << "sequence " << b;
    EXPECT_LE(maxDiff(batched[b][1].detach(), single[-1]), 1e-4) << "sequence " << b;
  }
  // The check can fail: sequence 1's last row is not sequence 0's.
  EXPECT_GT(maxDiff(batched[1][1].detach(), batched[0][1].detach()), 1e-3);
  EXPECT_TRUE(test::throwsError([&] { model.forwardBatch(ids.to(at::kInt)); }, ErrorCode::InvalidArgument, {"int64"}));
  EXPECT_TRUE(test::throwsError([&] { model.forwardBatch(ids + 100000); }, ErrorCode::InvalidArgument, {"vocabulary"}));
}

TEST(DemoTraining, NopeKeyMatchesPRopeZero) {
  // The engine's reading of "ropescope_nope" on an independent checkpoint: the same logits as
  // the unchanged model with every pair unrotated by p-RoPE 0.
  test::ScratchDir dir;
  auto json = nlohmann::json::parse(test::readBytes(test::tinyModel("llama") / "config.json"));
  json["ropescope_nope"] = true;
  test::writeBytes(dir / "config.json", json.dump());
  std::filesystem::copy_file(test::tinyModel("llama") / "model.safetensors", dir / "model.safetensors");
  const std::vector<std::int64_t> ids = {1, 139, 253, 99, 131, 30, 39, 193, 186, 44, 130, 196};
  const auto llama = loadFolder(test::tinyModel("llama"));
  ForwardOptions pRopeZero;
  pRopeZero.interventions = llama->prepare(Interventions{.pRope = 0.0});
  const auto reference = llama->forward(ids, pRopeZero).logits;
  const auto nope = loadFolder(dir.path());
  EXPECT_LE(maxDiff(nope->forward(ids).logits, reference), 1e-6);
  EXPECT_EQ(ropeInverseFrequencies(nope->config()).abs().sum().item<double>(), 0.0);
  EXPECT_GT(maxDiff(llama->forward(ids).logits, reference), 1e-3);

  json["ropescope_nope"] = "yes";
  test::writeBytes(dir / "config.json", json.dump());
  EXPECT_TRUE(test::throwsError([&] { ModelConfig::load(dir.path()); }, ErrorCode::Config,
                                {"config.json", "ropescope_nope", "true or false"}));
}

TEST(DemoTraining, SameSeedSameWeights) {
  test::ScratchDir dir;
  auto options = tinyOptions(true);
  options.steps = 2;
  trainDemoModel(options, dir / "a");
  trainDemoModel(options, dir / "b");
  options.seed = 1;
  trainDemoModel(options, dir / "c");
  const auto a = test::readBytes(dir / "a" / "model.safetensors");
  EXPECT_EQ(a, test::readBytes(dir / "b" / "model.safetensors"));
  EXPECT_NE(a, test::readBytes(dir / "c" / "model.safetensors"));
  // Training changed the weights: a run of more steps saves others.
  options.seed = 0;
  options.steps = 3;
  trainDemoModel(options, dir / "d");
  EXPECT_NE(a, test::readBytes(dir / "d" / "model.safetensors"));
}

// While the curriculum's prompts are shorter than 20 documents, an evaluation also scores held-out
// samples of that length (20 x evalSamplesPerPosition of them); at 20 documents it is left out.
TEST(DemoTraining, EvaluationsDuringTheRampScoreTheirDocumentCount) {
  test::ScratchDir dir;
  auto options = tinyOptions(true);
  options.steps = 2;
  options.curriculumHoldSteps = 1;
  options.curriculumRampSteps = 100;
  options.evalEvery = 1;
  std::vector<DemoTrainStatus> statuses;
  trainDemoModel(options, dir / "ramp", {}, [&](const DemoTrainStatus& s) { statuses.push_back(s); });
  ASSERT_EQ(statuses.size(), 2u);
  for (const auto& s : statuses) {
    EXPECT_EQ(s.documents, 2);
    EXPECT_EQ(s.accuracyByPosition.size(), 20u);
    ASSERT_GE(s.accuracyAtDocuments, 0.0);
    EXPECT_LE(s.accuracyAtDocuments, 1.0);
    const double right = s.accuracyAtDocuments * 20;  // 20 samples: whole counts
    EXPECT_NEAR(right, std::round(right), 1e-9);
  }
  options.curriculumHoldSteps = 0;
  options.curriculumRampSteps = 0;
  statuses.clear();
  trainDemoModel(options, dir / "full", {}, [&](const DemoTrainStatus& s) { statuses.push_back(s); });
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses.back().documents, 20);
  EXPECT_EQ(statuses.back().accuracyAtDocuments, -1.0);
}

// Every recall target is the value stated right after the same name earlier in the sequence,
// each name is asked once, and all names and values are distinct demo words.
TEST(DemoTraining, RecallSequencesAskEveryNameForItsValue) {
  DemoModelConfig config;
  config.bosId = 0;
  const auto tokenizer = Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json");
  std::set<std::int64_t> names, values;
  for (const auto& name : demoVocabulary().names) names.insert(tokenizer.encode(" " + name).front());
  for (const auto* list : {&demoVocabulary().cities, &demoVocabulary().jobs})
    for (const auto& value : *list) values.insert(tokenizer.encode(" " + value).front());
  for (int pairs : {1, 7, 40}) {
    const auto seq = demoRecallSequence(config, pairs, 1234 + pairs);
    EXPECT_TRUE(seq.auxiliary);
    ASSERT_EQ(seq.ids.size(),
              static_cast<std::size_t>(4 * pairs));  // BOS, pairs, questions; the last value only a target
    ASSERT_EQ(seq.targets.size(), static_cast<std::size_t>(pairs));
    EXPECT_EQ(seq.ids[0], 0);
    std::map<std::int64_t, std::int64_t> stated;  // name -> the value after it
    for (int i = 0; i < pairs; ++i) {
      const auto name = seq.ids[static_cast<std::size_t>(1 + 2 * i)],
                 value = seq.ids[static_cast<std::size_t>(2 + 2 * i)];
      EXPECT_TRUE(values.count(value)) << value;
      EXPECT_TRUE(names.count(name)) << name;
      EXPECT_TRUE(stated.emplace(name, value).second) << "name stated twice";
    }
    std::set<std::int64_t> distinctValues;
    for (const auto& [name, value] : stated) distinctValues.insert(value);
    EXPECT_EQ(distinctValues.size(), static_cast<std::size_t>(pairs));
    std::set<std::int64_t> asked;
    for (const auto& [row, target] : seq.targets) {
      ASSERT_GT(row, 2 * pairs);
      const auto name = seq.ids[static_cast<std::size_t>(row)];
      ASSERT_TRUE(stated.count(name));
      EXPECT_EQ(target, stated[name]);
      EXPECT_TRUE(asked.insert(name).second);
      if (static_cast<std::size_t>(row) + 1 < seq.ids.size()) {
        EXPECT_EQ(seq.ids[static_cast<std::size_t>(row) + 1], target);
      }
    }
  }
  EXPECT_NE(demoRecallSequence(config, 7, 1).ids, demoRecallSequence(config, 7, 2).ids);
  EXPECT_TRUE(test::throwsError([&] { demoRecallSequence(config, 41, 1); }, ErrorCode::InvalidArgument, {"1..40"}));
}

// Up to 4 the pattern has the given length; above it each sequence draws one from 4..maxPeriod.
// The targets are the repeats: each equals the token one pattern length before it.
TEST(DemoTraining, CopySequencesRepeatAPattern) {
  DemoModelConfig config;
  config.vocabSize = 500;
  config.bosId = 0;
  config.eosId = 1;
  config.padId = 2;
  std::set<std::size_t> lengths;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const int maxPeriod = seed % 2 == 0 ? 2 : 12;
    const auto seq = demoCopySequence(config, maxPeriod, seed);
    ASSERT_FALSE(seq.targets.empty());
    const auto period = static_cast<std::size_t>(seq.targets.front().first);  // first target: the first repeat
    if (maxPeriod == 2) {
      EXPECT_EQ(period, 2u);
    } else {
      EXPECT_GE(period, 4u);
      EXPECT_LE(period, 12u);
      lengths.insert(period);
    }
    EXPECT_EQ(seq.targets.size() + period + 1, seq.ids.size());  // every token but BOS and the first pattern
    for (const auto& [row, target] : seq.targets) {
      EXPECT_EQ(target, seq.ids[static_cast<std::size_t>(row) + 1 - period]);
      EXPECT_GT(target, 2);  // no special token
    }
  }
  EXPECT_GE(lengths.size(), 6u);  // the lengths vary
}

TEST(DemoTraining, CancellingSavesTheWeightsSoFar) {
  test::ScratchDir dir;
  auto options = tinyOptions(false);
  options.steps = 50;
  options.logEvery = 1;
  CancelToken cancel;
  RunControl control;
  control.cancel = &cancel;
  int statuses = 0;
  const auto result = trainDemoModel(options, dir / "model", control, [&](const DemoTrainStatus& s) {
    ++statuses;
    EXPECT_EQ(s.step, 1);
    EXPECT_GT(s.loss, 0.0);
    cancel.cancel();
  });
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.stepsDone, 1);
  EXPECT_EQ(statuses, 1);
  const auto ids = promptIds(dir / "model", 0);
  EXPECT_LE(maxDiff(loadFolder(dir / "model")->forward(ids).logits, result.model->forward(ids).logits), 1e-4);
}

// The status splits the loss into the answers' and the auxiliary sequences' means; a step with
// both kinds adds them.
TEST(DemoTraining, StatusesSplitTheLoss) {
  test::ScratchDir dir;
  auto options = tinyOptions(true);
  options.steps = 4;
  options.batchSize = 12;
  options.copyFraction = 0.25;
  options.recallFraction = 0.25;
  options.recallPairs = 6;
  options.logEvery = 1;
  std::vector<DemoTrainStatus> statuses;
  trainDemoModel(options, dir / "m", {}, [&](const DemoTrainStatus& s) { statuses.push_back(s); });
  ASSERT_EQ(statuses.size(), 4u);
  for (const auto& s : statuses) {
    ASSERT_GT(s.answerLoss, 0.0);
    ASSERT_GT(s.auxiliaryLoss, 0.0);
    EXPECT_NEAR(s.loss, s.answerLoss + s.auxiliaryLoss, 1e-5 * s.loss);
  }
  options.copyFraction = 0;
  options.recallFraction = 0;
  statuses.clear();
  trainDemoModel(options, dir / "m", {}, [&](const DemoTrainStatus& s) { statuses.push_back(s); });
  for (const auto& s : statuses) {
    EXPECT_EQ(s.auxiliaryLoss, -1.0);
    EXPECT_DOUBLE_EQ(s.loss, s.answerLoss);
  }
  // The first auxiliaryOnlySteps steps have no QA prompts at all.
  options.copyFraction = 0.25;
  options.auxiliaryOnlySteps = 2;
  statuses.clear();
  trainDemoModel(options, dir / "m", {}, [&](const DemoTrainStatus& s) { statuses.push_back(s); });
  ASSERT_EQ(statuses.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_GT(statuses[static_cast<std::size_t>(i)].auxiliaryLoss, 0.0);
    if (i < 2) {
      EXPECT_EQ(statuses[static_cast<std::size_t>(i)].answerLoss, -1.0) << i;
    } else {
      EXPECT_GT(statuses[static_cast<std::size_t>(i)].answerLoss, 0.0) << i;
    }
  }
}

TEST(DemoTraining, ReplacesAModelFolderButNothingElse) {
  test::ScratchDir dir;
  auto options = tinyOptions(true);
  options.steps = 1;
  trainDemoModel(options, dir / "model");
  options.seed = 3;
  trainDemoModel(options, dir / "model");  // a model folder is replaced
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);  // no temporary or old folders left beside it

  std::filesystem::create_directory(dir / "notes");
  test::writeBytes(dir / "notes" / "keep.txt", "mine");
  EXPECT_TRUE(test::throwsError([&] { trainDemoModel(options, dir / "notes"); }, ErrorCode::InvalidArgument,
                                {"notes", "not a model folder"}));
  EXPECT_EQ(test::readBytes(dir / "notes" / "keep.txt"), "mine");
  EXPECT_TRUE(test::throwsError([&] { trainDemoModel(options, dir / "missing" / "model"); }, ErrorCode::NotFound,
                                {"missing", "does not exist"}));
}

TEST(DemoTraining, BadOptionsAreErrors) {
  test::ScratchDir dir;
  const auto out = dir / "model";
  const auto fails = [&](const std::function<void(DemoTrainOptions&)>& change, ErrorCode code,
                         const std::vector<std::string>& fragments) {
    auto options = tinyOptions(true);
    change(options);
    return test::throwsError([&] { trainDemoModel(options, out); }, code, fragments);
  };
  EXPECT_TRUE(fails([](auto& o) { o.steps = 0; }, ErrorCode::InvalidArgument, {"steps", "at least 1"}));
  EXPECT_TRUE(fails([](auto& o) { o.batchSize = -1; }, ErrorCode::InvalidArgument, {"batch size"}));
  EXPECT_TRUE(fails([](auto& o) { o.learningRate = 0; }, ErrorCode::InvalidArgument, {"learning rate"}));
  EXPECT_TRUE(fails([](auto& o) { o.curriculumHoldSteps = -1; }, ErrorCode::InvalidArgument, {"curriculum"}));
  EXPECT_TRUE(fails([](auto& o) { o.copyFraction = 1; }, ErrorCode::InvalidArgument, {"copy", "fraction"}));
  EXPECT_TRUE(fails([](auto& o) { o.copyPeriod = 0; }, ErrorCode::InvalidArgument, {"copy", "period"}));
  EXPECT_TRUE(fails([](auto& o) { o.copyPeriod = 129; }, ErrorCode::InvalidArgument, {"copy", "1..128"}));
  EXPECT_TRUE(fails([](auto& o) { o.recallFraction = 0.5; }, ErrorCode::InvalidArgument, {"recall", "together"}));
  EXPECT_TRUE(fails([](auto& o) { o.recallPairs = 3; }, ErrorCode::InvalidArgument, {"recall", "4..40"}));
  EXPECT_TRUE(fails([](auto& o) { o.auxiliaryOnlySteps = -1; }, ErrorCode::InvalidArgument, {"auxiliary-only"}));
  EXPECT_TRUE(fails([](auto& o) { o.questionsPerPrompt = 0; }, ErrorCode::InvalidArgument, {"questions"}));
  EXPECT_TRUE(fails([](auto& o) { o.model.kvHeads = 3; }, ErrorCode::InvalidArgument, {"4 heads", "3 kv heads"}));
  EXPECT_TRUE(fails([](auto& o) { o.model.headDim = 7; }, ErrorCode::InvalidArgument, {"head_dim 7 is odd"}));
  EXPECT_TRUE(fails([](auto& o) { o.model.maxPositions = 200; }, ErrorCode::InvalidArgument,
                    {"max positions", "200 is too small"}));
  EXPECT_TRUE(fails([](auto& o) { o.device = "tpu"; }, ErrorCode::InvalidArgument, {"device", "tpu"}));
  if (!at::hasCUDA()) {
    EXPECT_TRUE(fails([](auto& o) { o.device = "cuda"; }, ErrorCode::Unsupported, {"CUDA"}));
  }
  EXPECT_FALSE(std::filesystem::exists(out));  // nothing written for refused options
}

}  // namespace
}  // namespace ropescope::engine
