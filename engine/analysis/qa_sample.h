// One QA sample answered live under a mask, exactly as the qa analysis (engine/analysis/analysis_run.h)
// answers it, plus where the answering query's attention went; and the QA decoding options that
// both share (torch-facing: widgets take engine/results/qa_sample_answer.h instead).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/data/qa_data.h"
#include "engine/data/qa_tokens.h"
#include "engine/model/greedy_decode.h"
#include "engine/model/transformer.h"
#include "engine/results/nd_array.h"
#include "engine/results/qa_sample_answer.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {

struct QaSampleOptions {
  std::optional<PromptTemplate> promptTemplate;  // default: chosen from the model folder, as the qa analysis does
  QaPromptOptions::AnswerCue answerCue = QaPromptOptions::AnswerCue::Auto;
  std::string mask = "none";  // mask syntax (engine/masks/mask_syntax.h)
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

// Greedy answer of `sample` under `options.mask`, decoded by greedyDecode as the qa analysis
// decodes /qa/none and its mask sets, so the answer is the one `ropescope-cli qa` writes for the
// same sample and mask. Error(InvalidArgument) naming the mask when it
// is malformed or does not fit the model, and for a prompt that does not fit the context;
// Error(Cancelled) when the token is set.
QaSampleAnswer answerQaSample(const Transformer& model, const Tokenizer& tokenizer, const QaSample& sample,
                              const QaSampleOptions& options = {});

// The samples a QA data file offers for answering one at a time: samples with their own
// documents as they are, in file order; one-passage (oracle) samples as the qa analysis builds
// them (engine/data/qa_data.h buildDocumentSets), every sample at the first gold position, then every
// sample at the next, ...
std::vector<QaSample> qaSamplesToBrowse(const std::vector<QaSample>& data, const std::vector<int>& goldPositions,
                                        int totalDocuments = 20, std::uint64_t seed = 0);

// The QA answer, shared with the analysis run.

// True once the decoded answer holds a line break after its first character that is not white
// space (the answer is its first line).
bool endsAnswer(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids);
// The answer's text: `ids` decoded without special tokens.
std::string predictionText(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids);
// How every QA answer is decoded: greedy, stopping at the model's EOS ids or at the end of the
// answer's first line (endsAnswer). `tokenizer` must outlive the options.
DecodeOptions qaDecodeOptions(const Transformer& model, const Tokenizer& tokenizer, int maxNewTokens);

}  // namespace ropescope::engine
