// Hugging Face tokenizer.json (BPE: byte-level and SentencePiece-style) giving the ids of the tokenizers library.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace ropescope::engine {

// Immutable once loaded; copies share the tables, and every const call is thread-safe.
//
// Supported: model BPE (merges as "a b" or ["a", "b"], byte_fallback, fuse_unk, ignore_merges, unk_token,
// continuing_subword_prefix, end_of_word_suffix); normalizers NFC/NFD/NFKC/NFKD, Lowercase, Strip, StripAccents,
// Prepend, Replace, Sequence; pre-tokenizers Split, ByteLevel, Metaspace, Digits, WhitespaceSplit, Sequence;
// post-processors TemplateProcessing, ByteLevel, RobertaProcessing, BertProcessing, Sequence; decoders
// ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace, Sequence; added tokens with special, lstrip,
// rstrip, single_word and normalized. Anything else fails to load with ErrorCode::Unsupported.
class Tokenizer {
 public:
  // PATH: a tokenizer.json file or a folder holding one.
  // Throws Error: NotFound, Io, Format (file not JSON or malformed), Unsupported (naming the component).
  static Tokenizer load(const std::filesystem::path& path);
  // The same from tokenizer.json text held in memory; `source` names it in errors.
  static Tokenizer fromJsonText(std::string_view text, const std::filesystem::path& source);

  // Ids for UTF-8 `text` (InvalidArgument if it is not valid UTF-8). `addSpecialTokens` applies the
  // post-processor template (e.g. a leading <s>), as tokenizers' encode(text, add_special_tokens) does.
  std::vector<std::int64_t> encode(std::string_view text, bool addSpecialTokens = false) const;
  // Text through the file's decoder; InvalidArgument for an id that names no token.
  std::string decode(const std::vector<std::int64_t>& ids, bool skipSpecialTokens = false) const;

  std::optional<std::int64_t> tokenId(std::string_view token) const;  // vocab or added token
  std::string tokenText(std::int64_t id) const;                       // InvalidArgument when no token has it
  std::int64_t vocabSize() const;                                     // including added tokens (max id + 1)
  bool isSpecial(std::int64_t id) const;                              // an added token marked special
  const std::filesystem::path& file() const;                          // the tokenizer.json read

 private:
  struct Impl;
  explicit Tokenizer(std::shared_ptr<const Impl> impl);
  static Tokenizer fromJson(const nlohmann::json& root, const std::filesystem::path& file);
  std::shared_ptr<const Impl> m_impl;
};

}  // namespace ropescope::engine
