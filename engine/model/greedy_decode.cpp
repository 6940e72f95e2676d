// The one greedy decoding: prompt, then a token at a time, with optional captures.
#include "engine/model/greedy_decode.h"

#include <ATen/ATen.h>

#include <algorithm>

#include "engine/core/error.h"

namespace ropescope::engine {

DecodeResult greedyDecode(const Transformer& model, const std::vector<std::int64_t>& prompt,
                          const DecodeOptions& options) {
  const auto& c = model.config();
  const int layers = c.numLayers;
  const auto promptSize = static_cast<std::int64_t>(prompt.size());
  const bool capturing = options.captureFrom >= 0 && (options.captureSegmentMass || options.captureQueries);
  if (capturing && options.captureFrom >= promptSize)
    throw Error(ErrorCode::InvalidArgument, "decode", "captures must start inside the prompt");

  ForwardOptions forward;
  forward.allLogits = false;
  forward.interventions = options.interventions;
  forward.segments = options.segments;
  for (int l = 0; capturing && l < layers; ++l) {
    if (options.captureSegmentMass) forward.capture.insert({l, Site::SegmentMass});
    if (options.captureQueries) forward.capture.insert({l, Site::QRope});
  }
  DecodeResult out;
  std::vector<std::vector<at::Tensor>> mass(static_cast<std::size_t>(layers)), queries(mass.size());
  const auto collect = [&](const ForwardResult& r, std::int64_t first, std::int64_t count) {
    if (!capturing) return;
    const auto from = std::max<std::int64_t>(options.captureFrom - first, 0);
    for (std::int64_t i = from; i < count; ++i) out.queryPositions.push_back(first + i);
    for (int l = 0; l < layers; ++l) {
      const auto sl = static_cast<std::size_t>(l);
      if (options.captureSegmentMass)
        mass[sl].push_back(r.captured.at({l, Site::SegmentMass}).narrow(1, from, count - from));
      if (options.captureQueries) queries[sl].push_back(r.captured.at({l, Site::QRope}).narrow(1, from, count - from));
    }
  };

  auto result = model.forward(prompt, forward, &out.cache);
  collect(result, 0, promptSize);
  for (int produced = 0; produced < options.maxNewTokens; ++produced) {
    const auto logits = result.logits.reshape({-1});
    if (options.keepStepLogits || (options.keepFirstLogits && out.stepLogits.empty())) out.stepLogits.push_back(logits);
    const std::int64_t next = logits.argmax().item<std::int64_t>();
    out.ids.push_back(next);
    if (std::find(options.eosIds.begin(), options.eosIds.end(), next) != options.eosIds.end()) {
      out.stop = DecodeResult::Stop::Eos;
      break;
    }
    if (options.stopWhen && options.stopWhen(out.ids)) {
      out.stop = DecodeResult::Stop::Callback;
      break;
    }
    if (produced + 1 == options.maxNewTokens) break;
    if (c.maxPositionEmbeddings > 0 && out.cache.length() + 1 > c.maxPositionEmbeddings) {
      out.stop = DecodeResult::Stop::Context;
      break;
    }
    if (options.cancel != nullptr && options.cancel->cancelled())
      throw Error(ErrorCode::Cancelled, "decode", "cancelled");
    const auto first = out.cache.length();
    result = model.forward({next}, forward, &out.cache);
    collect(result, first, 1);
  }
  if (capturing) {
    out.segmentMass.resize(mass.size());
    out.queries.resize(mass.size());
    for (std::size_t l = 0; l < mass.size(); ++l) {
      if (options.captureSegmentMass) out.segmentMass[l] = at::cat(mass[l], 1);
      if (options.captureQueries) out.queries[l] = at::cat(queries[l], 1);
    }
  }
  return out;
}

}  // namespace ropescope::engine
