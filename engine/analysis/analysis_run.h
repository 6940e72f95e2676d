// The papers' analyses over a QA data set (or raw token ids), as one resumable, shardable run
// that fills a results file: norms, retrieval, utility, qa (under mask sets), bands,
// positional, angles.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/data/qa_data.h"
#include "engine/data/qa_tokens.h"
#include "engine/io/results_io.h"
#include "engine/results/schema.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {

class Transformer;

// A comma-separated list of analysisName()s ("all" = every analysis); Error(InvalidArgument)
// naming an unknown one.
std::set<Analysis> parseAnalysisList(const std::string& list);

struct QaSetup {
  std::string name;  // group name under /qa ("none", "first16", ...)
  std::string mask;  // mask syntax (engine/masks/mask_syntax.h); "none" for the unmasked model
};

struct AnalysisOptions {
  std::set<Analysis> analyses;
  // QA data: with one passage per sample (the oracle file) document sets are built with the
  // gold passage at each position; samples that already hold several documents are used as
  // they are, grouped by their gold document.
  std::vector<int> goldPositions{0, 9, 19};
  std::int64_t samples = 0;  // per gold position; 0 = all
  int totalDocuments = 20;
  std::uint64_t seed = 0;
  std::optional<PromptTemplate> promptTemplate;  // default: chosen from the model folder
  QaPromptOptions::AnswerCue answerCue = QaPromptOptions::AnswerCue::Auto;
  int maxNewTokens = 32;
  // Mask sets for qa, after the unmasked model ("none", always run when qa is asked for).
  std::vector<QaSetup> setups;
  // Positional heads: ablate the top-k heads by |rho| and k random heads under qa (0 = not).
  int ablateTopK = 0;
  // bands and positional run on the prompts of this many units (the first ones of the run,
  // the same in every shard).
  int tokenSamples = 4;
  int shardIndex = 0;
  int shardCount = 1;
  // Scores from an earlier run for mask sets that select by retrieval score or utility
  // (needed when a sharded run masks by scores it computes itself).
  std::optional<NdArray> retrievalScores;  // [layer, head]
  std::optional<NdArray> utilityScores;    // [layer, head, dim]
  // Retrieval score per head: the mean over the question and answer queries of their mass on
  // the context (default; in [0, 1]), or its sum over those queries (the paper's "sum" read literally).
  bool retrievalSum = false;
  int utilitySteps = 300;
  double utilityLearningRate = 0.05;
  std::string dataName;  // recorded as the results file's data attribute
};

// Where a run is written as it goes: `checkpoint` is called with the results so far after
// units finish (every `checkpointSeconds`, or every `checkpointUnits` units, whichever comes
// first) and at the end.
struct AnalysisSink {
  std::function<void(const ResultsFile&)> checkpoint;
  double checkpointSeconds = 30.0;
  // Also after this many finished units since the last checkpoint (0: by time alone), so that a
  // process killed outright (SIGKILL, a node lost) loses at most that many.
  int checkpointUnits = 0;
};

// A mask set named by its canonical mask text (Error(InvalidArgument) for a malformed mask).
QaSetup qaSetupOfMask(const std::string& mask);

// Paper 1's masking experiments scaled to head_dim D, named by their canonical mask text: Table 2
// (the first and last D/8 and D/4 dims of heads with retrieval score > 0.5) and, with `utility`,
// Table 1 (dims with utility < 0.5).
std::vector<QaSetup> paperMaskSetups(int headDim, bool utility);

// The gold positions a run covers when none are named: every position the samples hold, or for
// one-passage (oracle) data every position of the built `totalDocuments`-document sets when
// `everyPosition`, else {0, 9, 19} (the paper's first, middle and last of 20).
std::vector<int> defaultGoldPositions(const std::vector<QaSample>& data, int totalDocuments, bool everyPosition);

// Runs `options.analyses` on `data`. `resume` (an earlier file of the same run) keeps its
// finished units. Progress counts units; a cancel stops between units and returns what is done.
// Samples whose prompt and answer do not fit the context are skipped and counted
// (/units/status = 1). Error(InvalidArgument) for bad options or a resume file of another run.
ResultsFile runAnalyses(const Transformer& model, const Tokenizer& tokenizer, const std::vector<QaSample>& data,
                        const AnalysisOptions& options, const RunControl& control = {}, const AnalysisSink& sink = {},
                        const ResultsFile* resume = nullptr);

// Retrieval-head scores of one sequence (paper 1, section 5.3): per layer and head, the attention
// mass that the queries at [queryBegin, ids.size()) put on the keys in `context`, averaged over
// those queries ([layers, heads]). Computed as the QA run does: the prefix, then the rest with a
// KV cache, reducing attention to segment mass a layer at a time.
NdArray retrievalScores(const Transformer& model, const std::vector<std::int64_t>& ids, TokenRange context,
                        std::int64_t queryBegin);

// Token-level analyses (norms, bands, positional, angles) on raw token ids.
ResultsFile runTokenAnalyses(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                             const std::set<Analysis>& analyses, const RunControl& control = {});

}  // namespace ropescope::engine
