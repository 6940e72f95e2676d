// Atomic replacement of files by write-to-temporary and rename.
#include "engine/core/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>

#include "engine/core/error.h"

namespace ropescope::engine {

void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmp)>& write) {
  static std::atomic<unsigned> counter{0};
  const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw Error(ErrorCode::NotFound, target.string(), "the folder " + folder.string() + " does not exist");
  const auto tmp = folder / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter.fetch_add(1)));
  try {
    write(tmp);
  } catch (...) {
    std::filesystem::remove(tmp, ec);
    throw;
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw Error(ErrorCode::Io, target.string(), "cannot replace the file: " + ec.message());
  }
}

}  // namespace ropescope::engine
