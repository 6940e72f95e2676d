// Positional heads: dominant RoPE pair per (query, key) pair and its rank correlation with distance.
#include "engine/analysis/positional.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_set>

#include "engine/core/error.h"
#include "engine/core/split_mix.h"
#include "engine/core/statistics.h"
#include "engine/io/dims.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"
#include "engine/results/schema.h"

namespace ropescope::engine {

namespace {

constexpr const char* kWhere = "positional heads";
// Elements of the largest [heads, pairs-in-chunk, head_dim] product formed at once.
constexpr std::int64_t kChunkElements = std::int64_t{1} << 23;

// Uniform integer in [0, n) from SplitMix64 by rejection: the same draws on every platform
// (std::uniform_int_distribution is implementation-defined).
std::uint64_t uniformBelow(std::uint64_t& state, std::uint64_t n) {
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  for (;;) {
    const auto r = splitMix64(state);
    if (r < limit) return r % n;
  }
}

void fail(const std::string& message) { throw Error(ErrorCode::InvalidArgument, kWhere, message); }

void validate(const PositionalOptions& o) {
  if (o.minDistance < 0) fail("minDistance must be >= 0, got " + std::to_string(o.minDistance));
  if (o.maxDistance && *o.maxDistance < o.minDistance)
    fail("maxDistance (" + std::to_string(*o.maxDistance) + ") is below minDistance (" + std::to_string(o.minDistance) +
         ")");
  if (o.skipLeadingKeys < 0) fail("skipLeadingKeys must be >= 0, got " + std::to_string(o.skipLeadingKeys));
  if (o.maxPairsPerHead < 0)
    fail("maxPairsPerHead must be >= 0 (0 = every pair), got " + std::to_string(o.maxPairsPerHead));
  if (o.distanceBins < 1) fail("distanceBins must be >= 1, got " + std::to_string(o.distanceBins));
  if (o.layersPerForward < 0)
    fail("layersPerForward must be >= 0 (0 = all layers), got " + std::to_string(o.layersPerForward));
}

// The eligible keys of query q form one range [first(q), last(q)] (possibly empty).
struct Eligibility {
  std::int64_t minDistance, maxDistance, skip;
  std::int64_t first(std::int64_t q) const { return std::max(skip, q - maxDistance); }
  std::int64_t last(std::int64_t q) const { return q - minDistance; }
  std::int64_t count(std::int64_t q) const { return std::max<std::int64_t>(0, last(q) - first(q) + 1); }
};

// One sequence's analysed pairs: query positions, key positions.
struct PairList {
  std::vector<std::int64_t> query, key;
};

PairList choosePairs(const Eligibility& e, std::int64_t tokens, std::int64_t eligible, std::int64_t wanted,
                     std::uint64_t seedState) {
  PairList out;
  if (wanted >= eligible) {
    for (std::int64_t q = 0; q < tokens; ++q)
      for (std::int64_t k = e.first(q); k <= e.last(q); ++k) {
        out.query.push_back(q);
        out.key.push_back(k);
      }
    return out;
  }
  // Floyd's sampling of `wanted` distinct linear indices out of `eligible`, then each index
  // mapped to its query through the cumulative counts.
  std::unordered_set<std::int64_t> chosen;
  chosen.reserve(static_cast<size_t>(wanted) * 2);
  for (std::int64_t j = eligible - wanted; j < eligible; ++j) {
    const auto t = static_cast<std::int64_t>(uniformBelow(seedState, static_cast<std::uint64_t>(j) + 1));
    if (!chosen.insert(t).second) chosen.insert(j);
  }
  std::vector<std::int64_t> indices(chosen.begin(), chosen.end());
  std::sort(indices.begin(), indices.end());
  std::vector<std::int64_t> before(static_cast<size_t>(tokens) + 1, 0);  // pairs of queries < q
  for (std::int64_t q = 0; q < tokens; ++q)
    before[static_cast<size_t>(q) + 1] = before[static_cast<size_t>(q)] + e.count(q);
  std::int64_t q = 0;
  for (const auto i : indices) {
    while (before[static_cast<size_t>(q) + 1] <= i) ++q;
    out.query.push_back(q);
    out.key.push_back(e.first(q) + (i - before[static_cast<size_t>(q)]));
  }
  return out;
}

// Per layer, what one sequence adds (kept apart until the sequence completes).
struct LayerPart {
  std::vector<float> dominant;  // [heads * pairs] head-major
  at::Tensor hist;              // [heads, units] double
  at::Tensor contribution;      // [heads, units] double, sums
};

// How many pairs each sequence has and how many are analysed, and the largest distance among
// the eligible pairs.
struct PairBudget {
  std::vector<std::int64_t> eligible, wanted;
  std::int64_t largestDistance = -1;
};

PairBudget planPairs(const std::vector<std::vector<std::int64_t>>& sequences, const Eligibility& e,
                     const PositionalOptions& options) {
  PairBudget b;
  b.eligible.assign(sequences.size(), 0);
  std::int64_t total = 0;
  for (size_t s = 0; s < sequences.size(); ++s) {
    const auto S = static_cast<std::int64_t>(sequences[s].size());
    for (std::int64_t q = 0; q < S; ++q) {
      const auto n = e.count(q);
      b.eligible[s] += n;
      if (n > 0) b.largestDistance = std::max(b.largestDistance, q - e.first(q));
    }
    total += b.eligible[s];
  }
  if (total == 0)
    fail("no (query, key) pair of the sequences lies at distance " + std::to_string(options.minDistance) +
         (options.maxDistance ? ".." + std::to_string(*options.maxDistance) : std::string(" or more")) +
         " with key position >= " + std::to_string(options.skipLeadingKeys));
  // All pairs, or shares of maxPairsPerHead proportional to the eligible pairs, rounded down,
  // the remainder going to the largest fractional parts (largest remainder).
  b.wanted = b.eligible;
  if (options.maxPairsPerHead <= 0 || total <= options.maxPairsPerHead) return b;
  std::vector<double> fraction(sequences.size());
  std::int64_t given = 0;
  for (size_t s = 0; s < sequences.size(); ++s) {
    const double exact =
        static_cast<double>(options.maxPairsPerHead) * static_cast<double>(b.eligible[s]) / static_cast<double>(total);
    b.wanted[s] = std::min(b.eligible[s], static_cast<std::int64_t>(std::floor(exact)));
    fraction[s] = exact - static_cast<double>(b.wanted[s]);
    given += b.wanted[s];
  }
  std::vector<size_t> order(sequences.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t c) { return fraction[a] > fraction[c]; });
  for (size_t i = 0; i < order.size() && given < options.maxPairsPerHead; ++i)
    if (b.wanted[order[i]] < b.eligible[order[i]]) {
      ++b.wanted[order[i]];
      ++given;
    }
  return b;
}

// Per-pair contributions q_u k_u / sqrt(D) of one layer's chosen pairs, their dominant unit and
// its histogram, a chunk of pairs at a time.
class LayerMeasure {
 public:
  LayerMeasure(const Transformer& model, const PositionalOptions& options) : m_o(options) {
    const auto& c = model.config();
    m_H = c.numHeads;
    m_KV = c.numKvHeads;
    m_D = c.headDim;
    m_U = options.unit == PositionalUnit::Pair ? m_D / 2 : m_D;
    m_f32 = at::TensorOptions(at::kFloat).device(model.device());
    m_unitIndex = at::arange(m_U, m_f32);
    if (options.unit == PositionalUnit::Dim) {
      const auto perm = frequencyToStoragePermutation(static_cast<int>(m_D));
      m_frequencyOrder = at::tensor(std::vector<std::int64_t>(perm.begin(), perm.end()), at::kLong).to(model.device());
    }
  }

