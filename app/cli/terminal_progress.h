// Progress on stderr for ropescope-cli: a redrawn bar with ETA on a terminal, plain lines otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace ropescope::app {

class TerminalProgress {
 public:
  TerminalProgress();
  void update(std::int64_t done, std::int64_t total, std::string_view stage);
  void finish();

 private:
  bool m_interactive;
  bool m_drawn = false;
  std::int64_t m_lastPlainDone = -1;
  std::chrono::steady_clock::time_point m_start;
};

}  // namespace ropescope::app
