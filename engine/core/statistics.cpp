// Rank and linear statistics (two-pass sums in double precision).
#include "engine/core/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkSizes(const std::vector<double>& x, const std::vector<double>& y, const char* what) {
  if (x.size() != y.size())
    throw Error(ErrorCode::InvalidArgument, what,
                "the two samples differ in size (" + std::to_string(x.size()) + " and " + std::to_string(y.size()) +
                    " values)");
}

double mean(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

}  // namespace

std::vector<double> averageRanks(const std::vector<double>& x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (double v : x)
    if (std::isnan(v)) throw Error(ErrorCode::InvalidArgument, "ranks", "a value is NaN");
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> ranks(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && x[order[j]] == x[order[i]]) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their mean is (i + 1 + j) / 2.
    const double rank = static_cast<double>(i + 1 + j) / 2.0;
    for (std::size_t t = i; t < j; ++t) ranks[order[t]] = rank;
    i = j;
  }
  return ranks;
}

double pearsonR(const std::vector<double>& x, const std::vector<double>& y) {
  checkSizes(x, y, "Pearson's r");
  if (x.size() < 2) return kNaN;
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx == 0.0 || syy == 0.0) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double spearmanRho(const std::vector<double>& x, const std::vector<double>& y) {
  checkSizes(x, y, "Spearman's rho");
  if (x.size() < 2) return kNaN;
  return pearsonR(averageRanks(x), averageRanks(y));
}

LineFit fitLine(const std::vector<double>& x, const std::vector<double>& y) {
  checkSizes(x, y, "least-squares line");
  if (x.size() < 2) return {kNaN, kNaN};
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  if (sxx == 0.0) return {kNaN, kNaN};
  const double slope = sxy / sxx;
  return {slope, my - slope * mx};
}

}  // namespace ropescope::engine
