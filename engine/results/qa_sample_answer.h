// One QA sample as the model sees it and its answer under a mask: the plain types that the live
// re-run (engine/analysis/qa_sample.h) hands to the GUI.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/results/nd_array.h"

namespace ropescope::engine {

// Bytes [begin, end) of a UTF-8 string.
struct TextSpan {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  bool operator==(const TextSpan&) const = default;
};

struct QaSamplePrompt {
  std::int64_t index = -1;  // in the list of samples it was picked from
  std::int64_t line = 0;    // 1-based line of the data file
  std::string question;
  std::vector<std::string> answers;  // the gold answers
  int goldIndex = -1;                // 0-based document holding the answer, -1 when none
  std::string text;                  // the rendered prompt (special tokens written out)
  std::vector<TextSpan> documents;   // where each document sits in `text`
  std::int64_t tokens = 0;           // prompt length in tokens
};

// Which heads QaSampleAnswer::retrievalMass averages.
enum class MassHeads {
  RetrievalAbove,  // retrieval score > kRetrievalHeadThreshold
  TopRetrieval,    // no head passes it: the kTopRetrievalHeads highest scores
  All,             // no retrieval scores given
};
inline constexpr double kRetrievalHeadThreshold = 0.5;
inline constexpr int kTopRetrievalHeads = 4;

struct QaSampleAnswer {
  QaSamplePrompt prompt;
  std::string mask;      // as given ("none" for the unmasked model)
  int maskedHeads = 0;   // (layer, head) pairs whose queries the mask changes
  std::string answer;    // the greedy answer, special tokens skipped
  bool correct = false;  // best-subspan exact match against prompt.answers
  std::vector<std::int64_t> generated;
  // log p of the gold answer's first token at the answer position (the first step), under the
  // mask: the token the first gold answer starts with when it follows the rendered prompt (after
  // a space when the prompt ends in a word). NaN when there is no gold answer.
  double goldLogProb = std::numeric_limits<double>::quiet_NaN();
  std::string goldToken;  // that token's text
  // [layer, head, document]: attention of the last prompt token (the query that gives the first
  // answer token) on each document's tokens, under the mask.
  NdArray documentMass;
  MassHeads massHeads = MassHeads::All;
  std::vector<std::pair<int, int>> retrievalHeads;  // (layer, head) averaged in retrievalMass
  std::vector<float> retrievalMass;                 // [document] mean of documentMass over retrievalHeads
};

}  // namespace ropescope::engine
