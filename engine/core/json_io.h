// Reads JSON files with errors that name the file (engine-internal).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace ropescope::engine {

// Throws Error: NotFound, Io, or Format with the parser's position.
nlohmann::json readJsonFile(const std::filesystem::path& path);

}  // namespace ropescope::engine
