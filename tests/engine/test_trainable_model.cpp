// The trainable side of the engine: AdamW against LibTorch's own, Transformer::fromWeights'
// checks and its training graph, the checkpoint writer's round trip.
#include <gtest/gtest.h>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adamw.h>

#include <set>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/io/checkpoint_writer.h"
#include "engine/io/model_config.h"
#include "engine/model/adamw.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

// Three steps on a fixed quadratic loss with given targets.
std::vector<at::Tensor> runSteps(const std::function<void(const std::vector<at::Tensor>&)>& step,
                                 std::vector<at::Tensor> params, int steps) {
  const std::vector<at::Tensor> targets = {at::linspace(-1, 1, 6).view({2, 3}), at::full({4}, 0.5)};
  for (int s = 0; s < steps; ++s) {
    for (auto& p : params)
      if (p.grad().defined()) p.mutable_grad().zero_();
    auto loss = ((params[0] - targets[0]).pow(2) * (1 + s)).sum() + (params[1] - targets[1]).pow(4).sum();
    loss.backward();
    step(params);
  }
  return params;
}

std::vector<at::Tensor> freshParams() {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
  return {at::randn({2, 3}, gen).requires_grad_(true), at::randn({4}, gen).requires_grad_(true)};
}

TEST(AdamW, MatchesLibTorchsAdamWWithDecayOnTheFirstParameterOnly) {
  const double lr = 0.05, decay = 0.1;
  auto ours = freshParams();
  AdamW adamw(ours, {.beta1 = 0.9, .beta2 = 0.95, .epsilon = 1e-8}, {true, false});
  ours = runSteps([&](const auto&) { adamw.step(lr, decay); }, ours, 5);

  auto theirs = freshParams();
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(std::vector<at::Tensor>{theirs[0]},
                      std::make_unique<torch::optim::AdamWOptions>(
                          torch::optim::AdamWOptions(lr).betas({0.9, 0.95}).eps(1e-8).weight_decay(decay)));
  groups.emplace_back(std::vector<at::Tensor>{theirs[1]},
                      std::make_unique<torch::optim::AdamWOptions>(
                          torch::optim::AdamWOptions(lr).betas({0.9, 0.95}).eps(1e-8).weight_decay(0)));
  torch::optim::AdamW reference(groups);
  theirs = runSteps([&](const auto&) { reference.step(); }, theirs, 5);

  for (std::size_t i = 0; i < ours.size(); ++i) {
    EXPECT_LE((ours[i] - theirs[i]).abs().max().item<double>(), 1e-6) << "parameter " << i;
    EXPECT_GT((ours[i] - freshParams()[i]).abs().max().item<double>(), 1e-2) << "parameter " << i << " moved";
  }
  EXPECT_EQ(adamw.steps(), 5);
}

TEST(AdamW, ClipsTheGlobalGradientNormAndReportsItBeforeClipping) {
  auto clipped = freshParams(), plain = freshParams();
  AdamW a(clipped), b(plain);
  for (auto* p : {&clipped, &plain}) ((*p)[0].pow(2).sum() * 100 + (*p)[1].sum()).backward();
  const double expected = std::sqrt((clipped[0].grad().pow(2).sum() + clipped[1].grad().pow(2).sum()).item<double>());
  EXPECT_NEAR(a.step(0.1, 0, /*clipNorm=*/1.0), expected, 1e-4 * expected);
  b.step(0.1);
  // Adam's first step moves each entry by about lr whatever the scale: clipping shows in the
  // moment estimates, so a second step with a fresh small gradient separates the two.
  for (auto* p : {&clipped, &plain}) {
    (*p)[0].mutable_grad().fill_(0.01);
    (*p)[1].mutable_grad().fill_(0.01);
  }
  a.step(0.1, 0, 1.0);
  b.step(0.1);
  EXPECT_GT((clipped[0] - plain[0]).abs().max().item<double>(), 1e-4);
  EXPECT_TRUE(test::throwsError(
      [] {
        AdamW({at::zeros({1})}, {}, {true, false});
      },
      ErrorCode::InvalidArgument, {"weight-decay"}));
}

// A two-layer Llama config small enough to build by hand.
ModelConfig smallConfig() {
  auto c = llamaModelConfig({.layers = 2,
                             .hidden = 8,
                             .heads = 2,
                             .kvHeads = 1,
                             .headDim = 4,
                             .intermediate = 16,
                             .vocab = 11,
                             .context = 32});
  c.bosTokenId = 1;
  c.eosTokenIds = {2};
  return c;
}

std::vector<std::pair<std::string, at::Tensor>> randomWeights(const ModelConfig& c) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(3);
  std::vector<std::pair<std::string, at::Tensor>> w;
  for (const auto& [name, shape] : Transformer::weightShapes(c))
    w.emplace_back(name, (at::randn(shape, gen) * 0.3).requires_grad_(true));
  return w;
}

TEST(TransformerFromWeights, WeightShapesNameEveryTensorOfACheckpointInItsOrder) {
  const auto ckpt = Checkpoint::open(test::tinyModel("llama"));
  const auto shapes = Transformer::weightShapes(ckpt.config());
  std::set<std::string> names;
  for (const auto& [name, shape] : shapes) {
    names.insert(name);
    EXPECT_EQ(ckpt.require(name).info->shape, shape) << name;
  }
  EXPECT_EQ(names.size(), shapes.size());
  for (const auto& name : ckpt.tensorNames()) {
    if (!name.ends_with("rotary_emb.inv_freq") && !(ckpt.config().tieWordEmbeddings && name == "lm_head.weight")) {
      EXPECT_TRUE(names.count(name)) << name;
    }
  }
  EXPECT_EQ(shapes.front().first, "model.embed_tokens.weight");
}

