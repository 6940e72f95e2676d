// Frequency <-> storage order of head dimensions (DESIGN: storage dims j and j + D/2 share theta_j).
#include <gtest/gtest.h>

#include <set>

#include "engine/core/error.h"
#include "engine/io/dims.h"

namespace ropescope::engine {
namespace {

TEST(Dims, FirstSixteenFrequencyDimsOfHead128AreStorage0To7And64To71) {
  // "The first 16 dimensions" of the papers = the 8 highest-frequency pairs.
  std::set<int> storage;
  for (int f = 0; f < 16; ++f) storage.insert(storageDimOfFrequencyDim(f, 128));
  std::set<int> expected;
  for (int j = 0; j < 8; ++j) {
    expected.insert(j);
    expected.insert(64 + j);
  }
  EXPECT_EQ(storage, expected);
}

TEST(Dims, PairMembersShareAFrequency) {
  EXPECT_EQ(storageDimOfFrequencyDim(0, 16), 0);
  EXPECT_EQ(storageDimOfFrequencyDim(1, 16), 8);
  EXPECT_EQ(storageDimOfFrequencyDim(2, 16), 1);
  EXPECT_EQ(storageDimOfFrequencyDim(3, 16), 9);
  EXPECT_EQ(storageDimOfFrequencyDim(14, 16), 7);
  EXPECT_EQ(storageDimOfFrequencyDim(15, 16), 15);
}

TEST(Dims, ConversionsAreInverseBijections) {
  for (int d : {2, 16, 32, 64, 128, 256}) {
    const auto perm = frequencyToStoragePermutation(d);
    std::set<int> seen(perm.begin(), perm.end());
    EXPECT_EQ(static_cast<int>(seen.size()), d);
    for (int f = 0; f < d; ++f) {
      EXPECT_EQ(perm[static_cast<size_t>(f)], storageDimOfFrequencyDim(f, d));
      EXPECT_EQ(frequencyDimOfStorageDim(storageDimOfFrequencyDim(f, d), d), f);
    }
  }
}

TEST(Dims, RejectsOddHeadDimAndOutOfRange) {
  EXPECT_THROW(storageDimOfFrequencyDim(0, 15), Error);
  EXPECT_THROW(storageDimOfFrequencyDim(16, 16), Error);
  EXPECT_THROW(frequencyDimOfStorageDim(-1, 16), Error);
}

}  // namespace
}  // namespace ropescope::engine
