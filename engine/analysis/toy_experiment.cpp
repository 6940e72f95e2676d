// The RoPE toy experiment: batched sampling, attention, Eq. 3 loss and the dimension-removal curves.
#include "engine/analysis/toy_experiment.h"
#include "engine/results/schema.h"

#include <nlohmann/json.hpp>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "engine/core/error.h"
#include "engine/model/adamw.h"
#include "engine/model/tensor_bridge.h"
#include "engine/results/schema.h"

namespace ropescope::engine {

namespace {

constexpr const char* kWhere = "toy experiment";

// One batch of samples as index tensors.
struct Batch {
  at::Tensor keys;       // [B, S] long: tuple index of each key-value pair
  at::Tensor positions;  // [B, S] long: position of each key
  at::Tensor target;     // [B] long: tuple index of the query (one of the keys)
};

// Draws samples with its own generator (std::mt19937_64 is the same on every platform): each
// sample's keys and positions are the first S entries after S steps of a Fisher-Yates shuffle of
// a kept permutation, which makes them uniform ordered samples without replacement whatever the
// permutation was before. O(S) per sample, no sorting.
class SampleDrawer {
 public:
  SampleDrawer(const ToyOptions& o, std::uint64_t seed)
      : m_rng(seed),
        m_items(static_cast<std::size_t>(o.pairs)),
        m_positions(static_cast<std::size_t>(o.maxPosition - 1)),
        m_subset(o.subset) {
    std::iota(m_items.begin(), m_items.end(), std::int64_t{0});
    std::iota(m_positions.begin(), m_positions.end(), std::int64_t{0});
  }

  Batch draw(std::int64_t count) {
    Batch b;
    b.keys = at::empty({count, m_subset}, at::kLong);
    b.positions = at::empty({count, m_subset}, at::kLong);
    b.target = at::empty({count}, at::kLong);
    auto* keys = b.keys.data_ptr<std::int64_t>();
    auto* positions = b.positions.data_ptr<std::int64_t>();
    auto* target = b.target.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < count; ++i) {
      shuffleFront(m_items, keys + i * m_subset);
      shuffleFront(m_positions, positions + i * m_subset);
      target[i] = keys[i * m_subset + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(m_subset)))];
    }
    return b;
  }

 private:
  // Uniform in [0, bound) by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
    std::uint64_t x;
    do x = m_rng();
    while (x >= limit);
    return x % bound;
  }

  void shuffleFront(std::vector<std::int64_t>& values, std::int64_t* out) {
    const auto size = values.size();
    for (std::size_t i = 0; i < static_cast<std::size_t>(m_subset); ++i) {
      std::swap(values[i], values[i + below(size - i)]);
      out[i] = values[i];
    }
  }

  std::mt19937_64 m_rng;
  std::vector<std::int64_t> m_items;
  std::vector<std::int64_t> m_positions;
  std::int64_t m_subset;
};

// Llama's rotation with its angles as Hugging Face computes them (float32). Pair i of a vector in
// frequency order, (x0, x1), is the complex number x0 + i x1, and rotating it by angle t is a
// multiplication by e^(i t): (x0 cos t - x1 sin t, x0 sin t + x1 cos t), the same as rotate_half.
// One complex product (forward and backward) is several times cheaper than the real formulation.
struct RopeTables {
  at::Tensor phase;  // [maxPosition, D/2] complex64: e^(i * position * theta_i)
};

RopeTables ropeTables(const ToyOptions& o) {
  const auto invFreq =
      1.0 / at::pow(o.ropeBase, at::arange(0, o.dims, 2, at::kLong).to(at::kFloat) / static_cast<double>(o.dims));
  const auto angles = at::arange(o.maxPosition, at::kLong).to(at::kFloat).unsqueeze(1) * invFreq.unsqueeze(0);
  return {at::view_as_complex(at::stack({angles.cos(), angles.sin()}, -1).contiguous())};
}

// x [..., D] (contiguous, frequency order) rotated by phase [..., D/2].
at::Tensor rotate(const at::Tensor& x, const at::Tensor& phase) {
  auto pairs = x.sizes().vec();
  pairs.back() /= 2;
  pairs.push_back(2);
  return at::view_as_real(at::view_as_complex(x.view(pairs)) * phase).reshape(x.sizes());
}

