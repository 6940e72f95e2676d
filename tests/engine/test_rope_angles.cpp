// RoPE rotation angles over a context, against hand-worked values.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "engine/analysis/rope_angles.h"
#include "engine/model/transformer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

TEST(RopeAngles, HandWorkedForThetaTenThousand) {
  // Mistral fixture: theta 10000, head_dim 16: theta_i = 10000^(-i/8).
  const auto config = ModelConfig::load(test::tinyModel("mistral"));
  const auto a = computeRopeAngles(config, 1001);
  ASSERT_EQ(a.theta.shape, (std::vector<std::int64_t>{8}));
  for (int i = 0; i < 8; ++i) {
    const double theta = std::pow(10000.0, -i / 8.0);
    EXPECT_NEAR(a.theta.values[static_cast<size_t>(i)], theta, 1e-6 * theta);
    EXPECT_NEAR(a.maxAngle.values[static_cast<size_t>(i)], 1000 * theta, 1e-3 * theta);
    EXPECT_NEAR(a.wavelength.values[static_cast<size_t>(i)], 2 * std::numbers::pi / theta, 1e-3 / theta);
  }
  // Pair 0 turns 1000 rad / 2pi = 159.2 times; pair 4 (theta 0.01) reaches 10 rad: wraps once;
  // pair 5 (theta 0.00316) reaches 3.16 rad: does not.
  EXPECT_NEAR(a.turns.values[0], 1000 / (2 * std::numbers::pi), 1e-2);
  EXPECT_EQ(a.wraps.values[4], 1.0f);
  EXPECT_EQ(a.wraps.values[5], 0.0f);
  EXPECT_EQ(a.wraps.values[7], 0.0f);
}

TEST(RopeAngles, Llama3ScalingSlowsTheLowFrequencies) {
  const auto scaled = computeRopeAngles(ModelConfig::load(test::tinyModel("llama")), 100);
  // theta 5e5, factor 8 applies to wavelengths above 1024 tokens: pair 7 (1.28e-6 after scaling).
  EXPECT_NEAR(scaled.theta.values[7], std::pow(500000.0, -7 / 8.0) / 8, 1e-9);
  EXPECT_NEAR(scaled.theta.values[0], 1.0, 1e-7);
  EXPECT_TRUE(test::throwsError([] { computeRopeAngles(ModelConfig::load(test::tinyModel("llama")), 0); },
                                ErrorCode::InvalidArgument, {"at least 1"}));
}

// The torch-free arithmetic (shared with the RoPE playground) equals the model's own inverse
// frequencies, which match Hugging Face bit for bit in float32, for every fixture family.
TEST(RopeAngles, TorchFreeFrequenciesEqualTheModels) {
  for (const auto& name : test::tinyModelNames()) {
    const auto config = ModelConfig::load(test::tinyModel(name));
    const auto model = ropeInverseFrequencies(config).to(at::kDouble).contiguous();
    const auto plain = ropeInverseFrequencies(ropeSpecOf(config));
    ASSERT_EQ(plain.size(), static_cast<std::size_t>(model.size(0))) << name;
    for (std::size_t i = 0; i < plain.size(); ++i) {
      const double m = model[static_cast<std::int64_t>(i)].item<double>();
      EXPECT_NEAR(plain[i], m, 1e-6 * m) << name << " pair " << i;
    }
    const auto a = computeRopeAngles(config, 128);
    for (std::size_t i = 0; i < plain.size(); ++i) EXPECT_FLOAT_EQ(a.theta.values[i], static_cast<float>(plain[i]));
  }
}

}  // namespace
}  // namespace ropescope::engine
