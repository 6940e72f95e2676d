// Scratch folders and raw file reading/writing for the tests (no RoPEScope library needed).
#pragma once

#include <filesystem>
#include <string>

namespace ropescope::test {

// A fresh empty folder removed when the object dies (even after a test made it read-only).
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

void writeBytes(const std::filesystem::path& path, const std::string& bytes);
std::string readBytes(const std::filesystem::path& path);

}  // namespace ropescope::test
