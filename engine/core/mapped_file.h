// A whole file in memory, read-only. Files up to kCopyBelowBytes are read into anonymous memory,
// so that the file being overwritten or truncated while it is used cannot fault the process
// (a mapped file's pages vanish with it: SIGBUS); larger ones are mapped privately (never
// written through) and must not change while they are used.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace ropescope::engine {

class MappedFile {
 public:
  static constexpr std::size_t kCopyBelowBytes = std::size_t{1} << 30;

  MappedFile() = default;
  // Throws Error (NotFound / Io) naming the file.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::byte> bytes() const noexcept { return {m_data, m_size}; }
  std::size_t size() const noexcept { return m_size; }
  const std::filesystem::path& path() const noexcept { return m_path; }

 private:
  void release() noexcept;

  std::filesystem::path m_path;
  const std::byte* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace ropescope::engine
