// Timing and memory helpers for the benchmarks.
#include "bench_support.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
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

}  // namespace ropescope::bench
