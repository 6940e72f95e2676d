// Opening and loading the --model of a command, and its --mask (LibTorch: the engine module only).
#include "app/cli/cli_common.h"

#include "engine/core/error.h"
#include "engine/core/resources.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/runtime.h"
#include "engine/model/transformer.h"

namespace ropescope::app {

void checkWeights(const engine::Checkpoint& checkpoint) {
  const auto bad = checkpoint.nonFiniteTensors();
  if (bad.empty()) return;
  std::string names;
  for (std::size_t i = 0; i < bad.size() && i < 5; ++i) names += (i ? ", " : "") + bad[i];
  if (bad.size() > 5) names += ", …";
  throw engine::Error(engine::ErrorCode::Format, checkpoint.folder().string(),
                      std::to_string(bad.size()) + " tensor(s) hold NaN or infinite values: " + names);
}

std::shared_ptr<const engine::Checkpoint> openModel(const ParsedArgs& args) {
  engine::configureThreads(args.intValue("threads", 0, 0, engine::kMaxThreads));
  auto checkpoint =
      std::make_shared<engine::Checkpoint>(engine::Checkpoint::open(engine::resolveModelName(args.required("model"))));
  if (args.flag("check-weights")) checkWeights(*checkpoint);
  return checkpoint;
}

std::unique_ptr<engine::Transformer> loadModel(const ParsedArgs& args) {
  engine::LoadOptions options;
  options.device = args.value("device").value_or("cpu");
  // Both options are checked before the model is read, and their errors name the option.
  try {
    options.dtype = engine::parseComputeDType(args.value("dtype").value_or("float32"));
  } catch (const engine::Error& e) {
    throw engine::Error(e.code(), "--dtype", e.message());
  }
  try {
    engine::parseDevice(options.device);
  } catch (const engine::Error& e) {
    throw engine::Error(e.code(), "--device " + options.device, e.message());
  }
  return engine::Transformer::load(openModel(args), options);
}

// The --mask interventions for `model` (scores-based selections need analysis results).
engine::Interventions maskInterventions(const ParsedArgs& args, const engine::Transformer& model) {
  const auto text = args.value("mask");
  if (!text) return {};
  const auto& c = model.config();
  return engine::resolveMaskSpec(engine::parseMaskSpec(*text), {c.numLayers, c.numHeads, c.headDim});
}

}  // namespace ropescope::app
