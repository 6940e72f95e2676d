// The analyses over QA data as one resumable, shardable run.
#include "engine/analysis/analysis_run.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/analysis/band_norms.h"
#include "engine/analysis/positional.h"
#include "engine/analysis/qa_sample.h"
#include "engine/analysis/rope_angles.h"
#include "engine/analysis/utility.h"
#include "engine/analysis/weight_norms.h"
#include "engine/core/error.h"
#include "engine/io/results_io.h"
#include "engine/io/run_units.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/tensor_bridge.h"
#include "engine/model/transformer.h"

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
                      const std::set<Analysis>& analyses, const RunControl& control, ResultsFile& results) {
  if (analyses.count(Analysis::Norms) && !results.weights)
    results.weights = computeWeightNorms(model.checkpoint(), control);
  std::int64_t longest = 1;
  for (const auto& s : sequences) longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(s.size()));
  if (analyses.count(Analysis::Angles)) {
    const auto angles = computeRopeAngles(model.config(), longest);
    put(results, schema::kAnglesTheta) = angles.theta;
    put(results, schema::kAnglesWavelength) = angles.wavelength;
    put(results, schema::kAnglesMaxAngle) = angles.maxAngle;
    put(results, schema::kAnglesTurns) = angles.turns;
    put(results, schema::kAnglesWraps) = angles.wraps;
    setAttribute(results, schema::kAnglesContext, std::to_string(angles.context));
  }
  if (sequences.empty()) return;
  if (analyses.count(Analysis::Bands) && !holds(results, schema::kBandsQNorm)) {
    const auto bands = computeBandNorms(model, sequences, control);
    if (bands.sequencesDone == static_cast<int>(sequences.size())) {
      put(results, schema::kBandsQNorm) = bands.q;
      put(results, schema::kBandsKNorm) = bands.k;
      setAttribute(results, schema::kBandsTokens, std::to_string(bands.tokens));
    }
  }
  if (analyses.count(Analysis::Positional) && !holds(results, schema::kPositionalRho)) {
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

// Names in alphabetical order, as runs have always recorded them (a resume compares them).
std::vector<std::string> sortedNames(const std::set<Analysis>& analyses) {
  std::vector<std::string> names;
  for (const auto a : analyses) names.emplace_back(analysisName(a));
  std::sort(names.begin(), names.end());
  return names;
}

nlohmann::json optionsJson(const AnalysisOptions& o, PromptTemplate tmpl) {
  nlohmann::json setups = nlohmann::json::array();
  for (const auto& s : o.setups) setups.push_back({{"name", s.name}, {"mask", s.mask}});
  return {{"analyses", sortedNames(o.analyses)},
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

// One run of runAnalyses: its units, the results as they fill, one writer per analysis.
class AnalysisRun {
 public:
  AnalysisRun(const Transformer& model, const Tokenizer& tokenizer, const std::vector<QaSample>& data,
              const AnalysisOptions& options, const RunControl& control, const AnalysisSink& sink)
      : m_model(model),
        m_tokenizer(tokenizer),
        m_o(options),
        m_control(control),
        m_sink(sink),
        m_L(model.config().numLayers),
        m_H(model.config().numHeads),
        m_D(model.config().headDim),
        m_template(options.promptTemplate.value_or(promptTemplateFor(model.config(), tokenizer))),
        m_prompt{m_template, options.answerCue},
        m_built(buildUnits(data, options)),
        m_qaDecode(qaDecodeOptions(model, tokenizer, options.maxNewTokens)) {
    m_utility.steps = options.utilitySteps;
    m_utility.learningRate = options.utilityLearningRate;
    m_utility.cancel = control.cancel;
  }

  ResultsFile run(const ResultsFile* resume) {
    start(resume);
    if (!tokenAnalyses()) return std::move(m_results);
    checkpoint(true);  // the token analyses are there before the first sample ends
    if (has(Analysis::Qa)) prepareSetups();
    countWork();
    // Pass 1: the unmasked model's answer, retrieval, utility and the masks known up front.
    // Pass 2: masks that select by this run's own scores.
    for (int pass = 1; pass <= 2; ++pass) {
      if (pass == 2) resolveOwnScoreSetups();
      for (std::int64_t u = 0; u < units(); ++u) {
        if (!mine(u)) continue;
        if (m_control.cancelled() || !runUnit(u, pass)) {
          checkpoint(true);
          return std::move(m_results);
        }
        m_control.report(m_done, m_total, "samples");
        ++m_unitsSinceCheckpoint;
        checkpoint(false);
      }
    }
    summariseUnits(m_results);
    checkpoint(true);
    return std::move(m_results);
  }

 private:
  // A mask set of the qa analysis, resolved when its scores are known.
  struct Setup {
    QaSetup setup;
    MaskSpec spec;
    std::optional<PreparedInterventions> interventions;
  };

  bool has(Analysis a) const { return m_o.analyses.count(a) > 0; }
  bool analysed() const { return has(Analysis::Retrieval) || has(Analysis::Utility) || has(Analysis::Qa); }
  std::int64_t units() const { return static_cast<std::int64_t>(m_built.units.size()); }
  bool mine(std::int64_t u) const { return u % m_o.shardCount == m_o.shardIndex; }
  std::size_t headBase(std::size_t unit, int layer) const {
    return (unit * static_cast<std::size_t>(m_L) + static_cast<std::size_t>(layer)) * static_cast<std::size_t>(m_H);
  }

  // The results file: a resumed one (checked to be of this run), or fresh unit arrays.
  void start(const ResultsFile* resume) {
    const auto U = units();
    const auto G = static_cast<std::int64_t>(m_o.goldPositions.size());
    m_results.info = m_model.checkpoint().runInfo();
    m_results.info.data = m_o.dataName;
    m_results.info.options = optionsJson(m_o, m_template).dump();
    if (resume) {
      if (!sameModel(resume->info, m_results.info))
        throw Error(ErrorCode::InvalidArgument, "resume",
                    "the results file is of another model (its config.json or weights differ)");
      if (resume->info.data != m_results.info.data ||
          runIdentity(resume->info.options) != runIdentity(m_results.info.options))
        throw Error(ErrorCode::InvalidArgument, "resume",
                    "the results file was written with other data or options; resume with the same ones");
      const auto* status = find(*resume, schema::kUnitStatus);
      if (!status || status->dim(0) != U)
        throw Error(ErrorCode::InvalidArgument, "resume", "the results file has another number of samples");
      const auto identity = m_results.info.options;
      m_results = *resume;
      m_results.info.options = identity;
    } else {
      put(m_results, schema::kUnitStatus) = nanArray({U}, {"unit"});
      put(m_results, schema::kUnitGoldPosition) = NdArray::zeros({U}, {"unit"});
      put(m_results, schema::kUnitSample) = NdArray::zeros({U}, {"unit"});
      put(m_results, schema::kUnitPromptTokens) = nanArray({U}, {"unit"});
      put(m_results, schema::kGoldPositions) = NdArray::zeros({G}, {"gold_position"});
      for (std::int64_t g = 0; g < G; ++g)
        put(m_results, schema::kGoldPositions).values[static_cast<std::size_t>(g)] =
            static_cast<float>(m_o.goldPositions[static_cast<std::size_t>(g)]);
      for (std::int64_t u = 0; u < U; ++u) {
        const auto& unit = m_built.units[static_cast<std::size_t>(u)];
        put(m_results, schema::kUnitGoldPosition).values[static_cast<std::size_t>(u)] =
            static_cast<float>(unit.goldPosition);
        put(m_results, schema::kUnitSample).values[static_cast<std::size_t>(u)] = static_cast<float>(unit.sample);
      }
      if (has(Analysis::Retrieval))
        put(m_results, schema::kRetrievalUnitScore) = nanArray({U, m_L, m_H}, {"unit", "layer", "head"});
      if (has(Analysis::Utility)) {
        put(m_results, schema::kUtilityUnitU) = nanArray({U, m_L, m_H, m_D}, {"unit", "layer", "head", "dim"});
        for (const auto& d : {schema::kUtilityUnitLoss, schema::kUtilityUnitReconstruction, schema::kUtilityUnitSteps})
          put(m_results, d) = nanArray({U, m_L, m_H}, {"unit", "layer", "head"});
        setAttribute(m_results, schema::kUtilityAlpha, "1/head_dim");
      }
    }
    setAttribute(m_results, schema::kUnitsTemplate, std::string(promptTemplateName(m_template)));
  }

  // Token-level analyses on the first units' prompts (the same in every shard); false if cancelled.
  bool tokenAnalyses() {
    std::vector<std::vector<std::int64_t>> sequences;
    for (std::int64_t u = 0; u < std::min<std::int64_t>(units(), m_o.tokenSamples); ++u) {
      auto ids = encodeQaPrompt(m_tokenizer, m_built.units[static_cast<std::size_t>(u)].qa, m_prompt).ids;
      if (static_cast<std::int64_t>(ids.size()) <= m_model.config().maxPositionEmbeddings)
        sequences.push_back(std::move(ids));
    }
    addTokenAnalyses(m_model, sequences, m_o.analyses, m_control, m_results);
    return !m_control.cancelled();
  }

  // The mask sets, resolved now where they can be; score-based ones may wait for this run's scores.
  void prepareSetups() {
    std::vector<QaSetup> asked;
    for (const auto& s : m_o.setups)
      if (s.name != "none") asked.push_back(s);
    if (m_o.ablateTopK > 0) {
      const auto* rho = find(m_results, schema::kPositionalRho);
      if (rho == nullptr)
        throw Error(ErrorCode::InvalidArgument, "ablate", "ablating positional heads needs the positional analysis");
      auto top = rankedHeads(*rho);
      top.resize(std::min<std::size_t>(top.size(), static_cast<std::size_t>(m_o.ablateTopK)));
      const std::set<std::pair<int, int>> exclude(top.begin(), top.end());
      const auto random = randomHeads(m_L, m_H, static_cast<int>(top.size()), m_o.seed, exclude);
      asked.push_back({"ablate_top" + std::to_string(top.size()), "ablate=" + headsText(top)});
      asked.push_back({"ablate_random" + std::to_string(random.size()), "ablate=" + headsText(random)});
    }
    m_setups.push_back({{"none", "none"}, MaskSpec{}, PreparedInterventions{}});
    for (const auto& s : asked) {
      if (!validGroupName(s.name))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'", "names a group: no '/', not empty");
      Setup setup{s, parseMaskSpec(s.mask), std::nullopt};
      const bool needsRetrieval = setup.spec.needsRetrievalScores();
      const bool needsUtility = setup.spec.needsUtilityScores();
      const bool ownScores = (needsRetrieval && !m_o.retrievalScores) || (needsUtility && !m_o.utilityScores);
      if (ownScores && m_o.shardCount > 1)
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by scores; a sharded run takes them from a finished run (--scores FILE)");
      if (needsRetrieval && !m_o.retrievalScores && !has(Analysis::Retrieval))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by retrieval score: add the retrieval analysis or give scores from a finished run");
      if (needsUtility && !m_o.utilityScores && !has(Analysis::Utility))
        throw Error(ErrorCode::InvalidArgument, "mask set '" + s.name + "'",
                    "selects by utility: add the utility analysis or give scores from a finished run");
      if (!ownScores)
        setup.interventions = m_model.prepare(
            resolveMaskSpec(setup.spec, {m_L, m_H, m_D, m_o.retrievalScores ? &*m_o.retrievalScores : nullptr,
                                         m_o.utilityScores ? &*m_o.utilityScores : nullptr}));
      m_setups.push_back(std::move(setup));
    }
    const auto U = units();
    for (const auto& s : m_setups) {
      if (!m_results.arrays.count(schema::qaPath(s.setup.name, schema::kQaCorrect))) {
        m_results.arrays[schema::qaPath(s.setup.name, schema::kQaCorrect)] = nanArray({U}, {"unit"});
        m_results.strings[schema::qaPath(s.setup.name, schema::kQaPrediction)] =
            StringArray{"unit", std::vector<std::string>(static_cast<std::size_t>(U))};
      }
      m_results.groupAttributes[schema::qaGroup(s.setup.name)][std::string(schema::kQaMaskAttribute)] = s.setup.mask;
    }
  }

  void resolveOwnScoreSetups() {
    summariseUnits(m_results);
    MaskContext context{m_L, m_H, m_D, nullptr, nullptr};
    context.retrievalScores = m_o.retrievalScores ? &*m_o.retrievalScores : find(m_results, schema::kRetrievalScore);
    context.utility = m_o.utilityScores ? &*m_o.utilityScores : find(m_results, schema::kUtilityU);
    for (auto& s : m_setups)
      if (!s.interventions) s.interventions = m_model.prepare(resolveMaskSpec(s.spec, context));
  }

  // Progress: units of this shard (unmasked pass) plus one per mask set and unit; what is done.
  void countWork() {
    const auto& status = put(m_results, schema::kUnitStatus);
    const auto masked = static_cast<std::int64_t>(m_setups.size() > 0 ? m_setups.size() - 1 : 0);
    for (std::int64_t u = 0; u < units(); ++u) {
      if (!mine(u)) continue;
      m_total += (analysed() ? 1 : 0) + masked;
      if (!std::isnan(status.values[static_cast<std::size_t>(u)])) m_done += analysed() ? 1 : 0;
      for (std::size_t s = 1; s < m_setups.size(); ++s)
        if (!std::isnan(qaCorrect(m_setups[s].setup.name)[static_cast<std::size_t>(u)])) ++m_done;
    }
  }

  void checkpoint(bool force) {
    if (!m_sink.checkpoint) return;
    const auto now = std::chrono::steady_clock::now();
    const bool byTime = std::chrono::duration<double>(now - m_lastCheckpoint).count() >= m_sink.checkpointSeconds;
    const bool byUnits = m_sink.checkpointUnits > 0 && m_unitsSinceCheckpoint >= m_sink.checkpointUnits;
    if (!force && !byTime && !byUnits) return;
    summariseUnits(m_results);
    m_sink.checkpoint(m_results);
    m_lastCheckpoint = now;
    m_unitsSinceCheckpoint = 0;
  }

  // One unit in one pass; false when cancelled.
  bool runUnit(std::int64_t u, int pass) {
    const auto su = static_cast<std::size_t>(u);
    const auto& unit = m_built.units[su];
    std::optional<QaTokens> tokens;
    const auto getTokens = [&]() -> const QaTokens& {
      if (!tokens) tokens = encodeQaPrompt(m_tokenizer, unit.qa, m_prompt);
      return *tokens;
    };
    auto& status = put(m_results, schema::kUnitStatus).values[su];
    try {
      if (pass == 1 && std::isnan(status)) {
        m_control.report(m_done, m_total, "samples");
        const auto& t = getTokens();
        put(m_results, schema::kUnitPromptTokens).values[su] = static_cast<float>(t.ids.size());
        if (static_cast<std::int64_t>(t.ids.size()) + m_o.maxNewTokens > m_model.config().maxPositionEmbeddings) {
          status = kUnitSkipped;
          return true;
        }
        if (analysed()) unmaskedAnswer(su, unit, t);
        status = kUnitDone;
      }
      if (status != kUnitDone) return true;
      for (std::size_t s = 1; s < m_setups.size(); ++s) {
        const auto& setup = m_setups[s];
        if (!setup.interventions || !std::isnan(qaCorrect(setup.setup.name)[su])) continue;  // pass 2, or done
        if (m_control.cancelled()) return false;
        m_control.report(m_done, m_total, setup.setup.name);
        auto decode = m_qaDecode;
        decode.interventions = *setup.interventions;
        writeQa(setup.setup.name, su, unit, greedyDecode(m_model, getTokens().ids, decode).ids);
        ++m_done;
      }
    } catch (const Error& e) {
      if (e.code() != ErrorCode::Cancelled) throw;
      return false;
    }
    return true;
  }

  // The unmasked answer, capturing from the question onwards what retrieval and utility need.
  void unmaskedAnswer(std::size_t su, const Unit& unit, const QaTokens& t) {
    auto decode = m_qaDecode;
    decode.captureFrom = t.question.begin;
    decode.captureSegmentMass = has(Analysis::Retrieval);
    decode.captureQueries = has(Analysis::Utility);
    decode.segments = {{t.context().begin, t.context().end}};
    const auto answer = greedyDecode(m_model, t.ids, decode);
    if (has(Analysis::Retrieval)) writeRetrieval(su, answer);
    if (has(Analysis::Utility)) writeUtility(su, answer);
    if (has(Analysis::Qa)) writeQa(schema::kQaNone, su, unit, answer.ids);
    ++m_done;
  }

  // Per layer and head, the attention mass on instruction + documents over the query positions.
  void writeRetrieval(std::size_t su, const DecodeResult& answer) {
    for (int l = 0; l < m_L; ++l) {
      const auto mass = answer.segmentMass[static_cast<std::size_t>(l)].select(2, 0);
      copyIntoArray(m_o.retrievalSum ? mass.sum(1) : mass.mean(1), put(m_results, schema::kRetrievalUnitScore),
                    headBase(su, l));
    }
  }

  void writeUtility(std::size_t su, const DecodeResult& answer) {
    for (int l = 0; l < m_L; ++l) {
      const auto lu = optimiseLayerUtility(answer.queries[static_cast<std::size_t>(l)], answer.cache.keys(l),
                                           answer.cache.values(l), answer.queryPositions, m_utility,
                                           m_model.traits().slidingWindow);
      const auto base = headBase(su, l);
      copyIntoArray(lu.u, put(m_results, schema::kUtilityUnitU), base * static_cast<std::size_t>(m_D));
      copyIntoArray(lu.finalLoss, put(m_results, schema::kUtilityUnitLoss), base);
      copyIntoArray(lu.reconstruction, put(m_results, schema::kUtilityUnitReconstruction), base);
      copyIntoArray(lu.headSteps.to(at::kFloat), put(m_results, schema::kUtilityUnitSteps), base);
      m_control.report(m_done, m_total, "utility, layer " + std::to_string(l + 1) + "/" + std::to_string(m_L));
    }
  }

  void writeQa(std::string_view setup, std::size_t su, const Unit& unit, const std::vector<std::int64_t>& ids) {
    const auto text = predictionText(m_tokenizer, ids);
    m_results.strings.at(schema::qaPath(setup, schema::kQaPrediction)).values[su] = text;
    qaCorrect(setup)[su] = bestSubspanExactMatch(text, unit.qa.answers) ? 1.f : 0.f;
  }

  std::vector<float>& qaCorrect(std::string_view setup) {
    return m_results.arrays.at(schema::qaPath(setup, schema::kQaCorrect)).values;
  }

  const Transformer& m_model;
  const Tokenizer& m_tokenizer;
  const AnalysisOptions& m_o;
  const RunControl& m_control;
  const AnalysisSink& m_sink;
  const int m_L, m_H, m_D;
  const PromptTemplate m_template;
  const QaPromptOptions m_prompt;
  const Units m_built;
  const DecodeOptions m_qaDecode;
  UtilityOptions m_utility;
  ResultsFile m_results;
  std::vector<Setup> m_setups;
  std::int64_t m_total = 0, m_done = 0;
  std::chrono::steady_clock::time_point m_lastCheckpoint = std::chrono::steady_clock::now();
  int m_unitsSinceCheckpoint = 0;
};

}  // namespace

QaSetup qaSetupOfMask(const std::string& mask) {
  const auto canonical = maskSpecText(parseMaskSpec(mask));
  return {canonical, canonical};
}

std::vector<QaSetup> paperMaskSetups(int headDim, bool utility) {
  std::vector<QaSetup> out;
  for (const char* side : {"first", "last"})
    for (int n : {headDim / 8, headDim / 4})
      out.push_back(qaSetupOfMask("heads=retrieval>0.5 dims=" + std::string(side) + std::to_string(n)));
  if (utility) out.push_back(qaSetupOfMask("dims=utility<0.5"));
  return out;
}

std::vector<int> defaultGoldPositions(const std::vector<QaSample>& data, int totalDocuments, bool everyPosition) {
  const bool oracle = std::all_of(data.begin(), data.end(), [](const auto& s) { return s.documents.size() == 1; });
  std::set<int> positions;
  if (oracle && everyPosition)
    for (int g = 0; g < totalDocuments; ++g) positions.insert(g);
  else if (oracle)
    positions = {0, (totalDocuments - 1) / 2, totalDocuments - 1};
  else
    for (const auto& s : data) positions.insert(s.goldIndex);
  return {positions.begin(), positions.end()};
}

std::set<Analysis> parseAnalysisList(const std::string& list) {
  std::set<Analysis> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == "all") {
      out.insert(kAnalyses.begin(), kAnalyses.end());
      continue;
    }
    const auto analysis = analysisFromName(item);
    if (!analysis) {
      std::string all;
      for (const auto a : kAnalyses) all += (all.empty() ? "" : ", ") + std::string(analysisName(a));
      throw Error(ErrorCode::InvalidArgument, "analyses",
                  "unknown analysis '" + item + "'; known: " + all + " (toy has its own command)");
    }
    out.insert(*analysis);
  }
  if (out.empty()) throw Error(ErrorCode::InvalidArgument, "analyses", "the list is empty");
  return out;
}

