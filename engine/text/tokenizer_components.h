// The stages of a Hugging Face tokenizer pipeline (tokenizers v0.23): normalizers,
// pre-tokenizers, post-processors, decoders and the added-token matcher, as tokenizer.json
// describes them. Internal to the tokenizer (engine/text/tokenizer.h is the interface).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"
#include "engine/text/tokenizer_bpe.h"
#include "engine/text/unicode_text.h"

namespace ropescope::engine::tokenizer_parts {

// GPT-2's pre-tokenizer regex, used by ByteLevel with use_regex.
inline constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// A stretch of text on its way through the pipeline.
struct Piece {
  std::string text;
  std::optional<std::int32_t> addedId;  // already an added token: later stages leave it alone
  bool atOrigin = false;                // starts at offset 0 of the caller's text (Metaspace "first")
};

inline bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

inline std::string replaceAll(std::string_view s, const unicode::Regex& pattern, std::string_view content) {
  std::string out;
  std::size_t last = 0;
  for (const auto& [b, e] : pattern.findAll(s)) {
    out.append(s.substr(last, b - last));
    out.append(content);
    last = e;
  }
  out.append(s.substr(last));
  return out;
}

inline std::u32string codePoints(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    out += unicode::decodeChar(s, i, &len);
    i += len;
  }
  return out;
}

inline std::string fromCodePoints(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) unicode::appendUtf8(out, c);
  return out;
}

// Rust's String::from_utf8_lossy: each maximal invalid prefix of a sequence becomes one U+FFFD.
inline std::string lossyUtf8(std::string_view bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    std::size_t k = 1;
    for (; k <= need && i + k < n; ++k) {
      const unsigned char b = s[i + k];
      const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
      if (!ok) break;
    }
    if (k == need + 1) {
      out.append(bytes.substr(i, need + 1));
    } else {
      out += kReplacement;
    }
    i += k;
  }
  return out;
}

// ---- pattern splitting (tokenizers' NormalizedString::split) ----

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

inline void splitPiece(const Piece& piece, const unicode::Regex& pattern, SplitBehavior behavior, bool invert,
                       std::vector<Piece>& out) {
  const std::string& s = piece.text;
  struct Span {
    std::size_t begin, end;
    bool flag;  // a match, then (after the behaviour) "remove"
  };
  std::vector<Span> spans;
  if (s.empty()) {
    spans.push_back({0, 0, false});
  } else {
    std::size_t prev = 0;
    for (const auto& [b, e] : pattern.findAll(s)) {
      if (prev != b) spans.push_back({prev, b, false});
      spans.push_back({b, e, true});
      prev = e;
    }
    if (prev != s.size()) spans.push_back({prev, s.size(), false});
  }
  if (invert)
    for (auto& sp : spans) sp.flag = !sp.flag;

  std::vector<Span> parts;
  bool previousMatch = false;
  switch (behavior) {
    case SplitBehavior::Isolated:
      for (const auto& sp : spans) parts.push_back({sp.begin, sp.end, false});
      break;
    case SplitBehavior::Removed:
      parts = spans;
      break;
    case SplitBehavior::Contiguous:
      for (const auto& sp : spans) {
        if (sp.flag == previousMatch && !parts.empty())
          parts.back().end = sp.end;
        else
          parts.push_back({sp.begin, sp.end, false});
        previousMatch = sp.flag;
      }
      break;
    case SplitBehavior::MergedWithPrevious:
      for (const auto& sp : spans) {
        if (sp.flag && !previousMatch && !parts.empty())
          parts.back().end = sp.end;
        else
          parts.push_back({sp.begin, sp.end, false});
        previousMatch = sp.flag;
      }
      break;
    case SplitBehavior::MergedWithNext:
      for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
        if (it->flag && !previousMatch && !parts.empty())
          parts.back().begin = it->begin;
        else
          parts.push_back({it->begin, it->end, false});
        previousMatch = it->flag;
      }
      std::reverse(parts.begin(), parts.end());
      break;
  }
  for (const auto& p : parts)
    if (!p.flag && p.end > p.begin)
      out.push_back(Piece{s.substr(p.begin, p.end - p.begin), std::nullopt, piece.atOrigin && p.begin == 0});
}

// Runs `fn(piece, out)` on every piece that is not yet a token; drops empty results (PreTokenizedString::split).
template <typename Fn>
void splitEach(std::vector<Piece>& pieces, Fn&& fn) {
  std::vector<Piece> out;
  out.reserve(pieces.size() * 2);
  for (auto& p : pieces) {
    if (p.addedId) {
      out.push_back(std::move(p));
      continue;
    }
    fn(p, out);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const Piece& p) { return !p.addedId && p.text.empty(); }),
            out.end());
  pieces = std::move(out);
}

