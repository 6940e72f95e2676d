// What distinguishes the supported model families: one decoder, configured by these traits.
#pragma once

#include <string>
#include <vector>

#include "engine/io/model_config.h"

namespace ropescope::engine {

enum class ModelFamily { Llama, Mistral, Qwen2, Olmo2, Gemma };
enum class Activation { Silu, GeluTanh };

struct ArchitectureTraits {
  ModelFamily family = ModelFamily::Llama;
  std::string name;              // the config's architecture, e.g. "Qwen2ForCausalLM"
  bool qkvBias = false;          // Qwen2 (and Llama with attention_bias)
  bool oBias = false;            // Llama with attention_bias
  bool qkNorm = false;           // OLMo-2: RMSNorm over the full q/k projection width
  bool postNorms = false;        // OLMo-2: norms after attention and MLP, none before
  bool normPlusOne = false;      // Gemma: RMSNorm scales by (1 + w)
  bool scaleEmbeddings = false;  // Gemma: embeddings x sqrt(hidden)
  Activation activation = Activation::Silu;
  int slidingWindow = 0;  // Mistral: keys at distance >= window are masked
};

// The traits of `config`'s architecture; Error(Unsupported) listing what is supported otherwise,
// or for an unsupported rope_scaling type or activation.
ArchitectureTraits architectureTraits(const ModelConfig& config);

std::vector<std::string> supportedArchitectures();

}  // namespace ropescope::engine