struct Params {
  at::Tensor q, k, v;  // [n, dims]
};

// The query (rotated) [B, D], the keys (rotated) [B, S, D] and the values [B, S, D] of a batch.
struct Gathered {
  at::Tensor q, k, v;
};

Gathered gather(const Params& p, const Batch& b, const RopeTables* tables, std::int64_t queryPosition) {
  const auto count = b.keys.size(0);
  const auto subset = b.keys.size(1);
  const auto dims = p.q.size(1);
  const auto flat = b.keys.reshape({-1});
  Gathered g{p.q.index_select(0, b.target), p.k.index_select(0, flat).view({count, subset, dims}),
             p.v.index_select(0, flat).view({count, subset, dims})};
  if (tables != nullptr) {
    const auto pos = b.positions.reshape({-1});
    g.k = rotate(g.k, tables->phase.index_select(0, pos).view({count, subset, dims / 2}));
    g.q = rotate(g.q, tables->phase[queryPosition]);
  }
  return g;
}

// Eq. 3: mean over the batch of -log softmax_j(a . v_j)[target], a = Attention(q, K, V).
at::Tensor batchLoss(const Params& p, const Batch& b, const RopeTables* tables, std::int64_t queryPosition) {
  const auto g = gather(p, b, tables, queryPosition);
  const double scale = 1.0 / std::sqrt(static_cast<double>(p.q.size(1)));
  const auto scores = g.k.bmm(g.q.unsqueeze(2)).squeeze(2) * scale;  // [B, S]
  const auto attn = at::softmax(scores, 1);                          // [B, S]
  const auto a = attn.unsqueeze(1).bmm(g.v).squeeze(1);              // [B, D]
  const auto logits = a.mm(p.v.t());                                 // [B, n]
  return at::nll_loss(at::log_softmax(logits, 1), b.target);
}

Batch sliceBatch(const Batch& b, std::int64_t start, std::int64_t count) {
  return {b.keys.narrow(0, start, count), b.positions.narrow(0, start, count), b.target.narrow(0, start, count)};
}

constexpr std::int64_t kEvalChunk = 64;

double heldOutLoss(const Params& p, const Batch& eval, const RopeTables* tables, std::int64_t queryPosition) {
  const auto total = eval.keys.size(0);
  double sum = 0;
  for (std::int64_t s = 0; s < total; s += kEvalChunk) {
    const auto count = std::min(kEvalChunk, total - s);
    sum += batchLoss(p, sliceBatch(eval, s, count), tables, queryPosition).item<double>() * static_cast<double>(count);
  }
  return sum / static_cast<double>(total);
}

// The held-out loss for r = 0 .. D removed dims, both directions at once: each key's score is a
// sum of per-dim products q_d k_d, so the scores with dims < r removed are suffix sums and those
// with dims >= D-r removed are prefix sums of those products. Returns {first, last}, each [D+1].
std::pair<at::Tensor, at::Tensor> removalCurves(const Params& p, const Batch& eval, const RopeTables* tables,
                                                std::int64_t queryPosition) {
  const auto total = eval.keys.size(0);
  const auto dims = p.q.size(1);
  const double scale = 1.0 / std::sqrt(static_cast<double>(dims));
  auto first = at::zeros({dims + 1}, at::kDouble);
  auto last = at::zeros({dims + 1}, at::kDouble);
  const auto vt = p.v.t();
  for (std::int64_t s = 0; s < total; s += kEvalChunk) {
    const auto count = std::min(kEvalChunk, total - s);
    const auto b = sliceBatch(eval, s, count);
    const auto g = gather(p, b, tables, queryPosition);
    const auto products = g.k * g.q.unsqueeze(1);  // [c, S, D]
    const auto zero = at::zeros({count, products.size(1), 1}, products.options());
    // suffix[..., r] = sum over d >= r; prefix[..., j] = sum over d < j (both end in an exact 0 / full sum).
    const auto suffix = at::cat({products.flip(-1).cumsum(-1).flip(-1), zero}, -1);  // [c, S, D+1]
    const auto keepFirst = at::cat({zero, products.cumsum(-1)}, -1).flip(-1);        // [c, S, D+1]: r -> prefix D-r
    const auto targets = b.target.unsqueeze(1).expand({count, dims + 1}).reshape({-1});
    for (const auto& [scores, out] : {std::pair{suffix, first}, std::pair{keepFirst, last}}) {
      const auto attn = at::softmax(scores.transpose(1, 2) * scale, 2);  // [c, D+1, S]
      const auto a = attn.bmm(g.v).reshape({-1, dims});                  // [c * (D+1), D]
      const auto logp = at::log_softmax(a.mm(vt), 1);                    // [c * (D+1), n]
      const auto nll = -logp.gather(1, targets.unsqueeze(1)).view({count, dims + 1});
      out.add_(nll.to(at::kDouble).sum(0));
    }
  }
  return {first / static_cast<double>(total), last / static_cast<double>(total)};
}

