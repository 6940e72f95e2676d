// What a result was computed on: a model's identity and the sizes that shape its results.
#pragma once

#include <string>

namespace ropescope::engine {

struct ModelSummary {
  std::string path;          // the model folder as the user named it
  std::string architecture;  // e.g. "LlamaForCausalLM"
  std::string configJson;    // the config.json text
  int layers = 0;
  int heads = 0;
  int kvHeads = 0;
  int headDim = 0;
  int hidden = 0;
  double ropeTheta = 0.0;
  bool rotary = true;       // false for a model without rotary position embedding (NoPE)
  std::string ropeScaling;  // "" when none, else its type
};

}  // namespace ropescope::engine
