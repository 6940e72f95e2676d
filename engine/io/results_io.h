// Reading and writing RoPEScope results files (HDF5): one file per run, one group per analysis,
// named axes. The types are in engine/results/results_file.h, the paths in engine/results/schema.h.
// The layout is documented in docs/results-format.md.
#pragma once

#include <filesystem>
#include <string>

#include "engine/results/results_file.h"

namespace ropescope::engine {

// Writes to a temporary file in the same folder and renames it over `path`.
void writeResultsFile(const std::filesystem::path& path, const ResultsFile& results);

// Reads every group back: /weights into `weights`, other float datasets into `arrays`, string
// datasets into `strings`, group string attributes into `groupAttributes`.
// Throws Error: NotFound/Io, Format (not HDF5, not ours, bad dataset shapes), Unsupported
// (written by a newer format version).
// Soft and external links, and trees deeper or larger than RoPEScope writes (link cycles), are
// Format errors; so are per-unit datasets (checkUnitDatasets) that disagree with /units/status.
ResultsFile readResultsFile(const std::filesystem::path& path);

// Whether two results files (or a file and a model) are about the same model: equal config.json
// (as JSON) and, where both record it, the same weights identity. False when a config is missing.
bool sameModel(const RunInfo& a, const RunInfo& b);

// Error(Format) naming `source` unless every dataset whose first axis is "unit" (arrays and
// strings) has as many entries as /units/status.
void checkUnitDatasets(const ResultsFile& results, const std::string& source);

}  // namespace ropescope::engine
