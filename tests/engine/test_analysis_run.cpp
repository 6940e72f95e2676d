// The analysis run: retrieval scores against transformers' attention probabilities, and whole
// runs on a tiny model (per-sample layout, skipped samples, shards that merge into the single
// run, resuming a cancelled run, bad input).
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/analysis/analysis_run.h"
#include "engine/io/run_units.h"
#include "engine/io/safetensors.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

namespace fs = std::filesystem;
using test::tinyModel;

at::Tensor referenceTensor(const std::string& model, const std::string& name) {
  const auto file = SafetensorsFile::open(tinyModel(model) / "reference.safetensors");
  const auto* info = file.find(name);
  if (info == nullptr) throw std::runtime_error("reference has no " + name);
  return loadTensor({&file, info}, info->shape).clone();
}

class RetrievalVsReference : public ::testing::TestWithParam<std::string> {};

// The score from segment mass equals the sum of transformers' attention probabilities over the
// context keys, averaged over the query rows.
TEST_P(RetrievalVsReference, ScoresEqualTheReferenceAttentionMass) {
  const auto& name = GetParam();
  const auto json = nlohmann::json::parse(test::readBytes(tinyModel(name) / "reference.json"));
  const auto ids = json.at("input_ids").get<std::vector<std::int64_t>>();
  const auto model = Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(tinyModel(name))));
  const auto probs = referenceTensor(name, "attn_probs");  // [layers, heads, S, S]
  const TokenRange context{1, 25};
  const std::int64_t queryBegin = 30;
  const auto scores = retrievalScores(*model, ids, context, queryBegin);
  ASSERT_EQ(scores.shape, (std::vector<std::int64_t>{probs.size(0), probs.size(1)}));
  const auto S = static_cast<std::int64_t>(ids.size());
  for (std::int64_t l = 0; l < probs.size(0); ++l)
    for (std::int64_t h = 0; h < probs.size(1); ++h) {
      double mass = 0;
      for (std::int64_t q = queryBegin; q < S; ++q)
        for (std::int64_t k = context.begin; k < context.end; ++k) mass += probs[l][h][q][k].item<double>();
      EXPECT_NEAR(scores.at({l, h}), mass / static_cast<double>(S - queryBegin), 1e-5) << "L" << l << "H" << h;
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RetrievalVsReference, ::testing::ValuesIn(test::tinyModelNames()));