NdArray lossArray(const std::vector<double>& values) {
  NdArray a = NdArray::zeros({static_cast<std::int64_t>(values.size())}, {"epoch"});
  std::copy(values.begin(), values.end(), a.values.begin());
  return a;
}

std::vector<std::int64_t> toVector(const at::Tensor& t) {
  const auto c = t.contiguous();
  return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}

void require(bool ok, const std::string& message) {
  if (!ok) throw Error(ErrorCode::InvalidArgument, kWhere, message);
}

}  // namespace

void validateToyOptions(const ToyOptions& o) {
  const auto atLeast = [](const char* name, double value, double min) {
    require(value >= min, std::string(name) + " must be at least " + std::to_string(static_cast<long long>(min)) +
                              ", got " + std::to_string(static_cast<long long>(value)));
  };
  atLeast("pairs", o.pairs, 1);
  atLeast("dims", o.dims, 2);
  require(o.dims % 2 == 0, "dims must be even (RoPE rotates pairs of dims), got " + std::to_string(o.dims));
  atLeast("subset", o.subset, 1);
  require(o.subset <= o.pairs,
          "subset (" + std::to_string(o.subset) + ") must not exceed pairs (" + std::to_string(o.pairs) + ")");
  require(o.subset <= o.maxPosition - 1, "subset (" + std::to_string(o.subset) +
                                             ") keys need as many distinct positions before the query; maxPosition " +
                                             std::to_string(o.maxPosition) + " is too small");
  require(std::isfinite(o.ropeBase) && o.ropeBase > 1, "ropeBase must be above 1");
  atLeast("epochs", o.epochs, 1);
  atLeast("samplesPerEpoch", o.samplesPerEpoch, 1);
  atLeast("batchSize", o.batchSize, 1);
  require(std::isfinite(o.learningRate) && o.learningRate > 0, "learningRate must be positive");
  atLeast("evalSamples", o.evalSamples, 1);
}

