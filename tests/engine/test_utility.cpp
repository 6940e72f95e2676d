// Utility scores (Eq. 4) on constructed heads whose used dimensions are known, against a plain
// reference attention written here.
#include <gtest/gtest.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <set>

#include "engine/analysis/utility.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

// Frequency dim of storage dim s for head_dim D, written out by hand (pair i = storage i and i + D/2).
int frequencyOf(int s, int D) { return s < D / 2 ? 2 * s : 2 * (s - D / 2) + 1; }

std::vector<std::int64_t> lastPositions(std::int64_t T, std::int64_t P) {
  std::vector<std::int64_t> p;
  for (std::int64_t i = T - P; i < T; ++i) p.push_back(i);
  return p;
}

// Storage-order u back from the frequency-order result.
at::Tensor storageOrder(const at::Tensor& uFrequency) {
  const auto D = static_cast<int>(uFrequency.size(1));
  auto u = at::empty_like(uFrequency);
  for (int s = 0; s < D; ++s) u.select(1, s).copy_(uFrequency.select(1, frequencyOf(s, D)));
  return u;
}

// Mean over positions of the squared error of head h, one position at a time (no batching, no masks).
double referenceReconstruction(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                               const std::vector<std::int64_t>& positions, const at::Tensor& uStorage, int h,
                               int window = 0) {
  const auto group = q.size(0) / k.size(0);
  const auto D = q.size(2);
  const auto attend = [&](const at::Tensor& query, std::int64_t p) {
    const std::int64_t first = window > 0 ? std::max<std::int64_t>(0, p - window + 1) : 0;
    const auto keys = k[h / group].narrow(0, first, p + 1 - first).to(at::kDouble);
    const auto values = v[h / group].narrow(0, first, p + 1 - first).to(at::kDouble);
    const auto w = at::softmax(at::mv(keys, query.to(at::kDouble)) / std::sqrt(static_cast<double>(D)), 0);
    return at::mv(values.t(), w);
  };
  double sum = 0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto query = q[h][static_cast<std::int64_t>(i)];
    const auto p = positions[i];
    sum += (attend(query, p) - attend(query * uStorage[h], p)).square().sum().item<double>();
  }
  return sum / static_cast<double>(positions.size());
}

TEST(Utility, FindsTheDimensionsThatMatterInFrequencyOrder) {
  at::manual_seed(1);
  const int D = 16;
  const std::int64_t T = 48, P = 12;
  const std::set<int> used = {1, 5, 9, 14};  // storage dims: frequency dims 2, 10, 3, 13
  auto keep = at::zeros({D});
  for (int s : used) keep[s] = 1.0;
  // Large q.k in the used dims makes attention depend on them strongly; keys are zero elsewhere,
  // so the query's other dims cannot change any score.
  const auto q = at::randn({2, P, D}) * 2.0;
  const auto k = at::randn({1, T, D}) * 2.0 * keep;
  const auto v = at::randn({1, T, D}) * 3.0;
  const auto r = optimiseLayerUtility(q, k, v, lastPositions(T, P));
  ASSERT_EQ(r.u.sizes(), (at::IntArrayRef{2, D}));
  std::set<int> usedFrequency;
  for (int s : used) usedFrequency.insert(frequencyOf(s, D));
  EXPECT_EQ(usedFrequency, (std::set<int>{2, 3, 10, 13}));
  for (int h = 0; h < 2; ++h)
    for (int f = 0; f < D; ++f) {
      const float u = r.u[h][f].item<float>();
      if (usedFrequency.count(f))
        EXPECT_GT(u, 0.9f) << "head " << h << " frequency dim " << f;
      else
        EXPECT_LT(u, 0.1f) << "head " << h << " frequency dim " << f;
    }
  EXPECT_TRUE(r.converged.all().item<bool>()) << r.headSteps;
  EXPECT_LT(r.steps, UtilityOptions{}.steps);
}

