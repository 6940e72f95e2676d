// A read-only memory map of a whole file.
#include "engine/core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "engine/core/error.h"
#include "engine/core/json_io.h"

namespace ropescope::engine {

MappedFile::MappedFile(const std::filesystem::path& path) : m_path(path) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it is refused below).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && (errno == ELOOP || errno == ENOENT || errno == EISDIR)) requireRegularFile(path);  // says why
  if (fd < 0) {
    const int err = errno;
    throw Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, path.string(),
                std::string("cannot open: ") + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) throw Error(ErrorCode::Io, path.string(), "is a folder, not a file");
    throw Error(ErrorCode::Io, path.string(), "is not a regular file (a FIFO, device or socket)");
  }
  m_size = static_cast<std::size_t>(st.st_size);
  if (m_size > 0 && m_size <= kCopyBelowBytes) {
    // Read into anonymous pages (released by munmap like a mapping).
    void* p = ::mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      throw Error(ErrorCode::Io, path.string(), std::string("cannot allocate memory for it: ") + std::strerror(err));
    }
    auto* bytes = static_cast<char*>(p);
    std::size_t done = 0;
    while (done < m_size) {
      const ssize_t n = ::pread(fd, bytes + done, m_size - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int err = n < 0 ? errno : 0;
        ::munmap(p, m_size);
        ::close(fd);
        throw Error(ErrorCode::Io, path.string(),
                    err ? std::string("cannot read: ") + std::strerror(err) : "became shorter while it was read");
      }
      done += static_cast<std::size_t>(n);
    }
    ::mprotect(p, m_size, PROT_READ);
    m_data = static_cast<const std::byte*>(p);
  } else if (m_size > 0) {
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      throw Error(ErrorCode::Io, path.string(), std::string("cannot map: ") + std::strerror(err));
    }
    m_data = static_cast<const std::byte*>(p);
  }
  ::close(fd);  // the memory stays valid
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    m_path = std::move(other.m_path);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

void MappedFile::release() noexcept {
  if (m_data != nullptr) ::munmap(const_cast<std::byte*>(m_data), m_size);
  m_data = nullptr;
  m_size = 0;
}

}  // namespace ropescope::engine
