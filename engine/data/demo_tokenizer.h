// The demo models' tokenizer: a byte-level BPE trained here on the demo task's texts, written as
// a Hugging Face tokenizer.json (no torch).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ropescope::engine {

inline constexpr std::string_view kDemoBosToken = "<s>";
inline constexpr std::string_view kDemoEosToken = "</s>";
inline constexpr std::string_view kDemoPadToken = "<pad>";

// A byte-level BPE tokenizer.json in the layout of Llama-3's: 256 byte tokens, then merges
// learnt greedily (most frequent pair first, ties by text) until every pre-token of `texts` is
// one token, then the BOS, EOS and PAD special tokens; GPT-2's pre-tokenizer regex,
// ignore_merges, and a post-processor that puts BOS first. Deterministic in `texts`.
std::string trainByteLevelBpe(const std::vector<std::string>& texts);

// trainByteLevelBpe(demoVocabularyTexts()), built once.
const std::string& demoTokenizerJson();

}  // namespace ropescope::engine