// The tiny Llama (vocabulary 256) with a byte-level tokenizer: token id = byte value.
std::string byteTokenizerJson() {
  std::vector<int> bs;
  for (int b = 33; b < 127; ++b) bs.push_back(b);
  for (int b = 161; b < 173; ++b) bs.push_back(b);
  for (int b = 174; b < 256; ++b) bs.push_back(b);
  std::vector<int> cs(bs);
  for (int b = 0, n = 0; b < 256; ++b)
    if (std::find(bs.begin(), bs.end(), b) == bs.end()) {
      bs.push_back(b);
      cs.push_back(256 + n++);
    }
  nlohmann::json vocab = nlohmann::json::object();
  for (std::size_t i = 0; i < bs.size(); ++i) {
    const auto cp = static_cast<unsigned>(cs[i]);
    std::string utf8 = cp < 0x80
                           ? std::string(1, static_cast<char>(cp))
                           : std::string{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    vocab[utf8] = bs[i];
  }
  const nlohmann::json byteLevel = {
      {"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
  return nlohmann::json{{"version", "1.0"},
                        {"added_tokens", nlohmann::json::array()},
                        {"normalizer", nullptr},
                        {"pre_tokenizer", byteLevel},
                        {"post_processor", nullptr},
                        {"decoder", byteLevel},
                        {"model",
                         {{"type", "BPE"},
                          {"dropout", nullptr},
                          {"unk_token", nullptr},
                          {"fuse_unk", false},
                          {"byte_fallback", false},
                          {"vocab", vocab},
                          {"merges", nlohmann::json::array()}}}}
      .dump();
}

class TinyRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tokenizer = new Tokenizer(Tokenizer::fromJsonText(byteTokenizerJson(), "byte-tokenizer.json"));
    s_model = Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(tinyModel("llama")))).release();
  }
  static void TearDownTestSuite() {
    delete s_model;
    delete s_tokenizer;
  }

  static std::vector<QaSample> data() {
    std::vector<QaSample> out;
    const char* cities[] = {"Paris", "Lima", "Oslo", "Rome", "Kiev", "Bern"};
    for (int i = 0; i < 6; ++i) {
      QaSample s;
      s.line = i + 1;
      s.question = "where does person " + std::to_string(i) + " live?";
      s.answers = {cities[i]};
      for (int d = 0; d < 3; ++d)
        s.documents.push_back({"Person " + std::to_string(i * 3 + d),
                               "This person lives in " + std::string(cities[(i + d) % 6]) + ".", false, false});
      s.goldIndex = i % 3;
      out.push_back(std::move(s));
    }
    // Longer than the model's 2,048 positions: skipped and counted.
    QaSample big = out[0];
    big.documents[1].text = std::string(2100, 'x');
    big.goldIndex = 1;
    out.push_back(big);
    return out;
  }

  static AnalysisOptions options() {
    AnalysisOptions o;
    o.analyses = {Analysis::Retrieval, Analysis::Utility, Analysis::Qa};
    o.goldPositions = {0, 1, 2};
    o.maxNewTokens = 3;
    o.utilitySteps = 4;
    o.tokenSamples = 0;
    o.promptTemplate = PromptTemplate::Plain;
    o.setups = {{"heads=L0H0 dims=first4", "heads=L0H0 dims=first4"},
                {"heads=retrieval>0.3 dims=last4", "heads=retrieval>0.3 dims=last4"}};
    o.dataName = "tiny.jsonl";
    return o;
  }

  static ResultsFile run(const AnalysisOptions& o, const RunControl& control = {},
                         const ResultsFile* resume = nullptr) {
    return runAnalyses(*s_model, *s_tokenizer, data(), o, control, {}, resume);
  }

  static void expectSameUnits(const ResultsFile& a, const ResultsFile& b) {
    for (const auto& [path, array] : a.arrays) {
      ASSERT_EQ(b.arrays.count(path), 1u) << path;
      const auto& other = b.arrays.at(path);
      EXPECT_EQ(array.shape, other.shape) << path;
      ASSERT_EQ(array.values.size(), other.values.size()) << path;
      for (std::size_t i = 0; i < array.values.size(); ++i) {
        const bool bothNaN = std::isnan(array.values[i]) && std::isnan(other.values[i]);
        if (!bothNaN) {
          ASSERT_EQ(array.values[i], other.values[i]) << path << "[" << i << "]";
        }
      }
    }
    EXPECT_EQ(a.arrays.size(), b.arrays.size());
    EXPECT_EQ(a.strings, b.strings);
  }

  static Tokenizer* s_tokenizer;
  static Transformer* s_model;
};

Tokenizer* TinyRun::s_tokenizer = nullptr;
Transformer* TinyRun::s_model = nullptr;

