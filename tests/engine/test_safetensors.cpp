// Safetensors reading on the fixtures, every malformed-file path, and F16/BF16 conversion.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <cmath>
#include <cstring>

#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "engine/model/tensor_bridge.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

using test::rawSafetensors;
using test::ScratchDir;
using test::throwsError;
using test::tinyModel;
using test::writeBytes;

std::vector<float> floatsOf(std::span<const std::byte> bytes) {
  std::vector<float> v(bytes.size() / 4);
  std::memcpy(v.data(), bytes.data(), bytes.size());
  return v;
}

// float32 -> bfloat16 bits, round to nearest even (what torch's .to(bfloat16) does).
std::uint16_t toBf16Bits(float f) {
  std::uint32_t u = 0;
  std::memcpy(&u, &f, 4);
  const std::uint32_t rounding = 0x7fff + ((u >> 16) & 1);
  return static_cast<std::uint16_t>((u + rounding) >> 16);
}

TEST(Safetensors, ReadsTinyLlamaTensorsWithShapesFromItsConfig) {
  const auto file = SafetensorsFile::open(tinyModel("llama") / "model.safetensors");
  // 2 layers x 9 tensors + embed_tokens + norm (tied embeddings: no lm_head).
  EXPECT_EQ(file.tensors().size(), 2u * 9u + 2u);
  const auto* q = file.find("model.layers.0.self_attn.q_proj.weight");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->dtype, DType::F32);
  EXPECT_EQ(q->shape, (std::vector<std::int64_t>{4 * 16, 64}));
  const auto* k = file.find("model.layers.1.self_attn.k_proj.weight");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->shape, (std::vector<std::int64_t>{2 * 16, 64}));
  EXPECT_EQ(file.data(*q).size(), 64u * 64u * 4u);
  EXPECT_EQ(file.find("lm_head.weight"), nullptr);
  // Random-normal weights: finite, not all zero.
  const auto values = floatsOf(file.data(*q));
  double sumAbs = 0;
  for (float v : values) {
    ASSERT_TRUE(std::isfinite(v));
    sumAbs += std::abs(v);
  }
  EXPECT_GT(sumAbs, 1.0);
}

TEST(Safetensors, Bf16FixtureHoldsTheF32WeightsRoundedToBf16) {
  const auto f32 = SafetensorsFile::open(tinyModel("llama") / "model.safetensors");
  const auto bf16 = SafetensorsFile::open(tinyModel("llama_bf16") / "model.safetensors");
  ASSERT_EQ(f32.tensors().size(), bf16.tensors().size());
  for (const auto& t : f32.tensors()) {
    const auto* b = bf16.find(t.name);
    ASSERT_NE(b, nullptr) << t.name;
    EXPECT_EQ(b->dtype, DType::BF16);
    EXPECT_EQ(b->shape, t.shape);
    const auto values = floatsOf(f32.data(t));
    const auto raw = bf16.data(*b);
    ASSERT_EQ(raw.size(), values.size() * 2);
    for (size_t i = 0; i < values.size(); ++i) {
      std::uint16_t bits = 0;
      std::memcpy(&bits, raw.data() + 2 * i, 2);
      ASSERT_EQ(bits, toBf16Bits(values[i])) << t.name << "[" << i << "]";
    }
  }
}

TEST(Safetensors, LoadTensorConvertsBf16AndF16ToFloat) {
  ScratchDir dir;
  const std::vector<float> values{1.0f, -2.5f, 0.0f, 65504.0f, 1.0f / 1024.0f, -0.333251953125f};
  const std::vector<std::uint16_t> f16{0x3c00, 0xc100, 0x0000, 0x7bff, 0x1400, 0xb555};
  std::vector<std::uint16_t> bf(values.size());
  for (size_t i = 0; i < values.size(); ++i) bf[i] = toBf16Bits(values[i]);
  const auto asBytes = [](const std::vector<std::uint16_t>& v) {
    return std::span<const std::byte>(reinterpret_cast<const std::byte*>(v.data()), v.size() * 2);
  };
  writeSafetensors(dir / "m.safetensors",
                   {{"half", DType::F16, {2, 3}, asBytes(f16)}, {"brain", DType::BF16, {2, 3}, asBytes(bf)}},
                   {{"format", "pt"}});
  const auto file = SafetensorsFile::open(dir / "m.safetensors");
  EXPECT_EQ(file.metadata().at("format"), "pt");
  const auto half = loadTensor({&file, file.find("half")}, {2, 3});
  ASSERT_EQ(half.scalar_type(), at::kFloat);
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(half.view({-1})[i].item<float>(), values[static_cast<size_t>(i)]);
  const auto brain = loadTensor({&file, file.find("brain")}, {2, 3});
  EXPECT_FLOAT_EQ(brain.view({-1})[1].item<float>(), -2.5f);
  EXPECT_FLOAT_EQ(brain.view({-1})[0].item<float>(), 1.0f);
  EXPECT_TRUE(throwsError(
      [&] {
        loadTensor({&file, file.find("half")}, {3, 2});
      },
      ErrorCode::Format, {"m.safetensors", "'half'", "shape [2, 3]", "config.json implies [3, 2]"}));
}

