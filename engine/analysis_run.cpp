// The analyses over QA data as one resumable, shardable run.
#include "engine/analysis_run.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/band_norms.h"
#include "engine/error.h"
#include "engine/mask_syntax.h"
#include "engine/positional.h"
#include "engine/qa_sample.h"
#include "engine/rope_angles.h"
#include "engine/run_units.h"
#include "engine/tensor_bridge.h"
#include "engine/transformer.h"
#include "engine/utility.h"
#include "engine/weight_norms.h"

namespace ropescope::engine {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Unit {
  int goldPosition = 0;
  std::int64_t sample = 0;  // index into the data (the oracle file's line order)
  QaSample qa;
};

struct Units {
  std::vector<Unit> units;  // unit u = g * perPosition + s
  std::int64_t perPosition = 0;
};

Units buildUnits(const std::vector<QaSample>& data, const AnalysisOptions& o) {
  if (data.empty()) throw Error(ErrorCode::InvalidArgument, o.dataName, "the data set has no samples");
  if (o.goldPositions.empty()) throw Error(ErrorCode::InvalidArgument, "gold positions", "none given");
  const bool oracle = std::all_of(data.begin(), data.end(), [](const QaSample& s) { return s.documents.size() == 1; });
  Units out;
  if (oracle) {
    for (int g : o.goldPositions)
      if (g < 0 || g >= o.totalDocuments)
        throw Error(ErrorCode::InvalidArgument, "gold positions",
                    "position " + std::to_string(g) + " is outside 0.." + std::to_string(o.totalDocuments - 1));
    out.perPosition = o.samples > 0 ? std::min<std::int64_t>(o.samples, static_cast<std::int64_t>(data.size()))
                                    : static_cast<std::int64_t>(data.size());
    for (int g : o.goldPositions) {
      auto sets = buildDocumentSets(data, g, o.totalDocuments, o.seed);
      for (std::int64_t s = 0; s < out.perPosition; ++s)
        out.units.push_back({g, s, std::move(sets[static_cast<std::size_t>(s)])});
    }
    return out;
  }
  std::map<int, std::vector<std::int64_t>> byGold;
  for (std::size_t i = 0; i < data.size(); ++i) byGold[data[i].goldIndex].push_back(static_cast<std::int64_t>(i));
  std::int64_t fewest = std::numeric_limits<std::int64_t>::max();
  for (int g : o.goldPositions) {
    const auto n = static_cast<std::int64_t>(byGold[g].size());
    if (n == 0)
      throw Error(ErrorCode::InvalidArgument, o.dataName,
                  "has no sample with the gold document at position " + std::to_string(g) + " (0-based)");
    fewest = std::min(fewest, n);
  }
  out.perPosition = o.samples > 0 ? std::min(o.samples, fewest) : fewest;
  for (int g : o.goldPositions)
    for (std::int64_t s = 0; s < out.perPosition; ++s) {
      const auto index = byGold[g][static_cast<std::size_t>(s)];
      out.units.push_back({g, index, data[static_cast<std::size_t>(index)]});
    }
  return out;
}

bool validGroupName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

std::string headsText(const std::vector<std::pair<int, int>>& heads) {
  std::string s;
  for (const auto& [l, h] : heads) s += (s.empty() ? "" : ",") + ("L" + std::to_string(l) + "H" + std::to_string(h));
  return s;
}

NdArray nanArray(std::vector<std::int64_t> shape, std::vector<std::string> axes) {
  NdArray a{std::move(shape), std::move(axes), {}};
  a.values.assign(static_cast<std::size_t>(a.numel()), kNaN);
  return a;
}

// Adds the token-level analyses that need only the model and some token sequences.
void addTokenAnalyses(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                      const std::set<std::string>& analyses, const RunControl& control, ResultsFile& results) {
  if (analyses.count("norms") && !results.weights) results.weights = computeWeightNorms(model.checkpoint(), control);
  std::int64_t longest = 1;
  for (const auto& s : sequences) longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(s.size()));
  if (analyses.count("angles")) {
    const auto angles = computeRopeAngles(model.config(), longest);
    put(results, schema::kAnglesTheta) = angles.theta;
    put(results, schema::kAnglesWavelength) = angles.wavelength;
    put(results, schema::kAnglesMaxAngle) = angles.maxAngle;
    put(results, schema::kAnglesTurns) = angles.turns;
    put(results, schema::kAnglesWraps) = angles.wraps;
    setAttribute(results, schema::kAnglesContext, std::to_string(angles.context));
  }
  if (sequences.empty()) return;
  if (analyses.count("bands") && !holds(results, schema::kBandsQNorm)) {
    const auto bands = computeBandNorms(model, sequences, control);
    if (bands.sequencesDone == static_cast<int>(sequences.size())) {
      put(results, schema::kBandsQNorm) = bands.q;
      put(results, schema::kBandsKNorm) = bands.k;
      setAttribute(results, schema::kBandsTokens, std::to_string(bands.tokens));
    }
  }
  if (analyses.count("positional") && !holds(results, schema::kPositionalRho)) {
    const auto positional = computePositional(model, sequences, {}, control);
    if (positional.complete()) addPositionalArrays(positional, results.arrays);
  }
}

