// The parts of a Hugging Face config.json that RoPEScope needs, validated (no torch).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/results/rope_frequencies.h"

namespace ropescope::engine {

struct RopeScaling {
  std::string type;  // "llama3", "linear", "dynamic", ... ("rope_type" or legacy "type")
  double factor = 1.0;
  double lowFreqFactor = 1.0;
  double highFreqFactor = 4.0;
  int originalMaxPositionEmbeddings = 0;
};

struct ModelConfig {
  std::filesystem::path source;  // the config.json it was read from
  std::string configJson;        // its text, kept for results files
  std::vector<std::string> architectures;
  std::string modelType;
  int hiddenSize = 0;
  int numLayers = 0;
  int numHeads = 0;
  int numKvHeads = 0;
  int headDim = 0;
  int intermediateSize = 0;
  int vocabSize = 0;
  int maxPositionEmbeddings = 0;
  double ropeTheta = 10000.0;
  double rmsNormEps = 1e-6;
  bool tieWordEmbeddings = false;
  bool attentionBias = false;  // q/k/v (and o for Llama's attention_bias) projections have biases
  std::string hiddenAct = "silu";
  int slidingWindow = 0;  // 0: full causal attention
  std::optional<RopeScaling> ropeScaling;
  // "ropescope_nope": true (RoPEScope's NoPE demo models): no rotary position embedding at all;
  // queries and keys are used as projected. Hugging Face transformers does not know this key.
  bool noRope = false;
  std::optional<std::int64_t> bosTokenId;
  // End-of-sequence ids: generation_config.json's eos_token_id when that file has one, else
  // config.json's (a number or a list in either).
  std::vector<std::int64_t> eosTokenIds;

  std::string architecture() const { return architectures.empty() ? modelType : architectures.front(); }

  // Reads and validates `path` (a config.json file or a folder holding one, in which case a
  // generation_config.json beside it is read too). Throws Error (Config) naming the file and
  // the missing or bad field.
  static ModelConfig load(const std::filesystem::path& path);
};

// The RoPE of `config` for engine/results/rope_frequencies.h (a NoPE model: p = 0, no pair
// rotates). Throws Error(Unsupported) naming config.json for a rope_scaling it does not know.
RopeSpec ropeSpecOf(const ModelConfig& config);

}  // namespace ropescope::engine
