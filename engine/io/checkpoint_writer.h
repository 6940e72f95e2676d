// The one writer of model folders (config.json, model.safetensors and text files beside them),
// used by the demo trainer and the benchmarks. No torch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/io/model_config.h"
#include "engine/io/safetensors.h"

namespace ropescope::engine {

// The shape of a Llama-architecture model, and its ModelConfig (the demo models, the benchmarks'
// random models, hand-made test models).
struct LlamaShape {
  int layers = 2;
  int hidden = 64;
  int heads = 4;
  int kvHeads = 2;
  int headDim = 16;
  int intermediate = 256;
  int vocab = 0;
  int context = 1024;
  double ropeTheta = 10000.0;
  double rmsNormEps = 1e-5;
  bool tieEmbeddings = true;
  bool rope = true;  // false: "ropescope_nope"
};
ModelConfig llamaModelConfig(const LlamaShape& shape);

// The config.json text of a Llama-architecture model: every field of `config` that
// ModelConfig::load reads for "llama" (RoPEScope's "ropescope_nope" for a NoPE model), so that
// loading it gives `config` back. `torchDtype` is the stored dtype's name ("float32", "bfloat16").
std::string llamaConfigJson(const ModelConfig& config, std::optional<std::int64_t> padTokenId = {},
                            const std::string& torchDtype = "float32");

// Throws Error(NotFound / InvalidArgument) unless `folder` can take a model folder: its parent
// exists, and it is absent, an empty folder, or a model folder (holds config.json) to replace.
void checkModelFolderTarget(const std::filesystem::path& folder);

// Writes `files` (name, text) and `tensors` as model.safetensors into a new folder beside
// `folder`, then puts it in place of `folder` (checked by checkModelFolderTarget): a reader sees
// the old folder or the new one, never a half-written one. Error(Io) naming the path on failure.
void writeModelFolder(const std::filesystem::path& folder,
                      const std::vector<std::pair<std::string, std::string>>& files,
                      const std::vector<TensorToWrite>& tensors);

}  // namespace ropescope::engine
