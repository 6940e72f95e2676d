// A small synthetic results file with every group the GUI shows, each value a known function of
// its indices, for the widget and app tests. Any thread.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/results/results_file.h"

namespace ropescope::test {

inline constexpr int kLayers = 3;
inline constexpr int kHeads = 4;
inline constexpr int kKvHeads = 2;
inline constexpr int kHeadDim = 8;
inline constexpr int kPairs = kHeadDim / 2;
inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// q_row_l1 / k_row_l1, utility u and the band norms.
inline float qNorm(int l, int h, int d) { return 100.0f * l + 10.0f * h + d; }
inline float kNorm(int l, int h, int d) { return 1000.0f + 100.0f * l + 10.0f * h + d; }
inline float utilityU(int l, int h, int d) { return static_cast<float>(l * 32 + h * 8 + d) / 96.0f; }
inline float qBand(int l, int h, int p) { return 1.0f + l + 0.5f * h + 0.25f * p; }
inline float kBand(int l, int h, int p) { return 2.0f + l + 0.5f * h + 0.125f * p; }
// Per-head scores.
inline float retrievalScore(int l, int h) { return static_cast<float>(l * kHeads + h) / 12.0f; }
inline float utilityFirst(int l, int h) { return 0.9f - 0.05f * static_cast<float>(l * kHeads + h); }
inline float utilityLast(int l, int h) { return 0.2f + 0.03f * static_cast<float>(l * kHeads + h); }
inline float positionalRho(int l, int h) {
  return l == 2 && h == 3 ? kNaN : -1.0f + 0.15f * static_cast<float>(l * kHeads + h);
}

inline engine::NdArray array(std::vector<std::int64_t> shape, std::vector<std::string> axes) {
  return engine::NdArray::zeros(std::move(shape), std::move(axes));
}

inline engine::ResultsFile fullResults() {
  engine::ResultsFile r;
  r.info.model = "/models/tiny";
  r.info.data = "tiny_qa.jsonl";

  engine::WeightNorms w;
  w.model = {"/models/tiny", "LlamaForCausalLM", "{}", kLayers, kHeads, kKvHeads, kHeadDim, 64, 10000.0, true, ""};
  w.qRowL1 = array({kLayers, kHeads, kHeadDim}, {"layer", "head", "dim"});
  w.kRowL1 = array({kLayers, kKvHeads, kHeadDim}, {"layer", "kv_head", "dim"});
  w.layersDone = kLayers;
  auto u = array({kLayers, kHeads, kHeadDim}, {"layer", "head", "dim"});
  auto qb = array({kLayers, kHeads, kPairs}, {"layer", "head", "pair"});
  auto kb = array({kLayers, kKvHeads, kPairs}, {"layer", "kv_head", "pair"});
  for (int l = 0; l < kLayers; ++l) {
    for (int h = 0; h < kHeads; ++h) {
      for (int d = 0; d < kHeadDim; ++d) {
        w.qRowL1.at({l, h, d}) = qNorm(l, h, d);
        u.at({l, h, d}) = utilityU(l, h, d);
        if (h < kKvHeads) w.kRowL1.at({l, h, d}) = kNorm(l, h, d);
      }
      for (int p = 0; p < kPairs; ++p) {
        qb.at({l, h, p}) = qBand(l, h, p);
        if (h < kKvHeads) kb.at({l, h, p}) = kBand(l, h, p);
      }
    }
  }
  r.weights = w;
  r.arrays["/utility/u"] = u;
  r.arrays["/bands/q_norm"] = qb;
  r.arrays["/bands/k_norm"] = kb;
  r.groupAttributes["/bands"]["tokens"] = "1234";

  auto score = array({kLayers, kHeads}, {"layer", "head"});
  auto first = score, last = score, rho = score;
  for (int l = 0; l < kLayers; ++l) {
    for (int h = 0; h < kHeads; ++h) {
      score.at({l, h}) = retrievalScore(l, h);
      first.at({l, h}) = utilityFirst(l, h);
      last.at({l, h}) = utilityLast(l, h);
      rho.at({l, h}) = positionalRho(l, h);
    }
  }
  r.arrays["/retrieval/score"] = score;
  r.arrays["/retrieval/utility_first"] = first;
  r.arrays["/retrieval/utility_last"] = last;
  // Deliberately not the least-squares values of the points: the view must draw the file's.
  r.groupAttributes["/retrieval"] = {{"pearson_first", "-0.5"},
                                     {"pearson_last", "0.75"},
                                     {"fit_first", "-0.25 0.8"},
                                     {"fit_last", "0.125 0.3"},
                                     {"utility_first_dims", "1"}};
  r.arrays["/positional/rho"] = rho;
  // Head (l, h) is dominated by pair (l + h) % kPairs for 70 % of its pairs; its mean dominant
  // pair at distance bin b is l + 0.5 h + 0.25 b (bin 1 empty for L0H0).
  auto hist = array({kLayers, kHeads, kPairs}, {"layer", "head", "pair"});
  auto byDistance = array({kLayers, kHeads, 3}, {"layer", "head", "distance_bin"});
  for (int l = 0; l < kLayers; ++l)
    for (int h = 0; h < kHeads; ++h) {
      for (int p = 0; p < kPairs; ++p) hist.at({l, h, p}) = p == (l + h) % kPairs ? 0.7f : 0.1f;
      for (int b = 0; b < 3; ++b)
        byDistance.at({l, h, b}) = l == 0 && h == 0 && b == 1 ? kNaN : l + 0.5f * h + 0.25f * b;
    }
  auto edges = array({4}, {"edge"});
  edges.values = {1.0f, 4.0f, 16.0f, 64.0f};
  r.arrays["/positional/dominant_hist"] = hist;
  r.arrays["/positional/mean_dominant_by_distance"] = byDistance;
  r.arrays["/positional/distance_bin_edges"] = edges;

  const std::vector<float> turns{100.0f, 5.0f, 0.5f, 0.01f};
  auto t = array({kPairs}, {"pair"});
  auto wraps = t, theta = t, wavelength = t;
  t.values = turns;
  for (int p = 0; p < kPairs; ++p) {
    wraps.values[static_cast<std::size_t>(p)] = turns[static_cast<std::size_t>(p)] > 1.0f ? 1.0f : 0.0f;
    theta.values[static_cast<std::size_t>(p)] = turns[static_cast<std::size_t>(p)] * 2.0f * 3.14159265f / 99.0f;
    wavelength.values[static_cast<std::size_t>(p)] = 99.0f / turns[static_cast<std::size_t>(p)];
  }
  r.arrays["/angles/turns"] = t;
  r.arrays["/angles/wraps"] = wraps;
  r.arrays["/angles/theta"] = theta;
  r.arrays["/angles/wavelength"] = wavelength;
  r.groupAttributes["/angles"]["context"] = "100";

  auto positions = array({3}, {"gold_position"});
  positions.values = {0.0f, 9.0f, 19.0f};
  r.arrays["/units/gold_positions"] = positions;
  auto none = positions, masked = positions;
  none.values = {0.8f, 0.5f, 0.7f};
  masked.values = {0.6f, kNaN, 0.4f};
  r.arrays["/qa/none/accuracy"] = none;
  r.arrays["/qa/dims=first4/accuracy"] = masked;
  return r;
}

}  // namespace ropescope::test
