// Hugging Face tokenizer.json: loading and the encode/decode pipeline of the tokenizers library (v0.23).
#include "engine/tokenizer.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

#include "engine/error.h"
#include "engine/json_io.h"
#include "engine/tokenizer_bpe.h"
#include "engine/unicode_text.h"

namespace ropescope::engine {

namespace {

using Json = nlohmann::json;

// GPT-2's pre-tokenizer regex, used by ByteLevel with use_regex.
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// A stretch of text on its way through the pipeline.
struct Piece {
  std::string text;
  std::optional<std::int32_t> addedId;  // already an added token: later stages leave it alone
  bool atOrigin = false;                // starts at offset 0 of the caller's text (Metaspace "first")
};

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string replaceAll(std::string_view s, const unicode::Regex& pattern, std::string_view content) {
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

std::u32string codePoints(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    out += unicode::decodeChar(s, i, &len);
    i += len;
  }
  return out;
}

std::string fromCodePoints(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) unicode::appendUtf8(out, c);
  return out;
}

// Rust's String::from_utf8_lossy: each maximal invalid prefix of a sequence becomes one U+FFFD.
std::string lossyUtf8(std::string_view bytes) {
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

void splitPiece(const Piece& piece, const unicode::Regex& pattern, SplitBehavior behavior, bool invert,
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

bool endsWithWordChar(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  const char32_t c = unicode::decodeChar(s, i, nullptr);
  return c == U'_' || unicode::isAlphanumeric(c);
}

bool startsWithWordChar(std::string_view s) {
  if (s.empty()) return false;
  const char32_t c = unicode::decodeChar(s, 0, nullptr);
  return c == U'_' || unicode::isAlphanumeric(c);
}

// ---- reading tokenizer.json ----

class Loader {
 public:
  explicit Loader(std::string file) : m_file(std::move(file)) {}

  [[noreturn]] void malformed(const std::string& where, const std::string& message) const {
    throw Error(ErrorCode::Format, m_file, where + ": " + message);
  }
  [[noreturn]] void unsupported(const std::string& message) const {
    throw Error(ErrorCode::Unsupported, m_file, message);
  }

  const Json* find(const Json& obj, const char* key) const {
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }
  std::string string(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_string()) malformed(where, std::string("field '") + key + "' must be a string");
    return v->get<std::string>();
  }
  std::optional<std::string> optionalString(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v) return std::nullopt;
    if (!v->is_string()) malformed(where, std::string("field '") + key + "' must be a string or null");
    return v->get<std::string>();
  }
  bool flag(const Json& obj, const char* key, bool fallback, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v) return fallback;
    if (!v->is_boolean()) malformed(where, std::string("field '") + key + "' must be true or false");
    return v->get<bool>();
  }
  std::int64_t integer(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_number_integer()) malformed(where, std::string("field '") + key + "' must be an integer");
    return v->get<std::int64_t>();
  }
  const Json& array(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_array()) malformed(where, std::string("field '") + key + "' must be a list");
    return *v;
  }
  std::string typeOf(const Json& spec, const std::string& where) const {
    if (!spec.is_object()) malformed(where, "must be a JSON object");
    return string(spec, "type", where);
  }
  // A single character (as Metaspace's replacement and Strip's content are).
  char32_t character(const Json& obj, const char* key, const std::string& where) const {
    const std::string s = string(obj, key, where);
    const auto cps = codePoints(s);
    if (cps.size() != 1) malformed(where, std::string("field '") + key + "' must be one character");
    return cps[0];
  }

  unicode::Regex pattern(const Json& obj, const std::string& where) const {
    const Json* p = find(obj, "pattern");
    if (!p || !p->is_object()) malformed(where, "field 'pattern' must be {\"String\": ...} or {\"Regex\": ...}");
    if (const Json* s = find(*p, "String"); s && s->is_string()) return unicode::Regex::literal(s->get<std::string>());
    if (const Json* r = find(*p, "Regex"); r && r->is_string()) {
      try {
        return unicode::Regex::pattern(r->get<std::string>());
      } catch (const std::invalid_argument& e) {
        unsupported(where + ": regex " + r->dump() + " is not supported (" + e.what() + ")");
      }
    }
    malformed(where, "field 'pattern' must be {\"String\": ...} or {\"Regex\": ...}");
  }

  PrependScheme prependScheme(const Json& spec, const std::string& where) const {
    const auto scheme = optionalString(spec, "prepend_scheme", where);
    if (const Json* legacy = find(spec, "add_prefix_space"); legacy && legacy->is_boolean() && !legacy->get<bool>())
      return PrependScheme::Never;  // the pre-0.19 spelling
    if (!scheme || *scheme == "always") return PrependScheme::Always;
    if (*scheme == "first") return PrependScheme::First;
    if (*scheme == "never") return PrependScheme::Never;
    malformed(where, "prepend_scheme '" + *scheme + "' is not first, always or never");
  }

  std::unique_ptr<Normalizer> normalizer(const Json& spec) const {
    const std::string where = "normalizer";
    const std::string type = typeOf(spec, where);
    if (type == "NFC") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFC);
    if (type == "NFD") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFD);
    if (type == "NFKC") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFKC);
    if (type == "NFKD") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFKD);
    if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
    if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
    if (type == "Strip")
      return std::make_unique<StripNormalizer>(flag(spec, "strip_left", true, where),
                                               flag(spec, "strip_right", true, where));
    if (type == "Prepend") return std::make_unique<PrependNormalizer>(string(spec, "prepend", where + " Prepend"));
    if (type == "Replace")
      return std::make_unique<ReplaceNormalizer>(pattern(spec, where + " Replace"),
                                                 string(spec, "content", where + " Replace"));
    if (type == "Sequence") {
      std::vector<std::unique_ptr<Normalizer>> steps;
      for (const auto& s : array(spec, "normalizers", where + " Sequence")) steps.push_back(normalizer(s));
      return std::make_unique<SequenceNormalizer>(std::move(steps));
    }
    unsupported("normalizer type '" + type + "' is not supported");
  }

  std::unique_ptr<PreTokenizer> preTokenizer(const Json& spec) const {
    const std::string where = "pre_tokenizer";
    const std::string type = typeOf(spec, where);
    if (type == "Split") {
      static const std::unordered_map<std::string, SplitBehavior> kBehaviors = {
          {"Removed", SplitBehavior::Removed},
          {"Isolated", SplitBehavior::Isolated},
          {"MergedWithPrevious", SplitBehavior::MergedWithPrevious},
          {"MergedWithNext", SplitBehavior::MergedWithNext},
          {"Contiguous", SplitBehavior::Contiguous}};
      const std::string behavior = string(spec, "behavior", where + " Split");
      const auto it = kBehaviors.find(behavior);
      if (it == kBehaviors.end()) malformed(where + " Split", "unknown behavior '" + behavior + "'");
      return std::make_unique<SplitPreTokenizer>(pattern(spec, where + " Split"), it->second,
                                                 flag(spec, "invert", false, where + " Split"));
    }
    if (type == "ByteLevel")
      return std::make_unique<ByteLevelPreTokenizer>(flag(spec, "add_prefix_space", true, where),
                                                     flag(spec, "use_regex", true, where));
    if (type == "Metaspace") {
      const std::string replacement = fromCodePoints(std::u32string(1, character(spec, "replacement", where)));
      return std::make_unique<MetaspacePreTokenizer>(replacement, prependScheme(spec, where),
                                                     flag(spec, "split", true, where));
    }
    if (type == "Digits")
      return std::make_unique<SplitPreTokenizer>(
          unicode::Regex::pattern(flag(spec, "individual_digits", false, where) ? "\\p{N}" : "\\p{N}+"),
          SplitBehavior::Isolated, false);
    if (type == "WhitespaceSplit")
      return std::make_unique<SplitPreTokenizer>(unicode::Regex::pattern("\\s"), SplitBehavior::Removed, false);
    if (type == "Sequence") {
      std::vector<std::unique_ptr<PreTokenizer>> steps;
      for (const auto& s : array(spec, "pretokenizers", where + " Sequence")) steps.push_back(preTokenizer(s));
      return std::make_unique<SequencePreTokenizer>(std::move(steps));
    }
    unsupported("pre-tokenizer type '" + type + "' is not supported");
  }

  std::unique_ptr<PostProcessor> postProcessor(const Json& spec) const {
    const std::string where = "post_processor";
    const std::string type = typeOf(spec, where);
    if (type == "ByteLevel")
      return std::make_unique<SequencePostProcessor>(
          std::vector<std::unique_ptr<PostProcessor>>{});  // offsets only: the ids stay as they are
    if (type == "TemplateProcessing") return templateProcessing(spec);
    if (type == "RobertaProcessing" || type == "BertProcessing") {
      const auto special = [&](const char* key) {
        const Json& pair = array(spec, key, where + " " + type);
        if (pair.size() != 2 || !pair[1].is_number_integer())
          malformed(where + " " + type, std::string("field '") + key + "' must be [token, id]");
        return std::vector<std::int64_t>{pair[1].get<std::int64_t>()};
      };
      std::vector<std::optional<std::vector<std::int64_t>>> items;
      items.emplace_back(special("cls"));
      items.emplace_back(std::nullopt);
      items.emplace_back(special("sep"));
      return std::make_unique<TemplatePostProcessor>(std::move(items));
    }
    if (type == "Sequence") {
      std::vector<std::unique_ptr<PostProcessor>> steps;
      for (const auto& s : array(spec, "processors", where + " Sequence")) steps.push_back(postProcessor(s));
      return std::make_unique<SequencePostProcessor>(std::move(steps));
    }
    unsupported("post-processor type '" + type + "' is not supported");
  }

  std::unique_ptr<PostProcessor> templateProcessing(const Json& spec) const {
    const std::string where = "post_processor TemplateProcessing";
    const Json* specials = find(spec, "special_tokens");
    std::vector<std::optional<std::vector<std::int64_t>>> items;
    for (const auto& item : array(spec, "single", where)) {
      if (!item.is_object() || item.size() != 1) malformed(where, "template items must be single-key objects");
      if (const Json* seq = find(item, "Sequence")) {
        if (!seq->is_object() || string(*seq, "id", where) != "A")
          malformed(where, "the single template can only hold sequence A");
        items.emplace_back(std::nullopt);
      } else if (const Json* tok = find(item, "SpecialToken")) {
        if (!tok->is_object()) malformed(where, "SpecialToken must be an object");
        const std::string name = string(*tok, "id", where);
        const Json* entry = specials && specials->is_object() ? find(*specials, name.c_str()) : nullptr;
        if (!entry || !entry->is_object()) malformed(where, "special token '" + name + "' is not in special_tokens");
        std::vector<std::int64_t> ids;
        for (const auto& id : array(*entry, "ids", where)) {
          if (!id.is_number_integer()) malformed(where, "ids of '" + name + "' must be integers");
          ids.push_back(id.get<std::int64_t>());
        }
        items.emplace_back(std::move(ids));
      } else {
        malformed(where, "template item " + item.dump() + " is neither Sequence nor SpecialToken");
      }
    }
    return std::make_unique<TemplatePostProcessor>(std::move(items));
  }

  std::unique_ptr<Decoder> decoder(const Json& spec) const {
    const std::string where = "decoder";
    const std::string type = typeOf(spec, where);
    if (type == "ByteLevel") return std::make_unique<ByteLevelDecoder>();
    if (type == "ByteFallback") return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse") return std::make_unique<FuseDecoder>();
    if (type == "Replace")
      return std::make_unique<ReplaceDecoder>(pattern(spec, where + " Replace"),
                                              string(spec, "content", where + " Replace"));
    if (type == "Strip") {
      const auto count = [&](const char* key) {
        const std::int64_t n = integer(spec, key, where + " Strip");
        if (n < 0) malformed(where + " Strip", std::string("field '") + key + "' must not be negative");
        return static_cast<std::size_t>(n);
      };
      return std::make_unique<StripDecoder>(character(spec, "content", where + " Strip"), count("start"),
                                            count("stop"));
    }
    if (type == "Metaspace")
      return std::make_unique<MetaspaceDecoder>(character(spec, "replacement", where), prependScheme(spec, where));
    if (type == "Sequence") {
      std::vector<std::unique_ptr<Decoder>> steps;
      for (const auto& s : array(spec, "decoders", where + " Sequence")) steps.push_back(decoder(s));
      return std::make_unique<SequenceDecoder>(std::move(steps));
    }
    unsupported("decoder type '" + type + "' is not supported");
  }

  std::unique_ptr<BpeModel> model(const Json& root) const {
    const std::string where = "model";
    const Json* spec = find(root, "model");
    if (!spec || !spec->is_object()) malformed(where, "missing or not a JSON object");
    const auto type = optionalString(*spec, "type", where);
    if (type && *type != "BPE") unsupported("model type '" + *type + "' is not supported (only BPE)");
    if (!type && !spec->contains("merges")) unsupported("model without a type and without merges is not BPE");
    if (const Json* dropout = find(*spec, "dropout"); dropout && (!dropout->is_number() || dropout->get<double>() > 0))
      unsupported("BPE dropout (random segmentation) is not supported");

    const Json* vocabJson = find(*spec, "vocab");
    if (!vocabJson || !vocabJson->is_object()) malformed(where, "field 'vocab' must be a JSON object");
    StringMap<std::int32_t> vocab;
    vocab.reserve(vocabJson->size());
    for (const auto& [token, id] : vocabJson->items()) {
      if (!id.is_number_integer() || id.get<std::int64_t>() < 0 || id.get<std::int64_t>() >= (1LL << 31) - 1)
        malformed(where, "vocab id of '" + token + "' must be a non-negative integer");
      vocab.emplace(token, static_cast<std::int32_t>(id.get<std::int64_t>()));
    }

    std::vector<std::pair<std::string_view, std::string_view>> merges;  // views into `root`
    if (const Json* mergesJson = find(*spec, "merges")) {
      if (!mergesJson->is_array()) malformed(where, "field 'merges' must be a list");
      merges.reserve(mergesJson->size());
      for (const auto& m : *mergesJson) {
        if (m.is_string()) {
          const auto& s = m.get_ref<const std::string&>();
          const auto space = s.find(' ');
          if (space == std::string::npos)
            malformed(where, "merge " + std::to_string(merges.size()) + " '" + s + "' is not \"a b\"");
          merges.emplace_back(std::string_view(s).substr(0, space), std::string_view(s).substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
          merges.emplace_back(m[0].get_ref<const std::string&>(), m[1].get_ref<const std::string&>());
        } else {
          malformed(where, "merge " + std::to_string(merges.size()) + " must be \"a b\" or [\"a\", \"b\"]");
        }
      }
    }

    BpeOptions options;
    options.unkToken = optionalString(*spec, "unk_token", where);
    options.continuingSubwordPrefix = optionalString(*spec, "continuing_subword_prefix", where).value_or("");
    options.endOfWordSuffix = optionalString(*spec, "end_of_word_suffix", where).value_or("");
    options.fuseUnk = flag(*spec, "fuse_unk", false, where);
    options.byteFallback = flag(*spec, "byte_fallback", false, where);
    options.ignoreMerges = flag(*spec, "ignore_merges", false, where);
    try {
      return std::make_unique<BpeModel>(std::move(vocab), merges, std::move(options));
    } catch (const std::invalid_argument& e) {
      malformed(where, e.what());
    }
  }

  std::vector<AddedToken> addedTokens(const Json& root) const {
    const std::string where = "added_tokens";
    std::vector<AddedToken> tokens;
    const Json* list = find(root, "added_tokens");
    if (!list) return tokens;
    if (!list->is_array()) malformed(where, "must be a list");
    for (const auto& t : *list) {
      if (!t.is_object()) malformed(where, "entries must be JSON objects");
      AddedToken a;
      a.content = string(t, "content", where);
      a.id = static_cast<std::int32_t>(integer(t, "id", where));
      a.special = flag(t, "special", false, where);
      a.lstrip = flag(t, "lstrip", false, where);
      a.rstrip = flag(t, "rstrip", false, where);
      a.singleWord = flag(t, "single_word", false, where);
      a.normalized = flag(t, "normalized", !a.special, where);
      tokens.push_back(std::move(a));
    }
    return tokens;
  }

 private:
  std::string m_file;
};

}  // namespace

