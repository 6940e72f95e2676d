// config.json reading: the fixtures' values and every bad-field path.
#include <gtest/gtest.h>

#include "engine/io/model_config.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

using test::ScratchDir;
using test::throwsError;
using test::tinyModel;

TEST(ModelConfig, ReadsLlama3ScalingFromTheFixture) {
  const auto c = ModelConfig::load(tinyModel("llama"));
  EXPECT_EQ(c.architecture(), "LlamaForCausalLM");
  EXPECT_EQ(c.numLayers, 2);
  EXPECT_EQ(c.numHeads, 4);
  EXPECT_EQ(c.numKvHeads, 2);
  EXPECT_EQ(c.headDim, 16);
  EXPECT_EQ(c.hiddenSize, 64);
  EXPECT_EQ(c.vocabSize, 256);
  EXPECT_DOUBLE_EQ(c.ropeTheta, 500000.0);
  EXPECT_TRUE(c.tieWordEmbeddings);
  ASSERT_TRUE(c.ropeScaling.has_value());
  EXPECT_EQ(c.ropeScaling->type, "llama3");
  EXPECT_DOUBLE_EQ(c.ropeScaling->factor, 8.0);
  EXPECT_DOUBLE_EQ(c.ropeScaling->lowFreqFactor, 1.0);
  EXPECT_DOUBLE_EQ(c.ropeScaling->highFreqFactor, 4.0);
  EXPECT_EQ(c.ropeScaling->originalMaxPositionEmbeddings, 1024);
}

TEST(ModelConfig, GemmaHeadDimAndClassDefaultTiedEmbeddings) {
  const auto c = ModelConfig::load(tinyModel("gemma") / "config.json");
  EXPECT_EQ(c.headDim, 32);  // != hidden / heads = 16
  EXPECT_EQ(c.numKvHeads, 1);
  EXPECT_TRUE(c.tieWordEmbeddings);  // key left out by save_pretrained: Gemma's default
  EXPECT_FALSE(c.ropeScaling.has_value());
}

TEST(ModelConfig, Qwen2NullScalingAndUntiedEmbeddings) {
  const auto c = ModelConfig::load(tinyModel("qwen2"));
  EXPECT_FALSE(c.ropeScaling.has_value());
  EXPECT_FALSE(c.tieWordEmbeddings);
  EXPECT_EQ(c.headDim, 16);  // derived: hidden / heads
  EXPECT_DOUBLE_EQ(c.ropeTheta, 1e6);
}

TEST(ModelConfig, LegacyTypeKeyOfRopeScaling) {
  ScratchDir dir;
  test::writeBytes(dir / "config.json",
                   R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,)"
                   R"("vocab_size":10,"rope_scaling":{"type":"linear","factor":2.0}})");
  const auto c = ModelConfig::load(dir.path());
  ASSERT_TRUE(c.ropeScaling.has_value());
  EXPECT_EQ(c.ropeScaling->type, "linear");
  EXPECT_DOUBLE_EQ(c.ropeScaling->factor, 2.0);
  EXPECT_EQ(c.numKvHeads, 4);  // defaults to the query heads (no GQA)
}

struct BadConfig {
  const char* name;
  std::string json;
  ErrorCode code;
  std::vector<std::string> fragments;
};

class ModelConfigBad : public ::testing::TestWithParam<BadConfig> {};

TEST_P(ModelConfigBad, NamesTheFileAndTheField) {
  ScratchDir dir;
  test::writeBytes(dir / "config.json", GetParam().json);
  auto fragments = GetParam().fragments;
  fragments.push_back((dir / "config.json").string());
  EXPECT_TRUE(throwsError([&] { ModelConfig::load(dir.path()); }, GetParam().code, fragments));
}

INSTANTIATE_TEST_SUITE_P(
    AllCases, ModelConfigBad,
    ::testing::Values(
        BadConfig{"NotJson", "{\"hidden_size\": 64,", ErrorCode::Format, {"not valid JSON"}},
        BadConfig{"NotAnObject", "[]", ErrorCode::Config, {"not a JSON object"}},
        BadConfig{"MissingLayers",
                  R"({"model_type":"llama","hidden_size":64,"num_attention_heads":4,"vocab_size":10})",
                  ErrorCode::Config,
                  {"'num_hidden_layers' is missing"}},
        BadConfig{"HiddenSizeIsText",
                  R"({"model_type":"llama","hidden_size":"64","num_hidden_layers":1,"num_attention_heads":4,)"
                  R"("vocab_size":10})",
                  ErrorCode::Config,
                  {"'hidden_size' must be a positive integer"}},
        BadConfig{"NoModelType", R"({"hidden_size":64})", ErrorCode::Config, {"what model this is"}},
        BadConfig{"HeadsNotMultipleOfKv",
                  R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,)"
                  R"("num_key_value_heads":3,"vocab_size":10})",
                  ErrorCode::Config,
                  {"not a multiple of num_key_value_heads 3"}},
        BadConfig{"OddHeadDim",
                  R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,)"
                  R"("head_dim":15,"vocab_size":10})",
                  ErrorCode::Config,
                  {"head_dim 15 is odd"}},
        BadConfig{"ScalingWithoutType",
                  R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,)"
                  R"("vocab_size":10,"rope_scaling":{"factor":2}})",
                  ErrorCode::Config,
                  {"rope_scaling"}},
        BadConfig{"NegativeTheta",
                  R"({"model_type":"llama","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,)"
                  R"("vocab_size":10,"rope_theta":-1})",
                  ErrorCode::Config,
                  {"'rope_theta' must be a positive number"}}),
    [](const ::testing::TestParamInfo<BadConfig>& info) { return std::string(info.param.name); });

TEST(ModelConfig, FolderWithoutConfigIsNotFound) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { ModelConfig::load(dir.path()); }, ErrorCode::NotFound, {"no config.json"}));
}

}  // namespace
}  // namespace ropescope::engine

namespace ropescope::engine {
namespace {

TEST(ModelConfig, EosAndBosComeFromGenerationConfig) {
  const auto gemma = ModelConfig::load(test::tinyModel("gemma"));
  EXPECT_EQ(gemma.eosTokenIds, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(gemma.bosTokenId, 2);

  test::ScratchDir dir;
  std::filesystem::copy_file(test::tinyModel("llama") / "config.json", dir / "config.json");
  test::writeBytes(dir / "generation_config.json", R"({"eos_token_id": [128001, 128008, 128009]})");
  EXPECT_EQ(ModelConfig::load(dir.path()).eosTokenIds, (std::vector<std::int64_t>{128001, 128008, 128009}));
  test::writeBytes(dir / "generation_config.json", R"({"eos_token_id": "x"})");
  EXPECT_TRUE(test::throwsError([&] { ModelConfig::load(dir.path()); }, ErrorCode::Config,
                                {"generation_config.json", "eos_token_id"}));
}

}  // namespace
}  // namespace ropescope::engine
