// Writes a file so that readers see either the old file or the complete new one, never a part.
#pragma once

#include <filesystem>
#include <functional>

namespace ropescope::engine {

// Calls `write(tmp)` with a temporary path in the target's folder, then renames it over
// `target`. If `write` throws, the temporary file is removed and `target` is untouched.
void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmp)>& write);

}  // namespace ropescope::engine
