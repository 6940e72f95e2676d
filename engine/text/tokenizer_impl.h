// The loaded tokenizer behind engine/text/tokenizer.h: its model, pipeline stages and added tokens, and
// the encoding that runs them. Internal to the tokenizer.
#pragma once

#include <filesystem>
#include <memory>
#include <unordered_map>

#include "engine/text/tokenizer.h"
#include "engine/text/tokenizer_components.h"

namespace ropescope::engine {

using namespace tokenizer_parts;

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

}  // namespace ropescope::engine
