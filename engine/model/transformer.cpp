// The shared decoder: weights, RoPE, chunked causal attention with hooks, KV cache, greedy decoding.
#include "engine/model/transformer.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>

#include "engine/core/error.h"
#include "engine/io/dims.h"
#include "engine/model/tensor_bridge.h"
#include "engine/results/mask_grid.h"

namespace ropescope::engine {

struct Transformer::Layer {
  at::Tensor inputNorm, postAttentionNorm, postFeedforwardNorm;
  at::Tensor q, k, v, o, qBias, kBias, vBias, oBias, qNorm, kNorm;
  at::Tensor gate, up, down;
};

namespace {

using Shape = std::vector<std::int64_t>;

// Every tensor of `ckpt` is in `used`, but for buffers older checkpoints carry and a redundant
// head copy of tied embeddings.
void checkNoTensorLeft(const Checkpoint& ckpt, const std::set<std::string>& used, bool tiedEmbeddings) {
  for (const auto& name : ckpt.tensorNames()) {
    if (used.count(name)) continue;
    if (name.ends_with("rotary_emb.inv_freq")) continue;
    if (tiedEmbeddings && name == "lm_head.weight") continue;
    throw Error(ErrorCode::Format, ckpt.folder().string(),
                "unexpected tensor '" + name + "' for " + ckpt.config().architecture());
  }
}

// Records which checkpoint tensors were used, so that leftovers can be reported.
class WeightLoader {
 public:
  WeightLoader(const Checkpoint& ckpt, at::ScalarType dtype, at::Device device)
      : m_ckpt(ckpt), m_dtype(dtype), m_device(device) {}

  at::Tensor take(const std::string& name, const Shape& shape) {
    m_used.insert(name);
    return loadTensor(m_ckpt.require(name), shape, m_dtype).to(m_device);
  }

  void checkNothingLeft(bool tiedEmbeddings) const { checkNoTensorLeft(m_ckpt, m_used, tiedEmbeddings); }

