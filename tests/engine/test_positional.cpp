// Positional heads and the rank/linear statistics, against hand-worked values, transformers'
// own post-RoPE queries and keys, and a constructed model whose dominant pair is known.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <array>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

#include "engine/analysis/positional.h"
#include "engine/core/statistics.h"
#include "engine/io/safetensors.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

// ---- statistics -----------------------------------------------------------------------------

TEST(Statistics, AverageRanksShareTheMeanRankOfTies) {
  EXPECT_EQ(averageRanks({10, 20, 20, 30}), (std::vector<double>{1, 2.5, 2.5, 4}));
  EXPECT_EQ(averageRanks({3, 1, 3, 3, 2}), (std::vector<double>{4, 1, 4, 4, 2}));
  EXPECT_EQ(averageRanks({}), std::vector<double>{});
  EXPECT_TRUE(test::throwsError([] { averageRanks({1.0, NAN}); }, ErrorCode::InvalidArgument, {"NaN"}));
}

TEST(Statistics, SpearmanOnHandWorkedCases) {
  // No ties: x = 1..5, y = {2, 1, 4, 3, 5}; rank differences {-1, 1, -1, 1, 0}, sum d^2 = 4,
  // rho = 1 - 6 * 4 / (5 * (25 - 1)) = 0.8.
  EXPECT_NEAR(spearmanRho({1, 2, 3, 4, 5}, {2, 1, 4, 3, 5}), 0.8, 1e-12);
  // Monotone but not linear: rho = 1; reversed: -1.
  EXPECT_NEAR(spearmanRho({1, 2, 3, 4}, {1, 8, 27, 64}), 1.0, 1e-12);
  EXPECT_NEAR(spearmanRho({1, 2, 3, 4}, {64, 27, 8, 1}), -1.0, 1e-12);
  // scipy.stats.spearmanr's documented example, spearmanr([1,2,3,4,5], [5,6,7,8,7]) =
  // 0.8207826816681233. By hand: ranks of y = {1, 2, 3.5, 5, 3.5}; both rank means are 3;
  // deviations x: {-2,-1,0,1,2}, y: {-2,-1,0.5,2,0.5}; sxy = 4+1+0+2+1 = 8, sxx = 10,
  // syy = 4+1+0.25+4+0.25 = 9.5; rho = 8 / sqrt(95).
  EXPECT_NEAR(spearmanRho({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}), 8.0 / std::sqrt(95.0), 1e-12);
  EXPECT_NEAR(8.0 / std::sqrt(95.0), 0.8207826816681233, 1e-15);
  // Ties on both sides: x = {0,0,0,1,1,2} -> ranks {2,2,2,4.5,4.5,6}; y = {0,0,0,1,1,1} ->
  // ranks {2,2,2,5,5,5}; means 3.5; sxy = 3*2.25 + 2*1.5 + 2.5*1.5 = 13.5, sxx = 15,
  // syy = 13.5; rho = sqrt(13.5 / 15) = sqrt(0.9).
  EXPECT_NEAR(spearmanRho({0, 0, 0, 1, 1, 2}, {0, 0, 0, 1, 1, 1}), std::sqrt(0.9), 1e-12);
  // Undefined cases.
  EXPECT_TRUE(std::isnan(spearmanRho({1, 2, 3}, {4, 4, 4})));
  EXPECT_TRUE(std::isnan(spearmanRho({1}, {2})));
  EXPECT_TRUE(test::throwsError(
      [] {
        spearmanRho({1, 2}, {1, 2, 3});
      },
      ErrorCode::InvalidArgument, {"Spearman", "2 and 3"}));
}

