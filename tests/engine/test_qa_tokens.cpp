// QA prompts as tokens: the ids equal the whole prompt's encoding, and each part's range decodes
// back to the part's text, for byte-level and SentencePiece tokenizers and each layout.
#include <gtest/gtest.h>

#include <map>

#include "engine/data/qa_tokens.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

QaSample sample() {
  QaSample s;
  s.question = "who wrote the novel Frankenstein?";
  s.answers = {"Mary Shelley"};
  s.documents = {
      {"Gothic fiction", "Gothic fiction is a genre of literature.", false, false},
      {"Frankenstein", "Frankenstein; or, The Modern Prometheus is an 1818 novel by Mary Shelley.", true, true},
      {"Percy Bysshe Shelley", "Percy Bysshe Shelley was an English poet.", false, false}};
  s.goldIndex = 1;
  return s;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \n");
  const auto e = s.find_last_not_of(" \n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string decodeRange(const Tokenizer& tok, const QaTokens& t, TokenRange r) {
  return trim(tok.decode(std::vector<std::int64_t>(t.ids.begin() + r.begin, t.ids.begin() + r.end)));
}

struct Case {
  const char* tokenizer;
  PromptTemplate tmpl;
};

class QaTokensTest : public ::testing::TestWithParam<Case> {};

TEST_P(QaTokensTest, RangesDecodeToTheParts) {
  const auto& tok = test::fixtureTokenizer(GetParam().tokenizer);
  const auto s = sample();
  const auto t = encodeQaPrompt(tok, s, {GetParam().tmpl});
  const auto parts = qaPrompt(s);

  // The ids are the whole prompt encoded at once.
  if (GetParam().tmpl == PromptTemplate::Plain) {
    EXPECT_EQ(t.ids, tok.encode(parts.text(), true));  // the release's prompt, word for word
  } else {
    const std::string user = parts.documents[0] + "\n" + parts.documents[1] + "\n" + parts.documents[2] +
                             "\n\nQuestion: who wrote the novel Frankenstein?";
    EXPECT_EQ(t.ids, encodePrompt(tok, GetParam().tmpl, {parts.instruction, user}));
  }

  EXPECT_EQ(decodeRange(tok, t, t.instruction), parts.instruction);
  ASSERT_EQ(t.documents.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(decodeRange(tok, t, t.documents[i]), parts.documents[i]) << i;
  EXPECT_EQ(decodeRange(tok, t, t.question), parts.question);
  if (GetParam().tmpl == PromptTemplate::Plain) {
    EXPECT_EQ(decodeRange(tok, t, t.answerCue), "Answer:");
    EXPECT_EQ(t.answerCue.end, static_cast<std::int64_t>(t.ids.size()));
  } else {
    EXPECT_TRUE(t.answerCue.empty());
    EXPECT_LT(t.question.end, static_cast<std::int64_t>(t.ids.size()));  // the assistant header follows
  }

  // In order, not overlapping, and BOS and template headers are outside the context.
  const auto specials = static_cast<std::int64_t>(tok.encode("x", true).size() - tok.encode("x", false).size());
  EXPECT_EQ(t.instruction.begin, GetParam().tmpl == PromptTemplate::Plain ? specials : t.instruction.begin);
  if (GetParam().tmpl != PromptTemplate::Plain) {
    EXPECT_GE(t.instruction.begin, 1);
  }
  std::int64_t last = t.instruction.end;
  for (const auto& d : t.documents) {
    EXPECT_GE(d.begin, last);
    EXPECT_GT(d.size(), 0);
    last = d.end;
  }
  EXPECT_GE(t.question.begin, last);
  EXPECT_EQ(t.context().begin, t.instruction.begin);
  EXPECT_EQ(t.context().end, t.documents.back().end);
  EXPECT_EQ(t.questionToEnd().end, static_cast<std::int64_t>(t.ids.size()));
}

INSTANTIATE_TEST_SUITE_P(
    Tokenizers, QaTokensTest,
    ::testing::Values(Case{"llama3", PromptTemplate::Plain}, Case{"llama3", PromptTemplate::Llama3},
                      Case{"qwen2_5", PromptTemplate::Qwen}, Case{"mistral", PromptTemplate::Plain},
                      Case{"mistral", PromptTemplate::Mistral}),
    [](const auto& info) {
      return std::string(info.param.tokenizer) + "_" + std::string(promptTemplateName(info.param.tmpl));
    });

TEST(QaTokens, TheCueCanBeForcedOnOrOff) {
  const auto& tok = test::fixtureTokenizer("llama3");
  const auto with = encodeQaPrompt(tok, sample(), {PromptTemplate::Llama3, QaPromptOptions::AnswerCue::Always});
  EXPECT_EQ(decodeRange(tok, with, with.answerCue), "Answer:");
  const auto without = encodeQaPrompt(tok, sample(), {PromptTemplate::Plain, QaPromptOptions::AnswerCue::Never});
  EXPECT_TRUE(without.answerCue.empty());
  EXPECT_EQ(without.question.end, static_cast<std::int64_t>(without.ids.size()));
}

}  // namespace
}  // namespace ropescope::engine
