// Timing and memory helpers for the benchmarks.
#include "bench_support.h"

#include <ATen/ATen.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/io/checkpoint_writer.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"

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
  const auto config = engine::llamaModelConfig({.layers = s.layers,
                                                .hidden = s.hidden,
                                                .heads = s.heads,
                                                .kvHeads = s.kvHeads,
                                                .headDim = s.headDim(),
                                                .intermediate = s.intermediate,
                                                .vocab = s.vocab,
                                                .context = s.context});
  std::vector<std::pair<std::string, at::Tensor>> named;
  for (const auto& [name, shape] : engine::Transformer::weightShapes(config))
    named.emplace_back(name, name.ends_with("norm.weight") ? at::ones(shape) : at::randn(shape) * 0.02);
  std::vector<at::Tensor> hold;
  engine::writeModelFolder(
      folder,
      {{"config.json", engine::llamaConfigJson(config, {}, dtype == engine::DType::BF16 ? "bfloat16" : "float32")}},
      engine::tensorsToWrite(named, dtype, hold));
}

}  // namespace ropescope::bench
