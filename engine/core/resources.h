// The files that ship with RoPEScope (the demo models and data), found at run time.
#pragma once

#include <filesystem>
#include <string>

namespace ropescope::engine {

// The first that exists of: $ROPESCOPE_RESOURCES, <executable's folder>/../share/ropescope,
// and the source tree's resources/ folder (for programs run from a build folder).
std::filesystem::path resourcesDir();

// "demo" is the RoPE demo model (resources/demo/rope), "demo-nope" its twin without RoPE;
// any other name is returned unchanged.
std::string resolveModelName(const std::string& name);
// "demo" is the demo's held-out evaluation set; any other name is returned unchanged.
std::string resolveDataName(const std::string& name);

}  // namespace ropescope::engine
