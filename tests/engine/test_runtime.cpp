// LibTorch defaults to one thread here; the engine must use every core.
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <string>
#include <thread>

#include "engine/model/runtime.h"

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

namespace ropescope::engine {
namespace {

// The process either runs OpenBLAS kernels that fit the CPU or was told which to use.
TEST(Runtime, OpenBlasKernelsFitTheCpu) {
  void* openblas = ::dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD);
  if (openblas == nullptr) GTEST_SKIP() << "not linked against OpenBLAS";
  const auto corename = reinterpret_cast<const char* (*)()>(::dlsym(openblas, "openblas_get_corename"));
  ASSERT_NE(corename, nullptr);
  const std::string core = corename();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    EXPECT_NE(core, "Prescott");
  }
}

}  // namespace
}  // namespace ropescope::engine
