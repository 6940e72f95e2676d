// UTF-8 helpers, Unicode normal forms (utf8proc) and Oniguruma-compatible regexes (PCRE2) for the tokenizer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ropescope::engine::unicode {

// Byte offset of the first invalid UTF-8 sequence (overlong forms and surrogates are invalid), or nullopt.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
inline std::size_t charLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// The code point at `pos` of valid UTF-8; its length goes to `length`.
char32_t decodeChar(std::string_view text, std::size_t pos, std::size_t* length);
void appendUtf8(std::string& out, char32_t cp);

// Unicode White_Space, as Rust's char::is_whitespace and Oniguruma's \s.
bool isWhiteSpace(char32_t cp);
// Letters and numbers (general categories L* and N*): Rust's char::is_alphanumeric, closely.
bool isAlphanumeric(char32_t cp);

enum class NormalForm { NFC, NFD, NFKC, NFKD };
// Input must be valid UTF-8 (NUL characters are kept).
std::string normalize(std::string_view text, NormalForm form);
std::string toLower(std::string_view text);
std::string stripAccents(std::string_view text);  // drops combining marks (category Mn)

// GPT-2's bytes_to_unicode: each byte as one printable character, UTF-8 encoded.
const std::array<std::string, 256>& byteToUnicode();
// The byte a byte-level character stands for, or nullopt when `cp` is not one of them.
std::optional<std::uint8_t> unicodeToByte(char32_t cp);

// A compiled regex with the semantics of the Oniguruma patterns in tokenizer.json: UTF-8, Unicode
// properties, \s as White_Space. Thread-safe once built.
class Regex {
 public:
  // Throws std::invalid_argument with the reason when the pattern does not compile.
  static Regex pattern(std::string_view onigPattern);
  static Regex literal(std::string_view text);

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  // Non-overlapping [begin, end) byte ranges left to right; an empty match right after the previous
  // match is skipped, as the onig crate's find_iter does. `text` must be valid UTF-8.
  std::vector<std::pair<std::size_t, std::size_t>> findAll(std::string_view text) const;

 private:
  struct Code;
  explicit Regex(std::unique_ptr<Code> code);
  std::unique_ptr<Code> m_code;
};

// The PCRE2 spelling of an Oniguruma pattern (exposed for tests).
std::string translateOnigPattern(std::string_view onigPattern);

}  // namespace ropescope::engine::unicode
