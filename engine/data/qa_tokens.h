// A QA sample's prompt as token ids, with the token range of each part (instruction, documents,
// question, answer cue), so analyses can say which tokens attend where.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/qa_data.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {

// Token positions [begin, end).
struct TokenRange {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  std::int64_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const TokenRange&) const = default;
};

struct QaPromptOptions {
  // Chat templates (paper 1, appendix B): the instruction is the system message; the documents
  // and the question are the user message, and the template's assistant header follows. Plain
  // (base models): the lost-in-the-middle release's prompt, ending in "Answer:". Either way the
  // instruction comes first, then the documents joined by "\n", a blank line and the question.
  PromptTemplate tmpl = PromptTemplate::Plain;
  // Appends "\nAnswer:" after the question; by default only for Plain.
  enum class AnswerCue { Auto, Always, Never } answerCue = AnswerCue::Auto;
};

struct QaTokens {
  std::vector<std::int64_t> ids;
  TokenRange instruction;
  std::vector<TokenRange> documents;
  TokenRange question;   // "Question: ..."
  TokenRange answerCue;  // "Answer:", empty when the layout has none
  std::string text;      // the rendered prompt that was encoded

  // The retrieval score's keys: instruction through the last document (BOS and template
  // headers before the instruction are outside).
  TokenRange context() const { return {instruction.begin, documents.empty() ? instruction.end : documents.back().end}; }
  // The question through the end of the prompt (question, cue and the template's assistant header).
  TokenRange questionToEnd() const { return {question.begin, static_cast<std::int64_t>(ids.size())}; }
};

// Encodes the whole rendered prompt at once (ids equal encodePrompt's) and finds each part's
// tokens, by comparing the whole encoding with the encodings of its prefixes. A token belongs to
// the part holding its first character that is not white space (Llama 3's ".\n" ends a document,
// SentencePiece's "\u2581Write" starts the instruction); white space between parts goes with
// the next part unless a token joins it to the previous one.
QaTokens encodeQaPrompt(const Tokenizer& tokenizer, const QaSample& sample, const QaPromptOptions& options = {});

}  // namespace ropescope::engine
