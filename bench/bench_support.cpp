// Timing and memory helpers for the benchmarks.
#include "bench_support.h"

#include <ATen/ATen.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/checkpoint_writer.h"
#include "engine/tensor_bridge.h"

namespace ropescope::bench {

double medianSeconds(const std::function<void()>& fn, int repeats) {
  fn();
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

namespace {
std::int64_t statusField(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stoll(line.substr(key.size())) * 1024;
  return -1;
}
}  // namespace

std::int64_t residentBytes() { return statusField("VmRSS:"); }
std::int64_t peakResidentBytes() { return statusField("VmHWM:"); }

TempDir::TempDir() {
  m_path = std::filesystem::temp_directory_path() / ("ropescope-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

// A random Llama checkpoint (tied embeddings) stored as `dtype`, written by the engine's writer.
void writeRandomLlama(const std::filesystem::path& folder, const Shape& s, engine::DType dtype) {
  engine::ModelConfig config;
  config.architectures = {"LlamaForCausalLM"};
  config.modelType = "llama";
  config.hiddenSize = s.hidden;
  config.intermediateSize = s.intermediate;
  config.numLayers = s.layers;
  config.numHeads = s.heads;
  config.numKvHeads = s.kvHeads;
  config.headDim = s.headDim();
  config.vocabSize = s.vocab;
  config.maxPositionEmbeddings = s.context;
  config.rmsNormEps = 1e-5;
  config.tieWordEmbeddings = true;
  std::vector<std::pair<std::string, at::Tensor>> named;
  const auto add = [&](const std::string& name, std::vector<std::int64_t> shape, bool ones = false) {
    named.emplace_back(name, ones ? at::ones(shape) : at::randn(shape) * 0.02);
  };
  const std::int64_t q = std::int64_t{s.heads} * s.headDim(), kv = std::int64_t{s.kvHeads} * s.headDim();
  add("model.embed_tokens.weight", {s.vocab, s.hidden});
  add("model.norm.weight", {s.hidden}, true);
  for (int l = 0; l < s.layers; ++l) {
    const auto p = "model.layers." + std::to_string(l) + ".";
    add(p + "input_layernorm.weight", {s.hidden}, true);
    add(p + "post_attention_layernorm.weight", {s.hidden}, true);
    add(p + "self_attn.q_proj.weight", {q, s.hidden});
    add(p + "self_attn.k_proj.weight", {kv, s.hidden});
    add(p + "self_attn.v_proj.weight", {kv, s.hidden});
    add(p + "self_attn.o_proj.weight", {s.hidden, q});
    add(p + "mlp.gate_proj.weight", {s.intermediate, s.hidden});
    add(p + "mlp.up_proj.weight", {s.intermediate, s.hidden});
    add(p + "mlp.down_proj.weight", {s.hidden, s.intermediate});
  }
  std::vector<at::Tensor> hold;
  engine::writeModelFolder(
      folder,
      {{"config.json", engine::llamaConfigJson(config, {}, dtype == engine::DType::BF16 ? "bfloat16" : "float32")}},
      engine::tensorsToWrite(named, dtype, hold));
}

}  // namespace ropescope::bench