// ---- normalizers ----

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void apply(std::string& text) const = 0;
};

class UnicodeFormNormalizer : public Normalizer {
 public:
  explicit UnicodeFormNormalizer(unicode::NormalForm form) : m_form(form) {}
  void apply(std::string& text) const override { text = unicode::normalize(text, m_form); }

 private:
  unicode::NormalForm m_form;
};

class LowercaseNormalizer : public Normalizer {
 public:
  void apply(std::string& text) const override { text = unicode::toLower(text); }
};

class StripAccentsNormalizer : public Normalizer {
 public:
  void apply(std::string& text) const override { text = unicode::stripAccents(text); }
};

class StripNormalizer : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : m_left(left), m_right(right) {}
  void apply(std::string& text) const override {
    const auto cps = codePoints(text);
    std::size_t b = 0, e = cps.size();
    if (m_left)
      while (b < e && unicode::isWhiteSpace(cps[b])) ++b;
    if (m_right)
      while (e > b && unicode::isWhiteSpace(cps[e - 1])) --e;
    if (b != 0 || e != cps.size()) text = fromCodePoints(std::u32string_view(cps).substr(b, e - b));
  }

 private:
  bool m_left, m_right;
};

class PrependNormalizer : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prefix) : m_prefix(std::move(prefix)) {}
  void apply(std::string& text) const override {
    if (!text.empty()) text.insert(0, m_prefix);
  }

 private:
  std::string m_prefix;
};

class ReplaceNormalizer : public Normalizer {
 public:
  ReplaceNormalizer(unicode::Regex pattern, std::string content)
      : m_pattern(std::move(pattern)), m_content(std::move(content)) {}
  void apply(std::string& text) const override { text = replaceAll(text, m_pattern, m_content); }

 private:
  unicode::Regex m_pattern;
  std::string m_content;
};

class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps) : m_steps(std::move(steps)) {}
  void apply(std::string& text) const override {
    for (const auto& s : m_steps) s->apply(text);
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> m_steps;
};

// ---- pre-tokenizers ----

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  virtual void apply(std::vector<Piece>& pieces) const = 0;
};

class SplitPreTokenizer : public PreTokenizer {
 public:
  SplitPreTokenizer(unicode::Regex pattern, SplitBehavior behavior, bool invert)
      : m_pattern(std::move(pattern)), m_behavior(behavior), m_invert(invert) {}
  void apply(std::vector<Piece>& pieces) const override {
    splitEach(pieces,
              [this](const Piece& p, std::vector<Piece>& out) { splitPiece(p, m_pattern, m_behavior, m_invert, out); });
  }

 private:
  unicode::Regex m_pattern;
  SplitBehavior m_behavior;
  bool m_invert;
};

class ByteLevelPreTokenizer : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : m_addPrefixSpace(addPrefixSpace), m_useRegex(useRegex) {}
  void apply(std::vector<Piece>& pieces) const override {
    static const unicode::Regex gpt2 = unicode::Regex::pattern(kGpt2Pattern);
    splitEach(pieces, [this](Piece& p, std::vector<Piece>& out) {
      if (m_addPrefixSpace && !startsWith(p.text, " ")) p.text.insert(p.text.begin(), ' ');
      if (m_useRegex)
        splitPiece(p, gpt2, SplitBehavior::Isolated, false, out);
      else
        out.push_back(std::move(p));
    });
    const auto& table = unicode::byteToUnicode();
    for (auto& p : pieces) {
      if (p.addedId) continue;
      std::string mapped;
      mapped.reserve(p.text.size() * 2);
      for (unsigned char b : p.text) mapped += table[b];
      p.text = std::move(mapped);
    }
  }

 private:
  bool m_addPrefixSpace, m_useRegex;
};

enum class PrependScheme { First, Always, Never };

class MetaspacePreTokenizer : public PreTokenizer {
 public:
  MetaspacePreTokenizer(std::string replacement, PrependScheme scheme, bool split)
      : m_replacement(replacement),
        m_replacementPattern(unicode::Regex::literal(replacement)),
        m_space(unicode::Regex::literal(" ")),
        m_scheme(scheme),
        m_split(split) {}
  void apply(std::vector<Piece>& pieces) const override {
    splitEach(pieces, [this](Piece& p, std::vector<Piece>& out) {
      p.text = replaceAll(p.text, m_space, m_replacement);
      const bool prepend = m_scheme == PrependScheme::Always || (m_scheme == PrependScheme::First && p.atOrigin);
      if (prepend && !startsWith(p.text, m_replacement)) p.text.insert(0, m_replacement);
      if (m_split)
        splitPiece(p, m_replacementPattern, SplitBehavior::MergedWithNext, false, out);
      else
        out.push_back(std::move(p));
    });
  }

