// ropescope-cli under the signals a cluster or a closing terminal sends: SIGTERM and SIGHUP stop
// a run as SIGINT does (the current unit, then the file, then how to resume), and resuming gives
// the file an uninterrupted run writes, value for value.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <thread>

#include <sys/wait.h>

#include "engine/core/resources.h"
#include "engine/io/results_io.h"
#include "engine/results/schema.h"
#include "tests/robustness/cli_process.h"

namespace ropescope::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> demoRun(const fs::path& output) {
  return {"analyze",
          "--model",
          "demo",
          "--data",
          "demo",
          "--samples",
          "2",
          "--analyses",
          "retrieval,utility,qa",
          "--utility-steps",
          "100",
          "--output",
          output.string()};
}

void expectSameArrays(const engine::ResultsFile& got, const engine::ResultsFile& expected) {
  ASSERT_EQ(got.arrays.size(), expected.arrays.size());
  for (const auto& [path, array] : expected.arrays) {
    ASSERT_TRUE(got.arrays.count(path)) << path;
    const auto& mine = got.arrays.at(path).values;
    ASSERT_EQ(mine.size(), array.values.size()) << path;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (std::isnan(mine[i]) && std::isnan(array.values[i])) continue;
      ASSERT_EQ(mine[i], array.values[i]) << path << "[" << i << "]";
    }
  }
  EXPECT_EQ(got.strings, expected.strings);
}

class StopSignal : public ::testing::TestWithParam<int> {};

TEST_P(StopSignal, StopsLikeCtrlCAndResumesToTheUninterruptedFile) {
  const int signal = GetParam();
  const ScratchDir dir;
  const auto full = runCli(demoRun(dir / "full.h5"), 300);
  ASSERT_EQ(full.exitCode, 0) << full.output;

  // Stopped once the first checkpoint is on disk (the token analyses and some samples done).
  const auto output = dir / "stopped.h5";
  const auto log = dir / "log.txt";
  const int pid = startCli(demoRun(output), log);
  const auto start = std::chrono::steady_clock::now();
  while (readBytes(log).find("samples:") == std::string::npos &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(120))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(pid, signal);
  const auto stopped = waitCli(pid, log, 120);
  EXPECT_EQ(stopped.signal, 0) << "ended by the signal instead of stopping\n" << stopped.output;
  EXPECT_EQ(stopped.exitCode, 128 + signal) << stopped.output;
  EXPECT_NE(stopped.output.find("--resume"), std::string::npos) << stopped.output;
  const auto partial = engine::readResultsFile(output);
  const auto* status = engine::find(partial, engine::schema::kUnitStatus);
  ASSERT_NE(status, nullptr);
  EXPECT_TRUE(std::isnan(status->values.back())) << "the run ended before the signal: the test proves nothing";

  auto resume = demoRun(output);
  resume.push_back("--resume");
  const auto resumed = runCli(resume, 300);
  ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
  expectSameArrays(engine::readResultsFile(output), engine::readResultsFile(dir / "full.h5"));
}

// A full disk while the results file is written: a clean failure, and the file the run would
// have replaced is untouched.
TEST(Faults, AFullDiskKeepsThePreviousResultsFile) {
  const ScratchDir dir;
  const auto output = dir / "run.h5";
  const auto first = runCli(demoRun(output), 300);
  ASSERT_EQ(first.exitCode, 0) << first.output;
  const auto before = readBytes(output);
  const auto full = runCli(demoRun(output), 300, /*fileSizeLimit=*/16 * 1024);
  EXPECT_EQ(full.signal, 0) << full.output;
  EXPECT_GT(full.exitCode, 0) << full.output;
  EXPECT_NE(full.output.find("run.h5"), std::string::npos) << full.output;
  EXPECT_EQ(readBytes(output), before);
}

// Runs a utility analysis of a copy of the demo model in `dir`, truncates the copy's weights once
// the run has written its first checkpoint (the samples are next), and returns how the run ended.
// `mapFiles`: every file memory-mapped rather than read into memory.
CliRun truncateTheModelDuringARun(const ScratchDir& dir, bool mapFiles) {
  const auto model = dir / "model";
  fs::create_directories(model);
  const auto demo = fs::path(engine::resolveModelName("demo"));
  for (const auto& entry : fs::directory_iterator(demo)) fs::copy_file(entry.path(), model / entry.path().filename());
  const auto log = dir / "log.txt";
  if (mapFiles) ::setenv("ROPESCOPE_COPY_FILES_BELOW_BYTES", "0", 1);
  const int pid = startCli({"analyze", "--model", model.string(), "--data", "demo", "--samples", "4", "--analyses",
                            "utility", "--output", (dir / "u.h5").string()},
                           log);
  ::unsetenv("ROPESCOPE_COPY_FILES_BELOW_BYTES");
  const auto start = std::chrono::steady_clock::now();
  while (!fs::exists(dir / "u.h5") && std::chrono::steady_clock::now() - start < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the run ended before the file changed: the test proves nothing";
  fs::resize_file(model / "model.safetensors", 0);
  return waitCli(pid, log, 300);
}

// A model file overwritten while a run uses it: no SIGBUS (small models are read into memory).
TEST(Faults, AModelFileTruncatedDuringARunFaultsNothing) {
  const ScratchDir dir;
  const auto run = truncateTheModelDuringARun(dir, /*mapFiles=*/false);
  EXPECT_EQ(run.signal, 0) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;
}

// The same for a model too large to read into memory (here: every file is mapped): the process
// stops with a message naming the file instead of dying of SIGBUS.
TEST(Faults, AMappedModelFileTruncatedDuringARunIsNamed) {
  const ScratchDir dir;
  const auto run = truncateTheModelDuringARun(dir, /*mapFiles=*/true);
  EXPECT_EQ(run.signal, 0) << run.output;
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("model.safetensors: changed on disk while in use"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(CliSignals, StopSignal, ::testing::Values(SIGTERM, SIGHUP),
                         [](const auto& info) { return info.param == SIGTERM ? "SIGTERM" : "SIGHUP"; });

}  // namespace
}  // namespace ropescope::test
