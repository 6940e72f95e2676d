// tokenizer.json: ids and decoded text against golden files from HF tokenizers v0.23.2, and every bad-input path.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/text/tokenizer.h"
#include "engine/text/unicode_text.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

using test::ScratchDir;
using test::throwsError;

std::filesystem::path tokenizersDir() { return test::fixturesDir() / "tokenizers"; }

using test::fixtureTokenizer;  // loaded once for the whole run (Llama 3's is 9 MB)

std::vector<nlohmann::json> readJsonLines(const std::filesystem::path& path) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

struct GoldenCase {
  std::string folder;
  std::string id;
  std::string text;
  std::vector<std::int64_t> ids;
  std::string decoded;
};

// Every (folder, corpus string) pair of expected.jsonl or expected_with_special.jsonl.
std::vector<GoldenCase> goldenCases(const std::string& expectedFile) {
  // Two strings of expected_with_special.jsonl are not in corpus.jsonl; their text is plain from the decoded field.
  std::map<std::string, std::string> texts{{"ws_space", " "}, {"sp_im_user", "<|im_start|>user\nHi<|im_end|>"}};
  for (const auto& j : readJsonLines(tokenizersDir() / "corpus.jsonl"))
    texts[j.at("id").get<std::string>()] = j.at("text").get<std::string>();
  std::vector<GoldenCase> cases;
  for (const std::string folder : {"llama3", "qwen2_5", "mistral"}) {
    for (const auto& j : readJsonLines(tokenizersDir() / folder / expectedFile)) {
      GoldenCase c;
      c.folder = folder;
      c.id = j.at("id").get<std::string>();
      c.text = texts.at(c.id);
      c.ids = j.at("ids").get<std::vector<std::int64_t>>();
      c.decoded = j.at("decoded").get<std::string>();
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.folder << "/" << c.id; }

std::string caseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  return info.param.folder + "_" + info.param.id;
}

class TokenizerGolden : public ::testing::TestWithParam<GoldenCase> {};
class TokenizerGoldenWithSpecial : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(TokenizerGolden, EncodesAndDecodesLikeHf) {
  const auto& c = GetParam();
  const auto& tok = fixtureTokenizer(c.folder);
  EXPECT_EQ(tok.encode(c.text), c.ids);
  EXPECT_EQ(tok.decode(c.ids), c.decoded);
}

TEST_P(TokenizerGoldenWithSpecial, EncodesAndDecodesLikeHf) {
  const auto& c = GetParam();
  const auto& tok = fixtureTokenizer(c.folder);
  EXPECT_EQ(tok.encode(c.text, /*addSpecialTokens=*/true), c.ids);
  EXPECT_EQ(tok.decode(c.ids), c.decoded);
}

INSTANTIATE_TEST_SUITE_P(Tokenizer, TokenizerGolden, ::testing::ValuesIn(goldenCases("expected.jsonl")), caseName);
INSTANTIATE_TEST_SUITE_P(Tokenizer, TokenizerGoldenWithSpecial,
                         ::testing::ValuesIn(goldenCases("expected_with_special.jsonl")), caseName);

TEST(TokenizerSpecial, AddedTokensAreMatchedInRawText) {
  const auto& llama = fixtureTokenizer("llama3");
  EXPECT_EQ(llama.tokenId("<|begin_of_text|>"), 128000);
  EXPECT_TRUE(llama.isSpecial(128000));
  EXPECT_EQ(llama.encode("<|begin_of_text|>Hello"), (std::vector<std::int64_t>{128000, 9906}));
  EXPECT_EQ(llama.tokenText(128000), "<|begin_of_text|>");

  const auto& qwen = fixtureTokenizer("qwen2_5");
  EXPECT_EQ(qwen.tokenId("<|im_start|>"), 151644);
  EXPECT_EQ(qwen.encode("<|im_start|>user"), (std::vector<std::int64_t>{151644, 872}));
  EXPECT_FALSE(qwen.tokenId("<|begin_of_text|>").has_value());  // not Qwen's: plain text there
}

TEST(TokenizerSpecial, SpecialTokensDoNotAbsorbNeighbouringSpaces) {
  const auto& qwen = fixtureTokenizer("qwen2_5");
  const auto ids = qwen.encode("a <|im_end|> b");
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[1], qwen.tokenId("Ġ"));  // the space before stays a token of its own
  EXPECT_EQ(ids[2], 151645);
  EXPECT_EQ(ids[3], qwen.tokenId("Ġb"));  // the space after starts the next word
  EXPECT_EQ(qwen.decode(ids), "a <|im_end|> b");
}

