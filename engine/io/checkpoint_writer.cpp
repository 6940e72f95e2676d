// Model folders written atomically.
#include "engine/io/checkpoint_writer.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

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

ModelConfig llamaModelConfig(const LlamaShape& s) {
  ModelConfig config;
  config.architectures = {"LlamaForCausalLM"};
  config.modelType = "llama";
  config.hiddenSize = s.hidden;
  config.numLayers = s.layers;
  config.numHeads = s.heads;
  config.numKvHeads = s.kvHeads;
  config.headDim = s.headDim;
  config.intermediateSize = s.intermediate;
  config.vocabSize = s.vocab;
  config.maxPositionEmbeddings = s.context;
  config.ropeTheta = s.ropeTheta;
  config.rmsNormEps = s.rmsNormEps;
  config.tieWordEmbeddings = s.tieEmbeddings;
  config.noRope = !s.rope;
  return config;
}

std::string llamaConfigJson(const ModelConfig& c, std::optional<std::int64_t> padTokenId,
                            const std::string& torchDtype) {
  nlohmann::ordered_json config = {{"architectures", {"LlamaForCausalLM"}},
                                   {"model_type", "llama"},
                                   {"hidden_size", c.hiddenSize},
                                   {"intermediate_size", c.intermediateSize},
                                   {"num_attention_heads", c.numHeads},
                                   {"num_key_value_heads", c.numKvHeads},
                                   {"head_dim", c.headDim},
                                   {"num_hidden_layers", c.numLayers},
                                   {"hidden_act", c.hiddenAct},
                                   {"rms_norm_eps", c.rmsNormEps},
                                   {"rope_theta", c.ropeTheta},
                                   {"rope_scaling", nullptr},
                                   {"max_position_embeddings", c.maxPositionEmbeddings},
                                   {"vocab_size", c.vocabSize}};
  if (c.bosTokenId) config["bos_token_id"] = *c.bosTokenId;
  if (c.eosTokenIds.size() == 1)
    config["eos_token_id"] = c.eosTokenIds.front();
  else if (!c.eosTokenIds.empty())
    config["eos_token_id"] = c.eosTokenIds;
  if (padTokenId) config["pad_token_id"] = *padTokenId;
  config.update(nlohmann::ordered_json{{"tie_word_embeddings", c.tieWordEmbeddings},
                                       {"attention_bias", c.attentionBias},
                                       {"mlp_bias", false},
                                       {"attention_dropout", 0.0},
                                       {"use_cache", true},
                                       {"torch_dtype", torchDtype}});
  if (c.noRope) config["ropescope_nope"] = true;
  return config.dump(2) + "\n";
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

void writeModelFolder(const std::filesystem::path& folder,
                      const std::vector<std::pair<std::string, std::string>>& files,
                      const std::vector<TensorToWrite>& tensors) {
  checkModelFolderTarget(folder);
  const auto target = normalisedTarget(folder);
  static std::atomic<unsigned> counter{0};
  const auto suffix = std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
  const auto tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
  std::error_code ec;
  if (!std::filesystem::create_directory(tmp, ec))
    throw Error(ErrorCode::Io, tmp.string(), "cannot create the folder: " + ec.message());
  try {
    for (const auto& [name, text] : files) writeTextFile(tmp / name, text);
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

}  // namespace ropescope::engine
