// QA data: the oracle file, document sets, the release's prompt, and best-subspan exact match.
#include <gtest/gtest.h>

#include <zlib.h>
#include <set>

#include "engine/data/qa_data.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

std::filesystem::path oracleFile() {
  return test::fixturesDir().parent_path().parent_path() / "resources" / "data" / "lost-in-the-middle" /
         "nq-open-oracle.jsonl.gz";
}

const std::vector<QaSample>& oracle() {
  static const auto samples = readQaFile(oracleFile());
  return samples;
}

TEST(QaData, ReadsTheGzippedOracleFile) {
  const auto& samples = oracle();
  ASSERT_EQ(samples.size(), 2655u);
  EXPECT_EQ(samples[0].question, "who got the first nobel prize in physics");
  EXPECT_EQ(samples[0].answers, (std::vector<std::string>{"Wilhelm Conrad R\xc3\xb6ntgen"}));
  ASSERT_EQ(samples[0].documents.size(), 1u);
  EXPECT_EQ(samples[0].goldIndex, 0);
  EXPECT_EQ(samples[0].documents[0].title, "List of Nobel laureates in Physics");
  EXPECT_TRUE(samples[0].documents[0].isGold);
  EXPECT_EQ(samples[0].line, 1);
}

TEST(QaData, PlainJsonlReadsTheSame) {
  test::ScratchDir dir;
  const auto plainText = [] {
    gzFile f = gzopen(oracleFile().c_str(), "rb");
    std::string out;
    char buf[65536];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    gzclose(f);
    return out;
  }();
  test::writeBytes(dir / "oracle.jsonl", plainText.substr(0, plainText.find('\n', 200000) + 1));
  const auto plain = readQaFile(dir / "oracle.jsonl");
  ASSERT_GT(plain.size(), 10u);
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].question, oracle()[i].question);
    EXPECT_EQ(plain[i].documents[0].text, oracle()[i].documents[0].text);
  }
}

TEST(QaData, MalformedLineStopsOrIsSkippedWithItsNumber) {
  test::ScratchDir dir;
  test::writeBytes(dir / "q.jsonl",
                   "{\"question\": \"q1\", \"answers\": [\"a\"], \"ctxs\": [{\"title\": \"t\", \"text\": \"x\"}]}\n"
                   "{\"question\": \"q2\", \"answers\": \"a\"}\n"
                   "not json\n"
                   "{\"question\": \"q4\", \"answers\": [\"b\"], \"ctxs\": [{\"text\": \"y\"}]}\n");
  EXPECT_TRUE(test::throwsError([&] { readQaFile(dir / "q.jsonl"); }, ErrorCode::Format, {"q.jsonl:2", "answers"}));
  QaReadReport report;
  const auto samples = readQaFile(dir / "q.jsonl", {.skipMalformed = true}, &report);
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1].line, 4);
  EXPECT_EQ(report.lines, 4);
  EXPECT_EQ(report.skipped, 2);
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_NE(report.problems[1].find("q.jsonl:3: not valid JSON"), std::string::npos) << report.problems[1];
}

TEST(QaData, TruncatedGzipAndMissingFileAreErrors) {
  test::ScratchDir dir;
  const auto bytes = test::readBytes(oracleFile());
  test::writeBytes(dir / "cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
  EXPECT_TRUE(test::throwsError([&] { readQaFile(dir / "cut.jsonl.gz"); }, ErrorCode::Format, {"cut.jsonl.gz"}));
  EXPECT_TRUE(test::throwsError([&] { readQaFile(dir / "none.jsonl"); }, ErrorCode::NotFound, {"none.jsonl"}));
}

TEST(QaData, DocumentSetsPutTheGoldWhereAskedAmongAnswerFreeDistractors) {
  const auto& some = oracle();
  const auto sets = buildDocumentSets(some, 9, 20, 7);
  ASSERT_EQ(sets.size(), some.size());
  for (size_t i = 0; i < 300; ++i) {
    const auto& set = sets[i];
    ASSERT_EQ(set.documents.size(), 20u);
    EXPECT_EQ(set.goldIndex, 9);
    EXPECT_EQ(set.documents[9].text, some[i].documents[0].text);
    EXPECT_TRUE(set.documents[9].isGold);
    std::set<std::string> texts;
    for (size_t d = 0; d < 20; ++d) {
      texts.insert(set.documents[d].text);
      if (d == 9) continue;
      EXPECT_FALSE(set.documents[d].isGold);
      const auto passage = " " + normalizeAnswer(set.documents[d].title + " " + set.documents[d].text) + " ";
      for (const auto& a : set.answers)
        EXPECT_EQ(passage.find(" " + normalizeAnswer(a) + " "), std::string::npos) << i << " " << a;
    }
    EXPECT_EQ(texts.size(), 20u);  // drawn without replacement
  }
  // Deterministic in the seed; another seed draws other distractors.
  EXPECT_EQ(buildDocumentSets(some, 9, 20, 7)[5].documents[0].text, sets[5].documents[0].text);
  EXPECT_NE(buildDocumentSets(some, 9, 20, 8)[5].documents[0].text, sets[5].documents[0].text);
  EXPECT_TRUE(
      test::throwsError([&] { buildDocumentSets(some, 20, 20, 0); }, ErrorCode::InvalidArgument, {"outside 0..19"}));
}

TEST(QaData, PromptIsTheReleasesFormat) {
  QaSample s;
  s.question = "who wrote hamlet";
  s.documents = {{"Hamlet", "Hamlet is a tragedy.", false, true}, {"Macbeth", "Macbeth is a play.", false, false}};
  EXPECT_EQ(qaPrompt(s).text(),
            "Write a high-quality answer for the given question using only the provided search results (some of "
            "which might be irrelevant).\n\n"
            "Document [1](Title: Hamlet) Hamlet is a tragedy.\n"
            "Document [2](Title: Macbeth) Macbeth is a play.\n\n"
            "Question: who wrote hamlet\n"
            "Answer:");
}

TEST(QaData, NormalisationAsInLostInTheMiddle) {
  EXPECT_EQ(normalizeAnswer("The Beatles!"), "beatles");
  EXPECT_EQ(normalizeAnswer("An apple, a  day"), "apple day");
  EXPECT_EQ(normalizeAnswer("  Wilhelm Conrad R\xc3\xb6ntgen "), "wilhelm conrad r\xc3\xb6ntgen");
  EXPECT_EQ(normalizeAnswer("THEATER of the absurd"), "theater of absurd");
  EXPECT_EQ(normalizeAnswer("U.S.A."), "usa");
  EXPECT_EQ(normalizeAnswer("\xc3\x89mile Zola"), "\xc3\xa9mile zola");  // Unicode lower-casing
  EXPECT_EQ(normalizeAnswer("a"), "");
}

TEST(QaData, BestSubspanExactMatchUsesTheFirstLine) {
  const std::vector<std::string> gold{"Wilhelm Conrad R\xc3\xb6ntgen"};
  EXPECT_TRUE(bestSubspanExactMatch("The prize went to Wilhelm Conrad R\xc3\xb6ntgen, in 1901.", gold));
  EXPECT_FALSE(bestSubspanExactMatch("I am not sure.\nWilhelm Conrad R\xc3\xb6ntgen", gold));
  EXPECT_FALSE(bestSubspanExactMatch("Wilhelm Conrad", gold));
  EXPECT_TRUE(bestSubspanExactMatch("in 1901", {"2000", "1901"}));
  EXPECT_TRUE(bestSubspanExactMatch("It was THE Beatles.", {"Beatles"}));
}

}  // namespace
}  // namespace ropescope::engine