 private:
  std::string m_replacement;
  unicode::Regex m_replacementPattern;
  unicode::Regex m_space;
  PrependScheme m_scheme;
  bool m_split;
};

class SequencePreTokenizer : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps) : m_steps(std::move(steps)) {}
  void apply(std::vector<Piece>& pieces) const override {
    for (const auto& s : m_steps) s->apply(pieces);
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> m_steps;
};

// ---- post-processors (ids only: offsets and type ids are not kept) ----

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  virtual void apply(std::vector<std::int64_t>& ids, bool addSpecialTokens) const = 0;
};

// TemplateProcessing's "single" template, also Roberta/BertProcessing (cls $A sep).
class TemplatePostProcessor : public PostProcessor {
 public:
  // Each item is the ids of a special token, or nullopt for the sequence itself.
  explicit TemplatePostProcessor(std::vector<std::optional<std::vector<std::int64_t>>> items)
      : m_items(std::move(items)) {}
  void apply(std::vector<std::int64_t>& ids, bool addSpecialTokens) const override {
    if (!addSpecialTokens) return;
    std::vector<std::int64_t> result;
    result.reserve(ids.size() + m_items.size());
    for (const auto& item : m_items) {
      if (item)
        result.insert(result.end(), item->begin(), item->end());
      else
        result.insert(result.end(), ids.begin(), ids.end());
    }
    ids = std::move(result);
  }

 private:
  std::vector<std::optional<std::vector<std::int64_t>>> m_items;
};

class SequencePostProcessor : public PostProcessor {
 public:
  explicit SequencePostProcessor(std::vector<std::unique_ptr<PostProcessor>> steps) : m_steps(std::move(steps)) {}
  void apply(std::vector<std::int64_t>& ids, bool addSpecialTokens) const override {
    for (const auto& s : m_steps) s->apply(ids, addSpecialTokens);
  }

 private:
  std::vector<std::unique_ptr<PostProcessor>> m_steps;
};

// ---- decoders (tokenizers' decode_chain: tokens in, tokens out, joined at the end) ----

class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual void apply(std::vector<std::string>& tokens) const = 0;
};

class ByteLevelDecoder : public Decoder {
 public:
  void apply(std::vector<std::string>& tokens) const override {
    std::string bytes;
    std::string tokenBytes;
    for (const auto& t : tokens) {
      tokenBytes.clear();
      bool allMapped = true;
      for (std::size_t i = 0; i < t.size() && allMapped;) {
        std::size_t len;
        const auto b = unicode::unicodeToByte(unicode::decodeChar(t, i, &len));
        if (b)
          tokenBytes += static_cast<char>(*b);
        else
          allMapped = false;
        i += len;
      }
      bytes += allMapped ? tokenBytes : t;  // a token outside the byte alphabet stands for its own bytes
    }
    tokens.assign(1, lossyUtf8(bytes));
  }
};

class ReplaceDecoder : public Decoder {
 public:
  ReplaceDecoder(unicode::Regex pattern, std::string content)
      : m_pattern(std::move(pattern)), m_content(std::move(content)) {}
  void apply(std::vector<std::string>& tokens) const override {
    for (auto& t : tokens) t = replaceAll(t, m_pattern, m_content);
  }

 private:
  unicode::Regex m_pattern;
  std::string m_content;
};

class ByteFallbackDecoder : public Decoder {
 public:
  void apply(std::vector<std::string>& tokens) const override {
    std::vector<std::string> out;
    out.reserve(tokens.size());
    std::string pending;
    const auto flush = [&] {
      if (pending.empty()) return;
      if (!unicode::firstInvalidUtf8(pending))
        out.push_back(pending);
      else
        out.insert(out.end(), pending.size(), "\xEF\xBF\xBD");  // one U+FFFD per byte token
      pending.clear();
    };
    for (auto& t : tokens) {
      if (const auto b = byteOf(t)) {
        pending += static_cast<char>(*b);
        continue;
      }
      flush();
      out.push_back(std::move(t));
    }
    flush();
    tokens = std::move(out);
  }

 private:
  static std::optional<unsigned char> byteOf(std::string_view t) {
    if (t.size() != 6 || !startsWith(t, "<0x") || t[5] != '>') return std::nullopt;
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    const int hi = hex(t[3]), lo = hex(t[4]);
    if (hi < 0 || lo < 0) return std::nullopt;
    return static_cast<unsigned char>(hi * 16 + lo);
  }
};

class FuseDecoder : public Decoder {
 public:
  void apply(std::vector<std::string>& tokens) const override {
    std::string joined;
    for (const auto& t : tokens) joined += t;
    tokens.assign(1, std::move(joined));
  }
};

