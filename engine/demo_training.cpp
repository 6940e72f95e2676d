// Demo models: the trainable decoder, AdamW training on the synthetic QA task, and saving.
#include "engine/demo_training.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numbers>

#include "engine/demo_data.h"
#include "engine/demo_tokenizer.h"
#include "engine/error.h"
#include "engine/prompt_template.h"
#include "engine/qa_data.h"
#include "engine/safetensors.h"
#include "engine/split_mix.h"
#include "engine/tokenizer.h"

namespace ropescope::engine {

namespace {

// Independent streams of one user seed: initial weights, training samples, held-out samples.
enum class Stream : std::uint64_t { Weights = 1, Training = 2, HeldOut = 3 };
std::uint64_t streamSeed(std::uint64_t seed, Stream stream) {
  std::uint64_t state = seed ^ (0xa0761d6478bd642fULL * static_cast<std::uint64_t>(stream));
  return splitMix64(state);
}

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
  return weight * (x * at::rsqrt(x.pow(2).mean(-1, /*keepdim=*/true) + eps));
}

at::Tensor rotateHalf(const at::Tensor& x) {
  const auto half = x.size(-1) / 2;
  return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

void checkConfig(const DemoModelConfig& c) {
  const auto bad = [](const std::string& what) { throw Error(ErrorCode::InvalidArgument, "demo model", what); };
  if (c.layers < 1 || c.hidden < 1 || c.heads < 1 || c.kvHeads < 1 || c.headDim < 2 || c.intermediate < 1)
    bad("layers, hidden, heads, kv heads, head_dim and intermediate size must be positive");
  if (c.headDim % 2 != 0) bad("head_dim " + std::to_string(c.headDim) + " is odd: RoPE rotates pairs");
  if (c.heads % c.kvHeads != 0)
    bad(std::to_string(c.heads) + " heads are not a multiple of " + std::to_string(c.kvHeads) + " kv heads");
  if (c.vocabSize < 1) bad("the vocabulary is empty");
  for (auto id : {c.bosId, c.eosId, c.padId})
    if (id < 0 || id >= c.vocabSize) bad("special token id " + std::to_string(id) + " is outside the vocabulary");
  if (c.maxPositions < 2) bad("max positions must be at least 2");
  if (c.ropeTheta <= 0) bad("rope theta must be positive");
}

double demoInitStd(const DemoModelConfig& c) { return 1.0 / std::sqrt(static_cast<double>(c.hidden)); }

at::Device parseDevice(const std::string& name) {
  at::Device device(at::kCPU);
  try {
    device = at::Device(name);
  } catch (const std::exception&) {
    throw Error(ErrorCode::InvalidArgument, "device", "'" + name + "' is not a device (cpu, cuda, cuda:N)");
  }
  if (device.is_cuda() && !at::hasCUDA())
    throw Error(ErrorCode::Unsupported, "device", "this build of LibTorch has no CUDA support");
  if (!device.is_cuda() && !device.is_cpu())
    throw Error(ErrorCode::InvalidArgument, "device", "'" + name + "' is not a device (cpu, cuda, cuda:N)");
  return device;
}

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw Error(ErrorCode::Io, path.string(), "cannot write");
}

std::filesystem::path normalisedTarget(const std::filesystem::path& folder) {
  auto target = std::filesystem::absolute(folder).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  return target;
}

}  // namespace

struct DemoModel::Impl {
  struct Layer {
    at::Tensor inputNorm, q, k, v, o, postNorm, gate, up, down;
  };
  DemoModelConfig config;
  at::Tensor embed, finalNorm, lmHead;  // lmHead undefined when tied
  std::vector<Layer> layers;
  at::Tensor invFreq;  // [head_dim / 2], as transformers computes it

  std::vector<std::pair<std::string, at::Tensor>> named() const {
    std::vector<std::pair<std::string, at::Tensor>> out{{"model.embed_tokens.weight", embed}};
    for (std::size_t l = 0; l < layers.size(); ++l) {
      const auto p = "model.layers." + std::to_string(l) + ".";
      const auto& L = layers[l];
      out.insert(out.end(), {{p + "input_layernorm.weight", L.inputNorm},
                             {p + "self_attn.q_proj.weight", L.q},
                             {p + "self_attn.k_proj.weight", L.k},
                             {p + "self_attn.v_proj.weight", L.v},
                             {p + "self_attn.o_proj.weight", L.o},
                             {p + "post_attention_layernorm.weight", L.postNorm},
                             {p + "mlp.gate_proj.weight", L.gate},
                             {p + "mlp.up_proj.weight", L.up},
                             {p + "mlp.down_proj.weight", L.down}});
    }
    out.emplace_back("model.norm.weight", finalNorm);
    if (lmHead.defined()) out.emplace_back("lm_head.weight", lmHead);
    return out;
  }

