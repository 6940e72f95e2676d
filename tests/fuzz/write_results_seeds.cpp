// Writes seed results files for fuzz_results: the synthetic full results file of the widget tests
// and smaller variants, so mutations start from every group the reader knows.
#include <cstdio>
#include <exception>
#include <filesystem>

#include "engine/io/results_io.h"
#include "tests/results_fixture.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_results_seeds FOLDER\n");
    return 2;
  }
  namespace fs = std::filesystem;
  const fs::path folder = argv[1];
  try {
    fs::create_directories(folder);
    auto full = ropescope::test::fullResults();
    ropescope::engine::writeResultsFile(folder / "full.h5", full);
    auto weightsOnly = full;
    weightsOnly.arrays.clear();
    weightsOnly.strings.clear();
    weightsOnly.groupAttributes.clear();
    ropescope::engine::writeResultsFile(folder / "weights.h5", weightsOnly);
    auto noWeights = full;
    noWeights.weights.reset();
    ropescope::engine::writeResultsFile(folder / "arrays.h5", noWeights);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
