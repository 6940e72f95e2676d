// The per-sample layout of an analysis run inside a results file, the summaries computed from it,
// and the merging of shards. Torch-free: the CLI's merge and the GUI use it without a model.
//
// A run's units are (gold position, sample) pairs, unit u = g * samplesPerPosition + s. Every
// per-unit dataset spans all units of the run; a unit that a shard did not run is NaN there, so
// shards of one run merge by taking each unit from the shard that ran it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/results/schema.h"

namespace ropescope::engine {

// /units/status values.
inline constexpr float kUnitDone = 0.0f;
inline constexpr float kUnitSkipped = 1.0f;  // the prompt did not fit the context
// (NaN: not run.)

// Recomputes every summary of `results` from its per-unit datasets:
//   /retrieval/score [layer, head]          mean of /retrieval/unit_score over done units
//   /utility/u [layer, head, dim] (and final_loss, reconstruction, steps) from /utility/unit_*
//   /qa/<setup>/accuracy [gold_position]    mean of /qa/<setup>/correct per gold position
//   /qa/<setup>/answered [gold_position]    how many units of each position were scored
//   /units/done, /units/skipped attributes  as counts in /units
void summariseUnits(ResultsFile& results);

// Units of `results` that are done or skipped (status not NaN).
std::vector<bool> finishedUnits(const ResultsFile& results);

// Combines shards of one run (Error(InvalidArgument) naming the offending file when the runs
// differ in model, data or options, or two shards both ran a unit) into the file one run would
// have written. `names` name the shards in errors.
ResultsFile mergeShards(const std::vector<ResultsFile>& shards, const std::vector<std::string>& names);

// The options JSON of a run without the fields that differ between shards of one run.
std::string runIdentity(const std::string& optionsJson);

}  // namespace ropescope::engine