  at::Tensor forward(const at::Tensor& ids, const at::Tensor& rows) const {
    const auto& c = config;
    const std::int64_t B = ids.size(0), S = ids.size(1), H = c.heads, KV = c.kvHeads, D = c.headDim;
    if (S > c.maxPositions)
      throw Error(ErrorCode::InvalidArgument, "demo model",
                  std::to_string(S) + " tokens exceed max positions " + std::to_string(c.maxPositions));
    const auto dev = embed.device();
    auto x = embed.index_select(0, ids.reshape({-1})).view({B, S, c.hidden});
    at::Tensor cos, sin;
    if (c.rope) {
      const auto positions = at::arange(0, S, at::TensorOptions(at::kLong).device(dev)).to(at::kFloat);
      const auto freqs = at::outer(positions, invFreq);
      const auto emb = at::cat({freqs, freqs}, -1);  // [S, D]
      cos = emb.cos();
      sin = emb.sin();
    }
    const auto mask = at::full({S, S}, -std::numeric_limits<float>::infinity(), x.options()).triu(1);
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    for (const auto& L : layers) {
      const auto h = rmsNorm(x, L.inputNorm, c.rmsNormEps);
      auto q = at::linear(h, L.q).view({B, S, H, D}).transpose(1, 2);  // [B, H, S, D]
      auto k = at::linear(h, L.k).view({B, S, KV, D}).transpose(1, 2);
      auto v = at::linear(h, L.v).view({B, S, KV, D}).transpose(1, 2);
      if (c.rope) {
        q = q * cos + rotateHalf(q) * sin;
        k = k * cos + rotateHalf(k) * sin;
      }
      if (H != KV) {  // query head h reads kv head h / (H / KV)
        k = k.repeat_interleave(H / KV, 1);
        v = v.repeat_interleave(H / KV, 1);
      }
      // scores = mask + q k^T / sqrt(D) in one baddbmm over [B * H] matrices.
      const auto scores =
          at::baddbmm(mask, q.reshape({B * H, S, D}), k.reshape({B * H, S, D}).transpose(1, 2), 1.0, scale);
      const auto context = at::bmm(at::softmax(scores, -1), v.reshape({B * H, S, D}));  // [B * H, S, D]
      x = x + at::linear(context.view({B, H, S, D}).transpose(1, 2).reshape({B, S, H * D}), L.o);
      const auto h2 = rmsNorm(x, L.postNorm, c.rmsNormEps);
      x = x + at::linear(at::silu(at::linear(h2, L.gate)) * at::linear(h2, L.up), L.down);
    }
    if (rows.defined()) x = x.gather(1, rows.unsqueeze(-1).expand({B, rows.size(1), c.hidden}));
    return at::linear(rmsNorm(x, finalNorm, c.rmsNormEps), lmHead.defined() ? lmHead : embed);
  }
};

DemoModel::DemoModel(const DemoModelConfig& config, std::uint64_t seed, const std::string& device)
    : m_impl(std::make_unique<Impl>()) {
  checkConfig(config);
  const auto dev = parseDevice(device);
  auto& m = *m_impl;
  m.config = config;
  const auto& c = config;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  // Fan-in scaled (the 0.02 of large models is too small at this width: attention then
  // takes much longer to leave its uniform start); output projections scaled down by depth.
  const double stdDev = demoInitStd(c), outStd = stdDev / std::sqrt(2.0 * c.layers);
  const auto normal = [&](std::vector<std::int64_t> shape, double sd) {
    return at::normal(0.0, sd, shape, gen, at::TensorOptions(at::kFloat)).to(dev).requires_grad_(true);
  };
  const auto ones = [&](std::int64_t n) { return at::ones({n}, at::kFloat).to(dev).requires_grad_(true); };
  const std::int64_t hidden = c.hidden, qWidth = std::int64_t{c.heads} * c.headDim,
                     kvWidth = std::int64_t{c.kvHeads} * c.headDim;
  m.embed = normal({c.vocabSize, hidden}, stdDev);
  for (int l = 0; l < c.layers; ++l) {
    Impl::Layer L;
    L.inputNorm = ones(hidden);
    L.q = normal({qWidth, hidden}, stdDev);
    L.k = normal({kvWidth, hidden}, stdDev);
    L.v = normal({kvWidth, hidden}, stdDev);
    L.o = normal({hidden, qWidth}, outStd);
    L.postNorm = ones(hidden);
    L.gate = normal({c.intermediate, hidden}, stdDev);
    L.up = normal({c.intermediate, hidden}, stdDev);
    L.down = normal({hidden, c.intermediate}, outStd);
    m.layers.push_back(std::move(L));
  }
  m.finalNorm = ones(hidden);
  if (!c.tieEmbeddings) m.lmHead = normal({c.vocabSize, hidden}, stdDev);
  const auto exponents = at::arange(0, c.headDim, 2, at::kLong).to(at::kFloat) / static_cast<double>(c.headDim);
  m.invFreq = at::reciprocal(at::pow(c.ropeTheta, exponents)).to(dev);
}

