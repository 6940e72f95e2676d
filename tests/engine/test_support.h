// Helpers shared by the engine tests: fixture paths, scratch folders, raw file writing.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/scratch_dir.h"

namespace ropescope::test {

std::filesystem::path fixturesDir();
std::filesystem::path tinyModel(const std::string& name);  // tests/fixtures/hf-tiny/<name>
std::vector<std::string> tinyModelNames();                 // every folder in hf-tiny

// 8-byte little-endian length + header text + data, exactly as given (for malformed files).
std::string rawSafetensors(const std::string& header, const std::string& data, std::uint64_t declaredLength);
std::string rawSafetensors(const std::string& header, const std::string& data);

}  // namespace ropescope::test

#include <functional>

#include "engine/core/error.h"

namespace ropescope::engine {
class Tokenizer;
}

namespace ropescope::test {

// tests/fixtures/tokenizers/<folder>/tokenizer.json, loaded once per process.
const engine::Tokenizer& fixtureTokenizer(const std::string& folder);

// Expects `fn` to throw engine::Error with `code` and a what() containing every fragment.
::testing::AssertionResult throwsError(const std::function<void()>& fn, engine::ErrorCode code,
                                       const std::vector<std::string>& fragments);

}  // namespace ropescope::test