struct Tokenizer::Impl {
  std::filesystem::path file;
  std::unique_ptr<BpeModel> model;
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<PreTokenizer> preTokenizer;
  std::unique_ptr<PostProcessor> postProcessor;
  std::unique_ptr<Decoder> decoder;

  std::vector<AddedToken> added;  // special ones first, then the others (tokenizers' matching order)
  StringMap<std::int32_t> addedIdByContent;
  std::unordered_map<std::int64_t, std::size_t> addedById;  // id -> index in `added`
  TokenTrie rawTrie;                                        // tokens with normalized = false, matched in the raw text
  TokenTrie normalizedTrie;                                 // the others, matched in normalized text
  std::int64_t vocabSize = 0;

  // AddedVocabulary::add_tokens: an id from the vocabulary when the content is there, else the next free one.
  void addTokens(std::vector<AddedToken> tokens, std::int64_t modelVocabEntries) {
    std::vector<AddedToken> special, plain;
    std::int64_t maxAdded = -1;
    for (auto& t : tokens) {
      if (t.content.empty() || addedIdByContent.count(t.content)) continue;
      std::int64_t id;
      if (const auto known = model->tokenId(t.content)) {
        id = *known;
      } else if (maxAdded < 0) {
        id = modelVocabEntries;
      } else {
        id = maxAdded >= modelVocabEntries || modelVocabEntries == 0 ? maxAdded + 1 : modelVocabEntries;
      }
      maxAdded = std::max(maxAdded, id);
      t.id = static_cast<std::int32_t>(id);
      addedIdByContent.emplace(t.content, t.id);
      (t.special ? special : plain).push_back(std::move(t));
    }
    added = std::move(special);
    added.insert(added.end(), std::make_move_iterator(plain.begin()), std::make_move_iterator(plain.end()));
  }

