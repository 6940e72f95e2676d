// Synthetic multi-document QA for the demo models: made-up entities, one attribute each, and a
// question that only the gold document answers (lost-in-the-middle JSONL schema, no torch).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/data/qa_data.h"

namespace ropescope::engine {

inline constexpr int kDemoDocuments = 20;

// Every sample is about one attribute kind; all of its documents state that attribute of a
// different entity, the name, then the value ("Kalo Paris." / "Kalo baker."), each value once
// per sample.
struct DemoVocabulary {
  std::vector<std::string> names;   // entity names built from two syllables, e.g. "Kalo"
  std::vector<std::string> cities;  // "Kalo Paris." ("Where is Kalo?")
  std::vector<std::string> jobs;    // "Kalo baker." ("Who is Kalo?")
};
const DemoVocabulary& demoVocabulary();

// Sample `index` of the stream of `seed`: `documents` entities (distinct names and values, drawn
// with a portable generator), the first of them asked about and placed at `goldPosition`; the
// others keep their drawn order. The same seed and index give the same question and documents
// whatever the gold position, so a position sweep moves one gold document among fixed
// distractors. goldPosition -1 draws the position from the sample's stream.
// Throws Error(InvalidArgument) for documents outside 1..20 or a position outside -1..documents-1.
QaSample makeDemoSample(std::uint64_t seed, std::int64_t index, int goldPosition = -1, int documents = kDemoDocuments);

// The question about document `document` of a demo sample and its answer (for the gold
// document, the sample's own question). Throws Error(InvalidArgument) for a document that is
// not one of a demo sample's.
struct DemoQuestion {
  std::string question;
  std::string answer;  // the value ("Paris")
  std::string reply;   // what the demo models are trained to answer: the name, then the value ("Kalo Paris")
};
DemoQuestion demoQuestionAbout(const QaSample& sample, int document);

struct DemoDataOptions {
  std::int64_t samples = 100;
  std::uint64_t seed = 0;
  // -1: drawn per sample; 0..19: every sample there; kAllGoldPositions: sample i at i mod 20.
  int goldPosition = -1;
  static constexpr int kAllGoldPositions = -2;
};
std::vector<QaSample> makeDemoData(const DemoDataOptions& options);

// One JSON object a line: question, answers, ctxs ({title, text, hasanswer, isgold}) and
// gold_position; gzip-compressed when the name ends in ".gz". Written atomically.
void writeDemoData(const std::filesystem::path& path, const std::vector<QaSample>& samples);

// Texts that contain every word the prompts, questions and answers use (the tokenizer is
// trained on them so that each of those words is one token).
std::vector<std::string> demoVocabularyTexts();

}  // namespace ropescope::engine
