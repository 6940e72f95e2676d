// libFuzzer target: the results-file (HDF5) reader must refuse any malformed file with an Error,
// never crash, follow a link out of the file or allocate more than the file stores.
#include <cstddef>
#include <cstdint>

#include "engine/core/error.h"
#include "engine/io/results_io.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace e = ropescope::engine;
  try {
    const auto results = e::readResultsFile(ropescope::fuzz::inputFile(data, size, "results.h5"));
    e::checkUnitDatasets(results, "fuzz");
  } catch (const e::Error&) {
  }
  return 0;
}