  std::int64_t units() const { return m_U; }

  // q [H, S, D] and k [KV, S, D] after RoPE, storage order; the n chosen pairs' positions.
  LayerPart measure(const at::Tensor& q, const at::Tensor& k, const at::Tensor& queryIdx, const at::Tensor& keyIdx,
                    std::int64_t n) const {
    const auto f64 = at::TensorOptions(at::kDouble);
    const std::int64_t H = m_H, D = m_D, P = m_D / 2, group = m_H / m_KV;
    LayerPart part{std::vector<float>(static_cast<size_t>(H * n), 0.0f), at::zeros({H, m_U}, f64),
                   at::zeros({H, m_U}, f64)};
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    const std::int64_t chunk = std::max<std::int64_t>(1, kChunkElements / (H * D));
    for (std::int64_t start = 0; start < n; start += chunk) {
      const auto m = std::min(chunk, n - start);
      const auto qs = q.index_select(1, queryIdx.narrow(0, start, m)).view({m_KV, group, m, D});
      const auto ks = k.index_select(1, keyIdx.narrow(0, start, m)).unsqueeze(1);  // [KV, 1, m, D]
      const auto product = (qs * ks).view({H, m, D}) * scale;
      const auto contribution = m_o.unit == PositionalUnit::Pair
                                    ? product.narrow(-1, 0, P) + product.narrow(-1, P, P)
                                    : product.index_select(-1, m_frequencyOrder);  // [H, m, U]
      at::Tensor dom;
      if (m_o.rule == DominantRule::SoftmaxIndex) {
        const auto w = at::softmax(contribution, -1);
        dom = at::matmul(w, m_unitIndex);  // [H, m]
        part.hist += w.sum(1).to(at::kCPU, at::kDouble);
      } else {
        const auto idx = (m_o.rule == DominantRule::ArgmaxAbs ? contribution.abs() : contribution).argmax(-1);
        dom = idx.to(at::kFloat);
        part.hist += at::zeros({H, m_U}, m_f32).scatter_add_(1, idx, at::ones({H, m}, m_f32)).to(at::kCPU, at::kDouble);
      }
      part.contribution += contribution.sum(1).to(at::kCPU, at::kDouble);
      const auto domHost = dom.to(at::kCPU).contiguous();
      const float* src = domHost.data_ptr<float>();
      for (std::int64_t h = 0; h < H; ++h)
        std::copy(src + h * m, src + (h + 1) * m, part.dominant.begin() + h * n + start);
    }
    return part;
  }

