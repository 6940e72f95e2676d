// Progress on stderr for ropescope-cli.
#include "app/cli/terminal_progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace ropescope::app {

TerminalProgress::TerminalProgress()
    : m_interactive(::isatty(STDERR_FILENO) != 0), m_start(std::chrono::steady_clock::now()) {}

void TerminalProgress::update(std::int64_t done, std::int64_t total, std::string_view stage) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
  if (!m_interactive) {
    if (done == m_lastPlainDone) return;
    m_lastPlainDone = done;
    std::fprintf(stderr, "%.*s: %lld/%lld\n", static_cast<int>(stage.size()), stage.data(),
                 static_cast<long long>(done), static_cast<long long>(total));
    return;
  }
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  std::string eta = "--";
  if (done > 0 && done < total) eta = std::to_string(static_cast<int>(elapsed / fraction - elapsed)) + "s";
  std::fprintf(stderr, "\r%.*s [%s] %lld/%lld ETA %s   ", static_cast<int>(stage.size()), stage.data(), bar.c_str(),
               static_cast<long long>(done), static_cast<long long>(total), eta.c_str());
  std::fflush(stderr);
  m_drawn = true;
}

void TerminalProgress::finish() {
  if (m_interactive && m_drawn) std::fputc('\n', stderr);
  m_drawn = false;
}

}  // namespace ropescope::app
