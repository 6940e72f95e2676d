// Timing and memory helpers for the benchmarks.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "engine/io/safetensors.h"

namespace ropescope::bench {

// Median wall time in seconds of `repeats` runs of `fn` after one warm-up run.
double medianSeconds(const std::function<void()>& fn, int repeats);

// This process's resident set now and its peak so far, in bytes (from /proc/self/status).
std::int64_t residentBytes();
std::int64_t peakResidentBytes();

// A temporary folder removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// A random Llama-shaped model: ~110M parameters by default.
struct Shape {
  int layers = 12;
  int hidden = 768;
  int heads = 12;
  int kvHeads = 12;
  int intermediate = 2048;
  int vocab = 32000;
  int context = 4096;
  int headDim() const { return hidden / heads; }
};

// Writes config.json and model.safetensors of a random Llama (tied embeddings) stored as `dtype`.
void writeRandomLlama(const std::filesystem::path& folder, const Shape& s, engine::DType dtype);

}  // namespace ropescope::bench