ToyResult runToyExperiment(const ToyOptions& options, const RunControl& control,
                           const std::function<void(const ToyResult&)>& onEpoch) {
  validateToyOptions(options);
  const auto& o = options;
  const std::int64_t queryPosition = o.maxPosition - 1;
  const auto tables = ropeTables(o);
  const RopeTables* rope = o.rope ? &tables : nullptr;

  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  SampleDrawer trainSamples(o, o.seed);
  SampleDrawer evalSamples(o, o.evalSeed);
  // Standard normal initialisation (as nn.Embedding / nn.Parameter(torch.randn(...))).
  Params p{at::randn({o.pairs, o.dims}, gen).requires_grad_(), at::randn({o.pairs, o.dims}, gen).requires_grad_(),
           at::randn({o.pairs, o.dims}, gen).requires_grad_()};
  const Batch eval = evalSamples.draw(o.evalSamples);
  AdamW adam({p.q, p.k, p.v});  // Adam: beta 0.9, 0.999, eps 1e-8, no weight decay

  std::vector<double> trainLoss, evalLoss;
  // The result as the parameters stand (without the held-out set).
  const auto snapshot = [&] {
    const at::NoGradGuard noGrad;
    ToyResult r;
    r.options = o;
    r.epochsDone = static_cast<int>(trainLoss.size());
    r.trainLoss = lossArray(trainLoss);
    r.evalLoss = lossArray(evalLoss);
    const Params learned{p.q.detach(), p.k.detach(), p.v.detach()};
    r.q = toNdArray(learned.q, {"item", "dim"});
    r.k = toNdArray(learned.k, {"item", "dim"});
    r.v = toNdArray(learned.v, {"item", "dim"});
    r.qAbsMean = toNdArray(learned.q.abs().mean(0), {"dim"});
    r.kAbsMean = toNdArray(learned.k.abs().mean(0), {"dim"});
    const auto [first, last] = removalCurves(learned, eval, rope, queryPosition);
    r.lossRemoveFirst = toNdArray(first, {"removed"});
    r.lossRemoveLast = toNdArray(last, {"removed"});
    return r;
  };

  const std::string stage = o.rope ? "toy (RoPE)" : "toy (no PE)";
  control.report(0, o.epochs, stage);
  for (int epoch = 0; epoch < o.epochs && !control.cancelled(); ++epoch) {
    double sum = 0;
    for (std::int64_t start = 0; start < o.samplesPerEpoch; start += o.batchSize) {
      const auto count = std::min<std::int64_t>(o.batchSize, o.samplesPerEpoch - start);
      const auto batch = trainSamples.draw(count);
      adam.zeroGrad();
      const auto loss = batchLoss(p, batch, rope, queryPosition);
      loss.backward();
      adam.step(o.learningRate);
      sum += loss.item<double>() * static_cast<double>(count);
    }
    trainLoss.push_back(sum / o.samplesPerEpoch);
    {
      const at::NoGradGuard noGrad;
      evalLoss.push_back(heldOutLoss(p, eval, rope, queryPosition));
    }
    char loss[64];
    std::snprintf(loss, sizeof loss, ", loss %.4f (held-out %.4f)", trainLoss.back(), evalLoss.back());
    control.report(epoch + 1, o.epochs, stage + loss);
    if (onEpoch && epoch + 1 < o.epochs && !control.cancelled()) onEpoch(snapshot());
  }

  ToyResult r = snapshot();
  r.evalSet.count = o.evalSamples;
  r.evalSet.subset = o.subset;
  r.evalSet.queryPosition = queryPosition;
  r.evalSet.keys = toVector(eval.keys);
  r.evalSet.positions = toVector(eval.positions);
  // The target as its slot among the keys.
  r.evalSet.target = toVector((eval.keys == eval.target.unsqueeze(1)).to(at::kLong).argmax(1));
  if (onEpoch) onEpoch(r);
  return r;
}

namespace {

nlohmann::json toyOptionsJson(const ToyResult& r) {
  const auto& o = r.options;
  return {{"rope", o.rope},
          {"pairs", o.pairs},
          {"dims", o.dims},
          {"subset", o.subset},
          {"max_position", o.maxPosition},
          {"rope_base", o.ropeBase},
          {"epochs", o.epochs},
          {"epochs_done", r.epochsDone},
          {"samples_per_epoch", o.samplesPerEpoch},
          {"batch_size", o.batchSize},
          {"learning_rate", o.learningRate},
          {"eval_samples", o.evalSamples},
          {"seed", o.seed},
          {"eval_seed", o.evalSeed}};
}

}  // namespace

void putToyRun(ResultsFile& file, const std::string& run, const ToyResult& r) {
  const auto group = schema::toyGroup(run);
  const auto prefix = group + "/";
  std::erase_if(file.arrays, [&](const auto& entry) { return entry.first.rfind(prefix, 0) == 0; });
  std::erase_if(file.strings, [&](const auto& entry) { return entry.first.rfind(prefix, 0) == 0; });
  file.groupAttributes.erase(group);
  const auto at = [&](std::string_view leaf) { return schema::toyPath(run, leaf); };
  file.arrays[at(schema::kToyQAbsMean)] = r.qAbsMean;
  file.arrays[at(schema::kToyKAbsMean)] = r.kAbsMean;
  file.arrays[at(schema::kToyLossRemoveFirst)] = r.lossRemoveFirst;
  file.arrays[at(schema::kToyLossRemoveLast)] = r.lossRemoveLast;
  file.arrays[at(schema::kToyTrainLoss)] = r.trainLoss;
  file.arrays[at(schema::kToyEvalLoss)] = r.evalLoss;
  file.arrays[at(schema::kToyQ)] = r.q;
  file.arrays[at(schema::kToyK)] = r.k;
  file.arrays[at(schema::kToyV)] = r.v;
  file.groupAttributes[group][std::string(schema::kToyOptionsAttribute)] = toyOptionsJson(r).dump();
}

}  // namespace ropescope::engine