// The positional ranking back from /positional/rho: heads by |rho| descending, NaN last.
std::vector<std::pair<int, int>> rankedHeads(const NdArray& rho) {
  std::vector<std::pair<int, int>> heads;
  for (int l = 0; l < rho.dim(0); ++l)
    for (int h = 0; h < rho.dim(1); ++h)
      if (!std::isnan(rho.at({l, h}))) heads.emplace_back(l, h);
  std::stable_sort(heads.begin(), heads.end(), [&](const auto& a, const auto& b) {
    return std::abs(rho.at({a.first, a.second})) > std::abs(rho.at({b.first, b.second}));
  });
  return heads;
}

nlohmann::json optionsJson(const AnalysisOptions& o, PromptTemplate tmpl) {
  nlohmann::json setups = nlohmann::json::array();
  for (const auto& s : o.setups) setups.push_back({{"name", s.name}, {"mask", s.mask}});
  return {{"analyses", std::vector<std::string>(o.analyses.begin(), o.analyses.end())},
          {"gold_positions", o.goldPositions},
          {"samples", o.samples},
          {"total_documents", o.totalDocuments},
          {"seed", o.seed},
          {"template", std::string(promptTemplateName(tmpl))},
          {"answer_cue", static_cast<int>(o.answerCue)},
          {"max_new_tokens", o.maxNewTokens},
          {"setups", setups},
          {"ablate_top_k", o.ablateTopK},
          {"token_samples", o.tokenSamples},
          {"utility_steps", o.utilitySteps},
          {"retrieval_sum", o.retrievalSum},
          {"utility_learning_rate", o.utilityLearningRate},
          {"shard", std::to_string(o.shardIndex) + "/" + std::to_string(o.shardCount)}};
}

}  // namespace

const std::vector<std::string>& analysisNames() {
  static const std::vector<std::string> names{"norms", "retrieval", "utility", "qa", "bands", "positional", "angles"};
  return names;
}

std::set<std::string> parseAnalysisList(const std::string& list) {
  std::set<std::string> out;
  std::stringstream in(list);
  std::string item;
  const auto& known = analysisNames();
  while (std::getline(in, item, ',')) {
    if (item == "all") {
      out.insert(known.begin(), known.end());
      continue;
    }
    if (std::find(known.begin(), known.end(), item) == known.end()) {
      std::string all;
      for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
      throw Error(ErrorCode::InvalidArgument, "analyses",
                  "unknown analysis '" + item + "'; known: " + all + " (toy has its own command)");
    }
    out.insert(item);
  }
  if (out.empty()) throw Error(ErrorCode::InvalidArgument, "analyses", "the list is empty");
  return out;
}