TEST(TransformerFromWeights, ChecksNamesAndShapesLikeACheckpoint) {
  const auto c = smallConfig();
  auto weights = randomWeights(c);
  EXPECT_NO_THROW(Transformer::fromWeights(c, weights, "hand-made"));
  auto missing = weights;
  missing.pop_back();
  EXPECT_TRUE(test::throwsError([&] { Transformer::fromWeights(c, missing, "hand-made"); }, ErrorCode::InvalidArgument,
                                {"hand-made", "model.norm.weight", "missing"}));
  auto extra = weights;
  extra.emplace_back("lm_head.bias", at::zeros({c.vocabSize}));
  EXPECT_TRUE(test::throwsError([&] { Transformer::fromWeights(c, extra, "hand-made"); }, ErrorCode::InvalidArgument,
                                {"unexpected", "lm_head.bias"}));
  auto wrong = weights;
  wrong[1].second = at::ones({c.hiddenSize + 1});
  EXPECT_TRUE(test::throwsError([&] { Transformer::fromWeights(c, wrong, "hand-made"); }, ErrorCode::InvalidArgument,
                                {"input_layernorm", "shape"}));
  const auto model = Transformer::fromWeights(c, weights, "hand-made");
  EXPECT_TRUE(test::throwsError([&] { model->checkpoint(); }, ErrorCode::InvalidArgument, {"in memory"}));
}

TEST(TransformerFromWeights, TrainingStepsLowerTheLossThroughTheInferenceLayers) {
  const auto c = smallConfig();
  const auto model = Transformer::fromWeights(c, randomWeights(c), "hand-made");
  const auto ids = at::tensor({1, 5, 6, 7, 5, 6, 7, 5, 6, 7}, at::kLong).view({1, -1});
  const auto targets = at::tensor({5, 6, 7, 5, 6, 7, 5, 6, 7}, at::kLong);
  std::vector<at::Tensor> params;
  for (const auto& [name, p] : model->namedWeights()) params.push_back(p);
  AdamW adam(params);
  const auto loss = [&] {
    return at::cross_entropy_loss(model->forwardBatch(ids).view({-1, c.vocabSize}).narrow(0, 0, 9), targets);
  };
  const double before = loss().item<double>();
  for (int s = 0; s < 30; ++s) {
    adam.zeroGrad();
    loss().backward();
    adam.step(0.05);
  }
  EXPECT_LT(loss().item<double>(), 0.5 * before);
  // The updated weights are the model's: inference sees the training.
  const auto logits = model->forward({1, 5, 6, 7, 5, 6}).logits;
  EXPECT_EQ(logits[-1].argmax().item<std::int64_t>(), 7);
}

TEST(CheckpointWriter, LlamaConfigJsonLoadsBackAndTheFolderRunsTheSameLogits) {
  test::ScratchDir dir;
  auto c = smallConfig();
  c.noRope = true;
  c.ropeTheta = 500000;
  const auto model = Transformer::fromWeights(c, randomWeights(c), "hand-made");
  std::vector<at::Tensor> hold;
  writeModelFolder(dir / "m", {{"config.json", llamaConfigJson(c, 0)}},
                   tensorsToWrite(model->namedWeights(), DType::F32, hold));
  const auto back = ModelConfig::load(dir / "m");
  EXPECT_EQ(back.architecture(), "LlamaForCausalLM");
  EXPECT_EQ(back.hiddenSize, c.hiddenSize);
  EXPECT_EQ(back.numLayers, c.numLayers);
  EXPECT_EQ(back.numHeads, c.numHeads);
  EXPECT_EQ(back.numKvHeads, c.numKvHeads);
  EXPECT_EQ(back.headDim, c.headDim);
  EXPECT_EQ(back.intermediateSize, c.intermediateSize);
  EXPECT_EQ(back.vocabSize, c.vocabSize);
  EXPECT_EQ(back.maxPositionEmbeddings, c.maxPositionEmbeddings);
  EXPECT_DOUBLE_EQ(back.ropeTheta, c.ropeTheta);
  EXPECT_DOUBLE_EQ(back.rmsNormEps, c.rmsNormEps);
  EXPECT_TRUE(back.tieWordEmbeddings);
  EXPECT_TRUE(back.noRope);
  EXPECT_EQ(back.bosTokenId, c.bosTokenId);
  EXPECT_EQ(back.eosTokenIds, c.eosTokenIds);
  const auto loaded = Transformer::load(std::make_shared<const Checkpoint>(Checkpoint::open(dir / "m")));
  const std::vector<std::int64_t> ids = {1, 4, 9, 3};
  EXPECT_TRUE(at::equal(loaded->forward(ids).logits, model->forward(ids).logits));
  // A folder of something else is not replaced.
  std::filesystem::create_directories(dir / "notes");
  test::writeBytes(dir / "notes" / "a.txt", "keep");
  EXPECT_TRUE(test::throwsError([&] { writeModelFolder(dir / "notes", {}, {}); }, ErrorCode::InvalidArgument,
                                {"not a model folder"}));
  EXPECT_EQ(test::readBytes(dir / "notes" / "a.txt"), "keep");
}

}  // namespace
}  // namespace ropescope::engine