 private:
  const PositionalOptions& m_o;
  std::int64_t m_H = 0, m_KV = 0, m_D = 0, m_U = 0;
  at::TensorOptions m_f32;
  at::Tensor m_unitIndex, m_frequencyOrder;  // frequencyOrder: storage dim of each frequency dim (Dim unit)
};

// What the committed (complete) sequences add up to, per layer and head.
struct Committed {
  std::vector<float> distances;                // [pairs analysed], shared by every head
  std::vector<std::vector<float>> dominant;    // per (layer, head)
  std::vector<at::Tensor> hist, contribution;  // per layer [H, U] double sums
};

// rho, the dominant-unit histogram, mean contributions and mean dominant unit by distance bin.
void summarise(const Committed& c, int layers, std::int64_t H, std::int64_t U, const char* unitAxis,
               PositionalResult& result) {
  const auto bins = static_cast<std::int64_t>(result.distanceBinEdges.size()) - 1;
  constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
  result.rho = NdArray::zeros({layers, H}, {"layer", "head"});
  result.dominantHist = NdArray::zeros({layers, H, U}, {"layer", "head", unitAxis});
  result.meanContribution = NdArray::zeros({layers, H, U}, {"layer", "head", unitAxis});
  result.meanDominantByDistance = NdArray::zeros({layers, H, bins}, {"layer", "head", "distance_bin"});
  std::fill(result.rho.values.begin(), result.rho.values.end(), kNaN);
  std::fill(result.meanDominantByDistance.values.begin(), result.meanDominantByDistance.values.end(), kNaN);
  if (result.pairsAnalysed == 0) return;
  const auto analysed = static_cast<double>(result.pairsAnalysed);
  const auto distanceRanks = averageRanks(std::vector<double>(c.distances.begin(), c.distances.end()));
  std::vector<std::int64_t> binOf(c.distances.size());
  std::vector<std::int64_t> binCount(static_cast<size_t>(bins), 0);
  for (size_t i = 0; i < c.distances.size(); ++i) {
    const auto d = static_cast<std::int64_t>(c.distances[i]);
    const auto it = std::upper_bound(result.distanceBinEdges.begin(), result.distanceBinEdges.end(), d);
    binOf[i] = std::clamp<std::int64_t>(it - result.distanceBinEdges.begin() - 1, 0, bins - 1);
    ++binCount[static_cast<size_t>(binOf[i])];
  }
  for (int l = 0; l < layers; ++l) {
    copyIntoArray(c.hist[static_cast<size_t>(l)] / analysed, result.dominantHist,
                  result.dominantHist.offset({l, 0, 0}));
    copyIntoArray(c.contribution[static_cast<size_t>(l)] / analysed, result.meanContribution,
                  result.meanContribution.offset({l, 0, 0}));
    for (std::int64_t h = 0; h < H; ++h) {
      const auto& dom = c.dominant[static_cast<size_t>(l * H + h)];
      const std::vector<double> y(dom.begin(), dom.end());
      result.rho.at({l, h}) = static_cast<float>(pearsonR(distanceRanks, averageRanks(y)));
      std::vector<double> binSum(static_cast<size_t>(bins), 0.0);
      for (size_t i = 0; i < y.size(); ++i) binSum[static_cast<size_t>(binOf[i])] += y[i];
      for (std::int64_t b = 0; b < bins; ++b)
        if (binCount[static_cast<size_t>(b)] > 0)
          result.meanDominantByDistance.at({l, h, b}) = static_cast<float>(
              binSum[static_cast<size_t>(b)] / static_cast<double>(binCount[static_cast<size_t>(b)]));
    }
  }
}

// Heads by |rho| descending, NaN last.
std::vector<std::pair<int, int>> rankByRho(const NdArray& rho) {
  std::vector<std::pair<int, int>> ranking;
  for (int l = 0; l < rho.dim(0); ++l)
    for (int h = 0; h < rho.dim(1); ++h) ranking.emplace_back(l, h);
  std::stable_sort(ranking.begin(), ranking.end(), [&](const auto& a, const auto& b) {
    const float ra = std::fabs(rho.at({a.first, a.second}));
    const float rb = std::fabs(rho.at({b.first, b.second}));
    if (std::isnan(ra) || std::isnan(rb)) return !std::isnan(ra) && std::isnan(rb);
    return ra > rb;
  });
  return ranking;
}

}  // namespace

