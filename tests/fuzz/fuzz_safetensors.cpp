// libFuzzer target: safetensors parsing must refuse any malformed bytes with an Error, never crash.
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/core/error.h"
#include "engine/io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto header = ropescope::engine::parseSafetensors(
        std::span<const std::byte>(reinterpret_cast<const std::byte*>(data), size), "fuzz");
    // Whatever was accepted must lie inside the buffer.
    for (const auto& t : header.tensors)
      if (header.dataOffset + t.end > size) __builtin_trap();
  } catch (const ropescope::engine::Error&) {
  }
  return 0;
}
