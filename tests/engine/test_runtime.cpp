// LibTorch defaults to one thread here; the engine must use every core.
#include <gtest/gtest.h>

#include <thread>

#include "engine/runtime.h"

namespace ropescope::engine {
namespace {

TEST(Runtime, UsesOneThreadPerCoreByDefault) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(configureThreads(), cores);
  EXPECT_EQ(threadCount(), cores);
}

TEST(Runtime, HonoursAnExplicitCount) {
  EXPECT_EQ(configureThreads(1), 1);
  EXPECT_EQ(threadCount(), 1);
  configureThreads();
}

}  // namespace
}  // namespace ropescope::engine
