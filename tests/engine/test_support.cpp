// Helpers shared by the engine tests.
#include "test_support.h"

#include <map>

#include "engine/text/tokenizer.h"

#include <algorithm>

namespace ropescope::test {

std::filesystem::path fixturesDir() { return ROPESCOPE_FIXTURES_DIR; }

std::filesystem::path tinyModel(const std::string& name) { return fixturesDir() / "hf-tiny" / name; }

std::vector<std::string> tinyModelNames() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(fixturesDir() / "hf-tiny"))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string rawSafetensors(const std::string& header, const std::string& data, std::uint64_t declaredLength) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((declaredLength >> (8 * i)) & 0xff);
  return out + header + data;
}

std::string rawSafetensors(const std::string& header, const std::string& data) {
  return rawSafetensors(header, data, header.size());
}

}  // namespace ropescope::test

namespace ropescope::test {

::testing::AssertionResult throwsError(const std::function<void()>& fn, engine::ErrorCode code,
                                       const std::vector<std::string>& fragments) {
  try {
    fn();
  } catch (const engine::Error& e) {
    if (e.code() != code)
      return ::testing::AssertionFailure() << "code " << engine::errorCodeName(e.code()) << ", expected "
                                           << engine::errorCodeName(code) << ": " << e.what();
    for (const auto& f : fragments)
      if (std::string(e.what()).find(f) == std::string::npos)
        return ::testing::AssertionFailure() << "message lacks '" << f << "': " << e.what();
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-engine error: " << e.what();
  }
  return ::testing::AssertionFailure() << "did not throw";
}

const engine::Tokenizer& fixtureTokenizer(const std::string& folder) {
  static std::map<std::string, engine::Tokenizer> loaded;
  auto it = loaded.find(folder);
  if (it == loaded.end())
    it = loaded.emplace(folder, engine::Tokenizer::load(fixturesDir() / "tokenizers" / folder)).first;
  return it->second;
}

}  // namespace ropescope::test
