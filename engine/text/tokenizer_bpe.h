// The BPE model of a Hugging Face tokenizer: vocabulary, ranked merges and the merge loop (engine-internal).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ropescope::engine {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename T>
using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

struct BpeOptions {
  std::optional<std::string> unkToken;
  std::string continuingSubwordPrefix;
  std::string endOfWordSuffix;
  bool fuseUnk = false;
  bool byteFallback = false;
  bool ignoreMerges = false;  // a word that is itself in the vocabulary is one token, merges or not
};

class BpeModel {
 public:
  // Merges are in rank order (views into the caller's strings, used only during construction). Throws
  // std::invalid_argument naming the first merge whose parts or result are not in the vocabulary, or an unk token that
  // is not.
  BpeModel(StringMap<std::int32_t> vocab, const std::vector<std::pair<std::string_view, std::string_view>>& merges,
           BpeOptions options);

  // Appends the ids of one pre-token. Thread-safe.
  void tokenize(std::string_view word, std::vector<std::int64_t>& out) const;

  std::optional<std::int32_t> tokenId(std::string_view token) const;
  const std::string* tokenText(std::int64_t id) const;  // nullptr when no token has that id
  std::int64_t idLimit() const { return static_cast<std::int64_t>(m_tokens.size()); }  // max id + 1

 private:
  struct Merge {
    std::int32_t rank;
    std::int32_t newId;
  };
  static std::uint64_t pairKey(std::int32_t a, std::int32_t b) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
  }

  std::vector<std::int32_t> mergeWord(std::string_view word) const;

  StringMap<std::int32_t> m_vocab;
  std::vector<std::string> m_tokens;  // by id
  std::vector<bool> m_hasToken;
  std::unordered_map<std::uint64_t, Merge> m_merges;
  BpeOptions m_options;
  std::optional<std::int32_t> m_unkId;
  std::vector<std::int32_t> m_byteIds;  // <0xAB> token per byte when byte_fallback has all 256, else empty

  mutable std::mutex m_cacheMutex;
  mutable StringMap<std::vector<std::int32_t>> m_cache;
};

}  // namespace ropescope::engine