TEST(Statistics, PearsonAndLeastSquaresLineOnHandValues) {
  // x = {1,2,3}, y = {1,2,4}: means 2 and 7/3; sxy = 3, sxx = 2, syy = 42/9;
  // r = 3 / sqrt(2 * 42 / 9) = 9 / sqrt(84); slope = 3/2; intercept = 7/3 - 3 = -2/3.
  EXPECT_NEAR(pearsonR({1, 2, 3}, {1, 2, 4}), 9.0 / std::sqrt(84.0), 1e-12);
  const auto line = fitLine({1, 2, 3}, {1, 2, 4});
  EXPECT_NEAR(line.slope, 1.5, 1e-12);
  EXPECT_NEAR(line.intercept, -2.0 / 3.0, 1e-12);
  // An exact line y = -2x + 5.
  const auto exact = fitLine({0, 1, 2, 3}, {5, 3, 1, -1});
  EXPECT_NEAR(exact.slope, -2.0, 1e-12);
  EXPECT_NEAR(exact.intercept, 5.0, 1e-12);
  EXPECT_NEAR(pearsonR({0, 1, 2, 3}, {5, 3, 1, -1}), -1.0, 1e-12);
  EXPECT_TRUE(std::isnan(fitLine({2, 2, 2}, {1, 2, 3}).slope));
  EXPECT_TRUE(std::isnan(pearsonR({2, 2, 2}, {1, 2, 3})));
  EXPECT_TRUE(test::throwsError([] { fitLine({1, 2}, {1}); }, ErrorCode::InvalidArgument, {"line"}));
  EXPECT_TRUE(test::throwsError([] { pearsonR({1}, {}); }, ErrorCode::InvalidArgument, {"Pearson"}));
}

// ---- against transformers' post-RoPE queries and keys ---------------------------------------

std::unique_ptr<Transformer> loadTiny(const std::string& name) {
  return Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(test::tinyModel(name))));
}

std::vector<std::int64_t> referenceIds(const std::string& name) {
  return nlohmann::json::parse(test::readBytes(test::tinyModel(name) / "reference.json"))["input_ids"]
      .get<std::vector<std::int64_t>>();
}

// A reference tensor as a flat row-major float vector.
std::vector<float> referenceValues(const SafetensorsFile& ref, const std::string& name,
                                   std::vector<std::int64_t>& shape) {
  const auto* info = ref.find(name);
  if (info == nullptr) throw std::runtime_error("reference has no " + name);
  shape = info->shape;
  const auto t = loadTensor({&ref, info}, info->shape).contiguous();
  return {t.data_ptr<float>(), t.data_ptr<float>() + t.numel()};
}

struct Expected {
  std::vector<double> distances;
  std::vector<std::vector<double>> dominant;                // per head
  std::vector<std::vector<double>> hist, meanContribution;  // per head, per unit
};