DemoModel::~DemoModel() = default;

const DemoModelConfig& DemoModel::config() const { return m_impl->config; }

std::vector<at::Tensor> DemoModel::parameters() const {
  std::vector<at::Tensor> out;
  for (const auto& [name, t] : m_impl->named()) out.push_back(t);
  return out;
}

at::Tensor DemoModel::forward(const at::Tensor& ids, const at::Tensor& rows) const {
  if (ids.dim() != 2 || ids.scalar_type() != at::kLong)
    throw Error(ErrorCode::InvalidArgument, "demo model", "ids must be int64 [batch, tokens]");
  const auto dev = m_impl->embed.device();
  return m_impl->forward(ids.to(dev), rows.defined() ? rows.to(dev) : rows);
}

at::Tensor DemoModel::logits(const std::vector<std::int64_t>& ids) const {
  at::NoGradGuard noGrad;
  for (auto id : ids)
    if (id < 0 || id >= m_impl->config.vocabSize)
      throw Error(ErrorCode::InvalidArgument, "demo model",
                  "token id " + std::to_string(id) + " is outside the vocabulary");
  return forward(at::tensor(ids, at::kLong).unsqueeze(0))[0].to(at::kCPU);
}

void checkModelFolderTarget(const std::filesystem::path& folder) {
  const auto target = normalisedTarget(folder);
  std::error_code ec;
  if (!std::filesystem::is_directory(target.parent_path(), ec))
    throw Error(ErrorCode::NotFound, folder.string(),
                "the folder " + target.parent_path().string() + " does not exist");
  if (!std::filesystem::exists(target, ec)) return;
  if (!std::filesystem::is_directory(target, ec))
    throw Error(ErrorCode::InvalidArgument, folder.string(), "exists and is not a folder");
  if (std::filesystem::is_empty(target, ec) || std::filesystem::exists(target / "config.json", ec)) return;
  throw Error(ErrorCode::InvalidArgument, folder.string(),
              "exists and is not a model folder (no config.json); not replacing it");
}

