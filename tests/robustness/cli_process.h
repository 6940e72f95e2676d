// ropescope-cli as a child process for the robustness tests: its exit status or the signal that
// ended it, its output, whether it ran past a time limit (then it is killed), its peak memory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tests/scratch_dir.h"

namespace ropescope::test {

struct CliRun {
  int exitCode = -1;  // when it exited
  int signal = 0;     // the signal that ended it (SIGKILL after a timeout), 0 when it exited
  bool timedOut = false;
  std::string output;   // stdout and stderr together
  long peakRssKiB = 0;  // the child's peak resident set
  bool cleanFailure() const { return !timedOut && signal == 0 && exitCode > 0; }
};

// Runs ropescope-cli with `args`; `seconds` later it is killed. `fileSizeLimit` > 0 caps the size
// of any file it writes (RLIMIT_FSIZE, SIGXFSZ ignored): writes beyond fail as on a full disk.
CliRun runCli(const std::vector<std::string>& args, double seconds = 60.0, long fileSizeLimit = 0);

// Starts ropescope-cli with `args` and returns its pid (output to `log`); waitCli collects it.
int startCli(const std::vector<std::string>& args, const std::filesystem::path& log, long fileSizeLimit = 0);
CliRun waitCli(int pid, const std::filesystem::path& log, double seconds = 60.0);

}  // namespace ropescope::test