TEST(TokenizerSpecial, AddSpecialTokensFollowsThePostProcessor) {
  const auto& mistral = fixtureTokenizer("mistral");
  EXPECT_EQ(mistral.encode("Hello world", true), (std::vector<std::int64_t>{1, 22557, 1526}));
  EXPECT_EQ(mistral.encode("Hello world", false), (std::vector<std::int64_t>{22557, 1526}));
  // This Llama 3 file's post-processor is ByteLevel alone: nothing is added (see llama3/SOURCE.json).
  const auto& llama = fixtureTokenizer("llama3");
  EXPECT_EQ(llama.encode("Hello", true), llama.encode("Hello", false));
}

TEST(TokenizerSpecial, DecodeCanSkipSpecialTokens) {
  const auto& mistral = fixtureTokenizer("mistral");
  EXPECT_EQ(mistral.decode({1, 22557, 1526}), "<s> Hello world");
  EXPECT_EQ(mistral.decode({1, 22557, 1526}, /*skipSpecialTokens=*/true), "Hello world");
  const auto& qwen = fixtureTokenizer("qwen2_5");
  EXPECT_EQ(qwen.decode({151644, 872, 198, 13048, 151645}, true), "user\nHi");
}

TEST(TokenizerFixtures, VocabSizeCountsAddedTokens) {
  EXPECT_EQ(fixtureTokenizer("llama3").vocabSize(), 128256);
  EXPECT_EQ(fixtureTokenizer("qwen2_5").vocabSize(), 151665);
  EXPECT_EQ(fixtureTokenizer("mistral").vocabSize(), 32000);
}

TEST(TokenizerFixtures, FolderAndFileLoadTheSameTokenizer) {
  const auto fromFile = Tokenizer::load(tokenizersDir() / "mistral" / "tokenizer.json");
  EXPECT_EQ(fromFile.file(), tokenizersDir() / "mistral" / "tokenizer.json");
  EXPECT_EQ(fromFile.encode("The quick brown fox"), fixtureTokenizer("mistral").encode("The quick brown fox"));
}

// A small byte-level tokenizer.json; `merges` is spliced in as JSON.
std::string tinyByteLevel(const std::string& merges) {
  return R"({"version":"1.0","added_tokens":[],"normalizer":null,)"
         R"("pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true},)"
         R"("post_processor":null,"decoder":{"type":"ByteLevel"},)"
         R"("model":{"type":"BPE","dropout":null,"unk_token":null,"vocab":)"
         R"({"a":0,"b":1,"c":2,"\u0120":3,"ab":4,"abc":5,"\u0120a":6},"merges":)" +
         merges + "}}";
}

TEST(TokenizerMerges, PairAndStringFormsGiveTheSameIds) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "strings");
  std::filesystem::create_directories(dir / "pairs");
  test::writeBytes(dir / "strings" / "tokenizer.json", tinyByteLevel(R"(["a b","ab c","\u0120 a"])"));
  test::writeBytes(dir / "pairs" / "tokenizer.json", tinyByteLevel(R"([["a","b"],["ab","c"],["\u0120","a"]])"));
  const auto strings = Tokenizer::load(dir / "strings");
  const auto pairs = Tokenizer::load(dir / "pairs");
  // "abc" merges fully; " ab" merges a+b (rank 0) before Ġ+a (rank 2), leaving Ġ and ab.
  const std::vector<std::int64_t> expected{5, 3, 4};
  EXPECT_EQ(strings.encode("abc ab"), expected);
  EXPECT_EQ(pairs.encode("abc ab"), expected);
  EXPECT_EQ(pairs.decode(expected), "abc ab");
}

std::string tinyUnk(bool fuseUnk) {
  return std::string(R"({"model":{"type":"BPE","unk_token":"<unk>","fuse_unk":)") + (fuseUnk ? "true" : "false") +
         R"(,"vocab":{"<unk>":0,"a":1},"merges":[]}})";
}

