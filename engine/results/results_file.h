// A results file in memory: run information, the weight norms and every other dataset by path.
// Plain types (no torch, no HDF5): engine/io/results_io.h reads and writes them as HDF5.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/results/nd_array.h"
#include "engine/results/weight_norms.h"

namespace ropescope::engine {

// 2: HDF5 1.10 layout (checksummed metadata), fixed-length strings, the model's identity.
inline constexpr int kResultsFormatVersion = 2;
inline constexpr const char* kResultsFormatName = "ropescope-results";

struct RunInfo {
  std::string toolVersion;  // filled by writeResultsFile when empty
  std::string created;      // ISO 8601 UTC; filled by writeResultsFile when empty
  std::string model;        // model folder
  std::string modelConfig;  // config.json text
  // The weights' identity (Checkpoint::identity): tells apart two models of one config.json, e.g.
  // a base model and its fine-tune. Empty in files that do not record it.
  std::string modelIdentity;
  std::string dimOrder = "frequency";
  std::string data;     // the data set the run used (file, or "ids"); may be empty
  std::string options;  // the run's options as JSON text; may be empty
};

// A 1-D dataset of UTF-8 strings along one named axis (e.g. model answers per sample).
struct StringArray {
  std::string axis;
  std::vector<std::string> values;
  bool operator==(const StringArray&) const = default;
};

struct ResultsFile {
  int formatVersion = kResultsFormatVersion;
  RunInfo info;
  std::optional<WeightNorms> weights;  // group /weights
  // Further float32 datasets by absolute path (engine/results/schema.h names them); parent
  // groups are created.
  std::map<std::string, NdArray> arrays;
  std::map<std::string, StringArray> strings;  // string datasets by absolute path
  // String attributes of groups, by group path ("/qa/first16") then name (e.g. "mask").
  std::map<std::string, std::map<std::string, std::string>> groupAttributes;
};

}  // namespace ropescope::engine