// Plain loops over every causal (query, key) pair at distance >= minDistance.
Expected expectedFromReference(const std::string& name, int layer, PositionalUnit unit, DominantRule rule,
                               std::int64_t minDistance) {
  const auto ref = SafetensorsFile::open(test::tinyModel(name) / "reference.safetensors");
  std::vector<std::int64_t> qs, ks, ps;
  const auto q = referenceValues(ref, "layer" + std::to_string(layer) + ".q_rope", qs);  // [H, S, D] storage
  const auto k = referenceValues(ref, "layer" + std::to_string(layer) + ".k_rope", ks);  // [KV, S, D]
  const auto probs = referenceValues(ref, "attn_probs", ps);                             // [L, H, S, S]
  const auto H = qs[0], S = qs[1], D = qs[2], KV = ks[0];
  const auto U = unit == PositionalUnit::Pair ? D / 2 : D;
  Expected e;
  e.dominant.resize(static_cast<size_t>(H));
  e.hist.assign(static_cast<size_t>(H), std::vector<double>(static_cast<size_t>(U), 0.0));
  e.meanContribution = e.hist;
  const auto at = [&](const std::vector<float>& x, std::int64_t head, std::int64_t pos, std::int64_t dim) {
    return static_cast<double>(x[static_cast<size_t>((head * S + pos) * D + dim)]);
  };
  std::int64_t count = 0;
  for (std::int64_t h = 0; h < H; ++h) {
    const auto kv = h / (H / KV);
    for (std::int64_t i = 0; i < S; ++i) {
      std::vector<double> logits;
      for (std::int64_t j = 0; j <= i; ++j) {
        std::vector<double> c(static_cast<size_t>(U));
        for (std::int64_t u = 0; u < U; ++u) {
          if (unit == PositionalUnit::Pair) {  // pair u = storage dims u and u + D/2
            c[static_cast<size_t>(u)] =
                (at(q, h, i, u) * at(k, kv, j, u) + at(q, h, i, u + D / 2) * at(k, kv, j, u + D / 2)) /
                std::sqrt(static_cast<double>(D));
          } else {  // frequency dim u = storage dim u/2 + (u%2) * D/2
            const auto s = u / 2 + (u % 2) * (D / 2);
            c[static_cast<size_t>(u)] = at(q, h, i, s) * at(k, kv, j, s) / std::sqrt(static_cast<double>(D));
          }
        }
        double logit = 0;
        for (double v : c) logit += v;
        logits.push_back(logit);
        if (i - j < minDistance) continue;
        if (h == 0) e.distances.push_back(static_cast<double>(i - j));
        if (h == 0) ++count;
        std::vector<double> weight(static_cast<size_t>(U), 0.0);
        if (rule == DominantRule::SoftmaxIndex) {
          double mx = -INFINITY, sum = 0;
          for (double v : c) mx = std::max(mx, v);
          for (size_t u = 0; u < c.size(); ++u) sum += (weight[u] = std::exp(c[u] - mx));
          for (auto& w : weight) w /= sum;
        } else {
          size_t best = 0;
          for (size_t u = 1; u < c.size(); ++u)
            if ((rule == DominantRule::ArgmaxAbs ? std::fabs(c[u]) > std::fabs(c[best]) : c[u] > c[best])) best = u;
          weight[best] = 1.0;
        }
        double dom = 0;
        for (size_t u = 0; u < weight.size(); ++u) {
          dom += weight[u] * static_cast<double>(u);
          e.hist[static_cast<size_t>(h)][u] += weight[u];
          e.meanContribution[static_cast<size_t>(h)][u] += c[u];
        }
        e.dominant[static_cast<size_t>(h)].push_back(dom);
      }
      // The contributions sum to the attention logit: their softmax over the keys is
      // transformers' attention row.
      double mx = -INFINITY, sum = 0;
      for (double v : logits) mx = std::max(mx, v);
      for (double v : logits) sum += std::exp(v - mx);
      for (std::int64_t j = 0; j <= i; ++j)
        EXPECT_NEAR(std::exp(logits[static_cast<size_t>(j)] - mx) / sum,
                    probs[static_cast<size_t>(((layer * H + h) * S + i) * S + j)], 2e-5)
            << name << " L" << layer << "H" << h << " q" << i << " k" << j;
    }
  }
  for (auto& row : e.hist)
    for (auto& v : row) v /= static_cast<double>(count);
  for (auto& row : e.meanContribution)
    for (auto& v : row) v /= static_cast<double>(count);
  return e;
}

struct Variant {
  PositionalUnit unit;
  DominantRule rule;
  std::int64_t minDistance;
};

TEST(Positional, MatchesPlainLoopsOverTheReferenceQueriesAndKeys) {
  const std::vector<Variant> variants{{PositionalUnit::Pair, DominantRule::SoftmaxIndex, 1},
                                      {PositionalUnit::Pair, DominantRule::ArgmaxSigned, 0},
                                      {PositionalUnit::Dim, DominantRule::ArgmaxAbs, 1},
                                      {PositionalUnit::Dim, DominantRule::SoftmaxIndex, 0}};
  for (const auto& name : test::tinyModelNames()) {
    const auto model = loadTiny(name);
    const int layers = model->config().numLayers, heads = model->config().numHeads;
    for (const auto& v : variants) {
      SCOPED_TRACE(name + " unit " + std::to_string(static_cast<int>(v.unit)) + " rule " +
                   std::to_string(static_cast<int>(v.rule)) + " min distance " + std::to_string(v.minDistance));
      PositionalOptions options;
      options.unit = v.unit;
      options.rule = v.rule;
      options.minDistance = v.minDistance;
      options.maxPairsPerHead = 0;
      const auto result = computePositional(*model, {referenceIds(name)}, options);
      EXPECT_EQ(result.pairsAnalysed, v.minDistance == 0 ? 820 : 780);
      EXPECT_EQ(result.pairsEligible, result.pairsAnalysed);
      EXPECT_TRUE(result.complete());
      for (int l = 0; l < layers; ++l) {
        const auto e = expectedFromReference(name, l, v.unit, v.rule, v.minDistance);
        for (int h = 0; h < heads; ++h) {
          const auto& dom = e.dominant[static_cast<size_t>(h)];
          EXPECT_NEAR(result.rho.at({l, h}), spearmanRho(e.distances, dom), 2e-4) << "L" << l << "H" << h;
          for (size_t u = 0; u < e.hist[0].size(); ++u) {
            const auto iu = static_cast<std::int64_t>(u);
            EXPECT_NEAR(result.dominantHist.at({l, h, iu}), e.hist[static_cast<size_t>(h)][u], 2e-5);
            EXPECT_NEAR(result.meanContribution.at({l, h, iu}), e.meanContribution[static_cast<size_t>(h)][u], 2e-5);
          }
          // Mean dominant index of the first distance bin.
          const auto lo = result.distanceBinEdges[0], hi = result.distanceBinEdges[1];
          double sum = 0;
          int n = 0;
          for (size_t i = 0; i < dom.size(); ++i)
            if (e.distances[i] >= static_cast<double>(lo) && e.distances[i] < static_cast<double>(hi)) {
              sum += dom[i];
              ++n;
            }
          EXPECT_NEAR(result.meanDominantByDistance.at({l, h, 0}), sum / n, 1e-4);
        }
      }
    }
  }
}

