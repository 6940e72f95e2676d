// The RoPE toy experiment on tiny sizes: shapes, training, determinism, cancel, bad options, and
// the removal curves against the attention and loss computed by hand in double precision.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/analysis/toy_experiment.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

ToyOptions tinyOptions(bool rope) {
  ToyOptions o;
  o.pairs = 48;
  o.dims = 8;
  o.subset = 6;
  o.maxPosition = 40;
  o.rope = rope;
  o.epochs = 4;
  o.samplesPerEpoch = 256;
  o.batchSize = 32;
  o.learningRate = 3e-2;
  o.evalSamples = 50;
  o.seed = 7;
  return o;
}

// Eq. 3 for one held-out sample with the dims in [dropBegin, dropEnd) left out of q . k, from the
// learned tuples: RoPE with theta_i = base^(-2i/D) on pair (2i, 2i+1), softmax(q . k / sqrt(D)),
// a = sum p_s v_s, loss = logsumexp_j(a . v_j) - a . v_target.
double handLoss(const ToyResult& r, std::int64_t sample, int dropBegin, int dropEnd) {
  const auto& o = r.options;
  const int d = o.dims;
  const auto& e = r.evalSet;
  const auto row = [&](const NdArray& a, std::int64_t item) {
    return std::vector<double>(a.values.begin() + item * d, a.values.begin() + (item + 1) * d);
  };
  const auto rotated = [&](std::vector<double> x, std::int64_t pos) {
    if (!o.rope) return x;
    for (int i = 0; i < d / 2; ++i) {
      const double angle = static_cast<double>(pos) * std::pow(o.ropeBase, -2.0 * i / d);
      const double x0 = x[2 * i], x1 = x[2 * i + 1];
      x[2 * i] = x0 * std::cos(angle) - x1 * std::sin(angle);
      x[2 * i + 1] = x0 * std::sin(angle) + x1 * std::cos(angle);
    }
    return x;
  };
  const auto slot = e.target[sample];
  const auto targetItem = e.keys[sample * e.subset + slot];
  const auto q = rotated(row(r.q, targetItem), e.queryPosition);
  std::vector<double> scores;
  for (std::int64_t s = 0; s < e.subset; ++s) {
    const auto k = rotated(row(r.k, e.keys[sample * e.subset + s]), e.positions[sample * e.subset + s]);
    double dot = 0;
    for (int i = 0; i < d; ++i)
      if (i < dropBegin || i >= dropEnd) dot += q[i] * k[i];
    scores.push_back(dot / std::sqrt(static_cast<double>(d)));
  }
  const double top = *std::max_element(scores.begin(), scores.end());
  double z = 0;
  for (auto& s : scores) z += (s = std::exp(s - top));
  std::vector<double> a(d, 0.0);
  for (std::int64_t s = 0; s < e.subset; ++s) {
    const auto v = row(r.v, e.keys[sample * e.subset + s]);
    for (int i = 0; i < d; ++i) a[i] += scores[s] / z * v[i];
  }
  std::vector<double> logits;
  for (int j = 0; j < o.pairs; ++j) {
    const auto v = row(r.v, j);
    double dot = 0;
    for (int i = 0; i < d; ++i) dot += a[i] * v[i];
    logits.push_back(dot);
  }
  const double m = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (auto l : logits) sum += std::exp(l - m);
  return m + std::log(sum) - logits[targetItem];
}

double meanHandLoss(const ToyResult& r, int dropBegin, int dropEnd) {
  double sum = 0;
  for (std::int64_t s = 0; s < r.evalSet.count; ++s) sum += handLoss(r, s, dropBegin, dropEnd);
  return sum / static_cast<double>(r.evalSet.count);
}

