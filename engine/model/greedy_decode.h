// The one greedy decoding of RoPEScope: the prompt in one forward call, then a token at a time with
// a KV cache, under prepared interventions (none = the unmasked model). The qa analysis, the
// sample re-run, `ropescope-cli generate` and the retrieval and utility captures all decode here,
// so an answer depends only on the prompt, the model and the interventions.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/model/transformer.h"

namespace ropescope::engine {

struct DecodeOptions {
  int maxNewTokens = 32;             // 0: run the prompt alone (captures only)
  std::vector<std::int64_t> eosIds;  // stop after emitting one of these (it is included)
  // Called with the new ids after each step; true stops (an answer's line ended, a stop string).
  std::function<bool(const std::vector<std::int64_t>& newIds)> stopWhen;
  PreparedInterventions interventions;  // Transformer::prepare; default: none
  bool keepStepLogits = false;          // fill DecodeResult::stepLogits
  bool keepFirstLogits = false;         // keep step 0's logits alone in DecodeResult::stepLogits

  // Captures at the query positions from captureFrom on: prompt rows [captureFrom, prompt size),
  // then each generated token that is fed back (the last one never is). -1: none.
  std::int64_t captureFrom = -1;
  bool captureSegmentMass = false;                              // Site::SegmentMass onto `segments`
  bool captureQueries = false;                                  // Site::QRope
  std::vector<std::pair<std::int64_t, std::int64_t>> segments;  // key ranges [begin, end)
  const CancelToken* cancel = nullptr;                          // checked between tokens: Error(Cancelled)
};

struct DecodeResult {
  enum class Stop { MaxTokens, Eos, Callback, Context };
  std::vector<std::int64_t> ids;  // the new tokens
  Stop stop = Stop::MaxTokens;
  std::vector<at::Tensor> stepLogits;  // [vocab] per step, step 0 = last prompt position
  // With captures: per layer [H, P, segments] and [H, P, D] at the P captured positions.
  std::vector<at::Tensor> segmentMass;
  std::vector<at::Tensor> queries;
  std::vector<std::int64_t> queryPositions;  // the P positions
  KvCache cache;                             // keys and values of the prompt and the fed-back tokens
};

// Greedy decoding of `prompt`: stops at an EOS id, when stopWhen says so, after maxNewTokens, or
// when feeding the next token back would pass the model's context.
DecodeResult greedyDecode(const Transformer& model, const std::vector<std::int64_t>& prompt,
                          const DecodeOptions& options);

}  // namespace ropescope::engine
