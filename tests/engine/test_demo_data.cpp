// The demo task's data generator and tokenizer (no torch): schema, determinism, gold placement,
// answers only in the gold document, one token per task word, round trips.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "engine/data/demo_data.h"
#include "engine/data/demo_tokenizer.h"
#include "engine/data/qa_data.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

// The value a demo document states: its second word ("Kalo Paris." / "Kalo baker."), read by
// hand; the first word is the document's title.
std::string statedValue(const QaDocument& d) {
  const auto space = d.text.find(' ');
  EXPECT_NE(space, std::string::npos);
  EXPECT_EQ(d.text.find(' ', space + 1), std::string::npos);
  EXPECT_EQ(d.text.back(), '.');
  EXPECT_EQ(d.text.substr(0, space), d.title);
  return d.text.substr(space + 1, d.text.size() - space - 2);
}

bool sameSample(const QaSample& a, const QaSample& b) {
  if (a.question != b.question || a.answers != b.answers || a.goldIndex != b.goldIndex ||
      a.documents.size() != b.documents.size())
    return false;
  for (size_t i = 0; i < a.documents.size(); ++i) {
    const auto &x = a.documents[i], &y = b.documents[i];
    if (x.title != y.title || x.text != y.text || x.isGold != y.isGold || x.hasAnswer != y.hasAnswer) return false;
  }
  return true;
}

Tokenizer demoTokenizer() { return Tokenizer::fromJsonText(demoTokenizerJson(), "demo tokenizer.json"); }

TEST(DemoData, WrittenFileHasTheSchemaAndReadsBack) {
  test::ScratchDir dir;
  DemoDataOptions options;
  options.samples = 30;
  options.seed = 5;
  options.goldPosition = DemoDataOptions::kAllGoldPositions;
  const auto samples = makeDemoData(options);
  writeDemoData(dir / "demo.jsonl", samples);

  const auto back = readQaFile(dir / "demo.jsonl");
  ASSERT_EQ(back.size(), 30u);
  for (size_t i = 0; i < back.size(); ++i) EXPECT_TRUE(sameSample(back[i], samples[i])) << "sample " << i;

  // The raw lines: exactly the release's keys plus gold_position.
  std::istringstream lines(test::readBytes(dir / "demo.jsonl"));
  std::string line;
  int i = 0;
  for (; std::getline(lines, line); ++i) {
    const auto j = nlohmann::json::parse(line);
    std::set<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"question", "answers", "ctxs", "gold_position"}));
    EXPECT_EQ(j["gold_position"], i % 20);
    ASSERT_EQ(j["ctxs"].size(), 20u);
    for (const auto& c : j["ctxs"]) {
      std::set<std::string> ctxKeys;
      for (const auto& [k, v] : c.items()) ctxKeys.insert(k);
      EXPECT_EQ(ctxKeys, (std::set<std::string>{"title", "text", "hasanswer", "isgold"}));
    }
  }
  EXPECT_EQ(i, 30);
}

TEST(DemoData, GzipNameWritesGzip) {
  test::ScratchDir dir;
  DemoDataOptions options;
  options.samples = 12;
  const auto samples = makeDemoData(options);
  writeDemoData(dir / "demo.jsonl.gz", samples);
  const auto bytes = test::readBytes(dir / "demo.jsonl.gz");
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0x8b);
  const auto back = readQaFile(dir / "demo.jsonl.gz");
  ASSERT_EQ(back.size(), samples.size());
  for (size_t i = 0; i < back.size(); ++i) EXPECT_TRUE(sameSample(back[i], samples[i]));
}

TEST(DemoData, SeededAndDeterministic) {
  DemoDataOptions a;
  a.samples = 20;
  a.seed = 42;
  const auto first = makeDemoData(a), second = makeDemoData(a);
  for (size_t i = 0; i < first.size(); ++i) EXPECT_TRUE(sameSample(first[i], second[i]));
  a.seed = 43;
  const auto other = makeDemoData(a);
  int same = 0;
  for (size_t i = 0; i < first.size(); ++i) same += sameSample(first[i], other[i]);
  EXPECT_EQ(same, 0);
  // Samples of one stream differ from each other too.
  EXPECT_NE(first[0].question + first[0].documents[1].text, first[1].question + first[1].documents[1].text);
}