TEST(Utility, StaysInTheBoxAndLowersTheLossFromAlphaTimesD) {
  at::manual_seed(2);
  const int D = 24;
  const std::int64_t T = 40, P = 10;
  const auto q = at::randn({3, P, D});
  const auto k = at::randn({3, T, D});
  const auto v = at::randn({3, T, D});
  const auto positions = lastPositions(T, P);
  for (double alpha : {-1.0, 0.2}) {
    UtilityOptions o;
    o.alpha = alpha;
    const double a = alpha < 0 ? 1.0 / D : alpha;
    const auto r = optimiseLayerUtility(q, k, v, positions, o);
    EXPECT_GE(r.u.min().item<float>(), 0.0f);
    EXPECT_LE(r.u.max().item<float>(), 1.0f);
    const auto uStorage = storageOrder(r.u);
    for (int h = 0; h < 3; ++h) {
      EXPECT_FLOAT_EQ(r.initialLoss[h].item<float>(), static_cast<float>(a * D));
      EXPECT_LE(r.finalLoss[h].item<float>(), r.initialLoss[h].item<float>());
      EXPECT_NEAR(r.finalLoss[h].item<double>(), r.reconstruction[h].item<double>() + a * r.u[h].sum().item<double>(),
                  1e-5);
      EXPECT_NEAR(r.reconstruction[h].item<double>(), referenceReconstruction(q, k, v, positions, uStorage, h),
                  1e-5 + 1e-4 * r.reconstruction[h].item<double>());
    }
  }
}

TEST(Utility, ZeroStepsKeepsUAtOne) {
  at::manual_seed(3);
  UtilityOptions o;
  o.steps = 0;
  const auto r = optimiseLayerUtility(at::randn({2, 3, 8}), at::randn({2, 5, 8}), at::randn({2, 5, 8}), {2, 3, 4}, o);
  EXPECT_TRUE(r.u.eq(1.0).all().item<bool>());
  EXPECT_EQ(r.steps, 0);
  EXPECT_EQ(r.reconstruction.abs().max().item<float>(), 0.0f);
  EXPECT_FLOAT_EQ(r.finalLoss[0].item<float>(), 1.0f);
}

TEST(Utility, GroupedQueryHeadsMatchEachHeadAlone) {
  at::manual_seed(4);
  const int D = 16;
  const std::int64_t T = 30, P = 6;
  const auto q = at::randn({4, P, D});
  const auto k = at::randn({2, T, D}) * 1.5;
  const auto v = at::randn({2, T, D});
  const auto positions = lastPositions(T, P);
  const auto all = optimiseLayerUtility(q, k, v, positions);
  for (int h = 0; h < 4; ++h) {
    SCOPED_TRACE(h);
    const auto alone = optimiseLayerUtility(q.narrow(0, h, 1), k.narrow(0, h / 2, 1), v.narrow(0, h / 2, 1), positions);
    EXPECT_EQ(alone.headSteps[0].item<std::int64_t>(), all.headSteps[h].item<std::int64_t>());
    EXPECT_LT((alone.u[0] - all.u[h]).abs().max().item<float>(), 1e-4f);
    EXPECT_NEAR(alone.finalLoss[0].item<float>(), all.finalLoss[h].item<float>(), 1e-5);
  }
  // Query heads 0, 1 read kv head 0 and 2, 3 kv head 1: the other pairing gives other scores.
  const auto swapped = optimiseLayerUtility(q.narrow(0, 1, 1), k.narrow(0, 1, 1), v.narrow(0, 1, 1), positions);
  EXPECT_GT((swapped.u[0] - all.u[1]).abs().max().item<float>(), 1e-2f);
}

TEST(Utility, ChunkedPositionsGiveTheSameResult) {
  at::manual_seed(5);
  const auto q = at::randn({4, 9, 8});
  const auto k = at::randn({2, 20, 8});
  const auto v = at::randn({2, 20, 8});
  const std::vector<std::int64_t> positions = {3, 5, 8, 11, 12, 13, 15, 17, 19};
  UtilityOptions small;
  small.maxScoreElements = 4 * 20 * 2;  // two positions per chunk
  const auto whole = optimiseLayerUtility(q, k, v, positions);
  const auto chunked = optimiseLayerUtility(q, k, v, positions, small);
  EXPECT_TRUE(at::equal(whole.headSteps, chunked.headSteps));
  EXPECT_LT((whole.u - chunked.u).abs().max().item<float>(), 1e-4f);
}

