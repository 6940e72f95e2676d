// libFuzzer target: QA data (JSONL, or gzip by content) must be read or refused with an Error,
// in both the strict and the skip-malformed mode, never crash.
#include <cstddef>
#include <cstdint>

#include "engine/core/error.h"
#include "engine/data/qa_data.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace e = ropescope::engine;
  const auto path = ropescope::fuzz::inputFile(data, size, "qa.jsonl");
  for (const bool skip : {false, true}) {
    try {
      const auto samples = e::readQaFile(path, {.skipMalformed = skip});
      for (const auto& s : samples) (void)e::qaPrompt(s).text();
      if (!samples.empty()) (void)e::buildDocumentSets(samples, 1, 3, 7);
    } catch (const e::Error&) {
    }
  }
  return 0;
}