void DemoModel::save(const std::filesystem::path& folder, const std::string& tokenizerJson) const {
  checkModelFolderTarget(folder);
  const auto target = normalisedTarget(folder);
  const auto& c = m_impl->config;
  static std::atomic<unsigned> counter{0};
  const auto suffix = std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
  const auto tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
  std::error_code ec;
  if (!std::filesystem::create_directory(tmp, ec))
    throw Error(ErrorCode::Io, tmp.string(), "cannot create the folder: " + ec.message());
  try {
    nlohmann::ordered_json config = {{"architectures", {"LlamaForCausalLM"}},
                                     {"model_type", "llama"},
                                     {"hidden_size", c.hidden},
                                     {"intermediate_size", c.intermediate},
                                     {"num_attention_heads", c.heads},
                                     {"num_key_value_heads", c.kvHeads},
                                     {"head_dim", c.headDim},
                                     {"num_hidden_layers", c.layers},
                                     {"hidden_act", "silu"},
                                     {"rms_norm_eps", c.rmsNormEps},
                                     {"rope_theta", c.ropeTheta},
                                     {"rope_scaling", nullptr},
                                     {"max_position_embeddings", c.maxPositions},
                                     {"vocab_size", c.vocabSize},
                                     {"bos_token_id", c.bosId},
                                     {"eos_token_id", c.eosId},
                                     {"pad_token_id", c.padId},
                                     {"tie_word_embeddings", c.tieEmbeddings},
                                     {"attention_bias", false},
                                     {"mlp_bias", false},
                                     {"attention_dropout", 0.0},
                                     {"initializer_range", demoInitStd(c)},
                                     {"use_cache", true},
                                     {"torch_dtype", "float32"}};
    if (!c.rope) config["ropescope_nope"] = true;
    writeTextFile(tmp / "config.json", config.dump(2) + "\n");
    const nlohmann::ordered_json generation = {
        {"bos_token_id", c.bosId}, {"eos_token_id", c.eosId}, {"pad_token_id", c.padId}, {"do_sample", false}};
    writeTextFile(tmp / "generation_config.json", generation.dump(2) + "\n");
    const nlohmann::ordered_json tokenizerConfig = {{"tokenizer_class", "PreTrainedTokenizerFast"},
                                                    {"bos_token", kDemoBosToken},
                                                    {"eos_token", kDemoEosToken},
                                                    {"pad_token", kDemoPadToken},
                                                    {"model_max_length", c.maxPositions},
                                                    {"clean_up_tokenization_spaces", false}};
    writeTextFile(tmp / "tokenizer_config.json", tokenizerConfig.dump(2) + "\n");
    writeTextFile(tmp / "tokenizer.json", tokenizerJson);

    std::vector<at::Tensor> host;  // keeps the bytes alive while writing
    std::vector<TensorToWrite> tensors;
    for (const auto& [name, t] : m_impl->named()) {
      host.push_back(t.detach().to(at::kCPU, at::kFloat).contiguous());
      const auto& h = host.back();
      tensors.push_back({name, DType::F32, h.sizes().vec(),
                         std::span<const std::byte>(static_cast<const std::byte*>(h.data_ptr()), h.nbytes())});
    }
    writeSafetensors(tmp / "model.safetensors", tensors, {{"format", "pt"}});
  } catch (...) {
    std::filesystem::remove_all(tmp, ec);
    throw;
  }
  // Swap the finished folder in: the old one moves aside first and goes once the new is there.
  std::filesystem::path old;
  if (std::filesystem::exists(target, ec)) {
    old = target.parent_path() / ("." + target.filename().string() + ".old-" + suffix);
    std::filesystem::rename(target, old, ec);
    if (ec) {
      std::filesystem::remove_all(tmp, ec);
      throw Error(ErrorCode::Io, folder.string(), "cannot move the old folder aside: " + ec.message());
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    const auto why = ec.message();
    if (!old.empty()) std::filesystem::rename(old, target, ec);
    std::filesystem::remove_all(tmp, ec);
    throw Error(ErrorCode::Io, folder.string(), "cannot put the new folder in place: " + why);
  }
  if (!old.empty()) std::filesystem::remove_all(old, ec);
}

std::vector<std::vector<std::int64_t>> demoGreedy(const DemoModel& model,
                                                  const std::vector<std::vector<std::int64_t>>& prompts,
                                                  int maxNewTokens) {
  at::NoGradGuard noGrad;
  const auto& c = model.config();
  std::vector<std::vector<std::int64_t>> out(prompts.size());
  constexpr std::size_t kChunk = 32;
  for (std::size_t begin = 0; begin < prompts.size(); begin += kChunk) {
    const auto end = std::min(prompts.size(), begin + kChunk);
    std::vector<std::size_t> active;
    for (auto i = begin; i < end; ++i) active.push_back(i);
    for (int step = 0; step < maxNewTokens && !active.empty(); ++step) {
      std::int64_t longest = 0;
      for (auto i : active)
        longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(prompts[i].size() + out[i].size()));
      const auto B = static_cast<std::int64_t>(active.size());
      auto ids = at::full({B, longest}, c.padId, at::kLong);
      auto rows = at::empty({B, 1}, at::kLong);
      auto idsA = ids.accessor<std::int64_t, 2>();
      auto rowsA = rows.accessor<std::int64_t, 2>();
      for (std::int64_t b = 0; b < B; ++b) {
        const auto i = active[static_cast<std::size_t>(b)];
        std::int64_t t = 0;
        for (auto id : prompts[i]) idsA[b][t++] = id;
        for (auto id : out[i]) idsA[b][t++] = id;
        rowsA[b][0] = t - 1;
      }
      const auto next = model.forward(ids, rows).squeeze(1).argmax(-1).to(at::kCPU);
      std::vector<std::size_t> still;
      for (std::int64_t b = 0; b < B; ++b) {
        const auto i = active[static_cast<std::size_t>(b)];
        const auto id = next[b].item<std::int64_t>();
        out[i].push_back(id);
        if (id != c.eosId) still.push_back(i);
      }
      active = std::move(still);
    }
  }
  return out;
}

DemoSequence demoCopySequence(const DemoModelConfig& c, int maxPeriod, std::uint64_t seed) {
  DemoSequence out;
  out.auxiliary = true;
  const int period =
      maxPeriod <= 4 ? maxPeriod : 4 + static_cast<int>(splitMix64(seed) % static_cast<std::uint64_t>(maxPeriod - 3));
  std::vector<std::int64_t> pattern;
  while (static_cast<int>(pattern.size()) < period) {
    const auto id = static_cast<std::int64_t>(splitMix64(seed) % static_cast<std::uint64_t>(c.vocabSize));
    if (id != c.bosId && id != c.eosId && id != c.padId) pattern.push_back(id);
  }
  const auto length = period * (2 + static_cast<int>(splitMix64(seed) % 3));
  out.ids.push_back(c.bosId);
  for (int i = 0; i < length; ++i) {
    const auto id = pattern[static_cast<std::size_t>(i % period)];
    if (i >= period) out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, id);
    out.ids.push_back(id);
  }
  return out;
}

