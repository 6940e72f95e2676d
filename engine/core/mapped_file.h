// A whole file in memory, read-only. Files up to kCopyBelowBytes (or the environment's
// ROPESCOPE_COPY_FILES_BELOW_BYTES) are read into anonymous memory, so that the file being
// overwritten or truncated while it is used cannot fault the process; larger ones are mapped
// privately (never written through), and should one change while it is used (its pages vanish:
// SIGBUS) the process stops with a message naming the file instead of crashing.
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
  bool m_watched = false;  // mapped, and known to the SIGBUS handler
};

}  // namespace ropescope::engine
