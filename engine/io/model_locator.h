// Finds a model: a folder on disk, or a Hugging Face model id in the local HF cache (offline).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ropescope::engine {

// The HF hub cache folders in the order transformers looks: $HF_HUB_CACHE, else $HF_HOME/hub,
// else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
std::vector<std::filesystem::path> huggingFaceCacheDirs();

// `spec` as a folder when one exists; else "org/name" or "org/name@revision" resolved to
// <cache>/models--org--name/snapshots/<commit>/ (revision from refs/<revision>, default main;
// a lone snapshot is taken when there are no refs). Throws Error(NotFound) saying where it looked.
std::filesystem::path resolveModelPath(const std::string& spec);

}  // namespace ropescope::engine