TEST(DemoData, GoldSitsAtTheRequestedPositionAmongFixedDistractors) {
  for (int p : {0, 7, 19}) {
    DemoDataOptions options;
    options.samples = 10;
    options.goldPosition = p;
    for (const auto& s : makeDemoData(options)) {
      ASSERT_EQ(s.goldIndex, p);
      for (int d = 0; d < 20; ++d) {
        EXPECT_EQ(s.documents[static_cast<size_t>(d)].isGold, d == p);
        EXPECT_EQ(s.documents[static_cast<size_t>(d)].hasAnswer, d == p);
      }
    }
  }
  // Moving the gold document keeps the question and the distractors' order.
  const auto at3 = makeDemoSample(9, 4, 3), at11 = makeDemoSample(9, 4, 11);
  EXPECT_EQ(at3.question, at11.question);
  EXPECT_EQ(at3.answers, at11.answers);
  std::vector<std::string> d3, d11;
  for (int d = 0; d < 20; ++d) {
    if (d != 3) d3.push_back(at3.documents[static_cast<size_t>(d)].text);
    if (d != 11) d11.push_back(at11.documents[static_cast<size_t>(d)].text);
  }
  EXPECT_EQ(d3, d11);
  EXPECT_EQ(at3.documents[3].text, at11.documents[11].text);

  // Drawn positions cover the range; "all" cycles through it.
  std::set<int> drawn;
  DemoDataOptions options;
  options.samples = 400;
  for (const auto& s : makeDemoData(options)) drawn.insert(s.goldIndex);
  EXPECT_EQ(drawn.size(), 20u);
  options.samples = 41;
  options.goldPosition = DemoDataOptions::kAllGoldPositions;
  const auto cycled = makeDemoData(options);
  for (size_t i = 0; i < cycled.size(); ++i) EXPECT_EQ(cycled[i].goldIndex, static_cast<int>(i % 20));
}

TEST(DemoData, AnswerOccursOnlyInTheGoldDocument) {
  DemoDataOptions options;
  options.samples = 200;
  options.seed = 3;
  for (const auto& s : makeDemoData(options)) {
    ASSERT_EQ(s.documents.size(), 20u);
    ASSERT_EQ(s.answers.size(), 1u);
    const auto& gold = s.documents[static_cast<size_t>(s.goldIndex)];
    // The question names the gold document's title, and that document states the answer.
    EXPECT_NE(s.question.find(" " + gold.title + "?"), std::string::npos) << s.question;
    EXPECT_EQ(statedValue(gold), s.answers[0]);
    EXPECT_EQ(gold.text.substr(0, gold.title.size() + 1), gold.title + " ") << gold.text;
    std::set<std::string> titles, values;
    const auto answer = normalizeAnswer(s.answers[0]);
    int holding = 0;
    for (const auto& d : s.documents) {
      titles.insert(d.title);
      values.insert(statedValue(d));
      holding += normalizeAnswer(d.title + " " + d.text).find(answer) != std::string::npos;
    }
    EXPECT_EQ(holding, 1) << "answer '" << s.answers[0] << "' in " << holding << " documents";
    EXPECT_EQ(titles.size(), 20u);
    EXPECT_EQ(values.size(), 20u);
    // Scoring: the gold value is right, every distractor's value wrong.
    EXPECT_TRUE(bestSubspanExactMatch(" " + s.answers[0], s.answers));
    for (const auto& d : s.documents)
      if (!d.isGold) {
        EXPECT_FALSE(bestSubspanExactMatch(" " + statedValue(d), s.answers)) << statedValue(d);
      }
  }
}

TEST(DemoData, NoValueContainsAnotherOrAName) {
  const auto& v = demoVocabulary();
  EXPECT_GE(v.names.size(), 100u);
  for (const auto* list : {&v.cities, &v.jobs}) {
    EXPECT_GE(list->size(), 20u);
    for (const auto& a : *list) {
      for (const auto& b : *list)
        if (&a != &b) {
          EXPECT_EQ(normalizeAnswer(a).find(normalizeAnswer(b)), std::string::npos) << a << " / " << b;
        }
      for (const auto& n : v.names) EXPECT_EQ(normalizeAnswer(n).find(normalizeAnswer(a)), std::string::npos) << n;
    }
  }
}

TEST(DemoData, QuestionsAboutEachDocument) {
  const auto s = makeDemoSample(1, 2, 5);
  const auto gold = demoQuestionAbout(s, 5);
  EXPECT_EQ(gold.question, s.question);
  EXPECT_EQ(gold.answer, s.answers[0]);
  const auto other = demoQuestionAbout(s, 0);
  EXPECT_NE(other.question.find(s.documents[0].title), std::string::npos);
  EXPECT_EQ(other.answer, statedValue(s.documents[0]));
  // The trained reply names the entity, then the value, and scores as correct.
  EXPECT_EQ(other.reply, s.documents[0].title + " " + other.answer);
  EXPECT_TRUE(bestSubspanExactMatch(gold.reply, s.answers));
  EXPECT_TRUE(test::throwsError([&] { demoQuestionAbout(s, 20); }, ErrorCode::InvalidArgument, {"20"}));
}