class StripDecoder : public Decoder {
 public:
  StripDecoder(char32_t content, std::size_t start, std::size_t stop)
      : m_content(content), m_start(start), m_stop(stop) {}
  void apply(std::vector<std::string>& tokens) const override {
    for (auto& t : tokens) {
      const auto cps = codePoints(t);
      std::size_t startCut = 0;
      for (std::size_t i = 0; i < std::min(m_start, cps.size()) && cps[i] == m_content; ++i) startCut = i + 1;
      std::size_t stopCut = cps.size();
      for (std::size_t i = 0; i < std::min(m_stop, cps.size()) && cps[cps.size() - 1 - i] == m_content; ++i)
        stopCut = cps.size() - 1 - i;
      t = startCut < stopCut ? fromCodePoints(std::u32string_view(cps).substr(startCut, stopCut - startCut)) : "";
    }
  }

 private:
  char32_t m_content;
  std::size_t m_start, m_stop;
};

class MetaspaceDecoder : public Decoder {
 public:
  MetaspaceDecoder(char32_t replacement, PrependScheme scheme) : m_replacement(replacement), m_scheme(scheme) {}
  void apply(std::vector<std::string>& tokens) const override {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::string out;
      for (char32_t c : codePoints(tokens[i])) {
        if (c != m_replacement)
          unicode::appendUtf8(out, c);
        else if (i != 0 || m_scheme == PrependScheme::Never)
          out += ' ';
      }
      tokens[i] = std::move(out);
    }
  }

 private:
  char32_t m_replacement;
  PrependScheme m_scheme;
};

class SequenceDecoder : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> steps) : m_steps(std::move(steps)) {}
  void apply(std::vector<std::string>& tokens) const override {
    for (const auto& s : m_steps) s->apply(tokens);
  }

 private:
  std::vector<std::unique_ptr<Decoder>> m_steps;
};

// ---- added tokens ----

struct AddedToken {
  std::string content;
  std::int32_t id = 0;
  bool special = false;
  bool lstrip = false;
  bool rstrip = false;
  bool singleWord = false;
  bool normalized = true;
};

// Byte trie for leftmost-longest matching (what tokenizers does with Aho-Corasick LeftmostLongest).
class TokenTrie {
 public:
  TokenTrie() : m_nodes(1) { m_root.fill(-1); }

  void add(std::string_view pattern, std::int32_t value) {
    if (pattern.empty()) return;
    const auto first = static_cast<unsigned char>(pattern[0]);
    if (m_root[first] < 0) {
      m_root[first] = static_cast<std::int32_t>(m_nodes.size());
      m_nodes.emplace_back();
    }
    std::int32_t node = m_root[first];
    for (std::size_t i = 1; i < pattern.size(); ++i) {
      const auto c = static_cast<unsigned char>(pattern[i]);
      std::int32_t next = childOf(node, c);
      if (next < 0) {
        next = static_cast<std::int32_t>(m_nodes.size());
        m_nodes[static_cast<std::size_t>(node)].children.emplace_back(c, next);
        m_nodes.emplace_back();
      }
      node = next;
    }
    if (m_nodes[static_cast<std::size_t>(node)].value < 0) m_nodes[static_cast<std::size_t>(node)].value = value;
  }

  bool empty() const { return m_nodes.size() == 1; }

  // The longest pattern starting at `pos`: its length and value.
  std::optional<std::pair<std::size_t, std::int32_t>> longestAt(std::string_view text, std::size_t pos) const {
    std::int32_t node = m_root[static_cast<unsigned char>(text[pos])];
    std::optional<std::pair<std::size_t, std::int32_t>> best;
    for (std::size_t i = pos + 1; node >= 0; ++i) {
      if (const auto v = m_nodes[static_cast<std::size_t>(node)].value; v >= 0) best = std::make_pair(i - pos, v);
      if (i >= text.size()) break;
      node = childOf(node, static_cast<unsigned char>(text[i]));
    }
    return best;
  }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> children;
    std::int32_t value = -1;
  };
  std::int32_t childOf(std::int32_t node, unsigned char c) const {
    for (const auto& [k, v] : m_nodes[static_cast<std::size_t>(node)].children)
      if (k == c) return v;
    return -1;
  }
  std::array<std::int32_t, 256> m_root{};
  std::vector<Node> m_nodes;  // m_nodes[0] is unused: the root is m_root
};

inline bool endsWithWordChar(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  const char32_t c = unicode::decodeChar(s, i, nullptr);
  return c == U'_' || unicode::isAlphanumeric(c);
}

inline bool startsWithWordChar(std::string_view s) {
  if (s.empty()) return false;
  const char32_t c = unicode::decodeChar(s, 0, nullptr);
  return c == U'_' || unicode::isAlphanumeric(c);
}

}  // namespace ropescope::engine::tokenizer_parts