  void buildMatchers() {
    for (std::size_t i = 0; i < added.size(); ++i) {
      const auto& t = added[i];
      addedById.emplace(t.id, i);
      if (!t.normalized) {
        rawTrie.add(t.content, static_cast<std::int32_t>(i));
      } else {
        std::string content = t.content;
        if (normalizer) normalizer->apply(content);
        normalizedTrie.add(content, static_cast<std::int32_t>(i));
      }
    }
  }

  // AddedVocabulary::find_matches + split_with_indices on one piece.
  void splitOnAdded(Piece& piece, const TokenTrie& trie, std::vector<Piece>& out) const {
    const std::string& s = piece.text;
    if (trie.empty()) {
      out.push_back(std::move(piece));
      return;
    }
    const auto sub = [&](std::size_t b, std::size_t e) {
      out.push_back(Piece{s.substr(b, e - b), std::nullopt, piece.atOrigin && b == 0});
    };
    std::size_t startOffset = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
      const auto match = trie.longestAt(s, pos);
      if (!match) {
        ++pos;
        continue;
      }
      std::size_t start = pos;
      std::size_t stop = pos + match->first;
      pos = stop;
      const AddedToken& token = added[static_cast<std::size_t>(match->second)];
      if (token.singleWord) {
        const bool spaceBefore = start == 0 || !endsWithWordChar(std::string_view(s).substr(0, start));
        const bool spaceAfter = stop == s.size() || !startsWithWordChar(std::string_view(s).substr(stop));
        if (!spaceBefore || !spaceAfter) continue;
      }
      if (token.lstrip) {
        std::size_t b = start;
        while (b > startOffset) {
          std::size_t k = b - 1;
          while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
          if (!unicode::isWhiteSpace(unicode::decodeChar(s, k, nullptr))) break;
          b = k;
        }
        start = b;
      }
      if (token.rstrip) {
        while (stop < s.size()) {
          std::size_t len;
          if (!unicode::isWhiteSpace(unicode::decodeChar(s, stop, &len))) break;
          stop += len;
        }
        pos = stop;
      }
      if (startOffset < start) sub(startOffset, start);
      out.push_back(Piece{s.substr(start, stop - start), token.id, piece.atOrigin && start == 0});
      startOffset = stop;
    }
    if (startOffset < s.size()) sub(startOffset, s.size());
  }

  std::vector<std::int64_t> encode(std::string_view text, bool addSpecialTokens) const {
    if (const auto bad = unicode::firstInvalidUtf8(text))
      throw Error(ErrorCode::InvalidArgument, "text", "not valid UTF-8 at byte " + std::to_string(*bad));

    std::vector<Piece> pieces;
    pieces.push_back(Piece{std::string(text), std::nullopt, true});
    // 1. Added tokens that skip normalisation, found in the raw text.
    splitEach(pieces, [this](Piece& p, std::vector<Piece>& out) { splitOnAdded(p, rawTrie, out); });
    // 2. Normalise what is left, then find the other added tokens in it.
    splitEach(pieces, [this](Piece& p, std::vector<Piece>& out) {
      if (normalizer) normalizer->apply(p.text);
      splitOnAdded(p, normalizedTrie, out);
    });
    // 3. Pre-tokenise.
    if (preTokenizer) preTokenizer->apply(pieces);
    // 4. The model.
    std::vector<std::int64_t> ids;
    ids.reserve(text.size() / 3 + 4);
    for (const auto& p : pieces) {
      if (p.addedId)
        ids.push_back(*p.addedId);
      else
        model->tokenize(p.text, ids);
    }
    // 5. Special tokens around the sequence.
    if (postProcessor) postProcessor->apply(ids, addSpecialTokens);
    return ids;
  }

  const std::string* text(std::int64_t id) const {
    if (const auto it = addedById.find(id); it != addedById.end()) return &added[it->second].content;
    return model->tokenText(id);
  }

  bool special(std::int64_t id) const {
    const auto it = addedById.find(id);
    return it != addedById.end() && added[it->second].special;
  }
};

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Tokenizer Tokenizer::load(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(path, ec)) {
    file = path / "tokenizer.json";
    if (!std::filesystem::exists(file, ec))
      throw Error(ErrorCode::NotFound, path.string(), "folder has no tokenizer.json");
  }
  return fromJson(readJsonFile(file), file);
}