// ---- a constructed model with a known dominant pair --------------------------------------------

// One head of dim 4 (pairs: theta_0 = 1, theta_1 = 0.01) whose queries and keys are the same at
// every position: hidden state (1,1,1,1) for every token, o_proj and down_proj zero so that the
// residual never changes. Pair 0 of q and k is (+-a, 0) and pair 1 is (b, 0), so the pair
// contributions at distance d are c0 = +-a^2 cos(d) / 2 and c1 = b^2 cos(0.01 d) / 2.
std::unique_ptr<Transformer> constructedModel(const test::ScratchDir& dir, double a, double b, bool negatePair0,
                                              int layers = 2) {
  nlohmann::json config{{"architectures", {"LlamaForCausalLM"}},
                        {"model_type", "llama"},
                        {"hidden_size", 4},
                        {"intermediate_size", 4},
                        {"num_hidden_layers", layers},
                        {"num_attention_heads", 1},
                        {"num_key_value_heads", 1},
                        {"vocab_size", 3},
                        {"rope_theta", 10000.0},
                        {"rms_norm_eps", 1e-6},
                        {"tie_word_embeddings", true},
                        {"max_position_embeddings", 64}};
  test::writeBytes(dir / "config.json", config.dump());
  // Storage order: pair 0 = dims 0 and 2, pair 1 = dims 1 and 3.
  const float qa = static_cast<float>(negatePair0 ? -a : a), ka = static_cast<float>(a), bb = static_cast<float>(b);
  const auto projection = [](const std::array<float, 4>& out) {
    std::vector<float> w(16);
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c) w[static_cast<size_t>(r * 4 + c)] = out[static_cast<size_t>(r)] / 4.0f;
    return w;
  };
  std::vector<std::vector<float>> keep;                  // storage for the spans below, alive until written
  keep.push_back(std::vector<float>(12, 1.0f));          // 0 embed [3, 4]
  keep.push_back(std::vector<float>(4, 1.0f));           // 1 norms [4]
  keep.push_back(projection({qa, bb, 0.0f, 0.0f}));      // 2 q
  keep.push_back(projection({ka, bb, 0.0f, 0.0f}));      // 3 k
  keep.push_back(std::vector<float>(16, 0.0f));          // 4 zeros [4, 4]
  keep.push_back(projection({0.1f, 0.2f, 0.3f, 0.4f}));  // 5 v, gate, up
  const auto bytes = [](const std::vector<float>& v) {
    return std::span<const std::byte>(reinterpret_cast<const std::byte*>(v.data()), v.size() * 4);
  };
  std::vector<TensorToWrite> tensors{{"model.embed_tokens.weight", DType::F32, {3, 4}, bytes(keep[0])},
                                     {"model.norm.weight", DType::F32, {4}, bytes(keep[1])}};
  for (int l = 0; l < layers; ++l) {
    const auto name = [l](const char* suffix) { return layerTensorName(l, suffix); };
    tensors.push_back({name("input_layernorm.weight"), DType::F32, {4}, bytes(keep[1])});
    tensors.push_back({name("post_attention_layernorm.weight"), DType::F32, {4}, bytes(keep[1])});
    tensors.push_back({name("self_attn.q_proj.weight"), DType::F32, {4, 4}, bytes(keep[2])});
    tensors.push_back({name("self_attn.k_proj.weight"), DType::F32, {4, 4}, bytes(keep[3])});
    tensors.push_back({name("self_attn.v_proj.weight"), DType::F32, {4, 4}, bytes(keep[5])});
    tensors.push_back({name("self_attn.o_proj.weight"), DType::F32, {4, 4}, bytes(keep[4])});
    tensors.push_back({name("mlp.gate_proj.weight"), DType::F32, {4, 4}, bytes(keep[5])});
    tensors.push_back({name("mlp.up_proj.weight"), DType::F32, {4, 4}, bytes(keep[5])});
    tensors.push_back({name("mlp.down_proj.weight"), DType::F32, {4, 4}, bytes(keep[4])});
  }
  writeSafetensors(dir / "model.safetensors", tensors);
  return Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(dir.path())));
}