TEST_F(TinyRun, FillsThePerSampleLayoutAndItsSummaries) {
  const auto r = run(options());
  const auto& status = r.arrays.at("/units/status");
  ASSERT_EQ(status.shape, (std::vector<std::int64_t>{6}));  // 3 positions x 2 samples; the long one has position 1
  // The long sample is the third with gold at 1, beyond the two per position taken... so all six run.
  for (float s : status.values) EXPECT_EQ(s, kUnitDone);
  EXPECT_EQ(r.groupAttributes.at("/units").at("done"), "6");

  const auto& unitScore = r.arrays.at("/retrieval/unit_score");
  const auto& score = r.arrays.at("/retrieval/score");
  ASSERT_EQ(unitScore.shape, (std::vector<std::int64_t>{6, 2, 4}));
  for (std::int64_t l = 0; l < 2; ++l)
    for (std::int64_t h = 0; h < 4; ++h) {
      double sum = 0;
      for (std::int64_t u = 0; u < 6; ++u) {
        const float v = unitScore.at({u, l, h});
        EXPECT_GE(v, 0.f);
        EXPECT_LE(v, 1.f + 1e-6f);
        sum += v;
      }
      EXPECT_NEAR(score.at({l, h}), sum / 6, 1e-6);
    }
  for (float u : r.arrays.at("/utility/unit_u").values) {
    EXPECT_GE(u, 0.f);
    EXPECT_LE(u, 1.f);
  }
  const auto& u = r.arrays.at("/utility/u");
  EXPECT_EQ(u.shape, (std::vector<std::int64_t>{2, 4, 16}));
  // Figure 3's y values: the mean utility of the first and last 16/128 of the dims (2 of 16).
  for (std::int64_t l = 0; l < 2; ++l)
    for (std::int64_t h = 0; h < 4; ++h) {
      EXPECT_FLOAT_EQ(r.arrays.at("/retrieval/utility_first").at({l, h}), (u.at({l, h, 0}) + u.at({l, h, 1})) / 2);
      EXPECT_FLOAT_EQ(r.arrays.at("/retrieval/utility_last").at({l, h}), (u.at({l, h, 14}) + u.at({l, h, 15})) / 2);
    }
  EXPECT_EQ(r.groupAttributes.at("/retrieval").at("utility_first_dims"), "2");
  EXPECT_TRUE(r.groupAttributes.at("/retrieval").count("pearson_last"));
  for (const char* setup : {"none", "heads=L0H0 dims=first4", "heads=retrieval>0.3 dims=last4"}) {
    const auto group = std::string("/qa/") + setup;
    const auto& accuracy = r.arrays.at(group + "/accuracy");
    ASSERT_EQ(accuracy.shape, (std::vector<std::int64_t>{3})) << setup;
    const auto& correct = r.arrays.at(group + "/correct");
    const auto& predictions = r.strings.at(group + "/prediction");
    for (std::int64_t g = 0; g < 3; ++g) {
      const float expected =
          (correct.values[static_cast<std::size_t>(2 * g)] + correct.values[static_cast<std::size_t>(2 * g + 1)]) / 2;
      EXPECT_EQ(accuracy.values[static_cast<std::size_t>(g)], expected) << setup;
      EXPECT_EQ(r.arrays.at(group + "/answered").values[static_cast<std::size_t>(g)], 2.f);
    }
    for (std::size_t u = 0; u < 6; ++u)
      EXPECT_EQ(correct.values[u],
                bestSubspanExactMatch(predictions.values[u],
                                      data()[static_cast<std::size_t>(r.arrays.at("/units/sample").values[u])].answers)
                    ? 1.f
                    : 0.f);
    EXPECT_EQ(r.groupAttributes.at(group).at("mask"), setup);
  }
}

TEST_F(TinyRun, SkipsSamplesLongerThanTheContext) {
  auto o = options();
  o.analyses = {Analysis::Qa};
  o.setups.clear();
  o.goldPositions = {1};
  o.samples = 3;  // the third sample with gold at 1 is the long one
  const auto r = run(o);
  EXPECT_EQ(r.arrays.at("/units/status").values, (std::vector<float>{kUnitDone, kUnitDone, kUnitSkipped}));
  EXPECT_EQ(r.groupAttributes.at("/units").at("skipped"), "1");
  EXPECT_EQ(r.arrays.at("/qa/none/answered").values, (std::vector<float>{2.f}));
}

TEST_F(TinyRun, ShardsMergeIntoTheSingleRun) {
  const auto whole = run(options());
  auto o = options();
  o.setups.pop_back();  // a sharded run masks only by fixed heads or scores from a finished run
  auto wholeFixed = run(o);
  o.shardCount = 2;
  o.shardIndex = 0;
  const auto first = run(o);
  o.shardIndex = 1;
  const auto second = run(o);
  EXPECT_EQ(first.groupAttributes.at("/units").at("done"), "3");
  const auto merged = mergeShards({first, second}, {"a.h5", "b.h5"});
  expectSameUnits(wholeFixed, merged);

  // Score-based masks in a sharded run need scores from a finished run.
  auto bad = options();
  bad.shardCount = 2;
  EXPECT_TRUE(test::throwsError([&] { run(bad); }, ErrorCode::InvalidArgument, {"--scores"}));
  bad.retrievalScores = whole.arrays.at("/retrieval/score");
  EXPECT_NO_THROW(run(bad));

  // Shards of different runs, or that overlap, are refused with the file named.
  auto other = o;
  other.seed = 7;
  other.shardIndex = 1;
  EXPECT_TRUE(test::throwsError(
      [&] {
        mergeShards({first, run(other)}, {"a.h5", "c.h5"});
      },
      ErrorCode::InvalidArgument, {"c.h5", "other options"}));
  EXPECT_TRUE(test::throwsError(
      [&] {
        mergeShards({first, first}, {"a.h5", "a2.h5"});
      },
      ErrorCode::InvalidArgument, {"a2.h5", "overlap"}));
}

