// One QA sample answered live: the same answers as the qa analysis for the same masks, attention
// mass against the captured attention probabilities, the samples offered for browsing, bad input.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <cmath>

#include "engine/analysis/analysis_run.h"
#include "engine/analysis/qa_sample.h"
#include "engine/data/qa_tokens.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/transformer.h"
#include "engine/text/prompt_template.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

namespace fs = std::filesystem;

fs::path dataDir() { return test::fixturesDir() / ".." / "engine" / "data"; }

class QaSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tokenizer = new Tokenizer(Tokenizer::load(dataDir() / "byte_tokenizer.json"));
    s_model = Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(test::tinyModel("llama")))).release();
    s_data = new std::vector<QaSample>(readQaFile(dataDir() / "tiny_qa.jsonl"));
  }
  static void TearDownTestSuite() {
    delete s_data;
    delete s_model;
    delete s_tokenizer;
  }

  static QaSampleOptions options(const std::string& mask, const NdArray* scores = nullptr) {
    QaSampleOptions o;
    o.mask = mask;
    o.maxNewTokens = 6;
    o.promptTemplate = PromptTemplate::Plain;
    o.retrievalScores = scores;
    return o;
  }

  static QaSampleAnswer answer(std::size_t sample, const std::string& mask, const NdArray* scores = nullptr) {
    return answerQaSample(*s_model, *s_tokenizer, s_data->at(sample), options(mask, scores));
  }

  // The last prompt token's attention onto each document, summed from the probabilities of a
  // plain forward over the whole prompt under `mask`: [layer, head, document].
  static at::Tensor massFromProbabilities(std::size_t sample, const std::string& mask, const NdArray* scores) {
    const auto tokens = encodeQaPrompt(*s_tokenizer, s_data->at(sample), {PromptTemplate::Plain});
    const auto& c = s_model->config();
    ForwardOptions f;
    f.interventions =
        s_model->prepare(resolveMaskSpec(parseMaskSpec(mask), {c.numLayers, c.numHeads, c.headDim, scores, nullptr}));
    for (int l = 0; l < c.numLayers; ++l) f.capture.insert({l, Site::AttnProbs});
    const auto result = s_model->forward(tokens.ids, f);
    const auto last = static_cast<std::int64_t>(tokens.ids.size()) - 1;
    auto out = at::zeros({c.numLayers, c.numHeads, static_cast<std::int64_t>(tokens.documents.size())});
    for (int l = 0; l < c.numLayers; ++l)
      for (std::size_t d = 0; d < tokens.documents.size(); ++d) {
        const auto& r = tokens.documents[d];
        out[l]
            .select(1, static_cast<std::int64_t>(d))
            .copy_(result.captured.at({l, Site::AttnProbs}).select(1, last).narrow(1, r.begin, r.size()).sum(1));
      }
    return out;
  }

  static Tokenizer* s_tokenizer;
  static Transformer* s_model;
  static std::vector<QaSample>* s_data;
};

Tokenizer* QaSampleTest::s_tokenizer = nullptr;
Transformer* QaSampleTest::s_model = nullptr;
std::vector<QaSample>* QaSampleTest::s_data = nullptr;

