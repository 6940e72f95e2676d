// Per-unit datasets of an analysis run: summaries and shard merging.
#include "engine/io/run_units.h"

#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/core/statistics.h"
#include "engine/io/results_io.h"

namespace ropescope::engine {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool isUnitArray(const NdArray& a) { return !a.axes.empty() && a.axes[0] == "unit"; }

// Mean over the units that are done (and not NaN there) of a [unit, ...] array.
NdArray meanOverUnits(const NdArray& a, const std::vector<bool>& done) {
  NdArray out;
  out.shape.assign(a.shape.begin() + 1, a.shape.end());
  out.axes.assign(a.axes.begin() + 1, a.axes.end());
  const auto inner = static_cast<std::size_t>(out.numel());
  std::vector<double> sum(inner, 0.0);
  std::vector<std::int64_t> count(inner, 0);
  for (std::size_t u = 0; u < done.size(); ++u) {
    if (!done[u]) continue;
    const float* row = a.values.data() + u * inner;
    for (std::size_t i = 0; i < inner; ++i)
      if (!std::isnan(row[i])) {
        sum[i] += row[i];
        ++count[i];
      }
  }
  out.values.resize(inner);
  for (std::size_t i = 0; i < inner; ++i)
    out.values[i] = count[i] ? static_cast<float>(sum[i] / static_cast<double>(count[i])) : kNaN;
  return out;
}

}  // namespace

std::vector<bool> finishedUnits(const ResultsFile& results) {
  const auto* status = find(results, schema::kUnitStatus);
  std::vector<bool> out;
  if (!status) return out;
  for (float s : status->values) out.push_back(!std::isnan(s));
  return out;
}

void summariseUnits(ResultsFile& results) {
  const auto* status = find(results, schema::kUnitStatus);
  const auto* gold = find(results, schema::kUnitGoldPosition);
  const auto* positions = find(results, schema::kGoldPositions);
  if (!status || !gold || !positions) return;
  std::vector<bool> done;
  std::int64_t doneCount = 0, skipped = 0;
  for (float s : status->values) {
    done.push_back(s == kUnitDone);
    doneCount += s == kUnitDone;
    skipped += s == kUnitSkipped;
  }
  setAttribute(results, schema::kUnitsDone, std::to_string(doneCount));
  setAttribute(results, schema::kUnitsSkipped, std::to_string(skipped));
  setAttribute(results, schema::kUnitsTotal, std::to_string(done.size()));

  const std::pair<Dataset, Dataset> means[] = {{schema::kRetrievalUnitScore, schema::kRetrievalScore},
                                               {schema::kUtilityUnitU, schema::kUtilityU},
                                               {schema::kUtilityUnitLoss, schema::kUtilityFinalLoss},
                                               {schema::kUtilityUnitReconstruction, schema::kUtilityReconstruction},
                                               {schema::kUtilityUnitSteps, schema::kUtilitySteps}};
  for (const auto& [from, to] : means)
    if (const auto* a = find(results, from)) put(results, to) = meanOverUnits(*a, done);

  // Figure 3 of paper 1: retrieval score against the mean utility of each head's first and last
  // head_dim/8 dims (16 of 128), with Pearson's r and a least-squares line over the heads.
  if (const auto* score = find(results, schema::kRetrievalScore), *u = find(results, schema::kUtilityU); score && u) {
    const auto L = u->dim(0), H = u->dim(1), D = u->dim(2), n = std::max<std::int64_t>(1, D / 8);
    struct Side {
      std::int64_t from;
      Dataset mean;
      GroupAttribute dims, pearson, fit;
    };
    for (const auto& side :
         {Side{0, schema::kRetrievalUtilityFirst, schema::kUtilityFirstDims, schema::kPearsonFirst, schema::kFitFirst},
          Side{D - n, schema::kRetrievalUtilityLast, schema::kUtilityLastDims, schema::kPearsonLast,
               schema::kFitLast}}) {
      const auto from = side.from;
      auto mean = NdArray::zeros({L, H}, {"layer", "head"});
      std::vector<double> x, y;
      for (std::int64_t l = 0; l < L; ++l)
        for (std::int64_t h = 0; h < H; ++h) {
          double sum = 0;
          for (std::int64_t d = from; d < from + n; ++d) sum += u->at({l, h, d});
          mean.at({l, h}) = static_cast<float>(sum / static_cast<double>(n));
          if (std::isnan(mean.at({l, h})) || std::isnan(score->at({l, h}))) continue;
          x.push_back(score->at({l, h}));
          y.push_back(mean.at({l, h}));
        }
      const auto fit = fitLine(x, y);
      setAttribute(results, side.dims, std::to_string(n));
      setAttribute(results, side.pearson, std::to_string(pearsonR(x, y)));
      setAttribute(results, side.fit, std::to_string(fit.slope) + " " + std::to_string(fit.intercept));
      put(results, side.mean) = std::move(mean);
    }
  }

  for (const auto& setup : qaSetups(results, schema::kQaCorrect)) {
    const auto& correct = results.arrays.at(schema::qaPath(setup, schema::kQaCorrect));
    auto accuracy = NdArray::zeros({positions->dim(0)}, {"gold_position"});
    auto answered = NdArray::zeros({positions->dim(0)}, {"gold_position"});
    for (std::int64_t g = 0; g < positions->dim(0); ++g) {
      double sum = 0;
      std::int64_t n = 0;
      for (std::size_t u = 0; u < done.size(); ++u)
        if (done[u] && gold->values[u] == positions->values[static_cast<std::size_t>(g)] &&
            !std::isnan(correct.values[u])) {
          sum += correct.values[u];
          ++n;
        }
      accuracy.values[static_cast<std::size_t>(g)] = n ? static_cast<float>(sum / static_cast<double>(n)) : kNaN;
      answered.values[static_cast<std::size_t>(g)] = static_cast<float>(n);
    }
    results.arrays[schema::qaPath(setup, schema::kQaAccuracy)] = std::move(accuracy);
    results.arrays[schema::qaPath(setup, schema::kQaAnswered)] = std::move(answered);
  }
}