ResultsFile runAnalyses(const Transformer& model, const Tokenizer& tokenizer, const std::vector<QaSample>& data,
                        const AnalysisOptions& options, const RunControl& control, const AnalysisSink& sink,
                        const ResultsFile* resume) {
  const auto& c = model.config();
  const int L = c.numLayers, H = c.numHeads, D = c.headDim;
  if (options.shardCount < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount)
    throw Error(ErrorCode::InvalidArgument, "shard",
                "shard " + std::to_string(options.shardIndex) + "/" + std::to_string(options.shardCount) +
                    " does not exist (shards are 0/N .. N-1/N)");
  if (options.maxNewTokens < 1) throw Error(ErrorCode::InvalidArgument, "max new tokens", "must be at least 1");
  for (const auto& a : options.analyses) parseAnalysisList(a);
  const auto has = [&](const char* name) { return options.analyses.count(name) > 0; };
  const auto tmpl = options.promptTemplate.value_or(promptTemplateFor(c, tokenizer));
  const QaPromptOptions promptOptions{tmpl, options.answerCue};

  const auto built = buildUnits(data, options);
  const auto& units = built.units;
  const auto U = static_cast<std::int64_t>(units.size());
  const auto G = static_cast<std::int64_t>(options.goldPositions.size());

  ResultsFile results;
  results.info.model = model.checkpoint().folder().string();
  results.info.modelConfig = c.configJson;
  results.info.data = options.dataName;
  results.info.options = optionsJson(options, tmpl).dump();
  if (resume) {
    if (resume->info.modelConfig != results.info.modelConfig)
      throw Error(ErrorCode::InvalidArgument, "resume", "the results file is of another model");
    if (resume->info.data != results.info.data ||
        runIdentity(resume->info.options) != runIdentity(results.info.options))
      throw Error(ErrorCode::InvalidArgument, "resume",
                  "the results file was written with other data or options; resume with the same ones");
    const auto* status = find(*resume, schema::kUnitStatus);
    if (!status || status->dim(0) != U)
      throw Error(ErrorCode::InvalidArgument, "resume", "the results file has another number of samples");
    const auto identity = results.info.options;
    results = *resume;
    results.info.options = identity;
  } else {
    put(results, schema::kUnitStatus) = nanArray({U}, {"unit"});
    put(results, schema::kUnitGoldPosition) = NdArray::zeros({U}, {"unit"});
    put(results, schema::kUnitSample) = NdArray::zeros({U}, {"unit"});
    put(results, schema::kUnitPromptTokens) = nanArray({U}, {"unit"});
    put(results, schema::kGoldPositions) = NdArray::zeros({G}, {"gold_position"});
    for (std::int64_t g = 0; g < G; ++g)
      put(results, schema::kGoldPositions).values[static_cast<std::size_t>(g)] =
          static_cast<float>(options.goldPositions[static_cast<std::size_t>(g)]);
    for (std::int64_t u = 0; u < U; ++u) {
      put(results, schema::kUnitGoldPosition).values[static_cast<std::size_t>(u)] =
          static_cast<float>(units[static_cast<std::size_t>(u)].goldPosition);
      put(results, schema::kUnitSample).values[static_cast<std::size_t>(u)] =
          static_cast<float>(units[static_cast<std::size_t>(u)].sample);
    }
    if (has("retrieval")) put(results, schema::kRetrievalUnitScore) = nanArray({U, L, H}, {"unit", "layer", "head"});
    if (has("utility")) {
      put(results, schema::kUtilityUnitU) = nanArray({U, L, H, D}, {"unit", "layer", "head", "dim"});
      for (const auto& d : {schema::kUtilityUnitLoss, schema::kUtilityUnitReconstruction, schema::kUtilityUnitSteps})
        put(results, d) = nanArray({U, L, H}, {"unit", "layer", "head"});
      setAttribute(results, schema::kUtilityAlpha, "1/head_dim");
    }
  }
  setAttribute(results, schema::kUnitsTemplate, std::string(promptTemplateName(tmpl)));
  auto& status = put(results, schema::kUnitStatus);
  const auto mine = [&](std::int64_t u) { return u % options.shardCount == options.shardIndex; };

  // Token-level analyses on the first units' prompts (the same in every shard).
  {
    std::vector<std::vector<std::int64_t>> sequences;
    for (std::int64_t u = 0; u < std::min<std::int64_t>(U, options.tokenSamples); ++u) {
      auto ids = encodeQaPrompt(tokenizer, units[static_cast<std::size_t>(u)].qa, promptOptions).ids;
      if (static_cast<std::int64_t>(ids.size()) <= c.maxPositionEmbeddings) sequences.push_back(std::move(ids));
    }
    addTokenAnalyses(model, sequences, options.analyses, control, results);
    if (control.cancelled()) return results;
  }

  // The mask sets, resolved now where they can be; score-based ones may wait for this run's scores.
  struct Setup {
    QaSetup setup;
    MaskSpec spec;
    std::optional<PreparedInterventions> interventions;
  };
  std::vector<Setup> setups;
  if (has("qa")) {
    std::vector<QaSetup> asked;
    for (const auto& s : options.setups)
      if (s.name != "none") asked.push_back(s);
    if (options.ablateTopK > 0) {
      const auto* rho = find(results, schema::kPositionalRho);
      if (rho == nullptr)
        throw Error(ErrorCode::InvalidArgument, "ablate", "ablating positional heads needs the positional analysis");
      auto top = rankedHeads(*rho);
      top.resize(std::min<std::size_t>(top.size(), static_cast<std::size_t>(options.ablateTopK)));
      const std::set<std::pair<int, int>> exclude(top.begin(), top.end());
      const auto random = randomHeads(L, H, static_cast<int>(top.size()), options.seed, exclude);
      asked.push_back({"ablate_top" + std::to_string(top.size()), "ablate=" + headsText(top)});
      asked.push_back({"ablate_random" + std::to_string(random.size()), "ablate=" + headsText(random)});
    }
    setups.push_back({{"none", "none"}, MaskSpec{}, PreparedInterventions{}});
    for (const auto& s : asked) {
      if (!validGroupName(s.name))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'", "names a group: no '/', not empty");
      Setup setup{s, parseMaskSpec(s.mask), std::nullopt};
      const bool needsRetrieval = setup.spec.heads == MaskSpec::Heads::RetrievalAbove;
      const bool needsUtility = setup.spec.dims == MaskSpec::Dims::UtilityBelow;
      const bool ownScores = (needsRetrieval && !options.retrievalScores) || (needsUtility && !options.utilityScores);
      if (ownScores && options.shardCount > 1)
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by scores; a sharded run takes them from a finished run (--scores FILE)");
      if (needsRetrieval && !options.retrievalScores && !has("retrieval"))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by retrieval score: add the retrieval analysis or give scores from a finished run");
      if (needsUtility && !options.utilityScores && !has("utility"))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by utility: add the utility analysis or give scores from a finished run");
      if (!ownScores) {
        MaskContext context{L, H, D, options.retrievalScores ? &*options.retrievalScores : nullptr,
                            options.utilityScores ? &*options.utilityScores : nullptr};
        setup.interventions = model.prepare(resolveMaskSpec(setup.spec, context));
      }
      setups.push_back(std::move(setup));
    }
    for (const auto& s : setups) {
      const auto group = schema::qaGroup(s.setup.name);
      if (!results.arrays.count(schema::qaPath(s.setup.name, schema::kQaCorrect))) {
        results.arrays[schema::qaPath(s.setup.name, schema::kQaCorrect)] = nanArray({U}, {"unit"});
        results.strings[schema::qaPath(s.setup.name, schema::kQaPrediction)] =
            StringArray{"unit", std::vector<std::string>(static_cast<std::size_t>(U))};
      }
      results.groupAttributes[group][std::string(schema::kQaMaskAttribute)] = s.setup.mask;
    }
  }

  const bool analysed = has("retrieval") || has("utility") || has("qa");
  std::int64_t total = 0, done = 0;
  for (std::int64_t u = 0; u < U; ++u)
    if (mine(u)) total += (analysed ? 1 : 0) + static_cast<std::int64_t>(setups.size() > 0 ? setups.size() - 1 : 0);
  for (std::int64_t u = 0; u < U; ++u) {
    if (!mine(u)) continue;
    if (!std::isnan(status.values[static_cast<std::size_t>(u)])) done += analysed ? 1 : 0;
    for (std::size_t s = 1; s < setups.size(); ++s)
      if (!std::isnan(results.arrays.at(schema::qaPath(setups[s].setup.name, schema::kQaCorrect))
                          .values[static_cast<std::size_t>(u)]))
        ++done;
  }
  auto lastCheckpoint = std::chrono::steady_clock::now();
  const auto checkpoint = [&](bool force) {
    if (!sink.checkpoint) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && std::chrono::duration<double>(now - lastCheckpoint).count() < sink.checkpointSeconds) return;
    summariseUnits(results);
    sink.checkpoint(results);
    lastCheckpoint = now;
  };
  const auto fits = [&](const QaTokens& t) {
    return static_cast<std::int64_t>(t.ids.size()) + options.maxNewTokens <= c.maxPositionEmbeddings;
  };

  UtilityOptions utilityOptions;
  utilityOptions.steps = options.utilitySteps;
  utilityOptions.learningRate = options.utilityLearningRate;
  utilityOptions.cancel = control.cancel;
  const auto qaDecode = qaDecodeOptions(model, tokenizer, options.maxNewTokens);

  // Pass 1: the unmasked model's answer, retrieval, utility and the masks known up front.
  // Pass 2: masks that select by this run's own scores.
  for (int pass = 1; pass <= 2; ++pass) {
    if (pass == 2) {
      summariseUnits(results);
      MaskContext context{L, H, D, nullptr, nullptr};
      context.retrievalScores =
          options.retrievalScores ? &*options.retrievalScores : find(results, schema::kRetrievalScore);
      context.utility = options.utilityScores ? &*options.utilityScores : find(results, schema::kUtilityU);
      for (auto& s : setups)
        if (!s.interventions) s.interventions = model.prepare(resolveMaskSpec(s.spec, context));
    }
    for (std::int64_t u = 0; u < U; ++u) {
      if (!mine(u)) continue;
      if (control.cancelled()) {
        checkpoint(true);
        return results;
      }
      const auto& unit = units[static_cast<std::size_t>(u)];
      const auto su = static_cast<std::size_t>(u);
      std::optional<QaTokens> tokens;
      const auto getTokens = [&]() -> const QaTokens& {
        if (!tokens) tokens = encodeQaPrompt(tokenizer, unit.qa, promptOptions);
        return *tokens;
      };
      try {
        if (pass == 1 && std::isnan(status.values[su])) {
          control.report(done, total, "samples");
          const auto& t = getTokens();
          put(results, schema::kUnitPromptTokens).values[su] = static_cast<float>(t.ids.size());
          if (!fits(t)) {
            status.values[su] = kUnitSkipped;
            continue;
          }
          if (analysed) {
            // The unmasked answer, capturing from the question onwards what retrieval and utility need.
            auto decode = qaDecode;
            decode.captureFrom = t.question.begin;
            decode.captureSegmentMass = has("retrieval");
            decode.captureQueries = has("utility");
            decode.segments = {{t.context().begin, t.context().end}};
            const auto answer = greedyDecode(model, t.ids, decode);
            if (has("retrieval"))
              for (int l = 0; l < L; ++l) {
                // The mass on instruction + documents per head, over the query positions.
                const auto mass = answer.segmentMass[static_cast<std::size_t>(l)].select(2, 0);
                const auto score = options.retrievalSum ? mass.sum(1) : mass.mean(1);
                copyIntoArray(
                    score, put(results, schema::kRetrievalUnitScore),
                    (su * static_cast<std::size_t>(L) + static_cast<std::size_t>(l)) * static_cast<std::size_t>(H));
              }
            if (has("utility"))
              for (int l = 0; l < L; ++l) {
                const auto lu = optimiseLayerUtility(answer.queries[static_cast<std::size_t>(l)], answer.cache.keys(l),
                                                     answer.cache.values(l), answer.queryPositions, utilityOptions,
                                                     model.traits().slidingWindow);
                const auto base =
                    (su * static_cast<std::size_t>(L) + static_cast<std::size_t>(l)) * static_cast<std::size_t>(H);
                copyIntoArray(lu.u, put(results, schema::kUtilityUnitU), base * static_cast<std::size_t>(D));
                copyIntoArray(lu.finalLoss, put(results, schema::kUtilityUnitLoss), base);
                copyIntoArray(lu.reconstruction, put(results, schema::kUtilityUnitReconstruction), base);
                copyIntoArray(lu.headSteps.to(at::kFloat), put(results, schema::kUtilityUnitSteps), base);
                control.report(done, total, "utility, layer " + std::to_string(l + 1) + "/" + std::to_string(L));
              }
            if (has("qa")) {
              const auto text = predictionText(tokenizer, answer.ids);
              results.strings.at(schema::qaPath(schema::kQaNone, schema::kQaPrediction)).values[su] = text;
              results.arrays.at(schema::qaPath(schema::kQaNone, schema::kQaCorrect)).values[su] =
                  bestSubspanExactMatch(text, unit.qa.answers) ? 1.f : 0.f;
            }
            ++done;
          }
          status.values[su] = kUnitDone;
        }
        if (status.values[su] != kUnitDone) continue;
        for (std::size_t s = 1; s < setups.size(); ++s) {
          auto& setup = setups[s];
          if (!setup.interventions) continue;  // waits for pass 2
          auto& correct = results.arrays.at(schema::qaPath(setup.setup.name, schema::kQaCorrect)).values[su];
          if (!std::isnan(correct)) continue;
          if (control.cancelled()) break;
          control.report(done, total, setup.setup.name);
          auto decode = qaDecode;
          decode.interventions = *setup.interventions;
          const auto out = greedyDecode(model, getTokens().ids, decode);
          const auto text = predictionText(tokenizer, out.ids);
          results.strings.at(schema::qaPath(setup.setup.name, schema::kQaPrediction)).values[su] = text;
          correct = bestSubspanExactMatch(text, unit.qa.answers) ? 1.f : 0.f;
          ++done;
        }
      } catch (const Error& e) {
        if (e.code() != ErrorCode::Cancelled) throw;
        checkpoint(true);
        return results;
      }
      control.report(done, total, "samples");
      checkpoint(false);
    }
  }
  summariseUnits(results);
  checkpoint(true);
  return results;
}

