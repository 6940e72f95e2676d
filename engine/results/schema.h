// The results file's schema, in one place for the engine, the CLI, the worker and the widgets: the
// analyses and their names, every dataset path with its rank, the group attributes, and typed
// access to a ResultsFile (docs/results-format.md describes each dataset).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/results/results_file.h"

namespace ropescope::engine {

// The analyses of a run, in the order they are listed and run.
enum class Analysis { Norms, Retrieval, Utility, Qa, Bands, Positional, Angles };
inline constexpr std::array<Analysis, 7> kAnalyses = {Analysis::Norms, Analysis::Retrieval, Analysis::Utility,
                                                      Analysis::Qa,    Analysis::Bands,     Analysis::Positional,
                                                      Analysis::Angles};

// "norms", "retrieval", "utility", "qa", "bands", "positional", "angles".
constexpr std::string_view analysisName(Analysis a) {
  switch (a) {
    case Analysis::Norms:
      return "norms";
    case Analysis::Retrieval:
      return "retrieval";
    case Analysis::Utility:
      return "utility";
    case Analysis::Qa:
      return "qa";
    case Analysis::Bands:
      return "bands";
    case Analysis::Positional:
      return "positional";
    case Analysis::Angles:
      return "angles";
  }
  return "";
}

constexpr std::optional<Analysis> analysisFromName(std::string_view name) {
  for (auto a : kAnalyses)
    if (analysisName(a) == name) return a;
  return std::nullopt;
}

// A float dataset: its absolute path and rank.
struct Dataset {
  std::string_view path;
  std::size_t rank;
};

// A string attribute of a group.
struct GroupAttribute {
  std::string_view group;
  std::string_view name;
};

namespace schema {

// Groups.
inline constexpr std::string_view kWeights = "/weights";
inline constexpr std::string_view kUnits = "/units";
inline constexpr std::string_view kRetrieval = "/retrieval";
inline constexpr std::string_view kUtility = "/utility";
inline constexpr std::string_view kQa = "/qa";
inline constexpr std::string_view kBands = "/bands";
inline constexpr std::string_view kPositional = "/positional";
inline constexpr std::string_view kAngles = "/angles";
inline constexpr std::string_view kToy = "/toy";

// The units of an analysis run (gold position, sample), and their summaries.
inline constexpr Dataset kUnitStatus{"/units/status", 1};               // [unit] 0 done, 1 skipped, NaN not run
inline constexpr Dataset kUnitGoldPosition{"/units/gold_position", 1};  // [unit]
inline constexpr Dataset kUnitSample{"/units/sample", 1};               // [unit] index into the data
inline constexpr Dataset kUnitPromptTokens{"/units/prompt_tokens", 1};  // [unit]
inline constexpr Dataset kGoldPositions{"/units/gold_positions", 1};    // [gold_position]
inline constexpr GroupAttribute kUnitsDone{kUnits, "done"};
inline constexpr GroupAttribute kUnitsSkipped{kUnits, "skipped"};
inline constexpr GroupAttribute kUnitsTotal{kUnits, "total"};
inline constexpr GroupAttribute kUnitsTemplate{kUnits, "template"};

// Retrieval heads (paper 1, section 5.3) and utility (Eq. 4).
inline constexpr Dataset kRetrievalUnitScore{"/retrieval/unit_score", 3};        // [unit, layer, head]
inline constexpr Dataset kRetrievalScore{"/retrieval/score", 2};                 // [layer, head]
inline constexpr Dataset kRetrievalUtilityFirst{"/retrieval/utility_first", 2};  // [layer, head]
inline constexpr Dataset kRetrievalUtilityLast{"/retrieval/utility_last", 2};    // [layer, head]
// Paper 1's Fig. 3 per side (first / last head_dim/8 dims): how many dims, Pearson's r of retrieval
// score against their mean utility, and the least-squares line ("slope intercept").
inline constexpr GroupAttribute kUtilityFirstDims{kRetrieval, "utility_first_dims"};
inline constexpr GroupAttribute kUtilityLastDims{kRetrieval, "utility_last_dims"};
inline constexpr GroupAttribute kPearsonFirst{kRetrieval, "pearson_first"};
inline constexpr GroupAttribute kPearsonLast{kRetrieval, "pearson_last"};
inline constexpr GroupAttribute kFitFirst{kRetrieval, "fit_first"};
inline constexpr GroupAttribute kFitLast{kRetrieval, "fit_last"};
inline constexpr Dataset kUtilityUnitU{"/utility/unit_u", 4};  // [unit, layer, head, dim]
inline constexpr Dataset kUtilityUnitLoss{"/utility/unit_loss", 3};
inline constexpr Dataset kUtilityUnitReconstruction{"/utility/unit_reconstruction", 3};
inline constexpr Dataset kUtilityUnitSteps{"/utility/unit_steps", 3};
inline constexpr Dataset kUtilityU{"/utility/u", 3};  // [layer, head, dim]
inline constexpr Dataset kUtilityFinalLoss{"/utility/final_loss", 2};
inline constexpr Dataset kUtilityReconstruction{"/utility/reconstruction", 2};
inline constexpr Dataset kUtilitySteps{"/utility/steps", 2};
inline constexpr GroupAttribute kUtilityAlpha{kUtility, "alpha"};

// Frequency bands (Barbero et al.), positional heads (Hong et al.), RoPE angles.
inline constexpr Dataset kBandsQNorm{"/bands/q_norm", 3};  // [layer, head, pair]
inline constexpr Dataset kBandsKNorm{"/bands/k_norm", 3};  // [layer, kv_head, pair]
inline constexpr GroupAttribute kBandsTokens{kBands, "tokens"};
inline constexpr Dataset kPositionalRho{"/positional/rho", 2};  // [layer, head]
inline constexpr Dataset kPositionalDominantHist{"/positional/dominant_hist", 3};
inline constexpr Dataset kPositionalMeanContribution{"/positional/mean_contribution", 3};
inline constexpr Dataset kPositionalMeanDominantByDistance{"/positional/mean_dominant_by_distance", 3};
inline constexpr Dataset kPositionalDistanceBinEdges{"/positional/distance_bin_edges", 1};
inline constexpr Dataset kPositionalRanking{"/positional/ranking", 2};
inline constexpr Dataset kPositionalCounts{"/positional/counts", 1};
inline constexpr Dataset kAnglesTheta{"/angles/theta", 1};  // [pair]
inline constexpr Dataset kAnglesWavelength{"/angles/wavelength", 1};
inline constexpr Dataset kAnglesMaxAngle{"/angles/max_angle", 1};
inline constexpr Dataset kAnglesTurns{"/angles/turns", 1};
inline constexpr Dataset kAnglesWraps{"/angles/wraps", 1};
inline constexpr GroupAttribute kAnglesContext{kAngles, "context"};

// A forward run (ropescope-cli forward).
inline constexpr Dataset kLogits{"/logits", 2};         // [token, vocab]
inline constexpr Dataset kInputIds{"/input_ids", 1};    // [token]
inline constexpr Dataset kAttnProbs{"/attn_probs", 4};  // [layer, head, query, key]

// QA under each mask set ("none" = the unmasked model): /qa/<setup>/<leaf>.
inline constexpr std::string_view kQaNone = "none";
inline constexpr std::string_view kQaCorrect = "correct";        // [unit] 1 right, 0 wrong, NaN not run
inline constexpr std::string_view kQaPrediction = "prediction";  // [unit] strings
inline constexpr std::string_view kQaAccuracy = "accuracy";      // [gold_position]
inline constexpr std::string_view kQaAnswered = "answered";      // [gold_position]
inline constexpr std::string_view kQaMaskAttribute = "mask";     // the setup's mask syntax
inline std::string qaGroup(std::string_view setup) { return std::string(kQa) + "/" + std::string(setup); }
inline std::string qaPath(std::string_view setup, std::string_view leaf) {
  return qaGroup(setup) + "/" + std::string(leaf);
}

// The toy experiment (paper 1, section 4): /toy/<run>/<leaf> per run ("rope", "nope").
inline constexpr std::string_view kToyQAbsMean = "q_abs_mean";  // [dim]
inline constexpr std::string_view kToyKAbsMean = "k_abs_mean";  // [dim]
inline constexpr std::string_view kToyLossRemoveFirst = "loss_remove_first";
inline constexpr std::string_view kToyLossRemoveLast = "loss_remove_last";
inline constexpr std::string_view kToyTrainLoss = "train_loss";  // [epoch]
inline constexpr std::string_view kToyEvalLoss = "eval_loss";    // [epoch]
inline constexpr std::string_view kToyQ = "q";                   // [pair, dim] learned tuples
inline constexpr std::string_view kToyK = "k";
inline constexpr std::string_view kToyV = "v";
inline constexpr std::string_view kToyOptionsAttribute = "options";  // the run's options as JSON
inline std::string toyGroup(std::string_view run) { return std::string(kToy) + "/" + std::string(run); }
inline std::string toyPath(std::string_view run, std::string_view leaf) {
  return toyGroup(run) + "/" + std::string(leaf);
}

// The setup of a /qa/<setup>/<leaf> path, or nullopt for any other path.
inline std::optional<std::string> qaSetupOf(std::string_view path, std::string_view leaf) {
  const auto prefix = std::string(kQa) + "/";
  const auto suffix = "/" + std::string(leaf);
  if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix))
    return std::nullopt;
  const auto setup = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  if (setup.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(setup);
}

}  // namespace schema