// Keys 0 .. T-2 are zero, so the query cannot change attention over them; only the last key
// has weight in storage dim 0. A query that sees the last key needs dim 0 (frequency dim 0).
TEST(Utility, QueriesDoNotSeeFutureOrOutOfWindowKeys) {
  at::manual_seed(6);
  const int D = 8;
  const std::int64_t T = 6;
  auto k = at::zeros({1, T, D});
  k[0][T - 1][0] = 4.0;
  const auto v = at::randn({1, T, D}) * 3.0;
  const auto q = at::full({1, 1, D}, 1.0);
  const auto past = optimiseLayerUtility(q, k, v, {T - 2});
  EXPECT_LT(past.u.max().item<float>(), 0.1f) << past.u;
  const auto present = optimiseLayerUtility(q, k, v, {T - 1});
  EXPECT_GT(present.u[0][0].item<float>(), 0.9f) << present.u;
  EXPECT_LT(present.u.narrow(1, 1, D - 1).max().item<float>(), 0.1f) << present.u;

  // Now the weighted key is key 0; a window of 3 hides it from the query at position 3.
  k = k.flip(1);
  EXPECT_LT(optimiseLayerUtility(q, k, v, {3}, {}, 3).u.max().item<float>(), 0.1f);
  EXPECT_GT(optimiseLayerUtility(q, k, v, {3}, {}, 4).u[0][0].item<float>(), 0.9f);
  EXPECT_GT(optimiseLayerUtility(q, k, v, {3}).u[0][0].item<float>(), 0.9f);
  const auto w = optimiseLayerUtility(q, k, v, {3}, {}, 4);
  EXPECT_NEAR(w.reconstruction[0].item<double>(), referenceReconstruction(q, k, v, {3}, storageOrder(w.u), 0, 4), 1e-6);
}

TEST(Utility, TakesHalfPrecisionAndInferenceTensorsAndAScale) {
  at::manual_seed(7);
  at::Tensor q, k, v;
  {
    c10::InferenceMode inference;
    q = at::randn({2, 4, 8}).to(at::kBFloat16);
    k = at::randn({2, 10, 8});
    v = at::randn({2, 10, 8});
    const auto r = optimiseLayerUtility(q, k, v, {6, 7, 8, 9});
    EXPECT_EQ(r.u.scalar_type(), at::kFloat);
    EXPECT_LE(r.finalLoss.max().item<float>(), 1.0f);
  }
  // The scale multiplies the scores: scale s on q equals scale 1/sqrt(D) on q * s * sqrt(D).
  UtilityOptions o;
  o.tolerance = 0;
  o.steps = 30;
  const auto a = optimiseLayerUtility(q, k, v, {6, 7, 8, 9}, o, 0, 0.1);
  const auto b = optimiseLayerUtility(q.to(at::kFloat) * 0.1 * std::sqrt(8.0), k, v, {6, 7, 8, 9}, o);
  EXPECT_LT((a.reconstruction - b.reconstruction).abs().max().item<float>(), 1e-4f);
}

TEST(Utility, CancelStops) {
  CancelToken cancel;
  cancel.cancel();
  UtilityOptions o;
  o.cancel = &cancel;
  EXPECT_TRUE(test::throwsError(
      [&] {
        optimiseLayerUtility(at::randn({1, 1, 4}), at::randn({1, 2, 4}), at::randn({1, 2, 4}), {1}, o);
      },
      ErrorCode::Cancelled, {"cancelled"}));
}

