// Timing and memory helpers for the benchmarks.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

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

}  // namespace ropescope::bench