TEST(ToyExperiment, ShapesAndAxes) {
  const auto o = tinyOptions(true);
  const auto r = runToyExperiment(o);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.epochsDone, 4);
  EXPECT_EQ(r.trainLoss.shape, (std::vector<std::int64_t>{4}));
  EXPECT_EQ(r.trainLoss.axes, (std::vector<std::string>{"epoch"}));
  EXPECT_EQ(r.evalLoss.shape, (std::vector<std::int64_t>{4}));
  for (const auto* a : {&r.qAbsMean, &r.kAbsMean}) {
    EXPECT_EQ(a->shape, (std::vector<std::int64_t>{8}));
    EXPECT_EQ(a->axes, (std::vector<std::string>{"dim"}));
  }
  for (const auto* a : {&r.lossRemoveFirst, &r.lossRemoveLast}) {
    EXPECT_EQ(a->shape, (std::vector<std::int64_t>{9}));
    EXPECT_EQ(a->axes, (std::vector<std::string>{"removed"}));
  }
  for (const auto* a : {&r.q, &r.k, &r.v}) {
    EXPECT_EQ(a->shape, (std::vector<std::int64_t>{48, 8}));
    EXPECT_EQ(a->axes, (std::vector<std::string>{"item", "dim"}));
  }
  // Held-out samples: distinct keys and distinct positions before the query, a target among them.
  const auto& e = r.evalSet;
  ASSERT_EQ(e.count, 50);
  ASSERT_EQ(e.keys.size(), 300u);
  ASSERT_EQ(e.positions.size(), 300u);
  ASSERT_EQ(e.target.size(), 50u);
  EXPECT_EQ(e.queryPosition, 39);
  for (std::int64_t s = 0; s < e.count; ++s) {
    std::vector<std::int64_t> keys(e.keys.begin() + s * 6, e.keys.begin() + (s + 1) * 6);
    std::vector<std::int64_t> pos(e.positions.begin() + s * 6, e.positions.begin() + (s + 1) * 6);
    std::sort(keys.begin(), keys.end());
    std::sort(pos.begin(), pos.end());
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
    EXPECT_EQ(std::adjacent_find(pos.begin(), pos.end()), pos.end());
    EXPECT_GE(keys.front(), 0);
    EXPECT_LT(keys.back(), 48);
    EXPECT_GE(pos.front(), 0);
    EXPECT_LT(pos.back(), 39);
    EXPECT_GE(e.target[s], 0);
    EXPECT_LT(e.target[s], 6);
  }
  // Fig. 1a is the mean absolute value of the learned tuples.
  for (int d = 0; d < 8; ++d) {
    double sum = 0;
    for (int i = 0; i < 48; ++i) sum += std::abs(r.k.at({i, d}));
    EXPECT_NEAR(r.kAbsMean.values[d], sum / 48, 1e-5);
  }
}

TEST(ToyExperiment, TrainingLowersTheLoss) {
  for (bool rope : {true, false}) {
    const auto r = runToyExperiment(tinyOptions(rope));
    EXPECT_LT(r.trainLoss.values.back(), 0.8 * r.trainLoss.values.front()) << "rope " << rope;
    EXPECT_LT(r.evalLoss.values.back(), r.evalLoss.values.front()) << "rope " << rope;
  }
}

TEST(ToyExperiment, RemovalCurvesMatchAHandComputation) {
  for (bool rope : {true, false}) {
    const auto r = runToyExperiment(tinyOptions(rope));
    const auto& first = r.lossRemoveFirst.values;
    const auto& last = r.lossRemoveLast.values;
    // Nothing removed: the full attention; and the last epoch's held-out loss is the same number.
    EXPECT_NEAR(first[0], meanHandLoss(r, 0, 0), 1e-4) << "rope " << rope;
    EXPECT_NEAR(last[0], first[0], 1e-5);
    EXPECT_NEAR(r.evalLoss.values.back(), first[0], 1e-4);
    // Dims 0..2 removed (pair 0 and half of pair 1), and dims 5..7 removed.
    EXPECT_NEAR(first[3], meanHandLoss(r, 0, 3), 1e-4) << "rope " << rope;
    EXPECT_NEAR(last[3], meanHandLoss(r, 5, 8), 1e-4) << "rope " << rope;
    // Everything removed: uniform attention, a = the mean of the sample's values, either way.
    EXPECT_NEAR(first[8], meanHandLoss(r, 0, 8), 1e-4) << "rope " << rope;
    EXPECT_NEAR(last[8], first[8], 1e-6);
  }
}

TEST(ToyExperiment, AllDimsRemovedIsUniformAttention) {
  // Independent closed form, without any q or k: a = (1/S) sum_s v_s.
  const auto r = runToyExperiment(tinyOptions(true));
  const auto& e = r.evalSet;
  const int d = 8;
  double total = 0;
  for (std::int64_t s = 0; s < e.count; ++s) {
    std::vector<double> a(d, 0.0);
    for (std::int64_t slot = 0; slot < e.subset; ++slot)
      for (int i = 0; i < d; ++i) a[i] += r.v.at({e.keys[s * e.subset + slot], i}) / static_cast<double>(e.subset);
    double m = -1e300;
    std::vector<double> logits(48);
    for (int j = 0; j < 48; ++j) {
      for (int i = 0; i < d; ++i) logits[j] += a[i] * r.v.at({j, i});
      m = std::max(m, logits[j]);
    }
    double z = 0;
    for (auto l : logits) z += std::exp(l - m);
    total += m + std::log(z) - logits[e.keys[s * e.subset + e.target[s]]];
  }
  EXPECT_NEAR(r.lossRemoveFirst.values[8], total / static_cast<double>(e.count), 1e-4);
}

