// Synthetic multi-document QA for the demo models: entities, documents, questions, JSONL output.
#include "engine/data/demo_data.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/split_mix.h"

namespace ropescope::engine {

namespace {

std::uint64_t below(std::uint64_t& state, std::size_t n) { return splitMix64(state) % n; }

// `k` distinct indices of 0..n-1 in drawn order (partial Fisher-Yates).
std::vector<std::size_t> drawDistinct(std::uint64_t& state, std::size_t n, std::size_t k) {
  std::vector<std::size_t> pool(n);
  for (std::size_t i = 0; i < n; ++i) pool[i] = i;
  partialShuffle(pool, k, state);
  pool.resize(k);
  return pool;
}

struct AttributeKind {
  const std::vector<std::string>* values;
  std::string (*text)(const std::string& name, const std::string& value);
  std::string (*question)(const std::string& name);
};

// A document states the entity's name, then its value ("Kalo Paris." / "Kalo baker."), and the
// trained answer repeats that pair ("Kalo Paris"): the value is the token after the name, in the
// document and in the answer alike, so one lookup (find the earlier occurrence of the current
// token, copy the token after it) answers both kinds of question.
std::string statement(const std::string& name, const std::string& value) { return name + " " + value + "."; }
std::string whereIs(const std::string& name) { return "Where is " + name + "?"; }
std::string whoIs(const std::string& name) { return "Who is " + name + "?"; }

std::vector<AttributeKind> attributeKinds() {
  const auto& v = demoVocabulary();
  return {{&v.cities, statement, whereIs}, {&v.jobs, statement, whoIs}};
}

bool containsEither(const std::string& a, const std::string& b) {
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

void writeText(const std::filesystem::path& tmp, const std::string& text, bool gzip) {
  if (gzip) {
    gzFile file = gzopen(tmp.c_str(), "wb");
    if (file == nullptr) throw Error(ErrorCode::Io, tmp.string(), "cannot create");
    const bool ok = text.empty() || gzwrite(file, text.data(), static_cast<unsigned>(text.size())) > 0;
    if (gzclose(file) != Z_OK || !ok) throw Error(ErrorCode::Io, tmp.string(), "cannot write");
    return;
  }
  std::ofstream out(tmp, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw Error(ErrorCode::Io, tmp.string(), "cannot write");
}

}  // namespace

const DemoVocabulary& demoVocabulary() {
  static const DemoVocabulary vocabulary = [] {
    DemoVocabulary v;
    v.cities = {"Paris",  "Berlin", "Tokyo",   "Madrid",  "Rome",     "Vienna", "Oslo",    "Cairo",
                "Dublin", "Prague", "Athens",  "Lisbon",  "Warsaw",   "Seoul",  "Delhi",   "Sydney",
                "Boston", "Denver", "Austin",  "Chicago", "Toronto",  "Havana", "Nairobi", "Dakar",
                "Tunis",  "Ankara", "Kyiv",    "Riga",    "Helsinki", "Zurich", "Geneva",  "Milan",
                "Naples", "Munich", "Hamburg", "Lyon",    "Quito",    "Bogota", "Manila",  "Hanoi"};
    v.jobs = {"baker",  "farmer", "doctor",  "painter", "pilot",  "nurse",   "teacher", "singer", "dancer", "lawyer",
              "writer", "tailor", "plumber", "chef",    "judge",  "miner",   "sailor",  "driver", "poet",   "actor",
              "banker", "barber", "butcher", "clerk",   "coach",  "diver",   "editor",  "guard",  "hunter", "jeweler",
              "mason",  "monk",   "potter",  "priest",  "ranger", "surgeon", "vet",     "waiter", "welder", "weaver"};
    // Names that share no substring relation with a value, so that a value occurs only where
    // it is stated.
    const std::vector<std::string> first = {"Ba", "Do", "Fe", "Gu", "Ka", "Li", "Mo", "Ne", "Pa", "Ru", "Si", "To"};
    const std::vector<std::string> second = {"bel", "dor", "fin", "gar", "lo", "mir", "nus", "rak", "sen", "vi"};
    for (const auto& a : first)
      for (const auto& b : second) {
        const auto name = a + b;
        const auto lower = normalizeAnswer(name);
        const auto clashes = [&](const std::vector<std::string>& values) {
          return std::any_of(values.begin(), values.end(),
                             [&](const std::string& value) { return containsEither(lower, normalizeAnswer(value)); });
        };
        if (!clashes(v.cities) && !clashes(v.jobs)) v.names.push_back(name);
      }
    return v;
  }();
  return vocabulary;
}

QaSample makeDemoSample(std::uint64_t seed, std::int64_t index, int goldPosition, int documents) {
  if (documents < 1 || documents > kDemoDocuments)
    throw Error(ErrorCode::InvalidArgument, "documents",
                std::to_string(documents) + " is outside 1.." + std::to_string(kDemoDocuments));
  if (goldPosition < -1 || goldPosition >= documents)
    throw Error(ErrorCode::InvalidArgument, "gold position",
                std::to_string(goldPosition) + " is outside 0.." + std::to_string(documents - 1));
  // One stream per (seed, index): mixing both through SplitMix keeps neighbouring seeds apart.
  std::uint64_t mix = seed;
  std::uint64_t state = splitMix64(mix) ^ (0xd1b54a32d192ed03ULL * static_cast<std::uint64_t>(index + 1));
  splitMix64(state);

  const auto kinds = attributeKinds();
  const auto& kind = kinds[below(state, kinds.size())];
  const auto& names = demoVocabulary().names;
  const auto n = static_cast<std::size_t>(documents);
  const auto who = drawDistinct(state, names.size(), n);
  const auto what = drawDistinct(state, kind.values->size(), n);
  const int position = goldPosition >= 0 ? goldPosition : static_cast<int>(below(state, n));

  QaSample sample;
  sample.line = index + 1;
  sample.question = kind.question(names[who[0]]);
  sample.answers = {(*kind.values)[what[0]]};
  for (std::size_t i = 1; i < n; ++i) {
    const auto& name = names[who[i]];
    sample.documents.push_back({name, kind.text(name, (*kind.values)[what[i]]), false, false});
  }
  const auto& gold = names[who[0]];
  sample.documents.insert(sample.documents.begin() + position, {gold, kind.text(gold, sample.answers[0]), true, true});
  sample.goldIndex = position;
  return sample;
}

DemoQuestion demoQuestionAbout(const QaSample& sample, int document) {
  if (document < 0 || document >= static_cast<int>(sample.documents.size()))
    throw Error(ErrorCode::InvalidArgument, "document", std::to_string(document) + " is not in the sample");
  const auto& d = sample.documents[static_cast<std::size_t>(document)];
  for (const auto& kind : attributeKinds())
    for (const auto& value : *kind.values)
      if (d.text == kind.text(d.title, value)) return {kind.question(d.title), value, d.title + " " + value};
  throw Error(ErrorCode::InvalidArgument, "document", "'" + d.text + "' is not a demo document");
}

std::vector<QaSample> makeDemoData(const DemoDataOptions& options) {
  if (options.samples < 1) throw Error(ErrorCode::InvalidArgument, "samples", "must be at least 1");
  if (options.goldPosition != DemoDataOptions::kAllGoldPositions &&
      (options.goldPosition < -1 || options.goldPosition >= kDemoDocuments))
    throw Error(ErrorCode::InvalidArgument, "gold position",
                std::to_string(options.goldPosition) + " is outside 0.." + std::to_string(kDemoDocuments - 1));
  std::vector<QaSample> samples;
  samples.reserve(static_cast<std::size_t>(options.samples));
  for (std::int64_t i = 0; i < options.samples; ++i) {
    const int position = options.goldPosition == DemoDataOptions::kAllGoldPositions
                             ? static_cast<int>(i % kDemoDocuments)
                             : options.goldPosition;
    samples.push_back(makeDemoSample(options.seed, i, position));
  }
  return samples;
}

void writeDemoData(const std::filesystem::path& path, const std::vector<QaSample>& samples) {
  std::string text;
  for (const auto& s : samples) {
    nlohmann::ordered_json ctxs = nlohmann::ordered_json::array();
    for (const auto& d : s.documents)
      ctxs.push_back({{"title", d.title}, {"text", d.text}, {"hasanswer", d.hasAnswer}, {"isgold", d.isGold}});
    const nlohmann::ordered_json line = {
        {"question", s.question}, {"answers", s.answers}, {"ctxs", ctxs}, {"gold_position", s.goldIndex}};
    text += line.dump() + "\n";
  }
  const bool gzip = path.extension() == ".gz";
  writeAtomically(path, [&](const std::filesystem::path& tmp) { writeText(tmp, text, gzip); });
}

std::vector<std::string> demoVocabularyTexts() {
  // Prompts of 20 documents each (document numbers stay within 1..20) covering every name with
  // both attributes and every value, plus each question with its answer.
  std::vector<std::string> texts;
  const auto& v = demoVocabulary();
  for (const auto& kind : attributeKinds()) {
    const auto count = std::max(v.names.size(), kind.values->size());
    QaSample prompt;
    for (std::size_t i = 0; i < count; ++i) {
      const auto& name = v.names[i % v.names.size()];
      const auto& value = (*kind.values)[i % kind.values->size()];
      prompt.documents.push_back({name, kind.text(name, value), false, false});
      texts.push_back(kind.question(name) + "\nAnswer: " + name + " " + value);
      if (prompt.documents.size() == static_cast<std::size_t>(kDemoDocuments) || i + 1 == count) {
        prompt.question = kind.question(name);
        texts.push_back(qaPrompt(prompt).text());
        prompt.documents.clear();
      }
    }
  }
  return texts;
}

}  // namespace ropescope::engine
