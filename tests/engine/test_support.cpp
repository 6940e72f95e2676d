// Helpers shared by the engine tests.
#include "test_support.h"

#include <map>

#include "engine/text/tokenizer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

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

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("ropescope-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(m_path, ec);
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
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