// Every unit of a qa run (unmasked, a dims mask, a list of heads, a score-selected mask) gets
// the prediction and score that the analysis wrote for it.
TEST_F(QaSampleTest, AnswersAsTheQaAnalysisDoes) {
  AnalysisOptions o;
  o.analyses = {Analysis::Retrieval, Analysis::Qa};
  o.goldPositions = {0, 1, 2};
  o.maxNewTokens = 6;
  o.tokenSamples = 0;
  o.promptTemplate = PromptTemplate::Plain;
  o.setups = {{"dims", "dims=first4"}, {"heads", "heads=L0H1,L1H3 dims=last4"}, {"retrieval", "heads=retrieval>0.3"}};
  const auto run = runAnalyses(*s_model, *s_tokenizer, *s_data, o);
  const auto& scores = run.arrays.at("/retrieval/score");
  const auto& units = run.arrays.at("/units/sample");
  ASSERT_EQ(units.values.size(), 6u);
  const std::vector<std::pair<std::string, std::string>> setups{{"none", "none"},
                                                                {"dims", "dims=first4"},
                                                                {"heads", "heads=L0H1,L1H3 dims=last4"},
                                                                {"retrieval", "heads=retrieval>0.3"}};
  int nonEmpty = 0, differ = 0;
  for (std::size_t u = 0; u < units.values.size(); ++u) {
    const auto sample = static_cast<std::size_t>(units.values[u]);
    std::string unmasked;
    for (const auto& [name, mask] : setups) {
      const auto a = answer(sample, mask, &scores);
      const auto& predicted = run.strings.at("/qa/" + name + "/prediction").values[u];
      EXPECT_EQ(a.answer, predicted) << "unit " << u << ", " << mask;
      EXPECT_EQ(a.correct ? 1.0f : 0.0f, run.arrays.at("/qa/" + name + "/correct").values[u]) << u << ", " << mask;
      EXPECT_EQ(a.answer, s_tokenizer->decode(a.generated, true));
      EXPECT_EQ(a.mask, mask);
      nonEmpty += a.generated.empty() ? 0 : 1;
      if (name == "none")
        unmasked = a.answer;
      else
        differ += a.answer != unmasked ? 1 : 0;
    }
  }
  // The comparison means something: answers were generated and masks change some of them.
  EXPECT_GT(nonEmpty, 12);
  EXPECT_GT(differ, 0);
}

TEST_F(QaSampleTest, DescribesThePromptAndWhereEachDocumentIs) {
  const auto a = answer(1, "none");
  const auto& p = a.prompt;
  EXPECT_EQ(p.question, "where does person 4 live?");
  EXPECT_EQ(p.answers, (std::vector<std::string>{"Lima"}));
  EXPECT_EQ(p.goldIndex, 1);
  EXPECT_EQ(p.line, 2);
  ASSERT_EQ(p.documents.size(), 3u);
  const auto span = [&](int d) {
    const auto& s = p.documents[static_cast<std::size_t>(d)];
    return p.text.substr(static_cast<std::size_t>(s.begin), static_cast<std::size_t>(s.end - s.begin));
  };
  EXPECT_EQ(span(0), "Document [1](Title: Person 3) Person 3 lives in Oslo.");
  EXPECT_EQ(span(1), "Document [2](Title: Person 4) Person 4 lives in Lima.");
  EXPECT_EQ(span(2), "Document [3](Title: Person 5) Person 5 lives in Kiev.");
  const auto tokens = encodeQaPrompt(*s_tokenizer, s_data->at(1), {PromptTemplate::Plain});
  EXPECT_EQ(p.tokens, static_cast<std::int64_t>(tokens.ids.size()));
  EXPECT_EQ(p.text, tokens.text);
  const auto described = describeQaSample(*s_model, *s_tokenizer, s_data->at(1), options("none"));
  EXPECT_EQ(described.text, p.text);
  EXPECT_EQ(described.documents, p.documents);
}

// The mass of the last prompt token on each document equals the sum of its attention
// probabilities over the document's tokens, unmasked and under a mask.
TEST_F(QaSampleTest, DocumentMassIsTheAnswerQuerysAttention) {
  for (const std::string mask : {"none", "heads=L0H1,L1 dims=first8"}) {
    const auto a = answer(2, mask);
    ASSERT_EQ(a.documentMass.shape, (std::vector<std::int64_t>{2, 4, 3})) << mask;
    EXPECT_EQ(a.documentMass.axes, (std::vector<std::string>{"layer", "head", "document"}));
    const auto expected = massFromProbabilities(2, mask, nullptr);
    for (std::int64_t l = 0; l < 2; ++l)
      for (std::int64_t h = 0; h < 4; ++h)
        for (std::int64_t d = 0; d < 3; ++d)
          EXPECT_NEAR(a.documentMass.at({l, h, d}), expected[l][h][d].item<float>(), 1e-5)
              << mask << " L" << l << "H" << h << " doc " << d;
  }
  EXPECT_EQ(answer(2, "none").maskedHeads, 0);
  EXPECT_EQ(answer(2, "heads=L0H1,L1 dims=first8").maskedHeads, 5);
  EXPECT_EQ(answer(2, "ablate=L0H2").maskedHeads, 1);
  EXPECT_EQ(answer(2, "prope=0.5").maskedHeads, 8);
  // Counted as prepared: a p that keeps every pair rotating changes no head.
  EXPECT_EQ(answer(2, "prope=1").maskedHeads, 0);
  EXPECT_EQ(answer(2, "prope=0.99").maskedHeads, 0);
}

