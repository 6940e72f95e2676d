// One QA sample answered live under a mask, exactly as the qa analysis (engine/analysis_run.h)
// answers it, plus where the answering query's attention went; and the greedy QA decoding that
// both share (torch-facing: widgets take engine/results/qa_sample_answer.h instead).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/prompt_template.h"
#include "engine/qa_data.h"
#include "engine/qa_tokens.h"
#include "engine/results/nd_array.h"
#include "engine/results/qa_sample_answer.h"
#include "engine/run_control.h"
#include "engine/tokenizer.h"
#include "engine/transformer.h"

namespace ropescope::engine {

struct QaSampleOptions {
  std::optional<PromptTemplate> promptTemplate;  // default: chosen from the model folder, as the qa analysis does
  QaPromptOptions::AnswerCue answerCue = QaPromptOptions::AnswerCue::Auto;
  std::string mask = "none";  // mask syntax (engine/mask_spec.h)
  // Scores for masks that select by them and for choosing the heads of retrieval mass; may be
  // null. They must outlive the call.
  const NdArray* retrievalScores = nullptr;  // [layer, head]
  const NdArray* utilityScores = nullptr;    // [layer, head, dim]
  int maxNewTokens = 32;
  const CancelToken* cancel = nullptr;  // checked between generated tokens
};

// The prompt of `sample` as answerQaSample renders it, without running the model.
QaSamplePrompt describeQaSample(const Transformer& model, const Tokenizer& tokenizer, const QaSample& sample,
                                const QaSampleOptions& options = {});

// Greedy answer of `sample` under `options.mask`: "none" decodes as the qa analysis's unmasked
// run (/qa/none), any other mask as its mask sets (/qa/<setup>), so the answer is the one
// `ropescope-cli qa` writes for the same sample. Error(InvalidArgument) naming the mask when it
// is malformed or does not fit the model, and for a prompt that does not fit the context;
// Error(Cancelled) when the token is set.
QaSampleAnswer answerQaSample(const Transformer& model, const Tokenizer& tokenizer, const QaSample& sample,
                              const QaSampleOptions& options = {});

// The samples a QA data file offers for answering one at a time: samples with their own
// documents as they are, in file order; one-passage (oracle) samples as the qa analysis builds
// them (engine/qa_data.h buildDocumentSets), every sample at the first gold position, then every
// sample at the next, ...
std::vector<QaSample> qaSamplesToBrowse(const std::vector<QaSample>& data, const std::vector<int>& goldPositions,
                                        int totalDocuments = 20, std::uint64_t seed = 0);

// The decoding itself, shared with the analysis run.

// True once the decoded answer holds a line break after its first character that is not white
// space (the answer is its first line).
bool endsAnswer(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids);
// The answer's text: `ids` decoded without special tokens.
std::string predictionText(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids);

// Greedy decoding of one prompt with the unmasked model, capturing what retrieval and utility
// need at the question and answer positions.
struct AnalysedAnswer {
  std::vector<std::int64_t> generated;       // every new token (the last one is not fed back)
  std::vector<at::Tensor> mass;              // per layer [H, P, segments]: attention onto each segment
  std::vector<at::Tensor> queries;           // per layer [H, P, D] post-RoPE queries
  std::vector<std::int64_t> queryPositions;  // the P positions: question onwards, then the answer tokens fed back
  KvCache cache;
};

// Runs ids[0, questionBegin) as a prefix, then the rest and the answer tokens with a KV cache,
// stopping at an EOS id, the end of the answer's first line, maxNewTokens or the context.
// maxNewTokens = 0 runs the prompt alone; `tokenizer` may then be null. `segments` are the key
// ranges of the mass captures. Error(Cancelled) when `cancel` is set between tokens.
void analysedGenerate(const Transformer& model, const Tokenizer* tokenizer, const std::vector<std::int64_t>& ids,
                      const std::vector<TokenRange>& segments, std::int64_t questionBegin, int maxNewTokens,
                      bool wantMass, bool wantQueries, AnalysedAnswer& out, const CancelToken* cancel = nullptr);

}  // namespace ropescope::engine