PositionalResult computePositional(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                                   const PositionalOptions& options, const RunControl& control) {
  validate(options);
  if (sequences.empty()) fail("no sequences given");
  const int layers = model.config().numLayers;
  const std::int64_t H = model.config().numHeads;
  const auto dev = model.device();

  // Which pairs: the tightest of maxDistance and the sliding window.
  std::int64_t maxDistance = std::numeric_limits<std::int64_t>::max() / 4;
  if (options.maxDistance) maxDistance = *options.maxDistance;
  if (model.traits().slidingWindow > 0)
    maxDistance = std::min<std::int64_t>(maxDistance, model.traits().slidingWindow - 1);
  const Eligibility e{options.minDistance, maxDistance, options.skipLeadingKeys};
  const auto budget = planPairs(sequences, e, options);

  PositionalResult result;
  result.model = model.checkpoint().summary();
  result.options = options;
  result.sequencesAsked = static_cast<int>(sequences.size());
  // Distance bins: equal integer widths over [minDistance, largestDistance].
  const std::int64_t span = budget.largestDistance + 1 - options.minDistance;
  const std::int64_t bins = std::min<std::int64_t>(options.distanceBins, span);
  for (std::int64_t b = 0; b <= bins; ++b) result.distanceBinEdges.push_back(options.minDistance + b * span / bins);

  const LayerMeasure measure(model, options);
  const auto U = measure.units();
  Committed committed;
  committed.dominant.resize(static_cast<size_t>(layers * H));
  for (int l = 0; l < layers; ++l) {
    committed.hist.push_back(at::zeros({H, U}, at::kDouble));
    committed.contribution.push_back(at::zeros({H, U}, at::kDouble));
  }
  const int perForward = options.layersPerForward > 0 ? std::min(options.layersPerForward, layers) : layers;
  const std::int64_t totalUnits = static_cast<std::int64_t>(sequences.size()) * layers;
  control.report(0, totalUnits, kWhere);
  bool cancelled = false;
  for (size_t s = 0; s < sequences.size() && !cancelled; ++s) {
    const auto& ids = sequences[s];
    std::uint64_t seedState = options.seed ^ (0xA0761D6478BD642Full * (static_cast<std::uint64_t>(s) + 1));
    const auto pairs =
        choosePairs(e, static_cast<std::int64_t>(ids.size()), budget.eligible[s], budget.wanted[s], seedState);
    const auto n = static_cast<std::int64_t>(pairs.query.size());
    const auto queryIdx = at::tensor(pairs.query, at::kLong).to(dev);
    const auto keyIdx = at::tensor(pairs.key, at::kLong).to(dev);
    // A forward per perForward layers, capturing their queries and keys after RoPE.
    std::vector<LayerPart> parts(static_cast<size_t>(layers));
    ForwardResult out;
    for (int l = 0; l < layers && !cancelled; ++l) {
      if ((cancelled = control.cancelled())) break;
      if (n > 0) {
        if (l % perForward == 0) {
          ForwardOptions fo;
          fo.allLogits = false;
          for (int f = l; f < std::min(layers, l + perForward); ++f) {
            fo.capture.insert({f, Site::QRope});
            fo.capture.insert({f, Site::KRope});
          }
          out = model.forward(ids, fo);
        }
        parts[static_cast<size_t>(l)] =
            measure.measure(out.captured.at({l, Site::QRope}).to(at::kFloat),
                            out.captured.at({l, Site::KRope}).to(at::kFloat), queryIdx, keyIdx, n);
        out.captured.erase({l, Site::QRope});
        out.captured.erase({l, Site::KRope});
      } else {
        parts[static_cast<size_t>(l)] = {{}, at::zeros({H, U}, at::kDouble), at::zeros({H, U}, at::kDouble)};
      }
      control.report(static_cast<std::int64_t>(s) * layers + l + 1, totalUnits, kWhere);
    }
    if (cancelled) break;
    // The sequence is complete: commit it for every head at once.
    for (std::int64_t i = 0; i < n; ++i)
      committed.distances.push_back(
          static_cast<float>(pairs.query[static_cast<size_t>(i)] - pairs.key[static_cast<size_t>(i)]));
    for (int l = 0; l < layers; ++l) {
      const auto& part = parts[static_cast<size_t>(l)];
      committed.hist[static_cast<size_t>(l)] += part.hist;
      committed.contribution[static_cast<size_t>(l)] += part.contribution;
      for (std::int64_t h = 0; h < H; ++h) {
        auto& dst = committed.dominant[static_cast<size_t>(l * H + h)];
        dst.insert(dst.end(), part.dominant.begin() + h * n, part.dominant.begin() + (h + 1) * n);
      }
    }
    result.pairsAnalysed += n;
    result.pairsEligible += budget.eligible[s];
    ++result.sequencesDone;
  }
  summarise(committed, layers, H, U, options.unit == PositionalUnit::Pair ? "pair" : "dim", result);
  result.ranking = rankByRho(result.rho);
  return result;
}

