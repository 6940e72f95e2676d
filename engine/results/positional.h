// Positional heads (Hong et al. 2024): which RoPE pair dominates q.k at each token distance, per head.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/results/model_summary.h"
#include "engine/results/nd_array.h"

namespace ropescope::engine {

// What the contribution to the attention logit is split into, both in frequency order.
enum class PositionalUnit {
  Pair,  // pair i = dims 2i, 2i+1: (q_2i k_2i + q_2i+1 k_2i+1) / sqrt(D); D/2 units
  Dim,   // dim f: q_f k_f / sqrt(D); D units
};

// How one (query, key) pair's contributions c_0..c_{U-1} give its dominant index.
enum class DominantRule {
  SoftmaxIndex,  // sum_i softmax(c)_i * i, a real number (the paper's soft dominant dimension)
  ArgmaxSigned,  // argmax_i c_i (the zero-temperature limit of SoftmaxIndex)
  ArgmaxAbs,     // argmax_i |c_i|
};

struct PositionalOptions {
  PositionalUnit unit = PositionalUnit::Pair;
  DominantRule rule = DominantRule::SoftmaxIndex;
  // Causal (query, key) pairs analysed: distance = query position - key position in
  // [minDistance, maxDistance], key position >= skipLeadingKeys, and inside a sliding window.
  std::int64_t minDistance = 1;  // 1 leaves out the unrotated distance-0 pairs
  std::optional<std::int64_t> maxDistance;
  std::int64_t skipLeadingKeys = 0;  // 1 leaves out the first token (BOS, the attention sink)
  // At most this many pairs over all sequences, drawn uniformly without replacement and shared
  // by every head (each sequence gets a share proportional to its eligible pairs); 0 = all.
  std::int64_t maxPairsPerHead = 20000;
  std::uint64_t seed = 0;
  int distanceBins = 32;     // for meanDominantByDistance
  int layersPerForward = 0;  // capture this many layers per forward pass (0 = all in one)
};

struct PositionalResult {
  ModelSummary model;
  PositionalOptions options;
  NdArray rho;                     // [layers, heads] Spearman's rho(distance, dominant index); NaN if undefined
  NdArray dominantHist;            // [layers, heads, units] share of analysed pairs each unit dominates
  NdArray meanContribution;        // [layers, heads, units] mean contribution to the logit (scaled)
  NdArray meanDominantByDistance;  // [layers, heads, distance_bins] mean dominant index; NaN for empty bins
  std::vector<std::int64_t> distanceBinEdges;  // bins + 1 edges; bin b is [edges[b], edges[b+1])
  // Every (layer, head) by |rho| descending; ties by (layer, head); NaN rho last.
  std::vector<std::pair<int, int>> ranking;
  std::int64_t pairsAnalysed = 0;  // (query, key) pairs per head over the completed sequences
  std::int64_t pairsEligible = 0;  // eligible pairs in those sequences (before sampling)
  int sequencesDone = 0;           // fewer than sequencesAsked when the run was cancelled
  int sequencesAsked = 0;

  bool complete() const { return sequencesDone == sequencesAsked; }

  // The first k heads of the ranking whose rho is defined (fewer when there are not k).
  std::vector<std::pair<int, int>> topHeads(int k) const {
    std::vector<std::pair<int, int>> top;
    for (const auto& lh : ranking) {
      if (static_cast<int>(top.size()) >= k) break;
      if (!std::isnan(rho.at({lh.first, lh.second}))) top.push_back(lh);
    }
    return top;
  }
};

}  // namespace ropescope::engine