TEST(ToyExperiment, SameSeedSameResult) {
  const auto a = runToyExperiment(tinyOptions(true));
  const auto b = runToyExperiment(tinyOptions(true));
  EXPECT_EQ(a.trainLoss.values, b.trainLoss.values);
  EXPECT_EQ(a.q.values, b.q.values);
  EXPECT_EQ(a.lossRemoveFirst.values, b.lossRemoveFirst.values);
  EXPECT_EQ(a.evalSet.keys, b.evalSet.keys);
  auto other = tinyOptions(true);
  other.seed = 8;
  const auto c = runToyExperiment(other);
  EXPECT_NE(a.q.values, c.q.values);
  EXPECT_EQ(a.evalSet.keys, c.evalSet.keys);  // the held-out set depends on evalSeed only
}

TEST(ToyExperiment, CancelAfterOneEpochKeepsIt) {
  CancelToken cancel;
  RunControl control;
  control.cancel = &cancel;
  std::vector<std::int64_t> reported;
  control.progress = [&](std::int64_t done, std::int64_t total, std::string_view) {
    EXPECT_EQ(total, 4);
    reported.push_back(done);
    if (done == 1) cancel.cancel();
  };
  const auto r = runToyExperiment(tinyOptions(true), control);
  EXPECT_EQ(r.epochsDone, 1);
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(reported, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(r.trainLoss.shape, (std::vector<std::int64_t>{1}));
  ASSERT_EQ(r.lossRemoveFirst.values.size(), 9u);
  EXPECT_NEAR(r.lossRemoveFirst.values[0], meanHandLoss(r, 0, 0), 1e-4);
}

TEST(ToyExperiment, EveryEpochIsReportedAsTheResultWouldBeIfStoppedThere) {
  std::vector<ToyResult> seen;
  const auto r = runToyExperiment(tinyOptions(true), {}, [&](const ToyResult& soFar) { seen.push_back(soFar); });
  ASSERT_EQ(seen.size(), 4u);
  for (std::size_t e = 0; e < seen.size(); ++e) {
    EXPECT_EQ(seen[e].epochsDone, static_cast<int>(e + 1));
    EXPECT_EQ(seen[e].trainLoss.values.size(), e + 1);
    ASSERT_EQ(seen[e].lossRemoveFirst.values.size(), 9u);
  }
  // The last report is the result; an earlier one equals a run of that many epochs.
  EXPECT_EQ(seen.back().q.values, r.q.values);
  EXPECT_EQ(seen.back().lossRemoveLast.values, r.lossRemoveLast.values);
  auto two = tinyOptions(true);
  two.epochs = 2;
  const auto shorter = runToyExperiment(two);
  EXPECT_EQ(seen[1].qAbsMean.values, shorter.qAbsMean.values);
  EXPECT_EQ(seen[1].lossRemoveFirst.values, shorter.lossRemoveFirst.values);
}

TEST(ToyExperiment, PutToyRunWritesTheSchemasDatasetsAndReplacesTheGroup) {
  const auto r = runToyExperiment(tinyOptions(false));
  ResultsFile file;
  file.arrays["/toy/nope/stale"] = NdArray::zeros({1}, {"x"});
  file.arrays["/toy/rope/q_abs_mean"] = NdArray::zeros({1}, {"x"});
  putToyRun(file, "nope", r);
  EXPECT_EQ(file.arrays.count("/toy/nope/stale"), 0u);
  EXPECT_EQ(file.arrays.count("/toy/rope/q_abs_mean"), 1u);  // other runs are kept
  EXPECT_EQ(file.arrays.at("/toy/nope/q_abs_mean").values, r.qAbsMean.values);
  EXPECT_EQ(file.arrays.at("/toy/nope/loss_remove_last").values, r.lossRemoveLast.values);
  const auto options = file.groupAttributes.at("/toy/nope").at("options");
  EXPECT_NE(options.find("\"epochs_done\":4"), std::string::npos) << options;
}

TEST(ToyExperiment, BadOptionsAreRejected) {
  const auto bad = [](auto change, std::vector<std::string> fragments) {
    auto o = tinyOptions(true);
    change(o);
    return test::throwsError([&] { runToyExperiment(o); }, ErrorCode::InvalidArgument, fragments);
  };
  EXPECT_TRUE(bad([](ToyOptions& o) { o.epochs = 0; }, {"toy experiment", "epochs must be at least 1, got 0"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.subset = 49; }, {"subset (49) must not exceed pairs (48)"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.dims = 7; }, {"dims must be even", "got 7"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.maxPosition = 6; }, {"maxPosition 6 is too small"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.samplesPerEpoch = 0; }, {"samplesPerEpoch"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.batchSize = -1; }, {"batchSize"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.learningRate = 0; }, {"learningRate"}));
  EXPECT_TRUE(bad([](ToyOptions& o) { o.evalSamples = 0; }, {"evalSamples"}));
}

}  // namespace
}  // namespace ropescope::engine