NdArray retrievalScores(const Transformer& model, const std::vector<std::int64_t>& ids, TokenRange context,
                        std::int64_t queryBegin) {
  if (queryBegin < 1 || queryBegin >= static_cast<std::int64_t>(ids.size()))
    throw Error(ErrorCode::InvalidArgument, "retrieval",
                "the queries must start after the first token and before the end");
  DecodeOptions decode;
  decode.maxNewTokens = 0;
  decode.captureFrom = queryBegin;
  decode.captureSegmentMass = true;
  decode.segments = {{context.begin, context.end}};
  const auto answer = greedyDecode(model, ids, decode);
  std::vector<at::Tensor> layers;
  for (const auto& m : answer.segmentMass) layers.push_back(m.select(2, 0).mean(1));
  return toNdArray(at::stack(layers), {"layer", "head"});
}

ResultsFile runTokenAnalyses(const Transformer& model, const std::vector<std::vector<std::int64_t>>& sequences,
                             const std::set<std::string>& analyses, const RunControl& control) {
  for (const auto& a : analyses)
    if (a == "retrieval" || a == "utility" || a == "qa")
      throw Error(ErrorCode::InvalidArgument, "analyses", "'" + a + "' needs QA data (--data), not raw ids");
  if (sequences.empty()) throw Error(ErrorCode::InvalidArgument, "ids", "no token sequence given");
  ResultsFile results;
  results.info.model = model.checkpoint().folder().string();
  results.info.modelConfig = model.config().configJson;
  results.info.data = "ids";
  nlohmann::json j = {{"analyses", std::vector<std::string>(analyses.begin(), analyses.end())},
                      {"sequences", sequences.size()}};
  results.info.options = j.dump();
  addTokenAnalyses(model, sequences, analyses, control, results);
  return results;
}

}  // namespace ropescope::engine