std::vector<std::pair<int, int>> randomHeads(int layers, int heads, int k, std::uint64_t seed,
                                             const std::set<std::pair<int, int>>& exclude) {
  const char* where = "random heads";
  if (layers <= 0 || heads <= 0)
    throw Error(ErrorCode::InvalidArgument, where,
                "layers and heads must be positive, got " + std::to_string(layers) + " and " + std::to_string(heads));
  std::vector<std::pair<int, int>> candidates;
  for (int l = 0; l < layers; ++l)
    for (int h = 0; h < heads; ++h)
      if (!exclude.count({l, h})) candidates.emplace_back(l, h);
  if (k < 0 || static_cast<size_t>(k) > candidates.size())
    throw Error(
        ErrorCode::InvalidArgument, where,
        "cannot draw " + std::to_string(k) + " heads from the " + std::to_string(candidates.size()) + " not excluded");
  std::uint64_t state = seed;
  for (size_t i = 0; i < static_cast<size_t>(k); ++i) {
    const auto j = i + static_cast<size_t>(uniformBelow(state, candidates.size() - i));
    std::swap(candidates[i], candidates[j]);
  }
  candidates.resize(static_cast<size_t>(k));
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

void addPositionalArrays(const PositionalResult& result, std::map<std::string, NdArray>& arrays) {
  arrays[std::string(schema::kPositionalRho.path)] = result.rho;
  arrays[std::string(schema::kPositionalDominantHist.path)] = result.dominantHist;
  arrays[std::string(schema::kPositionalMeanContribution.path)] = result.meanContribution;
  arrays[std::string(schema::kPositionalMeanDominantByDistance.path)] = result.meanDominantByDistance;
  const auto edges = static_cast<std::int64_t>(result.distanceBinEdges.size());
  NdArray binEdges = NdArray::zeros({edges}, {"edge"});
  for (std::int64_t i = 0; i < edges; ++i)
    binEdges.values[static_cast<size_t>(i)] = static_cast<float>(result.distanceBinEdges[static_cast<size_t>(i)]);
  arrays[std::string(schema::kPositionalDistanceBinEdges.path)] = std::move(binEdges);
  const auto ranked = static_cast<std::int64_t>(result.ranking.size());
  NdArray ranking = NdArray::zeros({ranked, 2}, {"rank", "layer_head"});
  for (std::int64_t r = 0; r < ranked; ++r) {
    ranking.at({r, 0}) = static_cast<float>(result.ranking[static_cast<size_t>(r)].first);
    ranking.at({r, 1}) = static_cast<float>(result.ranking[static_cast<size_t>(r)].second);
  }
  arrays[std::string(schema::kPositionalRanking.path)] = std::move(ranking);
  NdArray counts = NdArray::zeros({4}, {"count"});  // pairs analysed, pairs eligible, sequences done, asked
  counts.values = {static_cast<float>(result.pairsAnalysed), static_cast<float>(result.pairsEligible),
                   static_cast<float>(result.sequencesDone), static_cast<float>(result.sequencesAsked)};
  arrays[std::string(schema::kPositionalCounts.path)] = std::move(counts);
}

}  // namespace ropescope::engine