// log p of the gold answer's first token: the log-softmax of the answer position's logits in a
// plain forward of the prompt under the same mask, at the token the answer starts with after the
// prompt (the same token whatever the mask).
TEST_F(QaSampleTest, GoldLogProbIsTheAnswerPositionsLogSoftmaxAtTheGoldToken) {
  const auto& sample = s_data->at(2);
  const QaPromptOptions promptOptions{promptTemplateFor(s_model->config(), *s_tokenizer),
                                      QaPromptOptions::AnswerCue::Auto};
  const auto tokens = encodeQaPrompt(*s_tokenizer, sample, promptOptions);
  const auto whole = s_tokenizer->encode(tokens.text + " " + sample.answers.front());
  const auto gold = whole.at(s_tokenizer->encode(tokens.text).size());
  std::string token;
  for (const std::string mask : {"none", "heads=L0H1,L1 dims=first8", "ablate=L1H2"}) {
    const auto a = answer(2, mask);
    ForwardOptions o;
    o.allLogits = false;
    o.interventions = s_model->prepare(resolveMaskSpec(parseMaskSpec(mask), {2, 4, 16, nullptr, nullptr}));
    const auto logits = s_model->forward(tokens.ids, o).logits.reshape({-1});
    const double expected = at::log_softmax(logits, 0)[gold].item<double>();
    EXPECT_NEAR(a.goldLogProb, expected, 1e-4) << mask;
    EXPECT_LT(a.goldLogProb, 0.0);
    if (token.empty()) token = a.goldToken;
    EXPECT_EQ(a.goldToken, token) << mask;
    EXPECT_FALSE(token.empty());
  }
}

TEST_F(QaSampleTest, RetrievalMassAveragesTheRetrievalHeads) {
  NdArray scores{{2, 4}, {"layer", "head"}, {0.1f, 0.9f, 0.2f, 0.3f, 0.0f, 0.4f, 0.7f, 0.05f}};
  auto a = answer(0, "none", &scores);
  EXPECT_EQ(a.massHeads, MassHeads::RetrievalAbove);
  ASSERT_EQ(a.retrievalHeads, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}}));
  ASSERT_EQ(a.retrievalMass.size(), 3u);
  for (std::int64_t d = 0; d < 3; ++d)
    EXPECT_NEAR(a.retrievalMass[static_cast<std::size_t>(d)],
                (a.documentMass.at({0, 1, d}) + a.documentMass.at({1, 2, d})) / 2, 1e-6);

  // No head above 0.5: the four highest scores.
  for (auto& v : scores.values) v /= 2;
  a = answer(0, "none", &scores);
  EXPECT_EQ(a.massHeads, MassHeads::TopRetrieval);
  EXPECT_EQ(a.retrievalHeads, (std::vector<std::pair<int, int>>{{0, 1}, {0, 3}, {1, 1}, {1, 2}}));

  // No scores: every head.
  a = answer(0, "none");
  EXPECT_EQ(a.massHeads, MassHeads::All);
  EXPECT_EQ(a.retrievalHeads.size(), 8u);
  double sum = 0;
  for (std::int64_t l = 0; l < 2; ++l)
    for (std::int64_t h = 0; h < 4; ++h) sum += a.documentMass.at({l, h, 1});
  EXPECT_NEAR(a.retrievalMass[1], sum / 8, 1e-6);
}

