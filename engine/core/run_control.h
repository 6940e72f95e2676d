// Progress reporting and cancellation for long engine calls (any thread may cancel).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

namespace ropescope::engine {

// Set from any thread; long engine calls poll it between units of work (layers, samples).
class CancelToken {
 public:
  void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
  void reset() noexcept { m_cancelled.store(false, std::memory_order_relaxed); }
  bool cancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> m_cancelled{false};
};

// Called on the computing thread with units done out of total and what is being done.
using ProgressFn = std::function<void(std::int64_t done, std::int64_t total, std::string_view stage)>;

struct RunControl {
  ProgressFn progress;                  // may be empty
  const CancelToken* cancel = nullptr;  // may be null

  bool cancelled() const { return cancel != nullptr && cancel->cancelled(); }
  void report(std::int64_t done, std::int64_t total, std::string_view stage) const {
    if (progress) progress(done, total, stage);
  }
};

}  // namespace ropescope::engine
