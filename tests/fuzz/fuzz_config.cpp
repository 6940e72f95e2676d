// libFuzzer target: the JSON reader and config.json validation must refuse any malformed bytes
// with an Error, never crash, recurse without bound or allocate what the text does not hold.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/io/model_config.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto json = ropescope::engine::parseJsonText(text, "fuzz.json");
    (void)ropescope::engine::sameJson(text, text);
  } catch (const ropescope::engine::Error&) {
  }
  try {
    const auto config = ropescope::engine::ModelConfig::load(ropescope::fuzz::inputFile(data, size, "config.json"));
    (void)config.architecture();
  } catch (const ropescope::engine::Error&) {
  }
  return 0;
}
