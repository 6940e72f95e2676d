// Multi-document QA data: reading, document sets, prompt, scoring.
#include "engine/data/qa_data.h"

#include <utf8proc.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/core/split_mix.h"

namespace ropescope::engine {

namespace {

// Reads a whole file, inflating it when it is gzip (zlib reads plain files through as they are).
std::string readMaybeGzip(const std::filesystem::path& path) {
  requireRegularFile(path);  // a FIFO would block the open
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw Error(ErrorCode::Io, path.string(), "cannot open");
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<size_t>(n));
    if (out.size() > kMaxQaFileBytes) {
      gzclose(file);
      throw Error(ErrorCode::Format, path.string(),
                  "holds more than " + std::to_string(kMaxQaFileBytes >> 20) + " MiB of text (decompressed)");
    }
  }
  int err = Z_OK;
  const char* message = gzerror(file, &err);
  const std::string why = message ? message : "";
  gzclose(file);
  if (n < 0 || (err != Z_OK && err != Z_STREAM_END))
    throw Error(ErrorCode::Format, path.string(), "cannot decompress: " + why + " (truncated .gz?)");
  return out;
}

QaSample parseSample(const nlohmann::json& j) {
  if (!j.is_object()) throw std::runtime_error("not a JSON object");
  QaSample s;
  if (!j.contains("question") || !j["question"].is_string()) throw std::runtime_error("no string \"question\"");
  s.question = j["question"].get<std::string>();
  if (!j.contains("answers") || !j["answers"].is_array()) throw std::runtime_error("no list \"answers\"");
  for (const auto& a : j["answers"]) {
    if (!a.is_string()) throw std::runtime_error("\"answers\" holds a non-string");
    s.answers.push_back(a.get<std::string>());
  }
  if (s.answers.empty()) throw std::runtime_error("\"answers\" is empty: nothing to score an answer against");
  if (!j.contains("ctxs") || !j["ctxs"].is_array()) throw std::runtime_error("no list \"ctxs\"");
  if (j["ctxs"].empty()) throw std::runtime_error("\"ctxs\" is empty: the sample has no document");
  for (const auto& c : j["ctxs"]) {
    if (!c.is_object() || !c.contains("text") || !c["text"].is_string())
      throw std::runtime_error("a \"ctxs\" entry has no string \"text\"");
    QaDocument d;
    d.text = c["text"].get<std::string>();
    if (c.contains("title") && !c["title"].is_null()) {
      if (!c["title"].is_string()) throw std::runtime_error("a \"ctxs\" entry's \"title\" is not a string");
      d.title = c["title"].get<std::string>();
    }
    for (const char* flag : {"hasanswer", "isgold"})
      if (c.contains(flag) && !c[flag].is_boolean())
        throw std::runtime_error(std::string("a \"ctxs\" entry's \"") + flag + "\" is not true or false");
    d.hasAnswer = c.value("hasanswer", false);
    d.isGold = c.value("isgold", false);
    if (d.isGold && s.goldIndex >= 0)
      throw std::runtime_error("documents " + std::to_string(s.goldIndex + 1) + " and " +
                               std::to_string(s.documents.size() + 1) + " are both marked \"isgold\"");
    if (d.isGold) s.goldIndex = static_cast<int>(s.documents.size());
    s.documents.push_back(std::move(d));
  }
  return s;
}

// Whether the words of `needle` occur as whole words in `haystack` (both normalised: words
// separated by single spaces), as the retrieval data's has-answer check counts them.
bool containsWords(const std::string& haystack, const std::string& needle) {
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) {
    const size_t end = pos + needle.size();
    if ((pos == 0 || haystack[pos - 1] == ' ') && (end == haystack.size() || haystack[end] == ' ')) return true;
  }
  return false;
}

bool isAsciiPunctuation(unsigned char c) { return std::ispunct(c) != 0 && c < 128; }

}  // namespace

std::vector<QaSample> readQaFile(const std::filesystem::path& path, const QaReadOptions& options,
                                 QaReadReport* report) {
  const auto text = readMaybeGzip(path);
  std::vector<QaSample> samples;
  QaReadReport local;
  auto& r = report ? *report : local;
  size_t start = 0;
  std::int64_t line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    const std::string_view row(text.data() + start, end - start);
    start = end + 1;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++r.lines;
    const auto where = path.string() + ":" + std::to_string(line);
    try {
      // A line no prompt could hold is refused before it is parsed (or later tokenised).
      if (row.size() > kMaxQaLineBytes)
        throw std::runtime_error("the line is " + std::to_string(row.size()) + " bytes; QA lines are at most " +
                                 std::to_string(kMaxQaLineBytes >> 20) + " MiB");
      auto sample = parseSample(parseJsonText(row, where));
      sample.line = line;
      sample.source = path.string();
      samples.push_back(std::move(sample));
    } catch (const std::exception& e) {
      std::string what = e.what();
      if (const auto* error = dynamic_cast<const Error*>(&e)) what = error->message();
      if (!options.skipMalformed) throw Error(ErrorCode::Format, where, what);
      ++r.skipped;
      r.problems.push_back(where + ": " + what);
    }
  }
  return samples;
}

