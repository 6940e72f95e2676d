// UTF-8 helpers, Unicode normal forms (utf8proc) and Oniguruma-compatible regexes (PCRE2) for the tokenizer.
#include "engine/text/unicode_text.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "engine/core/error.h"

namespace ropescope::engine::unicode {

namespace {

// Unicode White_Space (what Oniguruma's \s means). PCRE2's \s under UCP also matches U+180E.
constexpr std::string_view kWhiteSpaceClass =
    "\\t\\n\\x{0B}\\f\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}"
    "\\x{3000}";
constexpr std::string_view kNonWhiteSpaceClass = "\\S\\x{180E}";

bool isAscii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

std::string mapWithUtf8proc(std::string_view text, utf8proc_option_t options) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out, options);
  if (n < 0) {
    std::free(out);
    throw Error(ErrorCode::InvalidArgument, "text", std::string("Unicode normalisation failed: ") + utf8proc_errmsg(n));
  }
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

struct ByteTables {
  std::array<std::string, 256> toUnicode;
  std::array<std::int16_t, 324> toByte{};  // code point -> byte, -1 when not a byte-level character
};

const ByteTables& byteTables() {
  static const ByteTables tables = [] {
    ByteTables t;
    t.toByte.fill(-1);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
      const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
      appendUtf8(t.toUnicode[b], cp);
      t.toByte[cp] = static_cast<std::int16_t>(b);
    }
    return t;
  }();
  return tables;
}

// Per-thread match buffers shared by every Regex: one group is all findAll needs.
struct MatchScratch {
  pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr);
  MatchScratch() { pcre2_jit_stack_assign(context, nullptr, stack); }
  ~MatchScratch() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
  MatchScratch(const MatchScratch&) = delete;
  MatchScratch& operator=(const MatchScratch&) = delete;
};

std::string pcre2Message(int code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return reinterpret_cast<const char*>(buffer);
}

}  // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

char32_t decodeChar(std::string_view text, std::size_t pos, std::size_t* length) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const std::size_t len = std::min(charLength(s[0]), text.size() - pos);
  if (length) *length = len;
  if (len == 1) return s[0];
  char32_t cp = s[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[k] & 0x3F);
  return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool isWhiteSpace(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool isAlphanumeric(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::string normalize(std::string_view text, NormalForm form) {
  if (isAscii(text)) return std::string(text);  // every normal form leaves ASCII alone
  switch (form) {
    case NormalForm::NFC:
      return mapWithUtf8proc(text, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    case NormalForm::NFD:
      return mapWithUtf8proc(text, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE));
    case NormalForm::NFKC:
      return mapWithUtf8proc(text,
                             static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
    case NormalForm::NFKD:
      return mapWithUtf8proc(text,
                             static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT));
  }
  return std::string(text);
}

std::string toLower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len;
    const char32_t cp = decodeChar(text, i, &len);
    if (cp == 0x130) {
      out += "i\xCC\x87";  // the one unconditional multi-character lowercase mapping (İ -> i + U+0307)
    } else {
      appendUtf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    }
    i += len;
  }
  return out;
}

std::string stripAccents(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len;
    const char32_t cp = decodeChar(text, i, &len);
    if (utf8proc_category(static_cast<utf8proc_int32_t>(cp)) != UTF8PROC_CATEGORY_MN) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

const std::array<std::string, 256>& byteToUnicode() { return byteTables().toUnicode; }

std::optional<std::uint8_t> unicodeToByte(char32_t cp) {
  const auto& t = byteTables().toByte;
  if (cp >= t.size() || t[cp] < 0) return std::nullopt;
  return static_cast<std::uint8_t>(t[cp]);
}

std::string translateOnigPattern(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 64);
  bool inClass = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      if (e == 's' || e == 'S') {
        if (!inClass) out += '[';
        out += e == 's' ? kWhiteSpaceClass : kNonWhiteSpaceClass;
        if (!inClass) out += ']';
      } else {
        out += '\\';
        out += e;
      }
      continue;
    }
    if (!inClass && c == '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in both dialects.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (inClass) {
      if (c == ']') inClass = false;
      if (c == '[' && !(i + 1 < p.size() && p[i + 1] == ':'))
        throw std::invalid_argument("nested character classes are not supported");
      if (c == '&' && i + 1 < p.size() && p[i + 1] == '&')
        throw std::invalid_argument("character-class intersection (&&) is not supported");
    }
    out += c;
  }
  return out;
}

struct Regex::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

Regex::Regex(std::unique_ptr<Code> code) : m_code(std::move(code)) {}
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

namespace {

pcre2_code* compile(std::string_view pattern, std::uint32_t options) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options | PCRE2_UTF,
                                   &error, &offset, nullptr);
  if (!code) throw std::invalid_argument(pcre2Message(error) + " at offset " + std::to_string(offset));
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter where JIT is unavailable
  return code;
}

}  // namespace

Regex Regex::pattern(std::string_view onigPattern) {
  auto code = std::make_unique<Code>();
  code->code = compile(translateOnigPattern(onigPattern), PCRE2_UCP);
  return Regex(std::move(code));
}

Regex Regex::literal(std::string_view text) {
  auto code = std::make_unique<Code>();
  code->code = compile(text, PCRE2_LITERAL);
  return Regex(std::move(code));
}

std::vector<std::pair<std::size_t, std::size_t>> Regex::findAll(std::string_view text) const {
  thread_local MatchScratch scratch;
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  std::size_t pos = 0;
  std::optional<std::size_t> lastEnd;
  while (pos <= text.size()) {
    const int rc =
        pcre2_match(m_code->code, subject, text.size(), pos, PCRE2_NO_UTF_CHECK, scratch.data, scratch.context);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) throw Error(ErrorCode::InvalidArgument, "text", "pre-tokenizer regex failed: " + pcre2Message(rc));
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(scratch.data);
    const std::size_t begin = ovector[0];
    const std::size_t end = ovector[1];
    if (begin == end && lastEnd == end) {
      pos += pos < text.size() ? charLength(static_cast<unsigned char>(text[pos])) : 1;
      continue;
    }
    matches.emplace_back(begin, end);
    pos = end;
    lastEnd = end;
  }
  return matches;
}

}  // namespace ropescope::engine::unicode