TEST_F(TinyRun, ACancelledRunResumesToTheSameResult) {
  const auto whole = run(options());
  CancelToken cancel;
  RunControl control;
  control.cancel = &cancel;
  control.progress = [&](std::int64_t done, std::int64_t, std::string_view) {
    if (done >= 2) cancel.cancel();
  };
  const auto partial = run(options(), control);
  const auto finished = finishedUnits(partial);
  const auto count = std::count(finished.begin(), finished.end(), true);
  EXPECT_GE(count, 1);
  EXPECT_LT(count, 6);
  const auto resumed = run(options(), {}, &partial);
  expectSameUnits(whole, resumed);

  auto other = options();
  other.maxNewTokens = 5;
  EXPECT_TRUE(
      test::throwsError([&] { run(other, {}, &partial); }, ErrorCode::InvalidArgument, {"other data or options"}));
}

// A checkpoint every N finished units as well as by time: a run killed outright loses at most N.
TEST_F(TinyRun, ChecksPointsEveryFewUnitsAsWellAsByTime) {
  std::vector<std::int64_t> doneAtCheckpoint;
  std::int64_t units = 0;
  AnalysisSink sink;
  sink.checkpointSeconds = 1e9;  // never by time
  sink.checkpointUnits = 2;
  sink.checkpoint = [&](const ResultsFile& r) {
    const auto finished = finishedUnits(r);
    doneAtCheckpoint.push_back(std::count(finished.begin(), finished.end(), true));
    units = static_cast<std::int64_t>(finished.size());
  };
  runAnalyses(*s_model, *s_tokenizer, data(), options(), {}, sink);
  // After the token analyses, after every second unit of each pass, and at the end.
  ASSERT_GE(doneAtCheckpoint.size(), 1 + static_cast<std::size_t>(units) / 2 + 1);
  for (std::size_t i = 1; i < doneAtCheckpoint.size(); ++i) EXPECT_GE(doneAtCheckpoint[i], doneAtCheckpoint[i - 1]);
  EXPECT_EQ(doneAtCheckpoint.back(), units);
  sink.checkpointUnits = 0;
  doneAtCheckpoint.clear();
  runAnalyses(*s_model, *s_tokenizer, data(), options(), {}, sink);
  EXPECT_EQ(doneAtCheckpoint.size(), 2u);  // by time alone: after the token analyses and at the end
}

TEST_F(TinyRun, RetrievalCanSumInsteadOfAverage) {
  auto o = options();
  o.analyses = {Analysis::Retrieval};
  o.setups.clear();
  const auto mean = run(o);
  o.retrievalSum = true;
  const auto sum = run(o);
  const auto& a = mean.arrays.at("/retrieval/unit_score");
  const auto& b = sum.arrays.at("/retrieval/unit_score");
  for (std::int64_t u = 0; u < 6; ++u) {
    // The same query positions for every head: sum = mean * their number, an integer > 1.
    const double positions = b.at({u, 0, 0}) / a.at({u, 0, 0});
    EXPECT_GT(positions, 10);
    EXPECT_NEAR(positions, std::round(positions), 1e-3);
    for (std::int64_t l = 0; l < 2; ++l)
      for (std::int64_t h = 0; h < 4; ++h) EXPECT_NEAR(b.at({u, l, h}), a.at({u, l, h}) * positions, 1e-3);
  }
}

TEST(AnalysisRun, UnknownAnalysisNamesAreRefused) {
  EXPECT_EQ(parseAnalysisList("norms,qa"), (std::set<Analysis>{Analysis::Norms, Analysis::Qa}));
  EXPECT_EQ(parseAnalysisList("all").size(), kAnalyses.size());
  EXPECT_TRUE(test::throwsError([] { parseAnalysisList("norms,retreival"); }, ErrorCode::InvalidArgument,
                                {"unknown analysis 'retreival'", "retrieval"}));
}

}  // namespace
}  // namespace ropescope::engine