TEST(TokenizerMerges, UnknownCharactersBecomeUnkFusedOrNot) {
  ScratchDir dir;
  test::writeBytes(dir / "fused.json", tinyUnk(true));
  test::writeBytes(dir / "separate.json", tinyUnk(false));
  EXPECT_EQ(Tokenizer::load(dir / "fused.json").encode("xya"), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(Tokenizer::load(dir / "separate.json").encode("xya"), (std::vector<std::int64_t>{0, 0, 1}));
  EXPECT_EQ(Tokenizer::load(dir / "separate.json").decode({0, 1}), "<unk> a");  // no decoder: joined by spaces
}

// A byte-level tokenizer with added tokens that strip neighbouring spaces or must stand alone.
std::string tinyAddedTokens() {
  return R"({"added_tokens":[)"
         R"({"id":3,"content":"<m>","single_word":false,"lstrip":true,"rstrip":false,"normalized":false,"special":true},)"
         R"({"id":4,"content":"<r>","single_word":false,"lstrip":false,"rstrip":true,"normalized":false,"special":true},)"
         R"({"id":5,"content":"ab","single_word":true,"lstrip":false,"rstrip":false,"normalized":false,"special":false}],)"
         R"("pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"use_regex":true},)"
         R"("decoder":{"type":"ByteLevel"},)"
         R"("model":{"type":"BPE","vocab":{"a":0,"b":1,"\u0120":2},"merges":[]}})";
}

TEST(TokenizerSpecial, LstripRstripAndSingleWordAsInAddedVocabulary) {
  ScratchDir dir;
  test::writeBytes(dir / "tokenizer.json", tinyAddedTokens());
  const auto tok = Tokenizer::load(dir.path());
  EXPECT_EQ(tok.encode("a <m> b"), (std::vector<std::int64_t>{0, 3, 2, 1}));  // the space before <m> is absorbed
  EXPECT_EQ(tok.encode("a <r> b"), (std::vector<std::int64_t>{0, 2, 4, 1}));  // the space after <r> is absorbed
  EXPECT_EQ(tok.encode("a ab"), (std::vector<std::int64_t>{0, 2, 5}));        // "ab" standing alone
  EXPECT_EQ(tok.encode("aab"), (std::vector<std::int64_t>{0, 0, 1}));         // inside a word: plain text
  EXPECT_EQ(tok.decode({0, 3, 2, 1}), "a<m> b");
  EXPECT_EQ(tok.decode({0, 3, 2, 1}, true), "a b");
  EXPECT_EQ(tok.vocabSize(), 6);
}

// Newer Llama 2 / Mistral files spell SentencePiece's space handling as a Metaspace pre-tokenizer instead of
// the Prepend + Replace normalizer. Both must give the same ids where they agree by design: no leading
// space, no added token (after one, prepend_scheme "first" adds no ▁).
TEST(TokenizerMetaspace, SameIdsAsThePrependReplaceNormalizer) {
  auto json = nlohmann::json::parse(test::readBytes(tokenizersDir() / "mistral" / "tokenizer.json"));
  const std::string meta = "\xE2\x96\x81";  // ▁
  json["normalizer"] = nullptr;
  json["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", meta}, {"prepend_scheme", "first"}, {"split", false}};
  json["decoder"] = {{"type", "Sequence"},
                     {"decoders",
                      {{{"type", "Metaspace"}, {"replacement", meta}, {"prepend_scheme", "first"}},
                       {{"type", "ByteFallback"}},
                       {{"type", "Fuse"}}}}};
  ScratchDir dir;
  test::writeBytes(dir / "tokenizer.json", json.dump());
  const auto metaspace = Tokenizer::load(dir.path());
  const auto& legacy = fixtureTokenizer("mistral");
  int compared = 0;
  for (const auto& c : goldenCases("expected.jsonl")) {
    if (c.folder != "mistral" || c.text.empty() || c.text[0] == ' ' || c.text.find("<s>") != std::string::npos ||
        c.text.find("</s>") != std::string::npos)
      continue;
    EXPECT_EQ(metaspace.encode(c.text), c.ids) << c.id;
    EXPECT_EQ(metaspace.decode(c.ids), c.decoded) << c.id;
    ++compared;
  }
  EXPECT_GT(compared, 100);
  EXPECT_EQ(metaspace.encode("<s>Hi"), (std::vector<std::int64_t>{1, legacy.tokenId("Hi").value()}));
}

// Oniguruma's \s (what tokenizer.json patterns are written for) is White_Space; PCRE2's also takes U+180E.
TEST(TokenizerRegex, WhiteSpaceClassIsUnicodeWhiteSpace) {
  using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
  const std::string text =
      "a\xE1\xA0\x8E"
      "b\xC2\x85"
      "c\xEF\xBB\xBF";  // a U+180E b U+0085 c U+FEFF
  EXPECT_EQ(unicode::Regex::pattern("\\s").findAll(text), (Spans{{5, 7}}));
  EXPECT_EQ(unicode::Regex::pattern("[\\s]").findAll(text), (Spans{{5, 7}}));
  EXPECT_EQ(unicode::Regex::pattern("\\S+").findAll(text), (Spans{{0, 5}, {7, 11}}));
  EXPECT_EQ(unicode::Regex::pattern("[^\\S]").findAll(text), (Spans{{5, 7}}));
  // An empty match right after the previous match is skipped, as the onig crate does.
  EXPECT_EQ(unicode::Regex::pattern("x*").findAll("axx"), (Spans{{0, 0}, {1, 3}}));
}

