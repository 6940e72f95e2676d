// Reads JSON files with errors that name the file (engine-internal).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ropescope::engine {

// Limits that keep a hostile file from exhausting the stack or the memory: nesting deeper than
// this, or a file larger, is refused before parsing.
inline constexpr int kMaxJsonDepth = 512;
inline constexpr std::uintmax_t kMaxJsonFileBytes = std::uintmax_t{1} << 30;

// Throws Error: NotFound, Io (also for a FIFO, device or socket: refused before it is opened,
// which could block), or Format with the parser's position.
nlohmann::json readJsonFile(const std::filesystem::path& path);

// Parses JSON text read from `source` (a file, or "file:line"): Error(Format) naming it for
// malformed text, or nesting deeper than kMaxJsonDepth (found by a scan before the recursive
// parser runs).
nlohmann::json parseJsonText(std::string_view text, const std::string& source);

// Whether two texts hold the same JSON (key order and spacing aside); false when either does
// not parse.
bool sameJson(std::string_view a, std::string_view b);

// Error(Io) naming `path` unless it is a regular file (after symlinks); NotFound when missing.
void requireRegularFile(const std::filesystem::path& path);

// Why `path` cannot be followed: "is a loop of symbolic links" or "is a symbolic link to 'X',
// which does not exist"; "" when it can (or when there is nothing there at all).
std::string brokenLinkReason(const std::filesystem::path& path);

// Whether the folder has an entry called `path`, even one that cannot be followed (a symbolic
// link to nothing, or a loop): such an entry is there, and requireRegularFile then says what is
// wrong with it, where std::filesystem::exists would only say false.
bool hasEntry(const std::filesystem::path& path);

// " (a symbolic link to 'TARGET')" when `path` is one, else "": for messages about a file whose
// content is wrong, so that a link to an unrelated file is seen as such.
std::string linkNote(const std::filesystem::path& path);

}  // namespace ropescope::engine
