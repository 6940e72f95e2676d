// The BPE model of a Hugging Face tokenizer: the merge loop of tokenizers' models/bpe/word.rs, with a word cache.
#include "engine/text/tokenizer_bpe.h"

#include <queue>
#include <stdexcept>

#include "engine/text/unicode_text.h"

namespace ropescope::engine {

namespace {

constexpr std::size_t kMaxCachedWordBytes = 256;  // longer pre-tokens are rare and rarely repeat
constexpr std::size_t kMaxCacheEntries = 200000;  // cleared when full: a bound, not an LRU

struct Symbol {
  std::int32_t id;
  std::int32_t prev;
  std::int32_t next;
  std::int32_t len;  // bytes; 0 once merged into its left neighbour
};

struct QueuedMerge {
  std::int32_t rank;
  std::int32_t pos;
  std::int32_t newId;
  // std::priority_queue pops the largest: make that the lowest rank, then the leftmost position.
  bool operator<(const QueuedMerge& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
};

std::string byteToken(unsigned b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("<0x") + kHex[b >> 4] + kHex[b & 15] + ">";
}

}  // namespace

BpeModel::BpeModel(StringMap<std::int32_t> vocab,
                   const std::vector<std::pair<std::string_view, std::string_view>>& merges, BpeOptions options)
    : m_vocab(std::move(vocab)), m_options(std::move(options)) {
  std::int32_t maxId = -1;
  for (const auto& [token, id] : m_vocab) maxId = std::max(maxId, id);
  m_tokens.resize(static_cast<std::size_t>(maxId + 1));
  m_hasToken.assign(m_tokens.size(), false);
  for (const auto& [token, id] : m_vocab) {
    m_tokens[static_cast<std::size_t>(id)] = token;
    m_hasToken[static_cast<std::size_t>(id)] = true;
  }

  const std::size_t prefixLength = m_options.continuingSubwordPrefix.size();
  m_merges.reserve(merges.size());
  std::string joined;
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [a, b] = merges[rank];
    const auto ia = m_vocab.find(a);
    const auto ib = m_vocab.find(b);
    if (ia == m_vocab.end() || ib == m_vocab.end())
      throw std::invalid_argument("merge " + std::to_string(rank) + " ('" + std::string(a) + "' '" + std::string(b) +
                                  "') uses a token that is not in the vocabulary");
    joined.assign(a);
    joined.append(b.size() >= prefixLength ? b.substr(prefixLength) : b);
    const auto in = m_vocab.find(joined);
    if (in == m_vocab.end())
      throw std::invalid_argument("merge " + std::to_string(rank) + " makes '" + joined +
                                  "', which is not in the vocabulary");
    m_merges.insert_or_assign(pairKey(ia->second, ib->second), Merge{static_cast<std::int32_t>(rank), in->second});
  }