// a^2 = 2.4, b^2 = 2 (scale 1/sqrt(4)): c0 = 1.2 cos d, c1 = cos(0.01 d).
const double kA = std::sqrt(2.4), kB = std::sqrt(2.0);

TEST(Positional, ConstructedHeadWhoseDominantPairGrowsWithDistance) {
  test::ScratchDir dir;
  const auto model = constructedModel(dir, kA, kB, false);
  PositionalOptions options;
  options.minDistance = 0;
  options.maxPairsPerHead = 0;
  // Soft index = softmax weight of pair 1 = sigmoid(c1 - c0) = sigmoid(cos(0.01 d) - 1.2 cos d):
  // strictly increasing over d = 0..3 (-0.2, 0.35, 1.50, 2.19). In exact arithmetic the pairs
  // of one distance tie and rho = 1; in float32 rounding at different absolute positions
  // breaks those ties in arbitrary order, which can only lower rho (to 0.956 here).
  const auto soft = computePositional(*model, {{1, 1, 1, 1}}, options);
  EXPECT_EQ(soft.pairsAnalysed, 10);
  for (int l = 0; l < 2; ++l) EXPECT_GT(soft.rho.at({l, 0}), 0.9);
  EXPECT_EQ(soft.distanceBinEdges, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  for (int d = 0; d < 4; ++d)
    EXPECT_NEAR(soft.meanDominantByDistance.at({0, 0, d}),
                1.0 / (1.0 + std::exp(1.2 * std::cos(d) - std::cos(0.01 * d))), 1e-5);
  // Mean contributions over the 10 pairs: 4 at d = 0, 3 at d = 1, 2 at d = 2, 1 at d = 3.
  double c0 = 0, c1 = 0;
  for (int d = 0; d < 4; ++d) {
    c0 += (4 - d) * 1.2 * std::cos(d);
    c1 += (4 - d) * std::cos(0.01 * d);
  }
  EXPECT_NEAR(soft.meanContribution.at({1, 0, 0}), c0 / 10, 1e-5);
  EXPECT_NEAR(soft.meanContribution.at({1, 0, 1}), c1 / 10, 1e-5);

  // Hard argmax over 3 tokens: pair 0 at d = 0 (1.2 > 1), pair 1 at d = 1, 2; pairs
  // (distance, dominant) = (0,0) x3, (1,1) x2, (2,1): rho = sqrt(0.9) (worked in
  // Statistics.SpearmanOnHandWorkedCases).
  options.rule = DominantRule::ArgmaxSigned;
  const auto hard = computePositional(*model, {{2, 2, 2}}, options);
  EXPECT_NEAR(hard.rho.at({0, 0}), std::sqrt(0.9), 1e-6);
  EXPECT_NEAR(hard.dominantHist.at({0, 0, 0}), 0.5, 1e-6);
  EXPECT_NEAR(hard.dominantHist.at({0, 0, 1}), 0.5, 1e-6);
  EXPECT_EQ(hard.topHeads(5), (std::vector<std::pair<int, int>>{{0, 0}, {1, 0}}));
}

TEST(Positional, ConstructedHeadWithTheOppositeTrendAndTheAbsoluteRule) {
  test::ScratchDir dir;
  const auto model = constructedModel(dir, kA, kB, true);  // c0 = -1.2 cos d
  PositionalOptions options;
  options.minDistance = 0;
  options.maxPairsPerHead = 0;
  // sigmoid(cos(0.01 d) + 1.2 cos d) strictly decreases over d = 0..3: rho = -1 up to the
  // float32 tie-breaking described above.
  const auto soft = computePositional(*model, {{1, 1, 1, 1}}, options);
  EXPECT_LT(soft.rho.at({0, 0}), -0.9);
  for (int d = 0; d < 4; ++d)
    EXPECT_NEAR(soft.meanDominantByDistance.at({0, 0, d}),
                1.0 / (1.0 + std::exp(-1.2 * std::cos(d) - std::cos(0.01 * d))), 1e-5);
  // Signed argmax over 3 tokens: pair 1 everywhere (c0 = -1.2, -0.65, +0.50 < c1): rho undefined.
  options.rule = DominantRule::ArgmaxSigned;
  const auto hard = computePositional(*model, {{0, 0, 0}}, options);
  EXPECT_TRUE(std::isnan(hard.rho.at({0, 0})));
  EXPECT_NEAR(hard.dominantHist.at({0, 0, 1}), 1.0, 1e-6);
  EXPECT_TRUE(hard.topHeads(2).empty());
  EXPECT_EQ(hard.ranking.size(), 2u);
  // By magnitude: pair 0 at d = 0 (|-1.2| > 1), pair 1 at d = 1, 2: rho = sqrt(0.9).
  options.rule = DominantRule::ArgmaxAbs;
  const auto byMagnitude = computePositional(*model, {{0, 0, 0}}, options);
  EXPECT_NEAR(byMagnitude.rho.at({0, 0}), std::sqrt(0.9), 1e-6);
}

// ---- options, sampling, cancel ---------------------------------------------------------------

TEST(Positional, EligiblePairsFollowDistanceKeyAndWindowOptions) {
  const auto model = loadTiny("llama");
  const auto ids = referenceIds("llama");  // 40 tokens
  PositionalOptions options;
  options.maxPairsPerHead = 0;
  EXPECT_EQ(computePositional(*model, {ids}, options).pairsAnalysed, 780);  // 40 * 39 / 2
  options.maxDistance = 5;                                                  // sum_q min(q, 5)
  EXPECT_EQ(computePositional(*model, {ids}, options).pairsAnalysed, 185);
  options.maxDistance.reset();
  options.skipLeadingKeys = 1;  // keys 1..q-1
  EXPECT_EQ(computePositional(*model, {ids}, options).pairsAnalysed, 741);

  // Mistral with a window of 8: distances 1..7 only.
  test::ScratchDir dir;
  auto config = nlohmann::json::parse(test::readBytes(test::tinyModel("mistral") / "config.json"));
  config["sliding_window"] = 8;
  test::writeBytes(dir / "config.json", config.dump());
  std::filesystem::copy_file(test::tinyModel("mistral") / "model.safetensors", dir / "model.safetensors");
  const auto windowed = Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(dir.path())));
  PositionalOptions all;
  all.maxPairsPerHead = 0;
  const auto w = computePositional(*windowed, {std::vector<std::int64_t>(20, 7)}, all);
  EXPECT_EQ(w.pairsAnalysed, 1 + 2 + 3 + 4 + 5 + 6 + 7 * 13);
  EXPECT_EQ(w.distanceBinEdges.back(), 8);
}

