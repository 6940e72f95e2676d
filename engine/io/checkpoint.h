// A Hugging Face model folder on disk: config.json plus safetensors weights (single or sharded).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/model_config.h"
#include "engine/io/safetensors.h"
#include "engine/results/model_summary.h"
#include "engine/results/results_file.h"

namespace ropescope::engine {

class Checkpoint {
 public:
  struct TensorRef {
    const SafetensorsFile* file = nullptr;
    const TensorInfo* info = nullptr;
  };

  // Opens a model folder, or a model id ("org/name[@revision]") found in the local Hugging Face
  // cache (see resolveModelPath); memory-maps every shard and validates every header. Throws
  // Error naming the file and problem: missing folder, no config.json, no safetensors weights,
  // a pickle-only folder (refused: pickle can run code), a sharded index naming a missing shard.
  static Checkpoint open(const std::filesystem::path& folderOrModelId);

  const std::filesystem::path& folder() const noexcept { return m_folder; }
  const ModelConfig& config() const noexcept { return m_config; }
  ModelSummary summary() const;
  // The run information of a results file about this model: folder, config.json, identity.
  RunInfo runInfo() const;
  // A fingerprint of the weights, "fnv1a64:" and 16 hex digits, over config.json, every
  // tensor's name, dtype and shape, and its bytes (all of a small tensor; 17 spread windows of
  // 256 bytes of a large one). Reads about 4 KiB per tensor; stable across copies of the folder.
  std::string identity() const;

  std::optional<TensorRef> find(std::string_view name) const;
  // Like find, but a missing tensor is an Error naming it and the weights file (or index).
  TensorRef require(std::string_view name) const;
  std::vector<std::string> tensorNames() const;
  // The floating-point tensors holding a NaN or an infinity, by name (reads every weight once;
  // no LibTorch).
  std::vector<std::string> nonFiniteTensors() const;

 private:
  std::filesystem::path m_folder;
  std::filesystem::path m_weights;  // model.safetensors, or the shards' index
  ModelConfig m_config;
  std::vector<std::unique_ptr<SafetensorsFile>> m_shards;
  std::map<std::string, TensorRef, std::less<>> m_index;
};

// The name of a per-layer tensor in Hugging Face naming, e.g. layerTensorName(3,
// "self_attn.q_proj.weight") = "model.layers.3.self_attn.q_proj.weight".
std::string layerTensorName(int layer, std::string_view suffix);

}  // namespace ropescope::engine
