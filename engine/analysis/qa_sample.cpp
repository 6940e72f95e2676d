// One QA sample answered live under a mask, and the QA decoding options shared with the analysis run.
#include "engine/analysis/qa_sample.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <utility>

#include "engine/core/error.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/tensor_bridge.h"

namespace ropescope::engine {

namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string s;
  for (auto n : shape) s += (s.empty() ? "" : ", ") + std::to_string(n);
  return "[" + s + "]";
}

PromptTemplate templateFor(const Transformer& model, const Tokenizer& tokenizer, const QaSampleOptions& options) {
  return options.promptTemplate.value_or(promptTemplateFor(model.config(), tokenizer));
}

QaSamplePrompt describe(const QaSample& sample, const QaTokens& tokens) {
  QaSamplePrompt out;
  out.line = sample.line;
  out.question = sample.question;
  out.answers = sample.answers;
  out.goldIndex = sample.goldIndex;
  out.text = tokens.text;
  out.tokens = static_cast<std::int64_t>(tokens.ids.size());
  // The documents appear verbatim and in order in every template's rendering.
  std::size_t from = 0;
  for (const auto& d : qaPrompt(sample).documents) {
    const auto at = out.text.find(d, from);
    if (at == std::string::npos) {
      out.documents.push_back({static_cast<std::int64_t>(from), static_cast<std::int64_t>(from)});
      continue;
    }
    out.documents.push_back({static_cast<std::int64_t>(at), static_cast<std::int64_t>(at + d.size())});
    from = at + d.size();
  }
  return out;
}

}  // namespace

bool endsAnswer(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids) {
  const auto text = tokenizer.decode(ids, /*skipSpecialTokens=*/true);
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string::npos && text.find('\n', start) != std::string::npos;
}

std::string predictionText(const Tokenizer& tokenizer, const std::vector<std::int64_t>& ids) {
  return tokenizer.decode(ids, /*skipSpecialTokens=*/true);
}

namespace {

// The token the gold answer starts with right after the prompt: the first gold answer appended to
// the rendered prompt (after a space when the prompt ends in a word, as after "Answer:") and
// encoded with it, so that merges across the boundary count. The same for every mask.
std::optional<std::int64_t> goldFirstToken(const Tokenizer& tokenizer, const QaTokens& prompt, const QaSample& sample) {
  if (sample.answers.empty() || sample.answers.front().empty()) return std::nullopt;
  const bool space = !prompt.text.empty() && !std::isspace(static_cast<unsigned char>(prompt.text.back()));
  const auto answer = (space ? " " : "") + sample.answers.front();
  const auto whole = tokenizer.encode(prompt.text + answer);
  const auto alone = tokenizer.encode(prompt.text);
  if (whole.size() > alone.size() && std::equal(alone.begin(), alone.end(), whole.begin())) return whole[alone.size()];
  const auto ids = tokenizer.encode(answer);
  if (ids.empty()) return std::nullopt;
  return ids.front();
}

}  // namespace

DecodeOptions qaDecodeOptions(const Transformer& model, const Tokenizer& tokenizer, int maxNewTokens) {
  DecodeOptions options;
  options.maxNewTokens = maxNewTokens;
  options.eosIds = model.config().eosTokenIds;
  options.stopWhen = [&tokenizer](const std::vector<std::int64_t>& ids) { return endsAnswer(tokenizer, ids); };
  return options;
}

QaSamplePrompt describeQaSample(const Transformer& model, const Tokenizer& tokenizer, const QaSample& sample,
                                const QaSampleOptions& options) {
  const QaPromptOptions promptOptions{templateFor(model, tokenizer, options), options.answerCue};
  return describe(sample, encodeQaPrompt(tokenizer, sample, promptOptions));
}

