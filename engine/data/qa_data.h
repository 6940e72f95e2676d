// Multi-document QA data in the lost-in-the-middle JSONL schema: reading, building 20-document
// sets from the oracle file, the release's prompt, and best-subspan exact-match scoring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ropescope::engine {

struct QaDocument {
  std::string title;
  std::string text;
  bool hasAnswer = false;
  bool isGold = false;
};

struct QaSample {
  std::string source;     // the file it came from
  std::int64_t line = 0;  // 1-based line in that file
  std::string question;
  std::vector<std::string> answers;
  std::vector<QaDocument> documents;
  int goldIndex = -1;  // index of the document with isgold, -1 when none
};

// Bounds on what a QA file may hold: the text (decompressed), and one line (a sample far beyond
// any model's context).
inline constexpr std::size_t kMaxQaFileBytes = std::size_t{4} << 30;
inline constexpr std::size_t kMaxQaLineBytes = std::size_t{8} << 20;

struct QaReadOptions {
  bool skipMalformed = false;  // false: the first malformed line is an Error naming it
};

struct QaReadReport {
  std::int64_t lines = 0;
  std::int64_t skipped = 0;
  std::vector<std::string> problems;  // "file:line: what", for skipped lines
};

// Reads .jsonl or .jsonl.gz (by content, not name) unchanged. Throws Error(NotFound/Io/Format).
std::vector<QaSample> readQaFile(const std::filesystem::path& path, const QaReadOptions& options = {},
                                 QaReadReport* report = nullptr);

// For each oracle sample (one gold passage), a `totalDocuments` set with the gold passage at
// `goldPosition` and distractors drawn without replacement from the other samples' gold
// passages that contain none of this sample's answers as whole words after normalisation
// (each passage text once per set). Deterministic in `seed` and the sample's
// index, so shards of a run draw the same sets.
std::vector<QaSample> buildDocumentSets(const std::vector<QaSample>& oracle, int goldPosition, int totalDocuments = 20,
                                        std::uint64_t seed = 0);

// The release's prompt, in parts, so that callers can find each part's tokens.
struct QaPrompt {
  std::string instruction;             // "Write a high-quality answer ... irrelevant)."
  std::vector<std::string> documents;  // "Document [i](Title: t) text", one each
  std::string question;                // "Question: q"
  std::string answerCue;               // "Answer:"
  std::string text() const;            // instruction, blank line, documents joined by \n, blank line, question, \n, cue
};
QaPrompt qaPrompt(const QaSample& sample);

// lost-in-the-middle's normalize_answer: lower-case, drop ASCII punctuation, drop the words
// a/an/the, collapse white space.
std::string normalizeAnswer(std::string_view text);
// Correct when a normalised answer is a substring of the normalised first line of `prediction`.
bool bestSubspanExactMatch(std::string_view prediction, const std::vector<std::string>& answers);

}  // namespace ropescope::engine
