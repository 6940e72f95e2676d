// Frequency-band norms against the pair norms of transformers' own post-RoPE queries and keys.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/analysis/band_norms.h"
#include "engine/model/tensor_bridge.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

std::shared_ptr<Transformer> load(const std::string& name) {
  return Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(test::tinyModel(name))));
}

std::vector<std::int64_t> referenceIds(const std::string& name) {
  return nlohmann::json::parse(test::readBytes(test::tinyModel(name) / "reference.json"))["input_ids"]
      .get<std::vector<std::int64_t>>();
}

TEST(BandNorms, EqualPairNormsOfTheReferenceQueriesAndKeys) {
  for (const auto& name : test::tinyModelNames()) {
    SCOPED_TRACE(name);
    const auto model = load(name);
    const auto bands = computeBandNorms(*model, {referenceIds(name)});
    const auto ref = SafetensorsFile::open(test::tinyModel(name) / "reference.safetensors");
    const int D = model->config().headDim;
    EXPECT_EQ(bands.tokens, 40);
    for (int l = 0; l < model->config().numLayers; ++l)
      for (const auto& [which, result] : {std::pair{"q_rope", &bands.q}, std::pair{"k_rope", &bands.k}}) {
        const auto* info = ref.find("layer" + std::to_string(l) + "." + which);
        ASSERT_NE(info, nullptr);
        const auto x = loadTensor({&ref, info}, info->shape);  // [heads, S, D], storage order
        for (std::int64_t h = 0; h < x.size(0); ++h)
          for (int i = 0; i < D / 2; ++i) {
            double sum = 0;
            for (std::int64_t s = 0; s < x.size(1); ++s) {
              const double a = x[h][s][i].item<double>();
              const double b = x[h][s][i + D / 2].item<double>();
              sum += std::sqrt(a * a + b * b);
            }
            EXPECT_NEAR(result->at({l, h, i}), sum / static_cast<double>(x.size(1)), 1e-4)
                << which << " L" << l << "H" << h << " pair " << i;
          }
      }
  }
}

TEST(BandNorms, AverageOverAllTokensOfAllSequencesAndCancelKeepsWhatIsDone) {
  const auto model = load("qwen2");
  const std::vector<std::int64_t> a{1, 5, 9, 13, 200, 7};
  const std::vector<std::int64_t> b{1, 40, 41};
  const auto ba = computeBandNorms(*model, {a});
  const auto bb = computeBandNorms(*model, {b});
  const auto both = computeBandNorms(*model, {a, b});
  EXPECT_EQ(both.tokens, 9);
  for (size_t i = 0; i < both.q.values.size(); ++i)
    EXPECT_NEAR(both.q.values[i], (6 * ba.q.values[i] + 3 * bb.q.values[i]) / 9, 1e-5);

  CancelToken cancel;
  RunControl control;
  control.cancel = &cancel;
  control.progress = [&](std::int64_t done, std::int64_t, std::string_view) {
    if (done == 1) cancel.cancel();
  };
  const auto partial = computeBandNorms(*model, {a, b, a}, control);
  EXPECT_EQ(partial.sequencesDone, 1);
  EXPECT_EQ(partial.q.values, ba.q.values);
}

}  // namespace
}  // namespace ropescope::engine