Tokenizer Tokenizer::fromJsonText(std::string_view text, const std::filesystem::path& source) {
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Format, source.string(), std::string("not valid JSON (") + e.what() + ")");
  }
  return fromJson(root, source);
}

Tokenizer Tokenizer::fromJson(const nlohmann::json& root, const std::filesystem::path& file) {
  const Loader loader(file.string());
  if (!root.is_object()) loader.malformed("tokenizer.json", "the top level is not a JSON object");

  auto impl = std::make_shared<Impl>();
  impl->file = file;
  try {
    impl->model = loader.model(root);
    if (const Json* n = loader.find(root, "normalizer")) impl->normalizer = loader.normalizer(*n);
    if (const Json* p = loader.find(root, "pre_tokenizer")) impl->preTokenizer = loader.preTokenizer(*p);
    if (const Json* p = loader.find(root, "post_processor")) impl->postProcessor = loader.postProcessor(*p);
    if (const Json* d = loader.find(root, "decoder")) impl->decoder = loader.decoder(*d);
    std::int64_t modelEntries = 0;
    for (std::int64_t id = 0; id < impl->model->idLimit(); ++id) modelEntries += impl->model->tokenText(id) ? 1 : 0;
    impl->addTokens(loader.addedTokens(root), modelEntries);
    impl->buildMatchers();
  } catch (const nlohmann::json::exception& e) {
    loader.malformed("tokenizer.json", std::string("unexpected structure (") + e.what() + ")");
  }

  impl->vocabSize = impl->model->idLimit();
  for (const auto& t : impl->added) impl->vocabSize = std::max<std::int64_t>(impl->vocabSize, t.id + 1);
  return Tokenizer(std::move(impl));
}

