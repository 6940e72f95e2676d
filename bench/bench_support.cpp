// Timing and memory helpers for the benchmarks.
#include "bench_support.h"

#include <ATen/ATen.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

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

// A random Llama checkpoint (tied embeddings) stored as `dtype`.
void writeRandomLlama(const std::filesystem::path& folder, const Shape& s, engine::DType dtype) {
  std::filesystem::create_directories(folder);
  nlohmann::json config = {{"architectures", {"LlamaForCausalLM"}},
                           {"model_type", "llama"},
                           {"hidden_size", s.hidden},
                           {"intermediate_size", s.intermediate},
                           {"num_hidden_layers", s.layers},
                           {"num_attention_heads", s.heads},
                           {"num_key_value_heads", s.kvHeads},
                           {"vocab_size", s.vocab},
                           {"max_position_embeddings", s.context},
                           {"rope_theta", 10000.0},
                           {"rms_norm_eps", 1e-5},
                           {"tie_word_embeddings", true}};
  std::ofstream(folder / "config.json") << config.dump(1);
  std::vector<at::Tensor> keep;
  std::vector<engine::TensorToWrite> tensors;
  const auto add = [&](const std::string& name, std::vector<std::int64_t> shape, bool ones = false) {
    auto t = ones ? at::ones(shape) : at::randn(shape) * 0.02;
    t = t.to(dtype == engine::DType::BF16 ? at::kBFloat16 : at::kFloat).contiguous();
    keep.push_back(t);
    tensors.push_back(
        {name, dtype, shape, {static_cast<const std::byte*>(t.data_ptr()), static_cast<size_t>(t.nbytes())}});
  };
  const std::int64_t kv = std::int64_t{s.kvHeads} * s.headDim();
  add("model.embed_tokens.weight", {s.vocab, s.hidden});
  add("model.norm.weight", {s.hidden}, true);
  for (int l = 0; l < s.layers; ++l) {
    const auto p = "model.layers." + std::to_string(l) + ".";
    add(p + "input_layernorm.weight", {s.hidden}, true);
    add(p + "post_attention_layernorm.weight", {s.hidden}, true);
    add(p + "self_attn.q_proj.weight", {s.hidden, s.hidden});
    add(p + "self_attn.k_proj.weight", {kv, s.hidden});
    add(p + "self_attn.v_proj.weight", {kv, s.hidden});
    add(p + "self_attn.o_proj.weight", {s.hidden, s.hidden});
    add(p + "mlp.gate_proj.weight", {s.intermediate, s.hidden});
    add(p + "mlp.up_proj.weight", {s.intermediate, s.hidden});
    add(p + "mlp.down_proj.weight", {s.hidden, s.intermediate});
  }
  engine::writeSafetensors(folder / "model.safetensors", tensors);
}

}  // namespace ropescope::bench