// The QA setups of `results` that hold /qa/<setup>/<leaf>, "none" first, then by name.
inline std::vector<std::string> qaSetups(const ResultsFile& results, std::string_view leaf) {
  std::vector<std::string> out;
  for (const auto& [path, array] : results.arrays)
    if (auto setup = schema::qaSetupOf(path, leaf))
      out.insert(*setup == schema::kQaNone ? out.begin() : out.end(), std::move(*setup));
  return out;
}

// Typed access. find: the dataset when the file holds it with the schema's rank, else null.
inline const NdArray* find(const ResultsFile& results, const Dataset& d) {
  const auto it = results.arrays.find(std::string(d.path));
  return it != results.arrays.end() && it->second.shape.size() == d.rank ? &it->second : nullptr;
}
inline bool holds(const ResultsFile& results, const Dataset& d) { return find(results, d) != nullptr; }
// The dataset to write (created empty when absent).
inline NdArray& put(ResultsFile& results, const Dataset& d) { return results.arrays[std::string(d.path)]; }
// An attribute's text, or nullopt.
inline std::optional<std::string> attribute(const ResultsFile& results, const GroupAttribute& a) {
  const auto g = results.groupAttributes.find(std::string(a.group));
  if (g == results.groupAttributes.end()) return std::nullopt;
  const auto v = g->second.find(std::string(a.name));
  if (v == g->second.end()) return std::nullopt;
  return v->second;
}
inline void setAttribute(ResultsFile& results, const GroupAttribute& a, std::string value) {
  results.groupAttributes[std::string(a.group)][std::string(a.name)] = std::move(value);
}

}  // namespace ropescope::engine
