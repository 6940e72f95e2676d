// A QA sample's prompt as token ids with part ranges.
#include "engine/data/qa_tokens.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ropescope::engine {

namespace {

struct CharRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::int64_t commonPrefix(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  const auto n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return static_cast<std::int64_t>(i);
}

}  // namespace

QaTokens encodeQaPrompt(const Tokenizer& tokenizer, const QaSample& sample, const QaPromptOptions& options) {
  const auto parts = qaPrompt(sample);
  const bool cue = options.answerCue == QaPromptOptions::AnswerCue::Always ||
                   (options.answerCue == QaPromptOptions::AnswerCue::Auto && options.tmpl == PromptTemplate::Plain);

  // The user message and where each part sits in it.
  std::string user;
  std::vector<CharRange> docChars;
  for (std::size_t i = 0; i < parts.documents.size(); ++i) {
    if (i) user += "\n";
    docChars.push_back({user.size(), user.size() + parts.documents[i].size()});
    user += parts.documents[i];
  }
  user += "\n\n";
  CharRange questionChars{user.size(), user.size() + parts.question.size()};
  user += parts.question;
  CharRange cueChars{user.size(), user.size()};
  if (cue) {
    user += "\n";
    cueChars = {user.size(), user.size() + parts.answerCue.size()};
    user += parts.answerCue;
  }

  QaTokens out;
  const ChatPrompt chat{parts.instruction, user};
  out.text = renderPrompt(options.tmpl, chat);
  const auto systemAt = out.text.find(parts.instruction);
  const auto userAt = out.text.find(user, systemAt + parts.instruction.size());
  if (systemAt == std::string::npos || userAt == std::string::npos)
    throw std::logic_error("encodeQaPrompt: the rendered template does not hold the prompt parts");

  // The prompt's own tokens sit in out.ids after any special tokens the post-processor adds.
  const bool addSpecial = options.tmpl == PromptTemplate::Plain;
  out.ids = tokenizer.encode(out.text, addSpecial);
  const auto bare = tokenizer.encode(out.text, false);
  std::int64_t lead = 0;
  if (addSpecial) {
    const auto at = std::search(out.ids.begin(), out.ids.end(), bare.begin(), bare.end());
    if (at == out.ids.end() && !bare.empty())
      throw std::logic_error("encodeQaPrompt: special tokens split the prompt's tokens");
    lead = at - out.ids.begin();
  }
  // The first token that starts at or after character `c`: the tokens of text[0, c) that the
  // whole encoding shares come before it, and a shared-prefix break means a token straddles c.
  const auto tokenAt = [&](std::size_t c) -> std::int64_t {
    if (c >= out.text.size()) return lead + static_cast<std::int64_t>(bare.size());
    const auto prefix = tokenizer.encode(std::string_view(out.text).substr(0, c), false);
    const auto k = commonPrefix(prefix, bare);
    return lead + (k < static_cast<std::int64_t>(prefix.size()) ? k + 1 : k);
  };
  // A token belongs to the part holding its first character that is not white space: "\u2581Write"
  // starts the instruction after "[INST] ", and Llama 3's ".\n" ends a document.
  const auto boundary = [&](std::size_t c) {
    while (c > 0 && std::isspace(static_cast<unsigned char>(out.text[c - 1]))) --c;
    return tokenAt(c);
  };
  const auto range = [&](std::size_t base, CharRange r) {
    return TokenRange{boundary(base + r.begin), boundary(base + r.end)};
  };

  out.instruction = range(systemAt, {0, parts.instruction.size()});
  for (const auto& d : docChars) out.documents.push_back(range(userAt, d));
  out.question = range(userAt, questionChars);
  out.answerCue = cue ? range(userAt, cueChars) : TokenRange{out.question.end, out.question.end};
  return out;
}

}  // namespace ropescope::engine
