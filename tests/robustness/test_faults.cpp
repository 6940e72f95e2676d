// ropescope-cli under the signals a cluster or a closing terminal sends: SIGTERM and SIGHUP stop
// a run as SIGINT does (the current unit, then the file, then how to resume), and resuming gives
// the file an uninterrupted run writes, value for value.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <thread>

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
  while (readFile(log).find("samples:") == std::string::npos &&
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

INSTANTIATE_TEST_SUITE_P(CliSignals, StopSignal, ::testing::Values(SIGTERM, SIGHUP),
                         [](const auto& info) { return info.param == SIGTERM ? "SIGTERM" : "SIGHUP"; });

}  // namespace
}  // namespace ropescope::test
