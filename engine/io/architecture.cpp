// Traits of the supported model families.
#include "engine/io/architecture.h"

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

struct Known {
  const char* architecture;
  const char* modelType;
  ModelFamily family;
};

constexpr Known kKnown[] = {
    {"LlamaForCausalLM", "llama", ModelFamily::Llama}, {"MistralForCausalLM", "mistral", ModelFamily::Mistral},
    {"Qwen2ForCausalLM", "qwen2", ModelFamily::Qwen2}, {"Olmo2ForCausalLM", "olmo2", ModelFamily::Olmo2},
    {"GemmaForCausalLM", "gemma", ModelFamily::Gemma},
};

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

}  // namespace

std::vector<std::string> supportedArchitectures() {
  std::vector<std::string> names;
  for (const auto& k : kKnown) names.emplace_back(k.architecture);
  return names;
}

ArchitectureTraits architectureTraits(const ModelConfig& config) {
  const std::string file = config.source.string();
  const Known* known = nullptr;
  for (const auto& k : kKnown)
    if (config.architecture() == k.architecture || (config.architectures.empty() && config.modelType == k.modelType))
      known = &k;
  if (known == nullptr)
    throw Error(ErrorCode::Unsupported, file,
                "architecture '" + config.architecture() +
                    "' is not supported; supported: " + joined(supportedArchitectures()));

  ArchitectureTraits t;
  t.family = known->family;
  t.name = known->architecture;
  switch (t.family) {
    case ModelFamily::Llama:
      t.qkvBias = config.attentionBias;
      t.oBias = config.attentionBias;
      break;
    case ModelFamily::Mistral:
      t.slidingWindow = config.slidingWindow;
      break;
    case ModelFamily::Qwen2:
      t.qkvBias = true;
      t.slidingWindow = config.slidingWindow;  // 0 unless use_sliding_window
      break;
    case ModelFamily::Olmo2:
      t.qkNorm = true;
      t.postNorms = true;
      break;
    case ModelFamily::Gemma:
      t.normPlusOne = true;
      t.scaleEmbeddings = true;
      break;
  }
  if (config.hiddenAct == "silu" || config.hiddenAct == "swish")
    t.activation = Activation::Silu;
  else if (config.hiddenAct == "gelu_pytorch_tanh" || config.hiddenAct == "gelu_new")
    t.activation = Activation::GeluTanh;
  else
    throw Error(ErrorCode::Unsupported, file,
                "activation '" + config.hiddenAct + "' is not supported; supported: silu, gelu_pytorch_tanh");

  if (config.ropeScaling && config.ropeScaling->type != "llama3" && config.ropeScaling->type != "linear")
    throw Error(
        ErrorCode::Unsupported, file,
        "rope_scaling type '" + config.ropeScaling->type + "' is not supported; supported: llama3, linear, none");
  return t;
}

}  // namespace ropescope::engine
