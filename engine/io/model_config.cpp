// Reads and validates config.json.
#include "engine/io/model_config.h"

#include "engine/core/error.h"
#include "engine/core/json_io.h"

namespace ropescope::engine {

namespace {

// Architectures whose class default ties the embeddings when config.json leaves the key out
// (save_pretrained drops keys equal to the class default).
bool defaultTiesEmbeddings(const std::string& modelType) { return modelType == "gemma" || modelType == "gemma2"; }

class Fields {
 public:
  Fields(const nlohmann::json& json, const std::filesystem::path& file) : m_json(json), m_file(file) {}

  [[noreturn]] void fail(const std::string& message) const { throw Error(ErrorCode::Config, m_file.string(), message); }

  int positiveInt(const char* key) const {
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null()) fail(std::string("required field '") + key + "' is missing");
    return checkPositive(key, *it);
  }

  // `fallback` is returned as is when the key is absent or null.
  int positiveIntOr(const char* key, int fallback) const {
    const auto it = m_json.find(key);
    return it == m_json.end() || it->is_null() ? fallback : checkPositive(key, *it);
  }

  double positiveDoubleOr(const char* key, double fallback) const {
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null()) return fallback;
    if (!it->is_number() || it->get<double>() <= 0) fail(std::string("field '") + key + "' must be a positive number");
    return it->get<double>();
  }

  std::string stringOr(const char* key, const std::string& fallback) const {
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null()) return fallback;
    if (!it->is_string()) fail(std::string("field '") + key + "' must be a string");
    return it->get<std::string>();
  }

  bool boolOr(const char* key, bool fallback) const {
    const auto it = m_json.find(key);
    if (it == m_json.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) fail(std::string("field '") + key + "' must be true or false");
    return it->get<bool>();
  }

 private:
  int checkPositive(const char* key, const nlohmann::json& v) const {
    if (!v.is_number_integer() || v.get<long long>() <= 0 || v.get<long long>() > (1LL << 30))
      fail(std::string("field '") + key + "' must be a positive integer, got " + v.dump());
    const long long limit = sizeLimit(key);
    if (v.get<long long>() > limit)
      fail(std::string("field '") + key + "' is " + v.dump() + ", beyond any model RoPEScope reads (at most " +
           std::to_string(limit) + ")");
    return v.get<int>();
  }

  // Sizes far beyond every released model (a config that claims them is broken or hostile and
  // would have the engine allocate gigabytes before the weights could disagree).
  static long long sizeLimit(std::string_view key) {
    if (key == "head_dim") return 1 << 14;
    if (key == "num_hidden_layers" || key == "num_attention_heads" || key == "num_key_value_heads") return 1 << 12;
    if (key == "hidden_size") return 1 << 18;
    if (key == "intermediate_size") return 1 << 21;
    if (key == "vocab_size") return 1 << 24;
    if (key == "max_position_embeddings") return 1 << 24;
    return 1LL << 30;
  }

  const nlohmann::json& m_json;
  const std::filesystem::path& m_file;
};

// eos_token_id as a number or a list of numbers; nullopt when absent or null.
std::optional<std::vector<std::int64_t>> tokenIds(const nlohmann::json& json, const char* key,
                                                  const std::filesystem::path& file) {
  const auto it = json.find(key);
  if (it == json.end() || it->is_null()) return std::nullopt;
  std::vector<std::int64_t> ids;
  if (it->is_number_integer()) {
    ids.push_back(it->get<std::int64_t>());
  } else if (it->is_array()) {
    for (const auto& v : *it) {
      if (!v.is_number_integer())
        throw Error(ErrorCode::Config, file.string(), std::string("'") + key + "' must hold integers");
      ids.push_back(v.get<std::int64_t>());
    }
  } else {
    throw Error(ErrorCode::Config, file.string(),
                std::string("'") + key + "' must be an integer or a list of integers");
  }
  return ids;
}

}  // namespace