namespace {
// The token ids of the demo's names and values (each one token after a space).
struct RecallTokens {
  std::vector<std::int64_t> names, values;
};
const RecallTokens& recallTokens() {
  static const RecallTokens tokens = [] {
    const auto tokenizer = Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json");
    RecallTokens t;
    const auto& v = demoVocabulary();
    for (const auto& name : v.names) t.names.push_back(tokenizer.encode(" " + name).front());
    for (const auto* values : {&v.cities, &v.jobs})
      for (const auto& value : *values) t.values.push_back(tokenizer.encode(" " + value).front());
    return t;
  }();
  return tokens;
}
}  // namespace

DemoSequence demoRecallSequence(const DemoModelConfig& c, int pairs, std::uint64_t seed) {
  if (pairs < 1 || pairs > 40)
    throw Error(ErrorCode::InvalidArgument, "recall task", "pairs per sequence must lie in 1..40");
  const auto& tokens = recallTokens();
  DemoSequence out;
  out.auxiliary = true;
  const auto draw = [&](std::vector<std::int64_t> pool) {
    partialShuffle(pool, static_cast<std::size_t>(pairs), seed);
    pool.resize(static_cast<std::size_t>(pairs));
    return pool;
  };
  const auto names = draw(tokens.names), values = draw(tokens.values);
  out.ids.push_back(c.bosId);
  for (int i = 0; i < pairs; ++i) {
    out.ids.push_back(names[static_cast<std::size_t>(i)]);
    out.ids.push_back(values[static_cast<std::size_t>(i)]);
  }
  std::vector<int> order(static_cast<std::size_t>(pairs));
  for (int i = 0; i < pairs; ++i) order[static_cast<std::size_t>(i)] = i;
  partialShuffle(order, order.size(), seed);
  for (int i : order) {
    out.ids.push_back(names[static_cast<std::size_t>(i)]);
    out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, values[static_cast<std::size_t>(i)]);
    out.ids.push_back(values[static_cast<std::size_t>(i)]);
  }
  out.ids.pop_back();
  return out;
}

namespace {

// The analyses' prompt of `sample` under the Plain template, or without its instruction (the
// first stage of the curriculum).
std::vector<std::int64_t> promptIds(const Tokenizer& tokenizer, const QaSample& sample, bool withInstruction = true) {
  auto prompt = qaPrompt(sample).text();
  if (!withInstruction) prompt = prompt.substr(prompt.find("\n\n") + 2);
  return encodePrompt(tokenizer, PromptTemplate::Plain, {"", prompt});
}

// One QA training sequence: the prompt exactly as the analyses build it, its reply (name, value)
// and EOS, then questions about other documents ("Question: ...\nAnswer:"), each followed by its
// reply and EOS. The loss is on those replies and EOS tokens only.
DemoSequence trainingSequence(const Tokenizer& tokenizer, std::int64_t eosId, const QaSample& sample,
                              int extraQuestions, std::uint64_t orderSeed, bool withInstruction = true) {
  DemoSequence out;
  out.ids = promptIds(tokenizer, sample, withInstruction);
  const auto answer = [&](const std::string& text) {
    auto target = tokenizer.encode(" " + text);
    target.push_back(eosId);
    for (auto id : target) {
      out.targets.emplace_back(static_cast<std::int64_t>(out.ids.size()) - 1, id);
      out.ids.push_back(id);
    }
  };
  answer(demoQuestionAbout(sample, sample.goldIndex).reply);
  // The other documents in an order drawn from `orderSeed`; at most half of them are asked, so
  // that each question still has several candidates left.
  std::vector<int> others;
  for (int d = 0; d < static_cast<int>(sample.documents.size()); ++d)
    if (d != sample.goldIndex) others.push_back(d);
  const int extra = std::min(extraQuestions, static_cast<int>(sample.documents.size()) / 2);
  partialShuffle(others, static_cast<std::size_t>(extra), orderSeed);
  for (int q = 0; q < extra; ++q) {
    const auto about = demoQuestionAbout(sample, others[static_cast<std::size_t>(q)]);
    const auto question = tokenizer.encode("Question: " + about.question + "\nAnswer:");
    out.ids.insert(out.ids.end(), question.begin(), question.end());
    answer(about.reply);
  }
  out.ids.pop_back();  // the last EOS is only a target
  return out;
}

}  // namespace