TEST(Positional, SamplingIsSeededAndBoundedAndLayersPerForwardChangesNothing) {
  const auto model = loadTiny("qwen2");
  const auto ids = referenceIds("qwen2");
  const std::vector<std::int64_t> shorter(ids.begin(), ids.begin() + 20);  // 190 pairs; 780 + 190 = 970
  PositionalOptions options;
  options.maxPairsPerHead = 100;
  const auto a = computePositional(*model, {ids, shorter}, options);
  EXPECT_EQ(a.pairsEligible, 970);
  // Shares 100 * 780 / 970 = 80.41 and 19.59: 80 + 19, the remaining pair to the larger fraction.
  EXPECT_EQ(a.pairsAnalysed, 100);
  const auto again = computePositional(*model, {ids, shorter}, options);
  EXPECT_EQ(a.rho.values, again.rho.values);
  EXPECT_EQ(a.meanContribution.values, again.meanContribution.values);
  options.seed = 12345;
  const auto other = computePositional(*model, {ids, shorter}, options);
  EXPECT_NE(a.meanContribution.values, other.meanContribution.values);

  options.maxPairsPerHead = 1;  // shares 0.80 and 0.20: the one pair goes to the first sequence
  EXPECT_EQ(computePositional(*model, {ids, shorter}, options).pairsAnalysed, 1);

  // A budget above the eligible count analyses every pair, as maxPairsPerHead = 0 does.
  options.maxPairsPerHead = 5000;
  const auto all = computePositional(*model, {ids, shorter}, options);
  options.maxPairsPerHead = 0;
  options.layersPerForward = 1;
  const auto perLayer = computePositional(*model, {ids, shorter}, options);
  EXPECT_EQ(all.pairsAnalysed, 970);
  EXPECT_EQ(all.rho.values, perLayer.rho.values);
  EXPECT_EQ(all.dominantHist.values, perLayer.dominantHist.values);
}