TEST(Safetensors, IntegerWeightsAreRefusedWithTheirDtype) {
  ScratchDir dir;
  const std::vector<std::int32_t> v{1, 2};
  writeSafetensors(dir / "i.safetensors", {{"w", DType::I32, {2}, {reinterpret_cast<const std::byte*>(v.data()), 8}}});
  const auto file = SafetensorsFile::open(dir / "i.safetensors");
  EXPECT_TRUE(throwsError(
      [&] {
        loadTensor({&file, file.find("w")}, {2});
      },
      ErrorCode::Unsupported, {"i.safetensors", "dtype I32"}));
}

// Each malformed file must be refused with Format, naming the file and the problem.
struct Malformed {
  const char* name;
  std::string bytes;
  std::vector<std::string> fragments;
};

class SafetensorsMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(SafetensorsMalformed, IsRefusedWithAClearMessage) {
  ScratchDir dir;
  const auto path = dir / "model.safetensors";
  writeBytes(path, GetParam().bytes);
  auto fragments = GetParam().fragments;
  fragments.push_back(path.string());
  EXPECT_TRUE(throwsError([&] { SafetensorsFile::open(path); }, ErrorCode::Format, fragments));
}

const std::string kEightFloats(32, '\0');

INSTANTIATE_TEST_SUITE_P(
    AllCases, SafetensorsMalformed,
    ::testing::Values(
        Malformed{"Empty", "", {"truncated", "0 bytes"}},
        Malformed{"ShorterThanLength", std::string("\x10\x00\x00", 3), {"truncated"}},
        Malformed{"HeaderLongerThanFile", rawSafetensors("{}", "", 4096), {"header length 4096", "larger than"}},
        Malformed{"HeaderNotJson", rawSafetensors("{not json", ""), {"not valid JSON"}},
        Malformed{"HeaderNotObject", rawSafetensors("[1,2]", ""), {"not a safetensors file", "starting with '{'"}},
        // Found by fuzzing: the JSON parser reports a number too large for a double with
        // another exception type than a syntax error.
        Malformed{"NumberOverflowInHeader",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[1e999],"data_offsets":[0,4]}})", "abcd"),
                  {"not valid JSON"}},
        Malformed{"UnknownDtype",
                  rawSafetensors(R"({"w":{"dtype":"Q4_K","shape":[8],"data_offsets":[0,32]}})", kEightFloats),
                  {"'w'", "unknown dtype 'Q4_K'"}},
        Malformed{"OffsetsPastEnd",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[16],"data_offsets":[0,64]}})", kEightFloats),
                  {"'w'", "outside the data section of 32 bytes"}},
        Malformed{"OffsetsReversed",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})", kEightFloats),
                  {"'w'", "outside"}},
        Malformed{"Overlapping",
                  rawSafetensors(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                                 R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
                                 kEightFloats),
                  {"'a' and 'b' overlap"}},
        Malformed{"ShapeTimesDtypeNotByteCount",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", kEightFloats),
                  {"'w'", "needs 12 bytes", "span 16"}},
        Malformed{"ShapeOverflow",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[281474976710656,281474976710656],)"
                                 R"("data_offsets":[0,16]}})",
                                 kEightFloats),
                  {"'w'", "more than 2^64"}},
        Malformed{"NegativeShape",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", kEightFloats),
                  {"'w'", "non-negative"}},
        Malformed{"MissingOffsets",
                  rawSafetensors(R"({"w":{"dtype":"F32","shape":[4]}})", kEightFloats),
                  {"'w'", "data_offsets"}},
        Malformed{"BadMetadata", rawSafetensors(R"({"__metadata__":{"a":1}})", ""), {"__metadata__"}}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });

TEST(Safetensors, MissingFileIsNotFound) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { SafetensorsFile::open(dir / "absent.safetensors"); }, ErrorCode::NotFound,
                          {"absent.safetensors"}));
}

TEST(Safetensors, TruncatedFixtureIsRefused) {
  // A real checkpoint cut short, as an interrupted download leaves it.
  ScratchDir dir;
  const auto bytes = test::readBytes(tinyModel("llama") / "model.safetensors");
  writeBytes(dir / "model.safetensors", bytes.substr(0, bytes.size() - 1000));
  EXPECT_TRUE(throwsError([&] { SafetensorsFile::open(dir / "model.safetensors"); }, ErrorCode::Format,
                          {"outside the data section", "truncated"}));
}

TEST(Safetensors, WriterRoundTripsAndAlignsData) {
  ScratchDir dir;
  const std::vector<float> a{1, 2, 3, 4, 5, 6};
  const std::vector<float> b{-1};
  writeSafetensors(dir / "w.safetensors",
                   {{"a", DType::F32, {2, 3}, {reinterpret_cast<const std::byte*>(a.data()), 24}},
                    {"b", DType::F32, {}, {reinterpret_cast<const std::byte*>(b.data()), 4}}});
  const auto file = SafetensorsFile::open(dir / "w.safetensors");
  ASSERT_EQ(file.tensors().size(), 2u);
  EXPECT_EQ(floatsOf(file.data(*file.find("a"))), a);
  EXPECT_EQ(floatsOf(file.data(*file.find("b"))), b);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(file.data(*file.find("a")).data()) % 8, 0u);
}

}  // namespace
}  // namespace ropescope::engine