TEST_F(QaSampleTest, RefusesABadMaskNamingIt) {
  EXPECT_TRUE(
      test::throwsError([&] { answer(0, "dims=fist4"); }, ErrorCode::InvalidArgument, {"mask 'dims=fist4'", "first"}));
  EXPECT_TRUE(test::throwsError([&] { answer(0, "heads=L5H0 dims=first4"); }, ErrorCode::InvalidArgument,
                                {"mask 'heads=L5H0 dims=first4'", "L5H0 does not exist"}));
  EXPECT_TRUE(test::throwsError([&] { answer(0, "heads=L0 dims=first40"); }, ErrorCode::InvalidArgument,
                                {"mask 'heads=L0 dims=first40'", "head_dim is 16"}));
  EXPECT_TRUE(test::throwsError([&] { answer(0, "heads=retrieval>0.5 dims=first2"); }, ErrorCode::InvalidArgument,
                                {"mask 'heads=retrieval>0.5 dims=first2'", "needs retrieval scores"}));
  EXPECT_TRUE(test::throwsError([&] { answer(0, ""); }, ErrorCode::InvalidArgument, {"mask", "write 'none'"}));
  const NdArray wrong{{3, 4}, {"layer", "head"}, std::vector<float>(12, 0.5f)};
  EXPECT_TRUE(test::throwsError([&] { answer(0, "none", &wrong); }, ErrorCode::InvalidArgument,
                                {"retrieval scores", "[3, 4]", "2 layers of 4 heads"}));
}

TEST_F(QaSampleTest, RefusesAPromptLongerThanTheContextAndStopsWhenCancelled) {
  QaSample big = s_data->at(0);
  big.documents[1].text = std::string(2100, 'x');
  EXPECT_TRUE(test::throwsError([&] { answerQaSample(*s_model, *s_tokenizer, big, options("none")); },
                                ErrorCode::InvalidArgument, {"sample on line 1", "exceed the model's 2048 positions"}));
  auto o = options("dims=first4");
  o.maxNewTokens = 0;
  EXPECT_TRUE(test::throwsError([&] { answerQaSample(*s_model, *s_tokenizer, s_data->at(0), o); },
                                ErrorCode::InvalidArgument, {"max new tokens"}));
  CancelToken cancel;
  cancel.cancel();
  for (const std::string mask : {"none", "dims=first4"}) {
    o = options(mask);
    o.cancel = &cancel;
    o.maxNewTokens = 32;
    // A cancel is seen before the second token; a one-token answer has nothing left to cancel.
    try {
      const auto a = answerQaSample(*s_model, *s_tokenizer, s_data->at(0), o);
      EXPECT_EQ(a.generated.size(), 1u) << mask;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Cancelled) << mask;
    }
  }
}

std::vector<QaSample> oracle(int n) {
  std::vector<QaSample> out;
  for (int i = 0; i < n; ++i) {
    QaSample s;
    s.line = i + 1;
    s.question = "q" + std::to_string(i);
    s.answers = {"answer" + std::to_string(i)};
    s.documents = {{"t" + std::to_string(i), "text answer" + std::to_string(i), true, true}};
    s.goldIndex = 0;
    out.push_back(std::move(s));
  }
  return out;
}

TEST(QaSamplesToBrowse, OraclePassagesBecomeDocumentSetsByGoldPosition) {
  const auto data = oracle(25);
  const auto browse = qaSamplesToBrowse(data, {0, 9});
  ASSERT_EQ(browse.size(), 50u);
  for (std::size_t i = 0; i < browse.size(); ++i) {
    const auto& s = browse[i];
    const auto sample = i % 25;
    const int gold = i < 25 ? 0 : 9;
    EXPECT_EQ(s.question, "q" + std::to_string(sample));
    EXPECT_EQ(s.line, static_cast<std::int64_t>(sample + 1));
    ASSERT_EQ(s.documents.size(), 20u);
    EXPECT_EQ(s.goldIndex, gold);
    EXPECT_EQ(s.documents[static_cast<std::size_t>(gold)].text, "text answer" + std::to_string(sample));
    EXPECT_TRUE(s.documents[static_cast<std::size_t>(gold)].isGold);
  }
  // Samples with their own documents stay as they are.
  auto multi = oracle(3);
  multi[1].documents.push_back({"x", "y", false, false});
  const auto same = qaSamplesToBrowse(multi, {0, 9});
  ASSERT_EQ(same.size(), 3u);
  EXPECT_EQ(same[1].documents.size(), 2u);
  EXPECT_TRUE(qaSamplesToBrowse({}, {0}).empty());
}

}  // namespace
}  // namespace ropescope::engine