ModelConfig ModelConfig::load(const std::filesystem::path& path) {
  std::error_code ec;
  const auto file = std::filesystem::is_directory(path, ec) ? path / "config.json" : path;
  if (std::filesystem::is_directory(path, ec) && !hasEntry(file))
    throw Error(ErrorCode::NotFound, path.string(), "no config.json in this folder: not a Hugging Face model folder");
  const auto json = readJsonFile(file);
  if (!json.is_object()) throw Error(ErrorCode::Config, file.string(), "is not a JSON object");

  Fields f(json, file);
  ModelConfig c;
  c.source = file;
  c.configJson = json.dump(1);
  if (const auto it = json.find("architectures"); it != json.end() && !it->is_null() && !it->is_array())
    throw Error(ErrorCode::Config, file.string(), "field 'architectures' must be a list of class names");
  if (const auto it = json.find("architectures"); it != json.end() && it->is_array())
    for (const auto& a : *it)
      if (a.is_string()) c.architectures.push_back(a.get<std::string>());
  if (const auto it = json.find("model_type"); it != json.end() && it->is_string())
    c.modelType = it->get<std::string>();
  if (c.architectures.empty() && c.modelType.empty())
    f.fail("neither 'architectures' nor 'model_type' says what model this is");

  c.hiddenSize = f.positiveInt("hidden_size");
  c.numLayers = f.positiveInt("num_hidden_layers");
  c.numHeads = f.positiveInt("num_attention_heads");
  c.numKvHeads = f.positiveIntOr("num_key_value_heads", c.numHeads);
  c.intermediateSize = f.positiveIntOr("intermediate_size", 0);
  c.vocabSize = f.positiveInt("vocab_size");
  c.maxPositionEmbeddings = f.positiveIntOr("max_position_embeddings", 0);
  if (c.hiddenSize % c.numHeads != 0 && !json.contains("head_dim"))
    f.fail("hidden_size " + std::to_string(c.hiddenSize) + " is not divisible by num_attention_heads " +
           std::to_string(c.numHeads) + " and no head_dim is given");
  c.headDim = f.positiveIntOr("head_dim", c.hiddenSize / c.numHeads);
  if (static_cast<long long>(c.numHeads) * c.headDim > (1LL << 20))
    f.fail("num_attention_heads × head_dim = " + std::to_string(static_cast<long long>(c.numHeads) * c.headDim) +
           " is beyond any model RoPEScope reads (at most 1048576)");
  if (c.headDim % 2 != 0) f.fail("head_dim " + std::to_string(c.headDim) + " is odd: RoPE rotates pairs of dimensions");
  if (c.numHeads % c.numKvHeads != 0)
    f.fail("num_attention_heads " + std::to_string(c.numHeads) + " is not a multiple of num_key_value_heads " +
           std::to_string(c.numKvHeads));
  c.ropeTheta = f.positiveDoubleOr("rope_theta", 10000.0);
  c.noRope = f.boolOr("ropescope_nope", false);
  c.rmsNormEps = f.positiveDoubleOr("rms_norm_eps", 1e-6);
  c.tieWordEmbeddings = f.boolOr("tie_word_embeddings", defaultTiesEmbeddings(c.modelType));
  c.attentionBias = f.boolOr("attention_bias", false);
  // Gemma names its activation hidden_activation; older Gemma configs say "gelu" and mean the
  // tanh approximation, as transformers does.
  c.hiddenAct = f.stringOr("hidden_activation", f.stringOr("hidden_act", "silu"));
  if (c.modelType == "gemma" && c.hiddenAct == "gelu") c.hiddenAct = "gelu_pytorch_tanh";
  if (f.boolOr("use_sliding_window", true)) c.slidingWindow = f.positiveIntOr("sliding_window", 0);

  if (const auto it = json.find("rope_scaling"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) f.fail("field 'rope_scaling' must be an object or null");
    const Fields s(*it, file);
    RopeScaling r;
    const auto typeIt = it->contains("rope_type") ? it->find("rope_type") : it->find("type");
    if (typeIt == it->end() || !typeIt->is_string()) f.fail("rope_scaling has neither 'rope_type' nor 'type'");
    r.type = typeIt->get<std::string>();
    r.factor = s.positiveDoubleOr("factor", 1.0);
    r.lowFreqFactor = s.positiveDoubleOr("low_freq_factor", 1.0);
    r.highFreqFactor = s.positiveDoubleOr("high_freq_factor", 4.0);
    r.originalMaxPositionEmbeddings = s.positiveIntOr("original_max_position_embeddings", 0);
    if (r.type != "default") c.ropeScaling = r;
  }

  if (auto bos = tokenIds(json, "bos_token_id", file); bos && bos->size() == 1) c.bosTokenId = bos->front();
  c.eosTokenIds = tokenIds(json, "eos_token_id", file).value_or(std::vector<std::int64_t>{});
  const auto generation = file.parent_path() / "generation_config.json";
  if (std::filesystem::is_directory(path, ec) && hasEntry(generation)) {
    const auto gen = readJsonFile(generation);
    if (!gen.is_object()) throw Error(ErrorCode::Config, generation.string(), "is not a JSON object");
    if (auto eos = tokenIds(gen, "eos_token_id", generation)) c.eosTokenIds = *eos;
    if (auto bos = tokenIds(gen, "bos_token_id", generation); bos && bos->size() == 1) c.bosTokenId = bos->front();
  }
  return c;
}

RopeSpec ropeSpecOf(const ModelConfig& config) {
  RopeSpec spec;
  spec.theta = config.ropeTheta;
  spec.headDim = config.headDim;
  if (config.noRope) spec.pRope = 0.0;
  if (!config.ropeScaling) return spec;
  const auto& s = *config.ropeScaling;
  spec.factor = s.factor;
  if (s.type == "linear") {
    spec.scaling = RopeScalingKind::Linear;
  } else if (s.type == "llama3") {
    if (s.originalMaxPositionEmbeddings <= 0)
      throw Error(ErrorCode::Config, config.source.string(),
                  "rope_scaling llama3 needs original_max_position_embeddings");
    spec.scaling = RopeScalingKind::Llama3;
    spec.lowFreqFactor = s.lowFreqFactor;
    spec.highFreqFactor = s.highFreqFactor;
    spec.originalContext = s.originalMaxPositionEmbeddings;
  } else {
    throw Error(ErrorCode::Unsupported, config.source.string(), "rope_scaling type '" + s.type + "' is not supported");
  }
  return spec;
}

}  // namespace ropescope::engine