QaSampleAnswer answerQaSample(const Transformer& model, const Tokenizer& tokenizer, const QaSample& sample,
                              const QaSampleOptions& options) {
  const auto& c = model.config();
  const int L = c.numLayers, H = c.numHeads, D = c.headDim;
  if (options.maxNewTokens < 1) throw Error(ErrorCode::InvalidArgument, "max new tokens", "must be at least 1");
  const auto* scores = options.retrievalScores;
  if (scores != nullptr && scores->shape != std::vector<std::int64_t>{L, H})
    throw Error(ErrorCode::InvalidArgument, "retrieval scores",
                "have shape " + shapeText(scores->shape) + "; the model has " + std::to_string(L) + " layers of " +
                    std::to_string(H) + " heads");

  // The mask first: a typing error should not wait for the prompt to be encoded.
  const std::string maskContext = "mask '" + options.mask + "'";
  Interventions interventions;
  try {
    interventions = resolveMaskSpec(parseMaskSpec(options.mask), MaskContext{L, H, D, scores, options.utilityScores});
  } catch (const Error& e) {
    if (e.context() == maskContext) throw;
    throw Error(e.code(), maskContext, e.what());
  }

  const QaPromptOptions promptOptions{templateFor(model, tokenizer, options), options.answerCue};
  const auto tokens = encodeQaPrompt(tokenizer, sample, promptOptions);
  QaSampleAnswer out;
  out.prompt = describe(sample, tokens);
  out.mask = options.mask;
  if (static_cast<std::int64_t>(tokens.ids.size()) + options.maxNewTokens > c.maxPositionEmbeddings)
    throw Error(ErrorCode::InvalidArgument, "sample on line " + std::to_string(sample.line),
                "its prompt of " + std::to_string(tokens.ids.size()) + " tokens and up to " +
                    std::to_string(options.maxNewTokens) + " answer tokens exceed the model's " +
                    std::to_string(c.maxPositionEmbeddings) + " positions");

  // The answer as the qa analysis decodes it, keeping the last prompt token's attention onto
  // each document.
  auto decode = qaDecodeOptions(model, tokenizer, options.maxNewTokens);
  decode.interventions = model.prepare(interventions);
  out.maskedHeads = decode.interventions.changedHeads();
  decode.cancel = options.cancel;
  decode.captureFrom = static_cast<std::int64_t>(tokens.ids.size()) - 1;
  decode.captureSegmentMass = true;
  decode.keepFirstLogits = true;
  for (const auto& d : tokens.documents) decode.segments.emplace_back(d.begin, d.end);
  auto decoded = greedyDecode(model, tokens.ids, decode);
  const auto gold = goldFirstToken(tokenizer, tokens, sample);
  if (!decoded.stepLogits.empty() && gold && *gold < decoded.stepLogits.front().size(0)) {
    out.goldLogProb = at::log_softmax(decoded.stepLogits.front().to(at::kFloat), 0)[*gold].item<double>();
    out.goldToken = tokenizer.decode({*gold}, /*skipSpecialTokens=*/false);
  }
  std::vector<at::Tensor> mass;  // per layer [H, documents] at the last prompt token
  for (const auto& m : decoded.segmentMass) mass.push_back(m.select(1, 0));
  out.generated = std::move(decoded.ids);
  out.answer = predictionText(tokenizer, out.generated);
  out.correct = bestSubspanExactMatch(out.answer, sample.answers);
  out.documentMass = toNdArray(at::stack(mass), {"layer", "head", "document"});

  // The heads whose mass is summarised: retrieval heads by the paper's threshold, else the
  // highest-scoring few, else (no scores) every head.
  if (scores == nullptr) {
    out.massHeads = MassHeads::All;
    for (int l = 0; l < L; ++l)
      for (int h = 0; h < H; ++h) out.retrievalHeads.emplace_back(l, h);
  } else {
    for (int l = 0; l < L; ++l)
      for (int h = 0; h < H; ++h)
        if (scores->at({l, h}) > kRetrievalHeadThreshold) out.retrievalHeads.emplace_back(l, h);
    out.massHeads = MassHeads::RetrievalAbove;
    if (out.retrievalHeads.empty()) {
      out.massHeads = MassHeads::TopRetrieval;
      std::vector<std::pair<int, int>> ranked;
      for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h)
          if (!std::isnan(scores->at({l, h}))) ranked.emplace_back(l, h);
      std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
        return scores->at({a.first, a.second}) > scores->at({b.first, b.second});
      });
      ranked.resize(std::min<std::size_t>(ranked.size(), kTopRetrievalHeads));
      std::sort(ranked.begin(), ranked.end());
      out.retrievalHeads = std::move(ranked);
    }
  }
  const auto documents = out.documentMass.shape.at(2);
  out.retrievalMass.assign(static_cast<std::size_t>(documents), 0.0f);
  for (std::int64_t d = 0; d < documents && !out.retrievalHeads.empty(); ++d) {
    double sum = 0.0;
    for (const auto& [l, h] : out.retrievalHeads) sum += out.documentMass.at({l, h, d});
    out.retrievalMass[static_cast<std::size_t>(d)] =
        static_cast<float>(sum / static_cast<double>(out.retrievalHeads.size()));
  }
  return out;
}

std::vector<QaSample> qaSamplesToBrowse(const std::vector<QaSample>& data, const std::vector<int>& goldPositions,
                                        int totalDocuments, std::uint64_t seed) {
  const bool oracle =
      !data.empty() && std::all_of(data.begin(), data.end(), [](const QaSample& s) { return s.documents.size() == 1; });
  if (!oracle) return data;
  std::vector<QaSample> out;
  out.reserve(data.size() * goldPositions.size());
  for (int g : goldPositions) {
    auto sets = buildDocumentSets(data, g, totalDocuments, seed);
    std::move(sets.begin(), sets.end(), std::back_inserter(out));
  }
  return out;
}

}  // namespace ropescope::engine