TEST(Utility, BadShapesAndOptionsAreNamed) {
  const auto q = at::randn({4, 3, 8});
  const auto k = at::randn({2, 10, 8});
  const auto v = at::randn({2, 10, 8});
  const std::vector<std::int64_t> p = {7, 8, 9};
  const auto expect = [&](const std::function<void()>& fn, std::vector<std::string> fragments) {
    EXPECT_TRUE(test::throwsError(fn, ErrorCode::InvalidArgument, fragments));
  };
  expect([&] { optimiseLayerUtility(q[0], k, v, p); }, {"queries", "3 dims", "[3, 8]"});
  expect([&] { optimiseLayerUtility(q, k.narrow(2, 0, 6), v, p); }, {"head_dim", "8"});
  expect([&] { optimiseLayerUtility(q.narrow(2, 0, 7), k.narrow(2, 0, 7), v.narrow(2, 0, 7), p); },
         {"queries", "even", "7"});
  expect([&] { optimiseLayerUtility(q, k, v.narrow(1, 0, 9), p); }, {"keys/values", "[2, 9, 8]"});
  expect([&] { optimiseLayerUtility(q.narrow(0, 0, 3), k, v, p); }, {"kv_heads", "3 query heads", "2 kv heads"});
  expect([&] { optimiseLayerUtility(q, k, v, {8, 9}); }, {"queryPositions", "2 positions for 3 queries"});
  expect([&] { optimiseLayerUtility(q, k, v, {8, 9, 10}); }, {"queryPositions", "10", "10 keys"});
  expect([&] { optimiseLayerUtility(q, k, v, {-1, 8, 9}); }, {"queryPositions", "-1"});
  expect([&] { optimiseLayerUtility(q.to(at::kLong), k, v, p); }, {"queries", "floating"});
  expect([&] { optimiseLayerUtility(q, k, v, p, {}, -2); }, {"slidingWindow", "-2"});
  expect([&] { optimiseLayerUtility(q, k, v, p, {}, 0, NAN); }, {"scale"});
  UtilityOptions o;
  o.steps = -1;
  expect([&] { optimiseLayerUtility(q, k, v, p, o); }, {"steps", "-1"});
  o = {};
  o.learningRate = 0;
  expect([&] { optimiseLayerUtility(q, k, v, p, o); }, {"learningRate"});
  o = {};
  o.alpha = -0.5;
  expect([&] { optimiseLayerUtility(q, k, v, p, o); }, {"alpha"});
  o = {};
  o.window = 0;
  expect([&] { optimiseLayerUtility(q, k, v, p, o); }, {"window"});
}

TEST(Utility, AccumulatorAveragesOverSamples) {
  UtilityAccumulator acc(3, 2, 4);
  LayerUtility a, b;
  a.u = at::tensor({0.0f, 0.5f, 1.0f, 1.0f, 0.2f, 0.2f, 0.2f, 0.2f}).view({2, 4});
  b.u = at::tensor({1.0f, 0.5f, 0.0f, 1.0f, 0.4f, 0.4f, 0.4f, 0.4f}).view({2, 4});
  for (auto* r : {&a, &b}) {
    r->reconstruction = at::tensor({0.1f, 0.3f});
    r->finalLoss = at::tensor({1.0f, 2.0f});
    r->headSteps = at::tensor(std::vector<std::int64_t>{10, 20});
    r->converged = at::tensor({1.0f, 0.0f}).gt(0.5);
  }
  b.headSteps = at::tensor(std::vector<std::int64_t>{30, 20});
  acc.add(1, a);
  acc.add(1, b);
  const auto s = acc.summary();
  EXPECT_EQ(s.u.shape, (std::vector<std::int64_t>{3, 2, 4}));
  EXPECT_EQ(s.samples, (std::vector<std::int64_t>{0, 2, 0}));
  EXPECT_FLOAT_EQ(s.u.at({1, 0, 0}), 0.5f);
  EXPECT_FLOAT_EQ(s.u.at({1, 0, 2}), 0.5f);
  EXPECT_FLOAT_EQ(s.u.at({1, 0, 3}), 1.0f);
  EXPECT_FLOAT_EQ(s.u.at({1, 1, 1}), 0.3f);
  EXPECT_FLOAT_EQ(s.steps.at({1, 0}), 20.0f);
  EXPECT_FLOAT_EQ(s.converged.at({1, 0}), 1.0f);
  EXPECT_FLOAT_EQ(s.converged.at({1, 1}), 0.0f);
  EXPECT_FLOAT_EQ(s.reconstruction.at({1, 1}), 0.3f);
  EXPECT_TRUE(std::isnan(s.u.at({0, 0, 0})));
  EXPECT_TRUE(std::isnan(s.finalLoss.at({2, 1})));
  EXPECT_TRUE(test::throwsError([&] { acc.add(3, a); }, ErrorCode::InvalidArgument, {"layer 3"}));
  b.u = at::zeros({2, 5});
  EXPECT_TRUE(test::throwsError([&] { acc.add(0, b); }, ErrorCode::InvalidArgument, {"[2, 4]", "[2, 5]"}));
}

}  // namespace
}  // namespace ropescope::engine