ResultsFile runAnalyses(const Transformer& model, const Tokenizer& tokenizer, const std::vector<QaSample>& data,
                        const AnalysisOptions& options, const RunControl& control, const AnalysisSink& sink,
                        const ResultsFile* resume) {
  if (options.shardCount < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount)
    throw Error(ErrorCode::InvalidArgument, "shard",
                "shard " + std::to_string(options.shardIndex) + "/" + std::to_string(options.shardCount) +
                    " does not exist (shards are 0/N .. N-1/N)");
  if (options.maxNewTokens < 1) throw Error(ErrorCode::InvalidArgument, "max new tokens", "must be at least 1");
  return AnalysisRun(model, tokenizer, data, options, control, sink).run(resume);
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
                             const std::set<Analysis>& analyses, const RunControl& control) {
  for (const auto a : analyses)
    if (a == Analysis::Retrieval || a == Analysis::Utility || a == Analysis::Qa)
      throw Error(ErrorCode::InvalidArgument, "analyses",
                  "'" + std::string(analysisName(a)) + "' needs QA data (--data), not raw ids");
  if (sequences.empty()) throw Error(ErrorCode::InvalidArgument, "ids", "no token sequence given");
  ResultsFile results;
  results.info = model.checkpoint().runInfo();
  results.info.data = "ids";
  nlohmann::json j = {{"analyses", sortedNames(analyses)}, {"sequences", sequences.size()}};
  results.info.options = j.dump();
  addTokenAnalyses(model, sequences, analyses, control, results);
  return results;
}

}  // namespace ropescope::engine