std::vector<QaSample> buildDocumentSets(const std::vector<QaSample>& oracle, int goldPosition, int totalDocuments,
                                        std::uint64_t seed) {
  if (totalDocuments < 1 || goldPosition < 0 || goldPosition >= totalDocuments)
    throw Error(ErrorCode::InvalidArgument, "gold position",
                std::to_string(goldPosition) + " is outside 0.." + std::to_string(totalDocuments - 1));
  const auto goldOf = [](const QaSample& s) -> const QaDocument& {
    return s.documents.at(static_cast<size_t>(s.goldIndex >= 0 ? s.goldIndex : 0));
  };
  std::vector<std::string> normalisedPassages;
  normalisedPassages.reserve(oracle.size());
  for (const auto& s : oracle) {
    if (s.documents.empty())
      throw Error(ErrorCode::Format, "line " + std::to_string(s.line), "sample has no passage to use as gold");
    normalisedPassages.push_back(normalizeAnswer(goldOf(s).title + " " + goldOf(s).text));
  }

  std::vector<QaSample> sets;
  sets.reserve(oracle.size());
  for (size_t i = 0; i < oracle.size(); ++i) {
    const auto& sample = oracle[i];
    std::vector<std::string> answers;
    for (const auto& a : sample.answers) answers.push_back(normalizeAnswer(a));
    std::uint64_t state = seed ^ (0x5851f42d4c957f2dULL * (i + 1));
    std::vector<size_t> pool(oracle.size());
    for (size_t k = 0; k < pool.size(); ++k) pool[k] = k;
    std::vector<QaDocument> distractors;
    // Several questions share a gold passage: each passage appears once in a set.
    std::set<std::string_view> used{goldOf(sample).text};
    // Partial Fisher-Yates: draw candidates until enough pass the answer check.
    for (size_t drawn = 0; drawn < pool.size() && static_cast<int>(distractors.size()) < totalDocuments - 1; ++drawn) {
      const size_t pick = drawn + static_cast<size_t>(splitMix64(state) % (pool.size() - drawn));
      std::swap(pool[drawn], pool[pick]);
      const size_t j = pool[drawn];
      if (j == i) continue;
      const auto& passage = normalisedPassages[j];
      const bool containsAnswer = std::any_of(answers.begin(), answers.end(), [&](const std::string& a) {
        return !a.empty() && containsWords(passage, a);
      });
      if (containsAnswer || !used.insert(goldOf(oracle[j]).text).second) continue;
      auto d = goldOf(oracle[j]);
      d.isGold = false;
      d.hasAnswer = false;
      distractors.push_back(std::move(d));
    }
    if (static_cast<int>(distractors.size()) < totalDocuments - 1)
      throw Error(
          ErrorCode::InvalidArgument,
          (sample.source.empty() ? std::string("QA data") : sample.source) + ":" + std::to_string(sample.line),
          "not enough passages without the answer to draw " + std::to_string(totalDocuments - 1) + " distractors");
    QaSample set;
    set.line = sample.line;
    set.source = sample.source;
    set.question = sample.question;
    set.answers = sample.answers;
    set.documents = std::move(distractors);
    auto gold = goldOf(sample);
    gold.isGold = true;
    set.documents.insert(set.documents.begin() + goldPosition, std::move(gold));
    set.goldIndex = goldPosition;
    sets.push_back(std::move(set));
  }
  return sets;
}

QaPrompt qaPrompt(const QaSample& sample) {
  QaPrompt p;
  p.instruction =
      "Write a high-quality answer for the given question using only the provided search results (some of which "
      "might be irrelevant).";
  for (size_t i = 0; i < sample.documents.size(); ++i)
    p.documents.push_back("Document [" + std::to_string(i + 1) + "](Title: " + sample.documents[i].title + ") " +
                          sample.documents[i].text);
  p.question = "Question: " + sample.question;
  p.answerCue = "Answer:";
  return p;
}

std::string QaPrompt::text() const {
  std::string out = instruction + "\n\n";
  for (size_t i = 0; i < documents.size(); ++i) out += (i ? "\n" : "") + documents[i];
  return out + "\n\n" + question + "\n" + answerCue;
}

std::string normalizeAnswer(std::string_view text) {
  // Lower-case (Unicode, one code point to one) and drop ASCII punctuation.
  std::vector<utf8proc_int32_t> cps;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid UTF-8: take the byte as is
      cp = *p;
      n = 1;
    }
    p += n;
    left -= n;
    if (cp < 128 && isAsciiPunctuation(static_cast<unsigned char>(cp))) continue;
    cps.push_back(utf8proc_tolower(cp));
  }
  // Words: maximal runs of letters, digits and underscores (Python's \w); a/an/the become a space.
  const auto isWord = [](utf8proc_int32_t cp) {
    const auto c = utf8proc_category(cp);
    return cp == '_' || (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_MC) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
  };
  const auto isSpace = [](utf8proc_int32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f) || cp == 0x85 || cp == 0xa0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f ||
           cp == 0x205f || cp == 0x3000;
  };
  std::vector<utf8proc_int32_t> kept;
  for (size_t i = 0; i < cps.size();) {
    if (!isWord(cps[i])) {
      kept.push_back(cps[i++]);
      continue;
    }
    size_t j = i;
    while (j < cps.size() && isWord(cps[j])) ++j;
    const std::u32string word(cps.begin() + static_cast<std::ptrdiff_t>(i),
                              cps.begin() + static_cast<std::ptrdiff_t>(j));
    if (word == U"a" || word == U"an" || word == U"the")
      kept.push_back(' ');
    else
      kept.insert(kept.end(), cps.begin() + static_cast<std::ptrdiff_t>(i),
                  cps.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
  // Collapse white space (Python's split() then join with one space).
  std::string out;
  bool pendingSpace = false;
  for (auto cp : kept) {
    if (isSpace(cp)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  }
  return out;
}

bool bestSubspanExactMatch(std::string_view prediction, const std::vector<std::string>& answers) {
  const auto firstLine = prediction.substr(0, prediction.find('\n'));
  const auto normalised = normalizeAnswer(firstLine);
  return std::any_of(answers.begin(), answers.end(), [&](const std::string& answer) {
    return normalised.find(normalizeAnswer(answer)) != std::string::npos;
  });
}

}  // namespace ropescope::engine
