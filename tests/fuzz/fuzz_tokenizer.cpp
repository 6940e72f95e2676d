// libFuzzer target: tokenizer.json parsing, then encode/decode of a short text, must never crash:
// malformed files end in an Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/core/error.h"
#include "engine/text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto tokenizer = ropescope::engine::Tokenizer::fromJsonText(text, "fuzz.json");
    const auto ids = tokenizer.encode("Hello <s> world 123 \xc3\xa9\xe2\x96\x81!", true);
    tokenizer.decode(ids);
  } catch (const ropescope::engine::Error&) {
  }
  return 0;
}
