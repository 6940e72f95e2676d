// Reads JSON files with errors that name the file.
#include "engine/core/json_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"

namespace ropescope::engine {

nlohmann::json readJsonFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(ErrorCode::NotFound, path.string(), "file does not exist");
  if (std::filesystem::is_directory(path, ec)) throw Error(ErrorCode::Io, path.string(), "is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Io, path.string(), std::string("cannot read: ") + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Format, path.string(), std::string("not valid JSON (") + e.what() + ")");
  }
}

}  // namespace ropescope::engine
