// A read-only memory map of a whole file.
#include "engine/core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "engine/core/error.h"
#include "engine/core/json_io.h"

namespace ropescope::engine {

namespace {

// The mapped files, for the SIGBUS handler: a fault inside one of them means the file changed
// under the process (truncated or overwritten), which is said naming the file instead of
// crashing. The handler only reads the slots (atomics).
struct MappedRange {
  std::atomic<const std::byte*> begin{nullptr};
  std::atomic<std::size_t> size{0};
  char path[1024] = {};
};
std::array<MappedRange, 256> g_ranges;
struct sigaction g_previousBusAction {};

void onBusError(int signal, siginfo_t* info, void* context) {
  const auto* address = static_cast<const std::byte*>(info->si_addr);
  for (const auto& range : g_ranges) {
    const auto* begin = range.begin.load(std::memory_order_acquire);
    if (begin == nullptr || address < begin || address >= begin + range.size.load(std::memory_order_acquire)) continue;
    // Async-signal-safe: write(2) and _exit(2) only.
    const auto say = [](const char* text) { (void)!::write(2, text, std::strlen(text)); };
    say("ropescope: error: ");
    say(range.path);
    say(": changed on disk while in use (truncated or overwritten); stopped. What was saved before stays "
        "saved; a run continues with --resume once the file is whole again.\n");
    ::_exit(1);
  }
  // Not ours: the previous handler, or the default action (a core dump for a genuine bug).
  if (g_previousBusAction.sa_flags & SA_SIGINFO && g_previousBusAction.sa_sigaction != nullptr) {
    g_previousBusAction.sa_sigaction(signal, info, context);
    return;
  }
  ::signal(SIGBUS, SIG_DFL);
  ::raise(SIGBUS);
}

std::mutex g_rangesMutex;  // claims and frees slots; the handler reads without it

void watchRange(const std::byte* begin, std::size_t size, const std::filesystem::path& path) {
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action {};
    action.sa_sigaction = onBusError;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &g_previousBusAction);
  });
  const std::lock_guard lock(g_rangesMutex);
  for (auto& range : g_ranges) {
    if (range.begin.load(std::memory_order_relaxed) != nullptr) continue;
    // Path and size first, then the start: the handler never sees a slot half filled.
    std::strncpy(range.path, path.c_str(), sizeof range.path - 1);
    range.size.store(size, std::memory_order_release);
    range.begin.store(begin, std::memory_order_release);
    return;
  }
  // More than 256 files mapped at once: the rest fault as before (no slot left).
}

void unwatchRange(const std::byte* begin) {
  const std::lock_guard lock(g_rangesMutex);
  for (auto& range : g_ranges) {
    if (range.begin.load(std::memory_order_relaxed) != begin) continue;
    range.begin.store(nullptr, std::memory_order_release);
    range.size.store(0, std::memory_order_release);
    return;
  }
}

// Files up to this size are read into memory (ROPESCOPE_COPY_FILES_BELOW_BYTES overrides it).
std::size_t copyBelowBytes() {
  static const std::size_t bytes = [] {
    if (const char* text = std::getenv("ROPESCOPE_COPY_FILES_BELOW_BYTES"); text != nullptr && *text != '\0') {
      char* end = nullptr;
      const unsigned long long value = std::strtoull(text, &end, 10);
      if (end != nullptr && *end == '\0') return static_cast<std::size_t>(value);
    }
    return MappedFile::kCopyBelowBytes;
  }();
  return bytes;
}

}  // namespace

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
  if (m_size > 0 && m_size <= copyBelowBytes()) {
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
    m_watched = true;
    watchRange(m_data, m_size, path);
  }
  ::close(fd);  // the memory stays valid
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)),
      m_watched(std::exchange(other.m_watched, false)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    m_path = std::move(other.m_path);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
    m_watched = std::exchange(other.m_watched, false);
  }
  return *this;
}

void MappedFile::release() noexcept {
  if (m_data != nullptr && m_watched) unwatchRange(m_data);
  if (m_data != nullptr) ::munmap(const_cast<std::byte*>(m_data), m_size);
  m_data = nullptr;
  m_watched = false;
  m_size = 0;
}

}  // namespace ropescope::engine