std::vector<std::int64_t> Tokenizer::encode(std::string_view text, bool addSpecialTokens) const {
  return m_impl->encode(text, addSpecialTokens);
}

std::string Tokenizer::decode(const std::vector<std::int64_t>& ids, bool skipSpecialTokens) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (const auto id : ids) {
    const std::string* t = m_impl->text(id);
    if (!t)
      throw Error(ErrorCode::InvalidArgument, m_impl->file.string(),
                  "token id " + std::to_string(id) + " is out of range (vocabulary size " +
                      std::to_string(m_impl->vocabSize) + ")");
    if (skipSpecialTokens && m_impl->special(id)) continue;
    tokens.push_back(*t);
  }
  if (!m_impl->decoder) {
    std::string joined;
    for (std::size_t i = 0; i < tokens.size(); ++i) joined += (i ? " " : "") + tokens[i];
    return joined;
  }
  m_impl->decoder->apply(tokens);
  std::string joined;
  for (const auto& t : tokens) joined += t;
  return joined;
}

std::optional<std::int64_t> Tokenizer::tokenId(std::string_view token) const {
  if (const auto it = m_impl->addedIdByContent.find(token); it != m_impl->addedIdByContent.end()) return it->second;
  if (const auto id = m_impl->model->tokenId(token)) return *id;
  return std::nullopt;
}

std::string Tokenizer::tokenText(std::int64_t id) const {
  const std::string* t = m_impl->text(id);
  if (!t) throw Error(ErrorCode::InvalidArgument, m_impl->file.string(), "no token has id " + std::to_string(id));
  return *t;
}

std::int64_t Tokenizer::vocabSize() const { return m_impl->vocabSize; }

bool Tokenizer::isSpecial(std::int64_t id) const { return m_impl->special(id); }

const std::filesystem::path& Tokenizer::file() const { return m_impl->file; }

}  // namespace ropescope::engine