TEST(TokenizerErrors, MissingFile) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "nope.json"); }, ErrorCode::NotFound, {"nope.json"}));
}

TEST(TokenizerErrors, FolderWithoutTokenizerJson) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir.path()); }, ErrorCode::NotFound,
                          {dir.path().string(), "no tokenizer.json"}));
}

TEST(TokenizerErrors, NumberOverflowIsAFormatError) {
  // Found by fuzzing: an out-of-range number escaped as a non-engine exception.
  EXPECT_TRUE(throwsError([] { Tokenizer::fromJsonText(R"({"model": {"type": "BPE", "x": 1e999}})", "t.json"); },
                          ErrorCode::Format, {"t.json"}));
}

TEST(TokenizerErrors, NotJson) {
  ScratchDir dir;
  test::writeBytes(dir / "tokenizer.json", "{\"model\": [1, 2");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir.path()); }, ErrorCode::Format, {"tokenizer.json", "JSON"}));
}

TEST(TokenizerErrors, NotAnObjectOrNoModel) {
  ScratchDir dir;
  test::writeBytes(dir / "a.json", "[1, 2]");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "a.json"); }, ErrorCode::Format, {"a.json", "top level"}));
  test::writeBytes(dir / "b.json", R"({"normalizer": null})");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "b.json"); }, ErrorCode::Format, {"b.json", "model"}));
  test::writeBytes(dir / "c.json", R"({"model": {"type": "BPE", "vocab": [], "merges": []}})");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "c.json"); }, ErrorCode::Format, {"c.json", "vocab"}));
}

TEST(TokenizerErrors, MergeOfUnknownTokens) {
  ScratchDir dir;
  test::writeBytes(dir / "t.json", R"({"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a q"]}})");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "t.json"); }, ErrorCode::Format, {"t.json", "merge 0", "q"}));
}

TEST(TokenizerErrors, UnsupportedModelType) {
  ScratchDir dir;
  test::writeBytes(dir / "tokenizer.json",
                   R"({"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0}}})");
  EXPECT_TRUE(
      throwsError([&] { Tokenizer::load(dir.path()); }, ErrorCode::Unsupported, {"tokenizer.json", "WordPiece"}));
}

TEST(TokenizerErrors, UnsupportedComponentsAreNamed) {
  ScratchDir dir;
  const std::string model = R"("model": {"type": "BPE", "vocab": {"a": 0}, "merges": []})";
  test::writeBytes(dir / "n.json", "{" + model + R"(, "normalizer": {"type": "Precompiled"}})");
  EXPECT_TRUE(
      throwsError([&] { Tokenizer::load(dir / "n.json"); }, ErrorCode::Unsupported, {"normalizer", "Precompiled"}));
  test::writeBytes(dir / "p.json", "{" + model + R"(, "pre_tokenizer": {"type": "BertPreTokenizer"}})");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "p.json"); }, ErrorCode::Unsupported, {"BertPreTokenizer"}));
  test::writeBytes(dir / "d.json", "{" + model + R"(, "decoder": {"type": "WordPiece", "prefix": "##"}})");
  EXPECT_TRUE(throwsError([&] { Tokenizer::load(dir / "d.json"); }, ErrorCode::Unsupported, {"decoder", "WordPiece"}));
}

TEST(TokenizerErrors, DecodeOfAnIdOutOfRange) {
  const auto& llama = fixtureTokenizer("llama3");
  EXPECT_TRUE(throwsError([&] { llama.decode({9906, 128256}); }, ErrorCode::InvalidArgument, {"128256"}));
  EXPECT_TRUE(throwsError([&] { llama.decode({-1}); }, ErrorCode::InvalidArgument, {"-1"}));
  EXPECT_TRUE(throwsError([&] { llama.tokenText(200000); }, ErrorCode::InvalidArgument, {"200000"}));
}

TEST(TokenizerErrors, EncodeOfInvalidUtf8) {
  const auto& qwen = fixtureTokenizer("qwen2_5");
  EXPECT_TRUE(throwsError([&] { qwen.encode("ok \xC3\x28"); }, ErrorCode::InvalidArgument, {"UTF-8", "byte 3"}));
}

}  // namespace
}  // namespace ropescope::engine
