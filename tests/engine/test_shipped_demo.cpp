// The shipped demo models and evaluation set (resources/demo), read through the same paths as any
// model and data: the RoPE model answers held-out questions at every gold position, and the
// NoPE twin loads with the same shape and no position embedding.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "engine/analysis/analysis_run.h"
#include "engine/core/resources.h"
#include "engine/data/qa_data.h"
#include "engine/io/checkpoint.h"
#include "engine/model/transformer.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {
namespace {

std::unique_ptr<Transformer> loadDemo(const std::string& name) {
  const std::filesystem::path folder = resolveModelName(name);
  EXPECT_TRUE(std::filesystem::exists(folder / "config.json")) << folder << " does not hold a model";
  return Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(folder)));
}

// Two held-out samples at each of the 20 gold positions, through the analyses' QA run (prompt
// template from the folder, greedy decoding, best-subspan exact match): at least 85 % right
// (resources/demo/README.md has the full evaluation).
TEST(ShippedDemo, RopeModelAnswersTheEvaluationSet) {
  const auto model = loadDemo("demo");
  const auto tokenizer = Tokenizer::load(resolveModelName("demo"));
  const auto data = readQaFile(resolveDataName("demo"));
  ASSERT_GE(data.size(), 40u);
  AnalysisOptions options;
  options.analyses = {Analysis::Qa};
  options.goldPositions.clear();
  for (int g = 0; g < 20; ++g) options.goldPositions.push_back(g);
  options.samples = 2;
  const auto results = runAnalyses(*model, tokenizer, data, options);
  const auto& accuracy = results.arrays.at("/qa/none/accuracy");
  const auto& answered = results.arrays.at("/qa/none/answered");
  ASSERT_EQ(accuracy.values.size(), 20u);
  double mean = 0;
  for (std::size_t g = 0; g < 20; ++g) {
    EXPECT_EQ(answered.values[g], 2.0f) << "gold position " << g;
    mean += accuracy.values[g] / 20.0;
  }
  EXPECT_GE(mean, 0.85);
}

TEST(ShippedDemo, NopeTwinHasTheSameShapeWithoutPositions) {
  const auto rope = loadDemo("demo");
  const auto nope = loadDemo("demo-nope");
  EXPECT_TRUE(nope->config().noRope);
  EXPECT_FALSE(rope->config().noRope);
  EXPECT_EQ(nope->config().headDim, rope->config().headDim);
  EXPECT_EQ(nope->config().numLayers, rope->config().numLayers);
}

}  // namespace
}  // namespace ropescope::engine
