// Hugging Face tokenizer.json: encoding and decoding through the loaded pipeline (tokenizers v0.23).
#include "engine/text/tokenizer.h"

#include "engine/text/tokenizer_impl.h"

namespace ropescope::engine {

Tokenizer::Tokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

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
