// A tiny byte-level BPE trainer and the demo models' tokenizer.json.
#include "engine/data/demo_tokenizer.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "engine/data/demo_data.h"
#include "engine/text/unicode_text.h"

namespace ropescope::engine {

namespace {

// GPT-2's pre-tokenizer regex, which ByteLevel with use_regex applies.
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

std::uint64_t pairKey(std::int32_t a, std::int32_t b) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
}

nlohmann::ordered_json addedToken(std::int64_t id, std::string_view content) {
  return {{"id", id},        {"content", content},  {"single_word", false}, {"lstrip", false},
          {"rstrip", false}, {"normalized", false}, {"special", true}};
}

}  // namespace

std::string trainByteLevelBpe(const std::vector<std::string>& texts) {
  // Tokens by id: the 256 byte characters first, in byte order.
  std::vector<std::string> tokens(unicode::byteToUnicode().begin(), unicode::byteToUnicode().end());
  std::map<std::string, std::int32_t> idOf;
  for (std::int32_t i = 0; i < 256; ++i) idOf.emplace(tokens[static_cast<std::size_t>(i)], i);

  // Distinct pre-tokens with their counts, as sequences of token ids.
  std::map<std::string, std::int64_t> counts;
  const auto regex = unicode::Regex::pattern(kGpt2Pattern);
  for (const auto& text : texts)
    for (const auto& [b, e] : regex.findAll(text)) ++counts[text.substr(b, e - b)];
  struct Word {
    std::vector<std::int32_t> symbols;
    std::int64_t count;
  };
  std::vector<Word> words;
  for (const auto& [text, count] : counts) {
    Word w{{}, count};
    for (unsigned char c : text) w.symbols.push_back(c);
    words.push_back(std::move(w));
  }

  std::vector<std::pair<std::int32_t, std::int32_t>> merges;
  for (;;) {
    std::unordered_map<std::uint64_t, std::int64_t> pairCounts;
    for (const auto& w : words)
      for (std::size_t i = 0; i + 1 < w.symbols.size(); ++i)
        pairCounts[pairKey(w.symbols[i], w.symbols[i + 1])] += w.count;
    if (pairCounts.empty()) break;
    // The most frequent pair; ties go to the smaller (left text, right text), so the result
    // does not depend on hash order.
    std::int32_t bestA = -1, bestB = -1;
    std::int64_t bestCount = 0;
    for (const auto& [key, count] : pairCounts) {
      const auto a = static_cast<std::int32_t>(key >> 32), b = static_cast<std::int32_t>(key & 0xffffffffu);
      const auto& ta = tokens[static_cast<std::size_t>(a)];
      const auto& tb = tokens[static_cast<std::size_t>(b)];
      const bool better = count > bestCount ||
                          (count == bestCount && std::tie(ta, tb) < std::tie(tokens[static_cast<std::size_t>(bestA)],
                                                                             tokens[static_cast<std::size_t>(bestB)]));
      if (better) {
        bestA = a;
        bestB = b;
        bestCount = count;
      }
    }
    const auto merged = tokens[static_cast<std::size_t>(bestA)] + tokens[static_cast<std::size_t>(bestB)];
    auto [it, added] = idOf.emplace(merged, static_cast<std::int32_t>(tokens.size()));
    if (added) tokens.push_back(merged);
    merges.emplace_back(bestA, bestB);
    for (auto& w : words) {
      std::vector<std::int32_t> out;
      out.reserve(w.symbols.size());
      for (std::size_t i = 0; i < w.symbols.size(); ++i) {
        if (i + 1 < w.symbols.size() && w.symbols[i] == bestA && w.symbols[i + 1] == bestB) {
          out.push_back(it->second);
          ++i;
        } else {
          out.push_back(w.symbols[i]);
        }
      }
      w.symbols = std::move(out);
    }
  }

  nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < tokens.size(); ++i) vocab[tokens[i]] = i;
  nlohmann::ordered_json mergeList = nlohmann::ordered_json::array();
  for (const auto& [a, b] : merges)
    mergeList.push_back(tokens[static_cast<std::size_t>(a)] + " " + tokens[static_cast<std::size_t>(b)]);
  const auto bos = static_cast<std::int64_t>(tokens.size());
  const std::string bosText(kDemoBosToken);

  nlohmann::ordered_json root;
  root["version"] = "1.0";
  root["truncation"] = nullptr;
  root["padding"] = nullptr;
  root["added_tokens"] = {addedToken(bos, kDemoBosToken), addedToken(bos + 1, kDemoEosToken),
                          addedToken(bos + 2, kDemoPadToken)};
  root["normalizer"] = nullptr;
  root["pre_tokenizer"] = {
      {"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
  const nlohmann::ordered_json bosItem = {{"SpecialToken", {{"id", bosText}, {"type_id", 0}}}};
  root["post_processor"] = {
      {"type", "Sequence"},
      {"processors",
       {{{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}},
        {{"type", "TemplateProcessing"},
         {"single", {bosItem, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}}},
         {"pair",
          {bosItem,
           {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
           {{"SpecialToken", {{"id", bosText}, {"type_id", 1}}}},
           {{"Sequence", {{"id", "B"}, {"type_id", 1}}}}}},
         {"special_tokens", {{bosText, {{"id", bosText}, {"ids", {bos}}, {"tokens", {bosText}}}}}}}}}};
  root["decoder"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}};
  root["model"] = {{"type", "BPE"},
                   {"dropout", nullptr},
                   {"unk_token", nullptr},
                   {"continuing_subword_prefix", nullptr},
                   {"end_of_word_suffix", nullptr},
                   {"fuse_unk", false},
                   {"byte_fallback", false},
                   {"ignore_merges", true},
                   {"vocab", vocab},
                   {"merges", mergeList}};
  return root.dump(1);
}

const std::string& demoTokenizerJson() {
  static const std::string json = trainByteLevelBpe(demoVocabularyTexts());
  return json;
}

}  // namespace ropescope::engine