TEST(Positional, CancelKeepsTheCompletedSequencesOnly) {
  const auto model = loadTiny("llama");
  const auto ids = referenceIds("llama");
  const std::vector<std::int64_t> other(ids.rbegin(), ids.rend());
  PositionalOptions options;
  options.maxPairsPerHead = 0;
  const auto first = computePositional(*model, {ids}, options);

  CancelToken cancel;
  RunControl control;
  control.cancel = &cancel;
  std::vector<std::int64_t> reported;
  control.progress = [&](std::int64_t done, std::int64_t total, std::string_view) {
    EXPECT_EQ(total, 6);  // 3 sequences x 2 layers
    reported.push_back(done);
    if (done == 3) cancel.cancel();  // after layer 0 of the second sequence
  };
  const auto partial = computePositional(*model, {ids, other, ids}, options, control);
  EXPECT_EQ(reported, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(partial.sequencesDone, 1);
  EXPECT_EQ(partial.sequencesAsked, 3);
  EXPECT_FALSE(partial.complete());
  EXPECT_EQ(partial.pairsAnalysed, 780);
  EXPECT_EQ(partial.rho.values, first.rho.values);
  EXPECT_EQ(partial.meanContribution.values, first.meanContribution.values);
}

TEST(Positional, RankingIsByAbsoluteRhoAndArraysAreNamed) {
  const auto model = loadTiny("gemma");
  const auto r = computePositional(*model, {referenceIds("gemma")});
  ASSERT_EQ(r.ranking.size(), 8u);
  for (size_t i = 1; i < r.ranking.size(); ++i)
    EXPECT_GE(std::fabs(r.rho.at({r.ranking[i - 1].first, r.ranking[i - 1].second})),
              std::fabs(r.rho.at({r.ranking[i].first, r.ranking[i].second})));
  const auto top = r.topHeads(3);
  EXPECT_EQ(top, (std::vector<std::pair<int, int>>(r.ranking.begin(), r.ranking.begin() + 3)));

  std::map<std::string, NdArray> arrays;
  addPositionalArrays(r, arrays);
  EXPECT_EQ(arrays.at("/positional/rho").axes, (std::vector<std::string>{"layer", "head"}));
  EXPECT_EQ(arrays.at("/positional/dominant_hist").shape, (std::vector<std::int64_t>{2, 4, 16}));
  EXPECT_EQ(arrays.at("/positional/dominant_hist").axes, (std::vector<std::string>{"layer", "head", "pair"}));
  EXPECT_EQ(arrays.at("/positional/mean_contribution").shape, (std::vector<std::int64_t>{2, 4, 16}));
  EXPECT_EQ(arrays.at("/positional/mean_dominant_by_distance").axes,
            (std::vector<std::string>{"layer", "head", "distance_bin"}));
  const auto& ranking = arrays.at("/positional/ranking");
  EXPECT_EQ(ranking.shape, (std::vector<std::int64_t>{8, 2}));
  EXPECT_EQ(ranking.at({0, 0}), static_cast<float>(r.ranking[0].first));
  EXPECT_EQ(ranking.at({0, 1}), static_cast<float>(r.ranking[0].second));
  EXPECT_EQ(arrays.at("/positional/counts").values, (std::vector<float>{780, 780, 1, 1}));
  EXPECT_EQ(arrays.at("/positional/distance_bin_edges").values.front(), 1.0f);
  EXPECT_EQ(arrays.at("/positional/distance_bin_edges").values.back(), 40.0f);
}

TEST(Positional, BadOptionsAreErrors) {
  const auto model = loadTiny("llama");
  const std::vector<std::vector<std::int64_t>> seqs{{1, 2, 3}};
  const auto bad = [&](const std::function<void(PositionalOptions&)>& set, const std::string& fragment) {
    PositionalOptions o;
    set(o);
    return test::throwsError([&] { computePositional(*model, seqs, o); }, ErrorCode::InvalidArgument,
                             {"positional heads", fragment});
  };
  EXPECT_TRUE(bad([](auto& o) { o.minDistance = -1; }, "minDistance must be >= 0"));
  EXPECT_TRUE(bad(
      [](auto& o) {
        o.minDistance = 3;
        o.maxDistance = 2;
      },
      "maxDistance (2) is below minDistance (3)"));
  EXPECT_TRUE(bad([](auto& o) { o.skipLeadingKeys = -2; }, "skipLeadingKeys"));
  EXPECT_TRUE(bad([](auto& o) { o.maxPairsPerHead = -1; }, "maxPairsPerHead"));
  EXPECT_TRUE(bad([](auto& o) { o.distanceBins = 0; }, "distanceBins"));
  EXPECT_TRUE(bad([](auto& o) { o.layersPerForward = -1; }, "layersPerForward"));
  EXPECT_TRUE(bad([](auto& o) { o.minDistance = 3; }, "no (query, key) pair"));
  EXPECT_TRUE(
      test::throwsError([&] { computePositional(*model, {}, {}); }, ErrorCode::InvalidArgument, {"no sequences"}));
  EXPECT_TRUE(test::throwsError(
      [&] {
        computePositional(*model, {{1, 999}}, {});
      },
      ErrorCode::InvalidArgument, {"token id 999"}));
}

TEST(Positional, RandomHeadsAreDistinctSeededAndAvoidTheExcluded) {
  const std::set<std::pair<int, int>> top{{0, 1}, {2, 3}, {1, 0}};
  const auto a = randomHeads(3, 4, 5, 7, top);
  ASSERT_EQ(a.size(), 5u);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  const std::set<std::pair<int, int>> distinct(a.begin(), a.end());
  EXPECT_EQ(distinct.size(), 5u);
  for (const auto& lh : a) {
    EXPECT_FALSE(top.count(lh));
    EXPECT_TRUE(lh.first >= 0 && lh.first < 3 && lh.second >= 0 && lh.second < 4);
  }
  EXPECT_EQ(a, randomHeads(3, 4, 5, 7, top));
  EXPECT_NE(a, randomHeads(3, 4, 5, 8, top));
  const auto rest = randomHeads(3, 4, 9, 1, top);  // everything not excluded
  EXPECT_EQ(rest.size(), 9u);
  EXPECT_TRUE(randomHeads(3, 4, 0, 1, top).empty());
  EXPECT_TRUE(test::throwsError([&] { randomHeads(3, 4, 10, 1, top); }, ErrorCode::InvalidArgument,
                                {"cannot draw 10 heads from the 9"}));
  EXPECT_TRUE(test::throwsError([&] { randomHeads(0, 4, 1, 1); }, ErrorCode::InvalidArgument, {"positive"}));
  EXPECT_TRUE(test::throwsError([&] { randomHeads(3, 4, -1, 1); }, ErrorCode::InvalidArgument, {"cannot draw -1"}));
}

}  // namespace
}  // namespace ropescope::engine