TEST(DemoData, BadOptionsAreErrors) {
  EXPECT_TRUE(test::throwsError([] { makeDemoSample(0, 0, 20); }, ErrorCode::InvalidArgument,
                                {"gold position", "20", "0..19"}));
  EXPECT_TRUE(test::throwsError([] { makeDemoSample(0, 0, -2); }, ErrorCode::InvalidArgument, {"gold position"}));
  EXPECT_TRUE(test::throwsError([] { makeDemoSample(0, 0, 0, 21); }, ErrorCode::InvalidArgument, {"documents", "21"}));
  EXPECT_TRUE(test::throwsError([] { makeDemoSample(0, 0, 3, 3); }, ErrorCode::InvalidArgument, {"0..2"}));
  DemoDataOptions options;
  options.samples = 0;
  EXPECT_TRUE(test::throwsError([&] { makeDemoData(options); }, ErrorCode::InvalidArgument, {"samples"}));
  options.samples = 1;
  options.goldPosition = 25;
  EXPECT_TRUE(test::throwsError([&] { makeDemoData(options); }, ErrorCode::InvalidArgument, {"25"}));
  test::ScratchDir dir;
  EXPECT_TRUE(test::throwsError([&] { writeDemoData(dir / "missing" / "x.jsonl", {makeDemoSample(0, 0)}); },
                                ErrorCode::NotFound, {"missing"}));
}

TEST(DemoTokenizer, TrainerMergesTheMostFrequentPairFirst) {
  // Pre-tokens "ab", " ab" (twice), " c": pairs a+b 3 times, then Ġ+ab twice, then Ġ+c.
  const auto json = nlohmann::json::parse(trainByteLevelBpe({"ab ab ab c"}));
  EXPECT_EQ(json["model"]["merges"], (nlohmann::json{"a b", "\xc4\xa0 ab", "\xc4\xa0 c"}));
  EXPECT_EQ(json["model"]["vocab"].size(), 259u);
  EXPECT_EQ(json["model"]["vocab"]["\xc4\xa0"
                                   "ab"],
            257);
  EXPECT_EQ(json["added_tokens"][0]["content"], "<s>");
  EXPECT_EQ(json["added_tokens"][0]["id"], 259);
  EXPECT_EQ(trainByteLevelBpe({"ab ab ab c"}), trainByteLevelBpe({"ab ab ab c"}));
}

TEST(DemoTokenizer, LoadsFromAFileAndRoundTrips) {
  test::ScratchDir dir;
  test::writeBytes(dir / "tokenizer.json", demoTokenizerJson());
  const auto tokenizer = Tokenizer::load(dir.path());
  const auto prompt = qaPrompt(makeDemoSample(2, 0)).text();
  for (const std::string& text :
       {prompt, std::string("Z\xc3\xbcrich na\xc3\xafve \xe2\x9c\x93 12345 \t\n end"), std::string()})
    EXPECT_EQ(tokenizer.decode(tokenizer.encode(text)), text);
  // Three special tokens after the model's vocabulary; BOS only with special tokens.
  const auto bos = *tokenizer.tokenId("<s>");
  EXPECT_EQ(*tokenizer.tokenId("</s>"), bos + 1);
  EXPECT_EQ(*tokenizer.tokenId("<pad>"), bos + 2);
  EXPECT_EQ(tokenizer.vocabSize(), bos + 3);
  EXPECT_TRUE(tokenizer.isSpecial(bos));
  const auto plain = encodePrompt(tokenizer, PromptTemplate::Plain, {"", prompt});
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(plain.front(), bos);
  EXPECT_EQ(std::vector<std::int64_t>(plain.begin() + 1, plain.end()), tokenizer.encode(prompt));
  EXPECT_EQ(tokenizer.decode(plain, /*skipSpecialTokens=*/true), prompt);
}

TEST(DemoTokenizer, EveryTaskWordIsOneToken) {
  const auto tokenizer = demoTokenizer();
  const auto& v = demoVocabulary();
  for (const auto* list : {&v.names, &v.cities, &v.jobs})
    for (const auto& w : *list) EXPECT_EQ(tokenizer.encode(" " + w).size(), 1u) << w;
  for (const std::string w :
       {"Document", " [", "](", "Title", ":", ")", ".", "Question", "Answer", "Where", "Who", " is", "?"})
    EXPECT_EQ(tokenizer.encode(w).size(), 1u) << w;
  for (int n = 1; n <= 20; ++n) EXPECT_EQ(tokenizer.encode(std::to_string(n)).size(), 1u) << n;
  // The instruction's 24 pre-tokens ("Write", " a", " high", "-", "quality", ..., ").") are 24 tokens.
  EXPECT_EQ(tokenizer.encode(qaPrompt(QaSample{}).instruction).size(), 24u);
  // Document | " [" | 7 | "](" | Title | : | " Kalo" | ) | " Kalo" | " Paris" | .
  EXPECT_EQ(tokenizer.encode("Document [7](Title: Kalo) Kalo Paris.").size(), 11u);
}

TEST(DemoTokenizer, PromptsStayShort) {
  const auto tokenizer = demoTokenizer();
  for (int i = 0; i < 40; ++i) {
    const auto ids = encodePrompt(tokenizer, PromptTemplate::Plain, {"", qaPrompt(makeDemoSample(7, i)).text()});
    // BOS, 24 instruction tokens, 11 a document, the question and the cue.
    EXPECT_LE(ids.size(), 280u);
    EXPECT_GE(ids.size(), 270u);
  }
}

}  // namespace
}  // namespace ropescope::engine
