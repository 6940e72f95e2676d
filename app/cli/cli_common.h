// Options and helpers shared by the ropescope-cli commands (engine only, no Qt).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/cli_args.h"
#include "engine/core/run_control.h"
#include "engine/io/checkpoint.h"
#include "engine/io/dims.h"
#include "engine/masks/interventions.h"

namespace ropescope::engine {
class Transformer;
}

namespace ropescope::app {

class TerminalProgress;

extern const OptionSpec kThreads;
extern const OptionSpec kCheckWeights;
extern const OptionSpec kModel;
extern const OptionSpec kMask;
extern const OptionSpec kDType;
extern const OptionSpec kDevice;

engine::DimOrder parseDimOrder(const ParsedArgs& args);
// Comma-separated integers; UsageError naming the bad item otherwise.
std::vector<std::int64_t> parseIds(const std::string& text);
std::string joinIds(const std::vector<std::int64_t>& ids);
std::string number(double v);  // %g
// Error naming the output file, before any work, when it is a folder, its folder is missing or
// no file can be created there.
void checkWritableOutput(const std::string& output);

// --threads applied, --model opened.
std::shared_ptr<const engine::Checkpoint> openModel(const ParsedArgs& args);
// Error(Format) naming the folder and the first tensors when any weight is NaN or infinite.
void checkWeights(const engine::Checkpoint& checkpoint);
// openModel plus --dtype and --device.
std::unique_ptr<engine::Transformer> loadModel(const ParsedArgs& args);
// The --mask interventions for `model` (scores-based selections need analysis results).
engine::Interventions maskInterventions(const ParsedArgs& args, const engine::Transformer& model);

// A RunControl that draws on `progress` and stops on `cancel`.
engine::RunControl progressControl(TerminalProgress& progress, const engine::CancelToken& cancel);

}  // namespace ropescope::app