std::string runIdentity(const std::string& optionsJson) {
  if (optionsJson.empty()) return {};
  nlohmann::json j;
  try {
    j = parseJsonText(optionsJson, "options");
  } catch (const Error&) {
    return optionsJson;
  }
  if (j.is_object())
    for (const char* key : {"shard", "resume", "output", "threads", "device"}) j.erase(key);
  return j.dump();
}

ResultsFile mergeShards(const std::vector<ResultsFile>& shards, const std::vector<std::string>& names) {
  if (shards.empty()) throw Error(ErrorCode::InvalidArgument, "merge", "no shards given");
  ResultsFile out = shards.front();
  const auto identity = runIdentity(out.info.options);
  const auto statusPath = std::string(schema::kUnitStatus.path);
  if (!find(out, schema::kUnitStatus))
    throw Error(ErrorCode::InvalidArgument, names.front(), "holds no per-sample analyses (no /units/status)");
  for (std::size_t i = 0; i < shards.size(); ++i) checkUnitDatasets(shards[i], names.at(i));
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const auto& s = shards[i];
    const auto& name = names.at(i);
    if (!sameModel(s.info, out.info))
      throw Error(ErrorCode::InvalidArgument, name,
                  "is of another model than " + names.front() + " (its config.json or weights differ)");
    if (s.info.data != out.info.data)
      throw Error(ErrorCode::InvalidArgument, name,
                  "used other data (" + s.info.data + ") than " + names.front() + " (" + out.info.data + ")");
    if (runIdentity(s.info.options) != identity)
      throw Error(ErrorCode::InvalidArgument, name, "was run with other options than " + names.front());
    const auto* status = find(s, schema::kUnitStatus);
    if (!status || status->shape != out.arrays.at(statusPath).shape)
      throw Error(ErrorCode::InvalidArgument, name, "has another number of units than " + names.front());
    std::vector<std::size_t> units;
    for (std::size_t u = 0; u < status->values.size(); ++u) {
      if (std::isnan(status->values[u])) continue;
      if (!std::isnan(out.arrays.at(statusPath).values[u]))
        throw Error(ErrorCode::InvalidArgument, name,
                    "ran unit " + std::to_string(u) + " that an earlier shard also ran (shards overlap)");
      units.push_back(u);
    }
    for (const auto& [path, a] : s.arrays) {
      if (!isUnitArray(a)) {
        if (!out.arrays.count(path)) out.arrays[path] = a;
        continue;
      }
      auto it = out.arrays.find(path);
      if (it == out.arrays.end()) {
        auto blank = a;
        std::fill(blank.values.begin(), blank.values.end(), kNaN);
        it = out.arrays.emplace(path, std::move(blank)).first;
      }
      if (it->second.shape != a.shape)
        throw Error(ErrorCode::InvalidArgument, name, "has " + path + " of another shape than " + names.front());
      const auto inner = static_cast<std::size_t>(a.numel() / a.shape[0]);
      for (auto u : units)
        std::copy_n(a.values.begin() + static_cast<std::ptrdiff_t>(u * inner), inner,
                    it->second.values.begin() + static_cast<std::ptrdiff_t>(u * inner));
    }
    for (const auto& [path, a] : s.strings) {
      auto it = out.strings.find(path);
      if (it == out.strings.end())
        it = out.strings.emplace(path, StringArray{a.axis, std::vector<std::string>(a.values.size())}).first;
      if (a.axis != "unit") continue;
      if (it->second.values.size() != a.values.size())
        throw Error(ErrorCode::InvalidArgument, name, "has " + path + " of another length than " + names.front());
      for (auto u : units) it->second.values[u] = a.values[u];
    }
    for (const auto& [group, attributes] : s.groupAttributes)
      for (const auto& [key, value] : attributes) out.groupAttributes[group].emplace(key, value);
  }
  nlohmann::json options;
  try {
    options = parseJsonText(identity.empty() ? "{}" : identity, "options");
  } catch (const Error&) {
  }
  if (options.is_object()) {
    options["merged_from"] = shards.size();
    out.info.options = options.dump();
  }
  summariseUnits(out);
  return out;
}

}  // namespace ropescope::engine
