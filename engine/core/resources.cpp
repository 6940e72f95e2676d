// The files that ship with RoPEScope.
#include "engine/core/resources.h"

#include <cstdlib>
#include <system_error>

namespace ropescope::engine {

namespace fs = std::filesystem;

fs::path resourcesDir() {
  std::error_code ec;
  if (const char* env = std::getenv("ROPESCOPE_RESOURCES"); env != nullptr && fs::is_directory(env, ec)) return env;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "ropescope";
    if (fs::is_directory(installed / "demo", ec)) return installed;
  }
  return ROPESCOPE_SOURCE_RESOURCES;
}

std::string resolveModelName(const std::string& name) {
  if (name == "demo") return (resourcesDir() / "demo" / "rope").string();
  if (name == "demo-nope") return (resourcesDir() / "demo" / "nope").string();
  return name;
}

std::string resolveDataName(const std::string& name) {
  if (name == "demo") return (resourcesDir() / "demo" / "eval.jsonl.gz").string();
  return name;
}

}  // namespace ropescope::engine
