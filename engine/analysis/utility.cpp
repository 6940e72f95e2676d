// Utility scores of query dimensions by projected Adam on Eq. 4 of Chiang & Yogatama (2025).
#include "engine/analysis/utility.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "engine/core/error.h"
#include "engine/io/dims.h"

namespace ropescope::engine {

namespace {

[[noreturn]] void bad(const std::string& what, const std::string& message) {
  throw Error(ErrorCode::InvalidArgument, what, message);
}

std::string shapeText(const at::Tensor& t) {
  std::string s = "[";
  for (std::int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

void checkInputs(const at::Tensor& q, const at::Tensor& keys, const at::Tensor& values,
                 const std::vector<std::int64_t>& positions, const UtilityOptions& o, int slidingWindow, double scale) {
  for (const auto& [name, t] : {std::pair{"queries", &q}, std::pair{"keys", &keys}, std::pair{"values", &values}}) {
    if (!t->defined()) bad(name, "tensor is undefined");
    if (t->dim() != 3) bad(name, "expected 3 dims [heads, tokens, head_dim], got shape " + shapeText(*t));
    if (!at::isFloatingType(t->scalar_type())) bad(name, "expected a floating-point tensor");
  }
  const auto D = q.size(2);
  if (D <= 0 || D % 2 != 0) bad("queries", "head_dim must be a positive even number, got " + std::to_string(D));
  if (keys.size(2) != D || values.size(2) != D)
    bad("keys/values", "head_dim differs from the queries' " + std::to_string(D) + " (keys " + shapeText(keys) +
                           ", values " + shapeText(values) + ")");
  if (keys.sizes() != values.sizes())
    bad("keys/values", "shapes differ: keys " + shapeText(keys) + ", values " + shapeText(values));
  const auto H = q.size(0), KV = keys.size(0), T = keys.size(1);
  if (H <= 0 || KV <= 0 || H % KV != 0)
    bad("kv_heads", std::to_string(H) + " query heads cannot share " + std::to_string(KV) + " kv heads evenly");
  if (T <= 0) bad("keys", "no tokens");
  if (q.size(1) <= 0) bad("queries", "no query positions");
  if (static_cast<std::int64_t>(positions.size()) != q.size(1))
    bad("queryPositions",
        std::to_string(positions.size()) + " positions for " + std::to_string(q.size(1)) + " queries");
  for (const auto p : positions)
    if (p < 0 || p >= T)
      bad("queryPositions", "position " + std::to_string(p) + " is outside the " + std::to_string(T) + " keys");
  if (o.steps < 0) bad("steps", "must be >= 0, got " + std::to_string(o.steps));
  if (!(o.learningRate > 0) || !std::isfinite(o.learningRate)) bad("learningRate", "must be a positive number");
  if (!(o.alpha >= 0 || o.alpha == -1) || !std::isfinite(o.alpha)) bad("alpha", "must be >= 0, or -1 for 1/head_dim");
  if (!(o.tolerance >= 0)) bad("tolerance", "must be >= 0");
  if (o.window < 1) bad("window", "must be >= 1, got " + std::to_string(o.window));
  if (!(o.beta1 >= 0 && o.beta1 < 1) || !(o.beta2 >= 0 && o.beta2 < 1)) bad("beta1/beta2", "must lie in [0, 1)");
  if (!(o.epsilon > 0)) bad("epsilon", "must be positive");
  if (o.maxScoreElements < 1) bad("maxScoreElements", "must be >= 1");
  if (slidingWindow < 0) bad("slidingWindow", "must be >= 0, got " + std::to_string(slidingWindow));
  if (!std::isfinite(scale)) bad("scale", "must be a finite number");
}

// `t` as float32 on `device`, copied only when it is not already, or when it was made in inference
// mode (such tensors cannot be saved for backward). Views (a KV cache's first T rows) stay views.
at::Tensor workingCopy(const at::Tensor& t, const at::Device& device) {
  return t.to(device, at::kFloat, /*non_blocking=*/false, /*copy=*/t.is_inference());
}

// The attention of one layer at the analysed positions, with the masks precomputed per chunk.
class LayerAttention {
 public:
  LayerAttention(at::Tensor keys, at::Tensor values, const std::vector<std::int64_t>& positions, std::int64_t heads,
                 int slidingWindow, double scale, std::int64_t maxScoreElements)
      : m_keysT(keys.transpose(1, 2)), m_values(std::move(values)), m_heads(heads), m_scale(scale) {
    const auto KV = m_values.size(0), T = m_values.size(1), P = static_cast<std::int64_t>(positions.size());
    m_group = heads / KV;
    const auto options = m_values.options();
    const auto queryPos = at::tensor(positions, options.dtype(at::kLong)).unsqueeze(1);  // [P, 1]
    const auto keyPos = at::arange(T, options.dtype(at::kLong)).unsqueeze(0);            // [1, T]
    auto masked = keyPos > queryPos;
    if (slidingWindow > 0) masked = masked.logical_or(queryPos - keyPos >= slidingWindow);
    const auto bias = at::zeros({P, T}, options).masked_fill_(masked, -std::numeric_limits<float>::infinity());
    const std::int64_t chunk = std::clamp<std::int64_t>(maxScoreElements / (heads * T), 1, P);
    for (std::int64_t start = 0; start < P; start += chunk) {
      const auto n = std::min(chunk, P - start);
      m_chunks.push_back({start, n, bias.narrow(0, start, n).expand({m_group, n, T}).reshape({1, m_group * n, T})});
    }
  }

  std::size_t chunks() const { return m_chunks.size(); }
  std::int64_t chunkStart(std::size_t c) const { return m_chunks[c].start; }
  std::int64_t chunkSize(std::size_t c) const { return m_chunks[c].size; }

  // [heads, n, D] queries of chunk c -> [heads, n, D] head outputs.
  at::Tensor operator()(std::size_t c, const at::Tensor& q) const {
    const auto& ch = m_chunks[c];
    const auto KV = m_values.size(0), D = m_values.size(2);
    const auto rows = q.reshape({KV, m_group * ch.size, D});
    const auto scores = at::baddbmm(ch.bias, rows, m_keysT, 1.0, m_scale);  // [KV, g*n, T]
    return at::bmm(at::softmax(scores, -1), m_values).view({m_heads, ch.size, D});
  }

 private:
  struct Chunk {
    std::int64_t start, size;
    at::Tensor bias;  // [1, group * size, T]
  };
  at::Tensor m_keysT, m_values;
  std::int64_t m_heads, m_group = 1;
  double m_scale;
  std::vector<Chunk> m_chunks;
};

}  // namespace

LayerUtility optimiseLayerUtility(const at::Tensor& q, const at::Tensor& keys, const at::Tensor& values,
                                  const std::vector<std::int64_t>& queryPositions, const UtilityOptions& options,
                                  int slidingWindow, double scale) {
  checkInputs(q, keys, values, queryPositions, options, slidingWindow, scale);
  c10::InferenceMode notInference(false);
  at::AutoGradMode gradOn(true);

  const auto device = q.device();
  const auto H = q.size(0), P = q.size(1), D = q.size(2);
  const double alpha = options.alpha == -1 ? 1.0 / static_cast<double>(D) : options.alpha;
  if (scale <= 0) scale = 1.0 / std::sqrt(static_cast<double>(D));
  const double positionWeight = options.norm == UtilityLossNorm::MeanOverPositions ? 1.0 / static_cast<double>(P) : 1.0;

  const auto queries = workingCopy(q, device);
  const LayerAttention attention(workingCopy(keys, device), workingCopy(values, device), queryPositions, H,
                                 slidingWindow, scale, options.maxScoreElements);
  std::vector<at::Tensor> targets;
  {
    at::NoGradGuard noGrad;
    for (std::size_t c = 0; c < attention.chunks(); ++c)
      targets.push_back(attention(c, queries.narrow(1, attention.chunkStart(c), attention.chunkSize(c))));
  }

  // Squared error per head at the current u; with `backward`, its gradient is added to u.grad.
  // Each chunk runs forward and backward on its own, so only one chunk's graph exists at a time.
  auto u = at::ones({H, D}, queries.options()).requires_grad_(true);
  const auto reconstructionOf = [&](bool backward) {
    auto total = at::zeros({H}, queries.options());
    for (std::size_t c = 0; c < attention.chunks(); ++c) {
      const auto rows = queries.narrow(1, attention.chunkStart(c), attention.chunkSize(c));
      const auto out = attention(c, rows * u.unsqueeze(1));
      const auto err = (out - targets[c]).square().sum({1, 2}) * positionWeight;  // [H]
      if (backward) err.sum().backward();
      total += err.detach();
    }
    return total;
  };

  // Projected Adam: a plain Adam step on Eq. 4, then u is clamped back into [0, 1]. The L1 term's
  // gradient is alpha (u >= 0), added by hand. A head that has stopped keeps its u and moments.
  auto m = at::zeros({H, D}, queries.options());
  auto v = at::zeros({H, D}, queries.options());
  auto active = at::ones({H, 1}, queries.options());  // 1 while the head is still optimised
  auto steps = at::zeros({H}, queries.options().dtype(at::kLong));
  auto converged = at::zeros({H}, queries.options().dtype(at::kBool));
  std::vector<at::Tensor> lossHistory;  // [H] objective before each step
  at::Tensor reconstruction, loss;
  struct {
    at::Tensor u, loss, reconstruction;
  } best;  // the lowest objective each head reached: Adam may end a little above it
  for (int step = 0;; ++step) {
    if (options.cancel != nullptr && options.cancel->cancelled())
      throw Error(ErrorCode::Cancelled, "utility scores", "cancelled");
    const bool update = step < options.steps;
    if (u.grad().defined()) u.mutable_grad().zero_();
    reconstruction = reconstructionOf(update);
    loss = reconstruction + alpha * u.detach().sum(1);
    lossHistory.push_back(loss);
    if (step == 0) {
      best = {u.detach().clone(), loss, reconstruction};
    } else {
      const auto better = loss < best.loss;  // [H]
      best.u = at::where(better.unsqueeze(1), u.detach(), best.u);
      best.loss = at::where(better, loss, best.loss);
      best.reconstruction = at::where(better, reconstruction, best.reconstruction);
    }
    if (step >= options.window) {
      const auto old = lossHistory[static_cast<std::size_t>(step - options.window)];
      const auto stalled = (old - loss).abs() <= options.tolerance * old.abs();  // [H]
      const auto stopNow = stalled.logical_and(active.squeeze(1) > 0);
      converged.logical_or_(stopNow);
      active.masked_fill_(stopNow.unsqueeze(1), 0.0);
    }
    if (!update || active.sum().item<double>() == 0) break;

    at::NoGradGuard noGrad;
    const auto g = u.grad() + alpha;
    const double t = step + 1;
    m.mul_(options.beta1).add_(g, 1 - options.beta1);
    v.mul_(options.beta2).addcmul_(g, g, 1 - options.beta2);
    const auto mHat = m / (1 - std::pow(options.beta1, t));
    const auto vHat = v / (1 - std::pow(options.beta2, t));
    u.sub_(active * options.learningRate * mHat / (vHat.sqrt() + options.epsilon)).clamp_(0.0, 1.0);
    steps += active.squeeze(1).to(at::kLong);
  }

  LayerUtility result;
  const auto perm = frequencyToStoragePermutation(static_cast<int>(D));
  const auto index = at::tensor(std::vector<std::int64_t>(perm.begin(), perm.end()), at::kLong).to(device);
  result.u = best.u.index_select(1, index).contiguous();
  result.finalLoss = best.loss;
  result.reconstruction = best.reconstruction;
  result.initialLoss = lossHistory.front();
  result.headSteps = steps;
  result.converged = converged;
  result.steps = static_cast<int>(steps.max().item<std::int64_t>());
  return result;
}

UtilityAccumulator::UtilityAccumulator(int layers, int heads, int headDim)
    : m_layers(layers), m_heads(heads), m_headDim(headDim) {
  if (layers <= 0 || heads <= 0 || headDim <= 0)
    bad("utility accumulator", "layers, heads and head_dim must be positive");
  const auto cells = static_cast<std::size_t>(layers) * static_cast<std::size_t>(heads);
  m_u.assign(cells * static_cast<std::size_t>(headDim), 0.0);
  m_reconstruction.assign(cells, 0.0);
  m_loss.assign(cells, 0.0);
  m_steps.assign(cells, 0.0);
  m_converged.assign(cells, 0.0);
  m_samples.assign(static_cast<std::size_t>(layers), 0);
}

void UtilityAccumulator::add(int layer, const LayerUtility& r) {
  if (layer < 0 || layer >= m_layers)
    bad("utility accumulator", "layer " + std::to_string(layer) + " outside [0, " + std::to_string(m_layers) + ")");
  if (!r.u.defined() || r.u.dim() != 2 || r.u.size(0) != m_heads || r.u.size(1) != m_headDim)
    bad("utility accumulator", "expected u of shape [" + std::to_string(m_heads) + ", " + std::to_string(m_headDim) +
                                   "], got " + (r.u.defined() ? shapeText(r.u) : std::string("none")));
  const auto u = r.u.to(at::kCPU, at::kDouble).contiguous();
  const auto* uv = u.data_ptr<double>();
  const auto cell = static_cast<std::size_t>(layer) * static_cast<std::size_t>(m_heads);
  const auto uBase = cell * static_cast<std::size_t>(m_headDim);
  for (std::size_t i = 0; i < static_cast<std::size_t>(m_heads * m_headDim); ++i) m_u[uBase + i] += uv[i];
  const auto addHeads = [&](std::vector<double>& sums, const at::Tensor& t) {
    const auto d = t.to(at::kCPU, at::kDouble).contiguous();
    for (std::size_t h = 0; h < static_cast<std::size_t>(m_heads); ++h) sums[cell + h] += d.data_ptr<double>()[h];
  };
  addHeads(m_reconstruction, r.reconstruction);
  addHeads(m_loss, r.finalLoss);
  addHeads(m_steps, r.headSteps);
  addHeads(m_converged, r.converged);
  ++m_samples[static_cast<std::size_t>(layer)];
}

UtilitySummary UtilityAccumulator::summary() const {
  UtilitySummary s;
  s.u = NdArray::zeros({m_layers, m_heads, m_headDim}, {"layer", "head", "dim"});
  s.reconstruction = NdArray::zeros({m_layers, m_heads}, {"layer", "head"});
  s.finalLoss = s.steps = s.converged = s.reconstruction;
  s.samples = m_samples;
  const auto perLayer = static_cast<std::size_t>(m_heads);
  for (std::size_t l = 0; l < static_cast<std::size_t>(m_layers); ++l) {
    const auto n = static_cast<double>(m_samples[l]);
    const auto mean = [&](double sum) {
      return n > 0 ? static_cast<float>(sum / n) : std::numeric_limits<float>::quiet_NaN();
    };
    for (std::size_t i = l * perLayer; i < (l + 1) * perLayer; ++i) {
      s.reconstruction.values[i] = mean(m_reconstruction[i]);
      s.finalLoss.values[i] = mean(m_loss[i]);
      s.steps.values[i] = mean(m_steps[i]);
      s.converged.values[i] = mean(m_converged[i]);
      for (std::size_t d = 0; d < static_cast<std::size_t>(m_headDim); ++d) {
        const auto k = i * static_cast<std::size_t>(m_headDim) + d;
        s.u.values[k] = mean(m_u[k]);
      }
    }
  }
  return s;
}

}  // namespace ropescope::engine
