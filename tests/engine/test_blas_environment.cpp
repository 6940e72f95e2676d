// The start-up environment the launchers set before LibTorch loads.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "engine/core/blas_environment.h"

namespace ropescope::engine {
namespace {

// Restores one environment variable when it goes out of scope.
class SavedVariable {
 public:
  explicit SavedVariable(const char* name) : m_name(name) {
    if (const char* v = std::getenv(name)) m_value = v;
  }
  ~SavedVariable() {
    if (m_value)
      ::setenv(m_name, m_value->c_str(), 1);
    else
      ::unsetenv(m_name);
  }

 private:
  const char* m_name;
  std::optional<std::string> m_value;
};

TEST(BlasEnvironment, KeepsWhatTheUserSet) {
  const SavedVariable core("OPENBLAS_CORETYPE"), wait("OMP_WAIT_POLICY");
  ::setenv("OPENBLAS_CORETYPE", "Prescott", 1);
  ::setenv("OMP_WAIT_POLICY", "ACTIVE", 1);
  EXPECT_FALSE(setFastBlasEnvironment());
  EXPECT_STREQ(std::getenv("OPENBLAS_CORETYPE"), "Prescott");
  EXPECT_STREQ(std::getenv("OMP_WAIT_POLICY"), "ACTIVE");
}

TEST(BlasEnvironment, SetsPassiveOpenMpThreadsAndTheFasterCoreWhenUnset) {
  const SavedVariable core("OPENBLAS_CORETYPE"), wait("OMP_WAIT_POLICY");
  ::unsetenv("OPENBLAS_CORETYPE");
  ::unsetenv("OMP_WAIT_POLICY");
  EXPECT_TRUE(setFastBlasEnvironment());
  EXPECT_STREQ(std::getenv("OMP_WAIT_POLICY"), "PASSIVE");
  const char* faster = fasterOpenBlasCore();
  if (faster)
    EXPECT_STREQ(std::getenv("OPENBLAS_CORETYPE"), faster);
  else
    EXPECT_EQ(std::getenv("OPENBLAS_CORETYPE"), nullptr);
}

TEST(BlasEnvironment, AKnownFastCoreIsLeftAndAGenericOneReplacedWhereTheCpuAllows) {
  // SkylakeX has AVX-512 and AVX2 kernels: whatever the CPU, there is nothing faster to ask for.
  EXPECT_EQ(fasterOpenBlasCore("SkylakeX"), nullptr);
  // OpenBLAS's generic SSE3 fallback is replaced on any CPU with AVX2 + FMA.
  const char* replacement = fasterOpenBlasCore("Prescott");
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    ASSERT_NE(replacement, nullptr);
  else
    EXPECT_EQ(replacement, nullptr);
  // Before OpenBLAS is loaded, the choice comes from the CPU alone and names a core it can run.
  if (const char* core = fasterOpenBlasCore()) {
    const std::string name = core;
    EXPECT_TRUE(name == "SkylakeX" || name == "Haswell") << name;
    EXPECT_TRUE(__builtin_cpu_supports("avx2"));
  }
}

}  // namespace
}  // namespace ropescope::engine