DemoTrainResult trainDemoModel(const DemoTrainOptions& options, const std::filesystem::path& output,
                               const RunControl& control, const std::function<void(const DemoTrainStatus&)>& onStatus) {
  const auto bad = [](const std::string& option, const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, option, what);
  };
  if (options.steps < 1) bad("steps", "must be at least 1, got " + std::to_string(options.steps));
  if (options.batchSize < 1) bad("batch size", "must be at least 1, got " + std::to_string(options.batchSize));
  if (!(options.learningRate > 0) || !(options.minLearningRate >= 0) || options.minLearningRate > options.learningRate)
    bad("learning rate", "needs a positive peak and 0 <= minimum <= peak");
  if (!(options.weightDecay >= 0) || !(options.clipNorm >= 0))
    bad("optimiser", "weight decay and clip norm must not be negative");
  if (options.warmupSteps < 0 || options.logEvery < 1 || options.evalEvery < 0)
    bad("schedule", "warmup and evaluation intervals must not be negative, the log interval positive");
  if (options.curriculumHoldSteps < 0 || options.curriculumRampSteps < 0)
    bad("curriculum", "hold and ramp steps must not be negative");
  if (!(options.copyFraction >= 0 && options.copyFraction < 1))
    bad("copy task", "the fraction of copy sequences must lie in [0, 1)");
  if (options.copyPeriod < 1 || options.copyPeriod > 128) bad("copy task", "the period must lie in 1..128");
  if (!(options.recallFraction >= 0 && options.copyFraction + options.recallFraction < 1))
    bad("recall task", "the fractions of copy and recall sequences must lie in [0, 1) together");
  if (options.auxiliaryOnlySteps < 0 ||
      (options.auxiliaryOnlySteps > 0 && options.copyFraction + options.recallFraction <= 0))
    bad("auxiliary-only steps", "need copy or recall sequences and must not be negative");
  if (options.recallPairs < 4 || options.recallPairs > 40) bad("recall task", "pairs per sequence must lie in 4..40");
  if (options.curriculumStartDocuments < 1 || options.curriculumStartDocuments > kDemoDocuments)
    bad("curriculum", "start documents must lie in 1.." + std::to_string(kDemoDocuments));
  if (options.questionsPerPrompt < 1) bad("questions per prompt", "must be at least 1");
  if (options.evalSamplesPerPosition < 1) bad("held-out samples", "must be at least 1 per position");
  checkModelFolderTarget(output);

  const auto& tokenizerJson = demoTokenizerJson();
  const auto tokenizer = Tokenizer::fromJsonText(tokenizerJson, "demo tokenizer.json");
  DemoModelConfig config = options.model;
  config.vocabSize = static_cast<int>(tokenizer.vocabSize());
  config.bosId = *tokenizer.tokenId(kDemoBosToken);
  config.eosId = *tokenizer.tokenId(kDemoEosToken);
  config.padId = *tokenizer.tokenId(kDemoPadToken);
  const auto trainSeed = streamSeed(options.seed, Stream::Training);
  const auto orderSeed = [&](std::int64_t index) {
    return trainSeed ^ (0x9fb21c651e98df25ULL * static_cast<std::uint64_t>(index + 1));
  };
  // The longest training sequences have 20 documents and every extra question: check them
  // (and the held-out prompts below) against the context before spending any time.
  for (std::int64_t i = 0; i < 8; ++i) {
    const auto longest = trainingSequence(tokenizer, config.eosId, makeDemoSample(trainSeed, i, -1),
                                          options.questionsPerPrompt - 1, orderSeed(i));
    if (static_cast<int>(longest.ids.size()) + 8 > config.maxPositions)
      bad("max positions", std::to_string(config.maxPositions) + " is too small for training sequences of " +
                               std::to_string(longest.ids.size()) + " tokens (20 documents, " +
                               std::to_string(options.questionsPerPrompt) + " questions)");
  }
  auto model = std::make_shared<DemoModel>(config, streamSeed(options.seed, Stream::Weights), options.device);
  const auto dev = model->parameters().front().device();

  // Held-out: the analyses' prompt with the gold document at each position.
  std::vector<QaSample> heldOut;
  std::vector<std::vector<std::int64_t>> heldOutPrompts;
  const auto heldOutSeed = streamSeed(options.seed, Stream::HeldOut);
  for (int p = 0; p < kDemoDocuments; ++p)
    for (int j = 0; j < options.evalSamplesPerPosition; ++j) {
      heldOut.push_back(makeDemoSample(heldOutSeed, std::int64_t{p} * options.evalSamplesPerPosition + j, p));
      heldOutPrompts.push_back(promptIds(tokenizer, heldOut.back()));
    }
  // Whether the greedy answer to each prompt is right (best-subspan exact match).
  const auto answeredRight = [&](const std::vector<std::vector<std::int64_t>>& prompts,
                                 const std::vector<QaSample>& samples) {
    const auto generated = demoGreedy(*model, prompts, 4);
    std::vector<bool> right(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i)
      right[i] = bestSubspanExactMatch(tokenizer.decode(generated[i], /*skipSpecialTokens=*/true), samples[i].answers);
    return right;
  };
  const auto evaluate = [&] {
    const auto right = answeredRight(heldOutPrompts, heldOut);
    std::vector<double> accuracy(kDemoDocuments, 0.0);
    for (std::size_t i = 0; i < heldOut.size(); ++i)
      if (right[i]) accuracy[static_cast<std::size_t>(heldOut[i].goldIndex)] += 1.0 / options.evalSamplesPerPosition;
    return accuracy;
  };
  // The same number of held-out samples with `documents` documents (gold drawn), in the form
  // training uses at `step`: how well the lookup holds at the curriculum's current length.
  const auto evaluateAt = [&](int documents, bool withInstruction) {
    std::vector<QaSample> samples;
    std::vector<std::vector<std::int64_t>> prompts;
    const auto count = static_cast<std::int64_t>(heldOut.size());
    for (std::int64_t i = 0; i < count; ++i) {
      samples.push_back(makeDemoSample(heldOutSeed, (documents + 1) * count + i, -1, documents));
      prompts.push_back(promptIds(tokenizer, samples.back(), withInstruction));
    }
    const auto right = answeredRight(prompts, samples);
    return static_cast<double>(std::count(right.begin(), right.end(), true)) / static_cast<double>(samples.size());
  };

  // AdamW, written out (decoupled weight decay on the matrices other than the embeddings).
  const auto params = model->parameters();
  std::vector<at::Tensor> m1, m2;
  std::vector<bool> decays;
  for (const auto& p : params) {
    m1.push_back(at::zeros_like(p));
    m2.push_back(at::zeros_like(p));
    decays.push_back(p.dim() == 2 && !p.is_same(params.front()));
  }
  const double beta1 = 0.9, beta2 = 0.95, eps = 1e-8;
  const auto learningRate = [&](int step) {
    if (step < options.warmupSteps) return options.learningRate * (step + 1) / options.warmupSteps;
    const double span = std::max(1, options.steps - options.warmupSteps);
    const double progress = std::min(1.0, (step - options.warmupSteps) / span);
    return options.minLearningRate +
           0.5 * (options.learningRate - options.minLearningRate) * (1.0 + std::cos(std::numbers::pi * progress));
  };
  const auto documentsAt = [&](int step) {
    const int start = options.curriculumStartDocuments;
    if (options.curriculumHoldSteps == 0 && options.curriculumRampSteps == 0) return kDemoDocuments;
    if (step < options.curriculumHoldSteps) return start;
    if (options.curriculumRampSteps == 0) return kDemoDocuments;
    const double f = static_cast<double>(step - options.curriculumHoldSteps) / options.curriculumRampSteps;
    return std::min(kDemoDocuments, start + static_cast<int>(std::floor(f * (kDemoDocuments - start + 1))));
  };
  // 0: a QA sequence, 1: a copy sequence, 2: a recall sequence.
  const auto sequenceKind = [&](int step, std::int64_t index) {
    std::uint64_t state = orderSeed(index) ^ 0x5851f42d4c957f2dULL;
    const auto u = static_cast<double>(splitMix64(state) % 1000000) / 1000000;
    if (step < options.auxiliaryOnlySteps)
      return u * (options.copyFraction + options.recallFraction) < options.copyFraction ? 1 : 2;
    if (u < options.copyFraction) return 1;
    if (u < options.copyFraction + options.recallFraction) return 2;
    return 0;
  };

  DemoTrainResult result;
  DemoTrainStatus status;
  status.steps = options.steps;
  const auto start = std::chrono::steady_clock::now();
  auto lastStatus = start;
  double lossSum = 0, answerSum = 0, auxiliarySum = 0;
  int lossCount = 0, answerCount = 0, auxiliaryCount = 0;
  for (int step = 0; step < options.steps; ++step) {
    if (control.cancelled()) {
      result.cancelled = true;
      break;
    }
    const int documents = documentsAt(step);
    std::vector<DemoSequence> batch;
    std::int64_t longest = 0, answers = 0;
    for (int b = 0; b < options.batchSize; ++b) {
      const auto index = std::int64_t{step} * options.batchSize + b;
      const int kind = sequenceKind(step, index);
      if (kind == 1) {
        batch.push_back(demoCopySequence(config, options.copyPeriod, orderSeed(index)));
      } else if (kind == 2) {
        std::uint64_t state = orderSeed(index) ^ 0x2545f4914f6cdd1dULL;
        const int pairs = 4 + static_cast<int>(splitMix64(state) % static_cast<std::uint64_t>(options.recallPairs - 3));
        batch.push_back(demoRecallSequence(config, pairs, state));
      } else {
        batch.push_back(trainingSequence(tokenizer, config.eosId, makeDemoSample(trainSeed, index, -1, documents),
                                         options.questionsPerPrompt - 1, orderSeed(index),
                                         step >= options.curriculumHoldSteps));
      }
      longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(batch.back().ids.size()));
      answers = std::max<std::int64_t>(answers, static_cast<std::int64_t>(batch.back().targets.size()));
    }
    // Right-padded: causal attention keeps the padding out of every real position.
    const std::int64_t B = options.batchSize;
    auto ids = at::full({B, longest}, config.padId, at::kLong);
    auto rows = at::zeros({B, answers}, at::kLong);
    auto targets = at::full({B, answers}, -100, at::kLong);  // -100: ignored
    auto auxiliaryTargets = at::full({B, answers}, -100, at::kLong);
    bool anyAnswer = false, anyAuxiliary = false;
    {
      auto idsA = ids.accessor<std::int64_t, 2>();
      auto rowsA = rows.accessor<std::int64_t, 2>();
      auto targetsA = targets.accessor<std::int64_t, 2>();
      auto auxiliaryTargetsA = auxiliaryTargets.accessor<std::int64_t, 2>();
      for (std::int64_t b = 0; b < B; ++b) {
        const auto& seq = batch[static_cast<std::size_t>(b)];
        for (std::size_t t = 0; t < seq.ids.size(); ++t) idsA[b][static_cast<std::int64_t>(t)] = seq.ids[t];
        auto& into = seq.auxiliary ? auxiliaryTargetsA : targetsA;
        (seq.auxiliary ? anyAuxiliary : anyAnswer) = true;
        for (std::size_t a = 0; a < seq.targets.size(); ++a) {
          rowsA[b][static_cast<std::int64_t>(a)] = seq.targets[a].first;
          into[b][static_cast<std::int64_t>(a)] = seq.targets[a].second;
        }
      }
    }
    const auto logits = model->forward(ids.to(dev), rows.to(dev)).reshape({-1, config.vocabSize});
    const auto meanLoss = [&](const at::Tensor& t) {
      return at::cross_entropy_loss(logits, t.reshape({-1}).to(dev), {}, at::Reduction::Mean, -100);
    };
    // Each mean over its own targets (a batch without one kind leaves that term out).
    at::Tensor loss, answerLoss, auxiliaryLoss;
    if (anyAnswer) loss = answerLoss = meanLoss(targets);
    if (anyAuxiliary) {
      auxiliaryLoss = meanLoss(auxiliaryTargets);
      loss = loss.defined() ? loss + auxiliaryLoss : auxiliaryLoss;
    }
    for (const auto& p : params)
      if (p.grad().defined()) p.mutable_grad().zero_();
    loss.backward();

    const double lr = learningRate(step);
    {
      at::NoGradGuard noGrad;
      auto total = at::zeros({}, params.front().options());
      for (const auto& p : params) total = total + p.grad().pow(2).sum();
      const double norm = std::sqrt(total.item<double>());
      const double clip = options.clipNorm > 0 && norm > options.clipNorm ? options.clipNorm / (norm + 1e-6) : 1.0;
      const double correction1 = 1.0 - std::pow(beta1, step + 1);
      const double correction2 = 1.0 - std::pow(beta2, step + 1);
      for (std::size_t i = 0; i < params.size(); ++i) {
        auto p = params[i];
        const auto g = p.grad() * clip;
        m1[i].mul_(beta1).add_(g, 1.0 - beta1);
        m2[i].mul_(beta2).addcmul_(g, g, 1.0 - beta2);
        if (decays[i]) p.mul_(1.0 - lr * options.weightDecay);
        const auto denom = (m2[i] / correction2).sqrt_().add_(eps);
        p.addcdiv_(m1[i], denom, -lr / correction1);
      }
    }
    lossSum += loss.item<double>();
    ++lossCount;
    if (answerLoss.defined()) answerSum += answerLoss.item<double>(), ++answerCount;
    if (auxiliaryLoss.defined()) auxiliarySum += auxiliaryLoss.item<double>(), ++auxiliaryCount;
    result.stepsDone = step + 1;
    control.report(step + 1, options.steps, "training");

    const bool last = step + 1 == options.steps;
    const bool evalNow = last || (options.evalEvery > 0 && (step + 1) % options.evalEvery == 0);
    if (evalNow || (step + 1) % options.logEvery == 0) {
      const auto now = std::chrono::steady_clock::now();
      status.step = step + 1;
      status.loss = lossSum / lossCount;
      status.answerLoss = answerCount > 0 ? answerSum / answerCount : -1;
      status.auxiliaryLoss = auxiliaryCount > 0 ? auxiliarySum / auxiliaryCount : -1;
      status.learningRate = lr;
      status.secondsPerStep = std::chrono::duration<double>(now - lastStatus).count() / lossCount;
      status.documents = documents;
      status.accuracyByPosition.clear();
      status.accuracyAtDocuments = -1;
      if (evalNow) {
        status.accuracyByPosition = evaluate();
        if (documents < kDemoDocuments)
          status.accuracyAtDocuments = evaluateAt(documents, step >= options.curriculumHoldSteps);
      }
      if (onStatus) onStatus(status);
      result.last = status;
      lossSum = answerSum = auxiliarySum = 0;
      lossCount = answerCount = auxiliaryCount = 0;
      lastStatus = std::chrono::steady_clock::now();
    }
  }
  model->save(output, tokenizerJson);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.model = std::move(model);
  return result;
}

}  // namespace ropescope::engine