  if (m_options.unkToken) {
    const auto it = m_vocab.find(*m_options.unkToken);
    if (it == m_vocab.end())
      throw std::invalid_argument("unk_token '" + *m_options.unkToken + "' is not in the vocabulary");
    m_unkId = it->second;
  }
  if (m_options.byteFallback) {
    m_byteIds.assign(256, -1);
    for (unsigned b = 0; b < 256; ++b)
      if (const auto it = m_vocab.find(byteToken(b)); it != m_vocab.end()) m_byteIds[b] = it->second;
  }
}

std::optional<std::int32_t> BpeModel::tokenId(std::string_view token) const {
  const auto it = m_vocab.find(token);
  if (it == m_vocab.end()) return std::nullopt;
  return it->second;
}

const std::string* BpeModel::tokenText(std::int64_t id) const {
  if (id < 0 || id >= idLimit() || !m_hasToken[static_cast<std::size_t>(id)]) return nullptr;
  return &m_tokens[static_cast<std::size_t>(id)];
}

void BpeModel::tokenize(std::string_view word, std::vector<std::int64_t>& out) const {
  if (word.empty()) return;
  if (m_options.ignoreMerges) {
    if (const auto it = m_vocab.find(word); it != m_vocab.end()) {
      out.push_back(it->second);
      return;
    }
  }
  const bool cacheable = word.size() <= kMaxCachedWordBytes;
  if (cacheable) {
    std::lock_guard lock(m_cacheMutex);
    if (const auto it = m_cache.find(word); it != m_cache.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  auto ids = mergeWord(word);
  out.insert(out.end(), ids.begin(), ids.end());
  if (cacheable) {
    std::lock_guard lock(m_cacheMutex);
    if (m_cache.size() >= kMaxCacheEntries) m_cache.clear();
    m_cache.emplace(std::string(word), std::move(ids));
  }
}

// models/bpe/model.rs merge_word + word.rs merge_all, step for step (including where a pending unk is flushed).
std::vector<std::int32_t> BpeModel::mergeWord(std::string_view word) const {
  std::vector<Symbol> symbols;
  symbols.reserve(word.size());
  const auto add = [&symbols](std::int32_t id, std::int32_t len) {
    const auto index = static_cast<std::int32_t>(symbols.size());
    if (!symbols.empty()) symbols.back().next = index;
    symbols.push_back(Symbol{id, index - 1, -1, len});
  };

  std::int32_t unkLength = 0;  // bytes covered by a pending unk token, 0 when none is pending
  std::string decorated;
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t length = std::min(unicode::charLength(static_cast<unsigned char>(word[i])), word.size() - i);
    const bool isFirst = i == 0;
    const bool isLast = i + length == word.size();
    std::string_view piece = word.substr(i, length);
    const auto byteLength = static_cast<std::int32_t>(length);
    i += length;

    if ((!isFirst && !m_options.continuingSubwordPrefix.empty()) || (isLast && !m_options.endOfWordSuffix.empty())) {
      decorated.clear();
      if (!isFirst) decorated += m_options.continuingSubwordPrefix;
      decorated += piece;
      if (isLast) decorated += m_options.endOfWordSuffix;
      piece = decorated;
    }

    if (const auto it = m_vocab.find(piece); it != m_vocab.end()) {
      if (unkLength > 0) {
        add(*m_unkId, unkLength);
        unkLength = 0;
      }
      add(it->second, byteLength);
      continue;
    }
    if (m_options.byteFallback) {
      bool all = true;
      for (unsigned char b : piece) all = all && m_byteIds[b] >= 0;
      if (all) {
        for (unsigned char b : piece) add(m_byteIds[b], 1);
        continue;
      }
    }
    if (m_unkId) {
      if (unkLength > 0 && m_options.fuseUnk) {
        unkLength += byteLength;
      } else {
        if (unkLength > 0) add(*m_unkId, unkLength);
        unkLength = byteLength;
      }
    }
    // No unk token: the character is dropped, as in tokenizers.
  }
  if (unkLength > 0) add(*m_unkId, unkLength);

  std::priority_queue<QueuedMerge> queue;
  const auto lookup = [this](std::int32_t a, std::int32_t b) -> const Merge* {
    const auto it = m_merges.find(pairKey(a, b));
    return it == m_merges.end() ? nullptr : &it->second;
  };
  for (std::size_t k = 0; k + 1 < symbols.size(); ++k)
    if (const Merge* m = lookup(symbols[k].id, symbols[k + 1].id))
      queue.push(QueuedMerge{m->rank, static_cast<std::int32_t>(k), m->newId});

  while (!queue.empty()) {
    const QueuedMerge top = queue.top();
    queue.pop();
    Symbol& current = symbols[static_cast<std::size_t>(top.pos)];
    if (current.len == 0 || current.next == -1) continue;
    const std::int32_t nextPos = current.next;
    const Symbol right = symbols[static_cast<std::size_t>(nextPos)];
    const Merge* m = lookup(current.id, right.id);
    if (!m || m->newId != top.newId) continue;  // an expired entry

    current.id = top.newId;
    current.len += right.len;
    current.next = right.next;
    symbols[static_cast<std::size_t>(nextPos)].len = 0;
    if (right.next > -1 && static_cast<std::size_t>(right.next) < symbols.size())
      symbols[static_cast<std::size_t>(right.next)].prev = top.pos;

    if (current.prev >= 0) {
      const Symbol& prev = symbols[static_cast<std::size_t>(current.prev)];
      if (const Merge* pm = lookup(prev.id, current.id)) queue.push(QueuedMerge{pm->rank, current.prev, pm->newId});
    }
    if (current.next >= 0 && static_cast<std::size_t>(current.next) < symbols.size()) {
      const Symbol& next = symbols[static_cast<std::size_t>(current.next)];
      if (const Merge* nm = lookup(current.id, next.id)) queue.push(QueuedMerge{nm->rank, top.pos, nm->newId});
    }
  }

  std::vector<std::int32_t> ids;
  ids.reserve(symbols.size());
  for (const auto& s : symbols)
    if (s.len != 0) ids.push_back(s.id);
  return ids;
}

}  // namespace ropescope::engine
