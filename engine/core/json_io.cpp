// Reads JSON files with errors that name the file.
#include "engine/core/json_io.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

// The offset where `text` nests deeper than `limit` (brackets outside strings), or npos.
std::size_t nestingBeyond(std::string_view text, int limit) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

void requireRegularFile(const std::filesystem::path& path) {
  if (const auto reason = brokenLinkReason(path); !reason.empty()) {
    const bool loop = reason.find("loop") != std::string::npos;
    throw Error(loop ? ErrorCode::Io : ErrorCode::NotFound, path.string(), reason);
  }
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found || ec == std::errc::no_such_file_or_directory)
    throw Error(ErrorCode::NotFound, path.string(), "file does not exist");
  if (ec) throw Error(ErrorCode::Io, path.string(), "cannot read: " + ec.message());
  if (status.type() == std::filesystem::file_type::directory)
    throw Error(ErrorCode::Io, path.string(), "is a folder, not a file");
  if (status.type() != std::filesystem::file_type::regular)
    throw Error(ErrorCode::Io, path.string(), "is not a regular file (a FIFO, device or socket)");
}

std::string brokenLinkReason(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return "";
  [[maybe_unused]] const auto followed = std::filesystem::status(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) return "is a loop of symbolic links";
  if (ec == std::errc::no_such_file_or_directory || !std::filesystem::exists(path, ec))
    return "is a symbolic link to '" + std::filesystem::read_symlink(path, ec).string() + "', which does not exist";
  return "";
}

bool hasEntry(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  return !ec && status.type() != std::filesystem::file_type::not_found;
}

std::string linkNote(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return "";
  const auto target = std::filesystem::read_symlink(path, ec);
  return ec ? std::string(" (a symbolic link)") : " (a symbolic link to '" + target.string() + "')";
}

nlohmann::json parseJsonText(std::string_view text, const std::string& source) {
  if (const auto at = nestingBeyond(text, kMaxJsonDepth); at != std::string_view::npos)
    throw Error(
        ErrorCode::Format, source,
        "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep (at byte " + std::to_string(at) + ")");
  // A key given twice in one object would silently keep one value: refused, naming it.
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  const auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) keys.emplace_back();
    if (event == Event::object_end && !keys.empty()) keys.pop_back();
    if (event == Event::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second &&
        duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  nlohmann::json out;
  try {
    out = nlohmann::json::parse(text.begin(), text.end(), callback);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Format, source, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!duplicate.empty()) throw Error(ErrorCode::Format, source, "key '" + duplicate + "' appears twice in one object");
  return out;
}

bool sameJson(std::string_view a, std::string_view b) {
  if (a == b) return true;
  try {
    return parseJsonText(a, "a") == parseJsonText(b, "b");
  } catch (const Error&) {
    return false;
  }
}

nlohmann::json readJsonFile(const std::filesystem::path& path) {
  requireRegularFile(path);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxJsonFileBytes)
    throw Error(ErrorCode::Format, path.string(),
                "is " + std::to_string(size) + " bytes; JSON files are read up to " +
                    std::to_string(kMaxJsonFileBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Io, path.string(), std::string("cannot read: ") + std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parseJsonText(buffer.str(), path.string());
}

}  // namespace ropescope::engine
