// Projection-row L1 norms against a direct computation from the checkpoint bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/analysis/weight_norms.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

using test::tinyModel;

// An independent reader: parses the safetensors header itself and decodes F32/BF16 by hand,
// returning the weight as a row-major [rows, cols] double matrix.
std::vector<double> readWeightDirectly(const std::filesystem::path& file, const std::string& name, std::int64_t& rows,
                                       std::int64_t& cols) {
  const auto bytes = test::readBytes(file);
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[static_cast<size_t>(i)]);
  const auto header = nlohmann::json::parse(bytes.substr(8, n));
  const auto& entry = header.at(name);
  rows = entry["shape"][0].get<std::int64_t>();
  cols = entry["shape"][1].get<std::int64_t>();
  const auto begin = 8 + n + entry["data_offsets"][0].get<std::uint64_t>();
  const auto dtype = entry["dtype"].get<std::string>();
  std::vector<double> out(static_cast<size_t>(rows * cols));
  for (size_t i = 0; i < out.size(); ++i) {
    float f = 0;
    if (dtype == "F32") {
      std::memcpy(&f, bytes.data() + begin + 4 * i, 4);
    } else if (dtype == "BF16") {
      std::uint32_t u = 0;
      std::memcpy(reinterpret_cast<char*>(&u) + 2, bytes.data() + begin + 2 * i, 2);
      std::memcpy(&f, &u, 4);
    } else {
      ADD_FAILURE() << "fixture dtype " << dtype;
    }
    out[i] = f;
  }
  return out;
}

void expectNormsMatch(const std::string& model, const WeightNorms& wn, const NdArray& got, const char* proj, int heads,
                      bool frequencyOrder) {
  const int d = wn.model.headDim;
  for (int layer = 0; layer < wn.model.layers; ++layer) {
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    const auto w =
        readWeightDirectly(tinyModel(model) / "model.safetensors",
                           "model.layers." + std::to_string(layer) + ".self_attn." + proj + ".weight", rows, cols);
    ASSERT_EQ(rows, std::int64_t{heads} * d);
    for (int h = 0; h < heads; ++h)
      for (int f = 0; f < d; ++f) {
        // Frequency dim f is pair f/2; the pair's members sit at storage dims p and p + d/2.
        const int storage = frequencyOrder ? f / 2 + (f % 2) * (d / 2) : f;
        double l1 = 0;
        for (std::int64_t c = 0; c < cols; ++c) l1 += std::abs(w[static_cast<size_t>((h * d + storage) * cols + c)]);
        ASSERT_NEAR(got.at({layer, h, f}), l1, 1e-4 * l1)
            << model << " " << proj << " L" << layer << "H" << h << " d" << f;
      }
  }
}

TEST(WeightNorms, EqualDirectComputationForEveryFixture) {
  for (const auto& name : test::tinyModelNames()) {
    SCOPED_TRACE(name);
    const auto ckpt = Checkpoint::open(tinyModel(name));
    const auto wn = computeWeightNorms(ckpt);
    const auto& c = ckpt.config();
    EXPECT_TRUE(wn.complete());
    EXPECT_EQ(wn.order, DimOrder::Frequency);
    EXPECT_EQ(wn.qRowL1.shape, (std::vector<std::int64_t>{c.numLayers, c.numHeads, c.headDim}));
    EXPECT_EQ(wn.kRowL1.shape, (std::vector<std::int64_t>{c.numLayers, c.numKvHeads, c.headDim}));
    EXPECT_EQ(wn.qRowL1.axes, (std::vector<std::string>{"layer", "head", "dim"}));
    expectNormsMatch(name, wn, wn.qRowL1, "q_proj", c.numHeads, true);
    expectNormsMatch(name, wn, wn.kRowL1, "k_proj", c.numKvHeads, true);
  }
}

TEST(WeightNorms, StorageOrderIsTheCheckpointRowOrder) {
  const auto ckpt = Checkpoint::open(tinyModel("qwen2"));
  const auto wn = computeWeightNorms(ckpt, {}, DimOrder::Storage);
  EXPECT_EQ(wn.order, DimOrder::Storage);
  expectNormsMatch("qwen2", wn, wn.qRowL1, "q_proj", 4, false);
}

TEST(WeightNorms, Bf16CheckpointGivesTheF32NormsToBf16Precision) {
  const auto f32 = computeWeightNorms(Checkpoint::open(tinyModel("llama")));
  const auto bf16 = computeWeightNorms(Checkpoint::open(tinyModel("llama_bf16")));
  ASSERT_EQ(f32.qRowL1.values.size(), bf16.qRowL1.values.size());
  for (size_t i = 0; i < f32.qRowL1.values.size(); ++i)
    EXPECT_NEAR(bf16.qRowL1.values[i], f32.qRowL1.values[i], 4e-3 * f32.qRowL1.values[i]);
}

TEST(WeightNorms, ReportsProgressPerLayerAndKeepsDoneLayersOnCancel) {
  const auto ckpt = Checkpoint::open(tinyModel("olmo2"));
  CancelToken cancel;
  std::vector<std::int64_t> seen;
  RunControl control;
  control.cancel = &cancel;
  control.progress = [&](std::int64_t done, std::int64_t total, std::string_view) {
    seen.push_back(done);
    EXPECT_EQ(total, 2);
    if (done == 1) cancel.cancel();
  };
  const auto wn = computeWeightNorms(ckpt, control);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(wn.layersDone, 1);
  EXPECT_FALSE(wn.complete());
  const auto full = computeWeightNorms(ckpt);
  for (int h = 0; h < 4; ++h)
    for (int f = 0; f < 16; ++f) {
      EXPECT_FLOAT_EQ(wn.qRowL1.at({0, h, f}), full.qRowL1.at({0, h, f}));
      EXPECT_EQ(wn.qRowL1.at({1, h, f}), 0.0f);
    }
}

TEST(WeightNorms, WrongProjectionShapeIsAnErrorNamingTheTensor) {
  // A config that claims more heads than the weights hold.
  test::ScratchDir dir;
  auto config = nlohmann::json::parse(test::readBytes(tinyModel("mistral") / "config.json"));
  config["num_attention_heads"] = 8;
  config["num_key_value_heads"] = 4;
  config["head_dim"] = 16;
  test::writeBytes(dir / "config.json", config.dump());
  std::filesystem::copy_file(tinyModel("mistral") / "model.safetensors", dir / "model.safetensors");
  EXPECT_TRUE(
      test::throwsError([&] { computeWeightNorms(Checkpoint::open(dir.path())); }, ErrorCode::Format,
                        {"model.layers.0.self_attn.q_proj.weight", "shape [64, 64]", "config.json implies [128, 64]"}));
}

}  // namespace
}  // namespace ropescope::engine