 private:
  const Checkpoint& m_ckpt;
  at::ScalarType m_dtype;
  at::Device m_device;
  std::set<std::string> m_used;
};

// In float32 whatever the compute dtype, cast back as transformers does: Llama-style norms
// cast before scaling by w, Gemma's after scaling by (1 + w).
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps, bool plusOne) {
  const auto xf = x.to(at::kFloat);
  const auto normed = xf * at::rsqrt(xf.pow(2).mean(-1, /*keepdim=*/true) + eps);
  if (plusOne) return (normed * (weight.to(at::kFloat) + 1.0)).to(x.scalar_type());
  return weight * normed.to(x.scalar_type());
}

at::Tensor rotateHalf(const at::Tensor& x) {
  const auto half = x.size(-1) / 2;
  return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

at::Tensor linear(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
  return b.defined() ? at::linear(x, w, b) : at::linear(x, w);
}

}  // namespace

at::Tensor KvCache::keys(int layer) const { return m_keys.at(static_cast<size_t>(layer)).narrow(1, 0, m_length); }

at::Tensor KvCache::values(int layer) const { return m_values.at(static_cast<size_t>(layer)).narrow(1, 0, m_length); }

void KvCache::clear() {
  m_keys.clear();
  m_values.clear();
  m_length = 0;
}

at::Tensor ropeInverseFrequencies(const ModelConfig& config) {
  const std::int64_t dim = config.headDim;
  const auto exponents = at::arange(0, dim, 2, at::kLong).to(at::kFloat) / static_cast<double>(dim);
  auto invFreq = at::reciprocal(at::pow(config.ropeTheta, exponents));
  // NoPE: every pair keeps angle 0, the rotation p-RoPE applies to the pairs it stops.
  if (config.noRope) return at::zeros_like(invFreq);
  if (!config.ropeScaling) return invFreq;
  const auto& s = *config.ropeScaling;
  if (s.type == "linear") return invFreq / s.factor;
  if (s.type == "llama3") {
    if (s.originalMaxPositionEmbeddings <= 0)
      throw Error(ErrorCode::Config, config.source.string(),
                  "rope_scaling llama3 needs original_max_position_embeddings");
    const double old = s.originalMaxPositionEmbeddings;
    const double lowWavelen = old / s.lowFreqFactor;
    const double highWavelen = old / s.highFreqFactor;
    const auto wavelen = at::reciprocal(invFreq) * (2 * std::numbers::pi);
    auto scaled = at::where(wavelen > lowWavelen, invFreq / s.factor, invFreq);
    const auto smooth = (at::reciprocal(wavelen) * old - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
    const auto smoothed = (1.0 - smooth) * scaled / s.factor + smooth * scaled;
    const auto medium = at::logical_not(wavelen < highWavelen).logical_and(at::logical_not(wavelen > lowWavelen));
    return at::where(medium, smoothed, scaled);
  }
  throw Error(ErrorCode::Unsupported, config.source.string(), "rope_scaling type '" + s.type + "' is not supported");
}

Transformer::~Transformer() = default;

at::ScalarType parseComputeDType(const std::string& name) {
  if (name == "float32" || name == "f32" || name == "fp32") return at::kFloat;
  if (name == "bfloat16" || name == "bf16") return at::kBFloat16;
  if (name == "float16" || name == "f16" || name == "fp16" || name == "half") return at::kHalf;
  throw Error(ErrorCode::InvalidArgument, "dtype", "'" + name + "' is not float32, bfloat16 or float16");
}

at::Device parseDevice(const std::string& name) {
  at::Device device(at::kCPU);
  try {
    device = at::Device(name);
  } catch (const std::exception&) {
    throw Error(ErrorCode::InvalidArgument, "device", "'" + name + "' is not a device (cpu, cuda, cuda:N)");
  }
  if (!device.is_cuda() && !device.is_cpu())
    throw Error(ErrorCode::InvalidArgument, "device", "'" + name + "' is not a device (cpu, cuda, cuda:N)");
  if (device.is_cuda() && !at::hasCUDA())
    throw Error(ErrorCode::Unsupported, "device", "this build of LibTorch has no CUDA support");
  return device;
}

std::unique_ptr<Transformer> Transformer::load(std::shared_ptr<const Checkpoint> checkpoint,
                                               const LoadOptions& options) {
  const auto device = parseDevice(options.device);
  if (device.is_cpu() && options.dtype == at::kHalf)
    throw Error(ErrorCode::Unsupported, "dtype",
                "float16 compute is not available on CPU; use bfloat16 or float32 (F16 checkpoints are converted)");
  if (options.dtype != at::kFloat && options.dtype != at::kBFloat16 && options.dtype != at::kHalf)
    throw Error(ErrorCode::InvalidArgument, "dtype", "compute dtype must be float32, bfloat16 or float16");
  std::unique_ptr<Transformer> model(new Transformer);
  model->m_checkpoint = std::move(checkpoint);
  model->m_config = model->m_checkpoint->config();
  model->m_origin = model->m_checkpoint->folder().string();
  WeightLoader w(*model->m_checkpoint, options.dtype, device);
  model->assemble([&](const std::string& name, const Shape& shape) { return w.take(name, shape); }, device);
  w.checkNothingLeft(model->m_config.tieWordEmbeddings);
  return model;
}

std::unique_ptr<Transformer> Transformer::fromWeights(ModelConfig config,
                                                      const std::vector<std::pair<std::string, at::Tensor>>& weights,
                                                      std::string origin) {
  std::unique_ptr<Transformer> model(new Transformer);
  model->m_config = std::move(config);
  model->m_origin = std::move(origin);
  std::map<std::string, at::Tensor> byName;
  for (const auto& [name, tensor] : weights)
    if (!byName.emplace(name, tensor).second)
      throw Error(ErrorCode::InvalidArgument, model->m_origin, "weight '" + name + "' is given twice");
  std::set<std::string> used;
  at::Device device = weights.empty() ? at::Device(at::kCPU) : weights.front().second.device();
  model->assemble(
      [&](const std::string& name, const Shape& shape) {
        const auto found = byName.find(name);
        if (found == byName.end())
          throw Error(ErrorCode::InvalidArgument, model->m_origin, "weight '" + name + "' is missing");
        if (found->second.sizes().vec() != shape)
          throw Error(ErrorCode::InvalidArgument, model->m_origin, "weight '" + name + "' has the wrong shape");
        if (found->second.device() != device || found->second.scalar_type() != weights.front().second.scalar_type())
          throw Error(ErrorCode::InvalidArgument, model->m_origin,
                      "weight '" + name + "' differs in device or dtype from the others");
        used.insert(name);
        return found->second;
      },
      device);
  for (const auto& [name, tensor] : byName)
    if (!used.count(name))
      throw Error(ErrorCode::InvalidArgument, model->m_origin,
                  "unexpected weight '" + name + "' for " + model->m_config.architecture());
  return model;
}

std::vector<std::pair<std::string, std::vector<std::int64_t>>> Transformer::weightShapes(const ModelConfig& config) {
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> shapes;
  Transformer layout;
  layout.m_config = config;
  layout.assemble(
      [&](const std::string& name, const Shape& shape) {
        shapes.emplace_back(name, shape);
        return at::Tensor();
      },
      at::Device(at::kCPU));
  return shapes;
}

void Transformer::checkCheckpoint(const Checkpoint& checkpoint) {
  std::set<std::string> used;
  for (const auto& [name, shape] : weightShapes(checkpoint.config())) {
    const auto ref = checkpoint.require(name);
    checkTensor(ref, shape);
    used.insert(name);
  }
  checkNoTensorLeft(checkpoint, used, checkpoint.config().tieWordEmbeddings);
}

const Checkpoint& Transformer::checkpoint() const {
  if (!m_checkpoint)
    throw Error(ErrorCode::InvalidArgument, m_origin, "the model was built in memory and has no checkpoint");
  return *m_checkpoint;
}

// Takes every weight the architecture needs, in checkpoint order, by name and shape.
void Transformer::assemble(const TakeWeight& take, at::Device device) {
  const auto& c = m_config;
  m_traits = architectureTraits(c);
  const auto& t = m_traits;
  const std::int64_t hidden = c.hiddenSize;
  const std::int64_t qWidth = std::int64_t{c.numHeads} * c.headDim;
  const std::int64_t kvWidth = std::int64_t{c.numKvHeads} * c.headDim;
  if (c.intermediateSize <= 0)
    throw Error(ErrorCode::Config, c.source.string(), "required field 'intermediate_size' is missing");
  const auto named = [&](const std::string& name, const Shape& shape) {
    m_named.emplace_back(name, take(name, shape));
    return m_named.back().second;
  };
  m_embed = named("model.embed_tokens.weight", {c.vocabSize, hidden});
  for (int l = 0; l < c.numLayers; ++l) {
    const auto w = [&](const char* suffix, const Shape& shape) { return named(layerTensorName(l, suffix), shape); };
    Layer layer;
    if (!t.postNorms) layer.inputNorm = w("input_layernorm.weight", {hidden});
    layer.q = w("self_attn.q_proj.weight", {qWidth, hidden});
    layer.k = w("self_attn.k_proj.weight", {kvWidth, hidden});
    layer.v = w("self_attn.v_proj.weight", {kvWidth, hidden});
    layer.o = w("self_attn.o_proj.weight", {hidden, qWidth});
    if (t.qkvBias) {
      layer.qBias = w("self_attn.q_proj.bias", {qWidth});
      layer.kBias = w("self_attn.k_proj.bias", {kvWidth});
      layer.vBias = w("self_attn.v_proj.bias", {kvWidth});
    }
    if (t.oBias) layer.oBias = w("self_attn.o_proj.bias", {hidden});
    if (t.qkNorm) {
      layer.qNorm = w("self_attn.q_norm.weight", {qWidth});
      layer.kNorm = w("self_attn.k_norm.weight", {kvWidth});
    }
    layer.postAttentionNorm = w("post_attention_layernorm.weight", {hidden});
    if (t.postNorms) layer.postFeedforwardNorm = w("post_feedforward_layernorm.weight", {hidden});
    layer.gate = w("mlp.gate_proj.weight", {c.intermediateSize, hidden});
    layer.up = w("mlp.up_proj.weight", {c.intermediateSize, hidden});
    layer.down = w("mlp.down_proj.weight", {hidden, c.intermediateSize});
    m_layers.push_back(std::move(layer));
  }
  m_finalNorm = named("model.norm.weight", {hidden});
  m_lmHead = c.tieWordEmbeddings ? m_embed : named("lm_head.weight", {c.vocabSize, hidden});
  m_invFreq = ropeInverseFrequencies(c).to(device);
}

PreparedInterventions Transformer::prepare(const Interventions& iv) const {
  const auto& c = m_config;
  const std::int64_t H = c.numHeads, D = c.headDim;
  if (iv.pRope < 0.0 || iv.pRope > 1.0)
    throw Error(ErrorCode::InvalidArgument, "p-RoPE", "p must lie in [0, 1], got " + std::to_string(iv.pRope));
  const auto checkHead = [&](const std::pair<int, int>& lh, const char* what) {
    if (lh.first < 0 || lh.first >= c.numLayers || lh.second < 0 || lh.second >= c.numHeads)
      throw Error(ErrorCode::InvalidArgument, what,
                  "layer " + std::to_string(lh.first) + " head " + std::to_string(lh.second) +
                      " does not exist (the model has " + std::to_string(c.numLayers) + " layers of " +
                      std::to_string(c.numHeads) + " heads)");
  };
  PreparedInterventions out;
  for (const auto& lh : iv.ablatedHeads) {
    checkHead(lh, "head ablation");
    out.m_ablatedHeads.resize(m_layers.size());
    out.m_ablatedHeads[static_cast<std::size_t>(lh.first)].push_back(lh.second);
  }
  // Masks go from frequency to storage order on the host, one [H, 1, D] upload per layer; a mask
  // of ones is left out (multiplying by it would change nothing but the work).
  const auto perm = frequencyToStoragePermutation(static_cast<int>(D));
  std::map<int, std::vector<float>> hostMasks;  // layer -> [H * D]
  for (const auto& [lh, mask] : iv.queryDimMasks) {
    checkHead(lh, "query mask");
    if (static_cast<std::int64_t>(mask.size()) != D)
      throw Error(ErrorCode::InvalidArgument, "query mask",
                  "has " + std::to_string(mask.size()) + " entries, head_dim is " + std::to_string(D));
    if (std::all_of(mask.begin(), mask.end(), [](float m) { return m == 1.0f; })) continue;
    auto& host = hostMasks.try_emplace(lh.first, static_cast<std::size_t>(H * D), 1.0f).first->second;
    for (std::int64_t f = 0; f < D; ++f)
      host[static_cast<std::size_t>(lh.second * D + perm[static_cast<std::size_t>(f)])] =
          mask[static_cast<std::size_t>(f)];
  }
  if (!hostMasks.empty()) out.m_queryMasks.resize(m_layers.size());
  for (auto& [layer, host] : hostMasks)
    out.m_queryMasks[static_cast<std::size_t>(layer)] =
        at::from_blob(host.data(), {H, 1, D}, at::kFloat).to(m_embed.options(), /*non_blocking=*/false, /*copy=*/true);
  // p-RoPE: the lowest-frequency pairs stop rotating (angle 0).
  const auto pairs = D / 2;
  const std::int64_t rotating = rotatingPairs(iv.pRope, static_cast<int>(pairs));
  std::set<std::pair<int, int>> changed(iv.ablatedHeads.begin(), iv.ablatedHeads.end());
  for (const auto& [lh, mask] : iv.queryDimMasks)
    if (std::any_of(mask.begin(), mask.end(), [](float m) { return m != 1.0f; })) changed.insert(lh);
  out.m_changedHeads = static_cast<int>(changed.size());
  if (rotating < pairs) {
    out.m_invFreq = m_invFreq.clone();
    out.m_invFreq.narrow(0, rotating, pairs - rotating).zero_();
    out.m_changedHeads = c.numLayers * c.numHeads;
  }
  return out;
}

// cos and sin of every position's angles, [S, D]: columns j and j + D/2 share inv_freq[j].
struct Transformer::Rope {
  at::Tensor cos, sin;
  std::int64_t past = 0, total = 0;
  at::Tensor queryPos, keyPos;  // [S, 1] and [1, T] absolute positions, for the causal mask
};

Transformer::Rope Transformer::ropeTables(std::int64_t past, std::int64_t total,
                                          const PreparedInterventions& interventions) const {
  const auto& invFreq = interventions.m_invFreq.defined() ? interventions.m_invFreq : m_invFreq;
  const auto longOnDevice = at::TensorOptions(at::kLong).device(device());
  const auto positions = at::arange(past, total, longOnDevice);  // [S]
  const auto freqs = at::outer(positions.to(at::kFloat), invFreq);
  const auto emb = at::cat({freqs, freqs}, -1);
  return {emb.cos().to(dtype()),
          emb.sin().to(dtype()),
          past,
          total,
          positions.unsqueeze(1),
          at::arange(0, total, longOnDevice).unsqueeze(0)};
}

void Transformer::checkTokens(std::int64_t tokens, std::int64_t past) const {
  const auto& c = m_config;
  if (tokens == 0) throw Error(ErrorCode::InvalidArgument, m_origin, "no token ids to run");
  if (c.maxPositionEmbeddings > 0 && past + tokens > c.maxPositionEmbeddings)
    throw Error(ErrorCode::InvalidArgument, m_origin,
                std::to_string(past + tokens) + " tokens exceed the model's context of " +
                    std::to_string(c.maxPositionEmbeddings) + " (max_position_embeddings)");
}

ForwardResult Transformer::forward(const std::vector<std::int64_t>& ids, const ForwardOptions& options,
                                   KvCache* cache) const {
  at::NoGradGuard noGrad;  // inference, also over trainable weights
  const auto& c = m_config;
  const std::int64_t S = static_cast<std::int64_t>(ids.size());
  const std::int64_t past = cache ? cache->m_length : 0;
  checkTokens(S, past);
  for (auto id : ids)
    if (id < 0 || id >= c.vocabSize)
      throw Error(
          ErrorCode::InvalidArgument, m_origin,
          "token id " + std::to_string(id) + " is outside the vocabulary [0, " + std::to_string(c.vocabSize) + ")");
  if (cache && cache->m_keys.empty()) {
    cache->m_keys.resize(m_layers.size());
    cache->m_values.resize(m_layers.size());
  }
  ForwardResult result;
  const auto x = layers(m_embed.index_select(0, at::tensor(ids, at::kLong).to(device())).unsqueeze(0),
                        ropeTables(past, past + S, options.interventions), options, cache, result)[0];
  if (cache) cache->m_length = past + S;
  auto normed = rmsNorm(options.allLogits ? x : x.narrow(0, S - 1, 1), m_finalNorm, c.rmsNormEps, m_traits.normPlusOne);
  if (options.capture.count({-1, Site::FinalNorm})) result.captured[{-1, Site::FinalNorm}] = normed;
  result.logits = at::linear(normed, m_lmHead).to(at::kFloat);
  return result;
}

at::Tensor Transformer::forwardBatch(const at::Tensor& ids, const at::Tensor& rows) const {
  const auto& c = m_config;
  if (ids.dim() != 2 || ids.scalar_type() != at::kLong)
    throw Error(ErrorCode::InvalidArgument, m_origin, "batch ids must be int64 [batch, tokens]");
  const std::int64_t B = ids.size(0), S = ids.size(1);
  checkTokens(S, 0);
  if (B == 0 || ids.min().item<std::int64_t>() < 0 || ids.max().item<std::int64_t>() >= c.vocabSize)
    throw Error(ErrorCode::InvalidArgument, m_origin,
                "batch ids must lie in the vocabulary [0, " + std::to_string(c.vocabSize) + ")");
  ForwardResult unused;
  ForwardOptions options;
  options.queryChunk = S;  // one chunk: the whole [batch x kv_heads, group x S, S] scores at once
  auto x = layers(m_embed.index_select(0, ids.to(device()).reshape({-1})).view({B, S, c.hiddenSize}),
                  ropeTables(0, S, options.interventions), options, nullptr, unused);
  if (rows.defined()) {
    if (rows.dim() != 2 || rows.size(0) != B || rows.scalar_type() != at::kLong)
      throw Error(ErrorCode::InvalidArgument, m_origin, "rows must be int64 [batch, k]");
    x = x.gather(1, rows.to(device()).unsqueeze(-1).expand({B, rows.size(1), c.hiddenSize}));
  }
  return at::linear(rmsNorm(x, m_finalNorm, c.rmsNormEps, m_traits.normPlusOne), m_lmHead).to(at::kFloat);
}

at::Tensor Transformer::layers(at::Tensor x, const Rope& rope, const ForwardOptions& options, KvCache* cache,
                               ForwardResult& result) const {
  const auto& c = m_config;
  const auto& t = m_traits;
  const auto keep = [&](int layer, Site site) {
    if (options.capture.count({layer, site})) result.captured[{layer, site}] = x[0];
  };
  if (t.scaleEmbeddings) x = x * at::scalar_tensor(std::sqrt(static_cast<double>(c.hiddenSize)), x.options());
  keep(-1, Site::Embed);
  for (std::size_t li = 0; li < m_layers.size(); ++li) {
    const int l = static_cast<int>(li);
    const auto& L = m_layers[li];
    const auto attn = attention(l, t.postNorms ? x : rmsNorm(x, L.inputNorm, c.rmsNormEps, t.normPlusOne), rope,
                                options, cache, result);
    x = x + (t.postNorms ? rmsNorm(attn, L.postAttentionNorm, c.rmsNormEps, false) : attn);
    const auto h = t.postNorms ? x : rmsNorm(x, L.postAttentionNorm, c.rmsNormEps, t.normPlusOne);
    const auto m = mlp(l, h, result, options);
    x = x + (t.postNorms ? rmsNorm(m, L.postFeedforwardNorm, c.rmsNormEps, false) : m);
    keep(l, Site::LayerOut);
  }
  return x;
}

// One layer's attention block on its normed input h [B, S, hidden]: the output after o_proj.
// Captures and the cache hold batch row 0 (inference runs one sequence).
at::Tensor Transformer::attention(int l, const at::Tensor& h, const Rope& rope, const ForwardOptions& options,
                                  KvCache* cache, ForwardResult& result) const {
  const auto& c = m_config;
  const auto& t = m_traits;
  const auto& L = m_layers[static_cast<std::size_t>(l)];
  const auto& iv = options.interventions;
  const auto keep = [&](Site site, const at::Tensor& value) {
    if (options.capture.count({l, site})) result.captured[{l, site}] = value[0];
  };
  const std::int64_t B = h.size(0), H = c.numHeads, KV = c.numKvHeads, D = c.headDim, group = H / KV;
  const std::int64_t S = h.size(1), past = rope.past, T = rope.total;
  auto q = linear(h, L.q, L.qBias);  // [B, S, H*D]
  auto k = linear(h, L.k, L.kBias);  // [B, S, KV*D]
  auto v = linear(h, L.v, L.vBias);
  if (t.qkNorm) {
    q = rmsNorm(q, L.qNorm, c.rmsNormEps, false);
    k = rmsNorm(k, L.kNorm, c.rmsNormEps, false);
  }
  q = q.view({B, S, H, D}).transpose(1, 2);   // [B, H, S, D]
  k = k.view({B, S, KV, D}).transpose(1, 2);  // [B, KV, S, D]
  v = v.view({B, S, KV, D}).transpose(1, 2).contiguous();
  keep(Site::QPreRope, q);
  keep(Site::KPreRope, k);
  q = q * rope.cos + rotateHalf(q) * rope.sin;
  k = k * rope.cos + rotateHalf(k) * rope.sin;
  keep(Site::QRope, q);
  keep(Site::KRope, k);
  keep(Site::V, v);
  if (!iv.m_queryMasks.empty() && iv.m_queryMasks[static_cast<std::size_t>(l)].defined())
    q = q * iv.m_queryMasks[static_cast<std::size_t>(l)];

  at::Tensor keys = k, values = v;  // [B, KV, T, D]
  if (cache) {
    // Storage grows geometrically ([KV, capacity, D]); each step writes its slice in place
    // instead of copying the whole cache.
    auto& ck = cache->m_keys[static_cast<std::size_t>(l)];
    auto& cv = cache->m_values[static_cast<std::size_t>(l)];
    if (!ck.defined() || ck.size(1) < T) {
      const std::int64_t capacity = std::max<std::int64_t>(T, ck.defined() ? 2 * ck.size(1) : T + 64);
      auto grownK = at::empty({KV, capacity, D}, k.options());
      auto grownV = at::empty({KV, capacity, D}, v.options());
      if (past > 0) {
        grownK.narrow(1, 0, past).copy_(ck.narrow(1, 0, past));
        grownV.narrow(1, 0, past).copy_(cv.narrow(1, 0, past));
      }
      ck = grownK;
      cv = grownV;
    }
    ck.narrow(1, past, S).copy_(k[0]);
    cv.narrow(1, past, S).copy_(v[0]);
    keys = ck.narrow(1, 0, T).unsqueeze(0);
    values = cv.narrow(1, 0, T).unsqueeze(0);
  }

  // Query heads h*group .. h*group+group-1 share KV head h: attend in [B*KV, group, ...] form,
  // a chunk of queries at a time so that at most [H, chunk, T] scores exist at once.
  // Batched over KV heads with the group folded into the rows, so that bmm reads the cached
  // keys and values in place (a broadcasting matmul would copy them every call).
  const auto& queryPos = rope.queryPos;
  const auto& keyPos = rope.keyPos;
  const double sqrtHeadDim = std::sqrt(static_cast<double>(D));  // transformers divides by it
  const auto qGrouped = q.reshape({B * KV, group, S, D});
  const auto keysT = keys.reshape({B * KV, T, D}).transpose(1, 2);  // [B*KV, D, T], a view
  const auto valuesFlat = values.reshape({B * KV, T, D});
  const bool wantProbs = options.capture.count({l, Site::AttnProbs}) > 0;
  const auto f32 = h.options().dtype(at::kFloat);
  at::Tensor probsAll = wantProbs ? at::empty({H, S, T}, f32) : at::Tensor();
  const bool wantMass = options.capture.count({l, Site::SegmentMass}) > 0;
  const auto segmentCount = static_cast<std::int64_t>(options.segments.size());
  at::Tensor mass = wantMass ? at::zeros({H, S, segmentCount}, f32) : at::Tensor();
  const std::int64_t chunk = std::max<std::int64_t>(1, options.queryChunk);
  // One chunk (every training batch, most prompts) keeps its output as is; more are copied into
  // place. Autograd sees the same arithmetic either way.
  at::Tensor context = S > chunk ? at::empty({B * KV, group, S, D}, h.options()) : at::Tensor();
  for (std::int64_t start = 0; start < S; start += chunk) {
    const std::int64_t n = std::min(chunk, S - start);
    const auto rows = qGrouped.narrow(2, start, n).reshape({B * KV, group * n, D});
    // Causal (and sliding-window) mask as an additive bias, fused with the scaling into one
    // baddbmm: scores = bias + (q k^T) / sqrt(head_dim).
    const auto qp = queryPos.narrow(0, start, n);
    auto masked = keyPos > qp;  // [n, T]
    if (t.slidingWindow > 0) masked = masked.logical_or(qp - keyPos >= t.slidingWindow);
    const auto bias = at::zeros({n, T}, h.options())
                          .masked_fill_(masked, -std::numeric_limits<float>::infinity())
                          .expand({group, n, T})
                          .reshape({1, group * n, T});
    const auto scores = at::baddbmm(bias, rows, keysT, 1.0, 1.0 / sqrtHeadDim).view({B * KV, group, n, T});
    const auto probs32 = at::softmax(scores, -1, at::kFloat);  // [B*KV, g, n, T]
    const auto out = at::bmm(probs32.to(dtype()).view({B * KV, group * n, T}), valuesFlat).view({B * KV, group, n, D});
    if (context.defined())
      context.narrow(2, start, n).copy_(out);
    else
      context = out;
    if (wantProbs) probsAll.narrow(1, start, n).copy_(probs32.reshape({H, n, T}));
    for (std::int64_t g = 0; wantMass && g < segmentCount; ++g) {
      const auto [begin, end] = options.segments[static_cast<std::size_t>(g)];
      const auto b = std::clamp<std::int64_t>(begin, 0, T);
      const auto e = std::clamp<std::int64_t>(end, b, T);
      if (e > b) mass.narrow(1, start, n).select(2, g).copy_(probs32.narrow(3, b, e - b).sum(-1).reshape({H, n}));
    }
  }
  if (wantProbs) result.captured[{l, Site::AttnProbs}] = probsAll;
  if (wantMass) result.captured[{l, Site::SegmentMass}] = mass;
  auto heads = context.reshape({B, H, S, D});
  if (!iv.m_ablatedHeads.empty())
    for (const auto head : iv.m_ablatedHeads[static_cast<std::size_t>(l)]) heads.select(1, head).zero_();
  keep(Site::HeadOut, heads);
  const auto out = linear(heads.transpose(1, 2).reshape({B, S, H * D}), L.o, L.oBias);
  keep(Site::AttnOut, out);
  return out;
}

// One layer's gated MLP on its normed input h [B, S, hidden].
at::Tensor Transformer::mlp(int l, const at::Tensor& h, ForwardResult& result, const ForwardOptions& options) const {
  const auto& L = m_layers[static_cast<std::size_t>(l)];
  const auto gate = at::linear(h, L.gate);
  const auto act = m_traits.activation == Activation::Silu ? at::silu(gate) : at::gelu(gate, "tanh");
  const auto out = at::linear(act * at::linear(h, L.up), L.down);
  if (options.capture.count({l, Site::MlpOut})) result.captured[{l, Site::MlpOut}] = out[0];
  return out;
}

}  // namespace ropescope::engine
