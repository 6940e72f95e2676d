// Rank and linear statistics for the analyses: Spearman's rho, Pearson's r, least-squares lines.
#pragma once

#include <vector>

namespace ropescope::engine {

// 1-based ranks of `x`, tied values sharing the mean of the ranks they span (e.g. {10, 20, 20,
// 30} -> {1, 2.5, 2.5, 4}). NaN values are not allowed (Error InvalidArgument).
std::vector<double> averageRanks(const std::vector<double>& x);

// Pearson's r. NaN when fewer than two values or when either side is constant. Sizes must
// match (Error InvalidArgument otherwise).
double pearsonR(const std::vector<double>& x, const std::vector<double>& y);

// Spearman's rho: Pearson's r of the average ranks (ties get their mean rank, as in
// scipy.stats.spearmanr). NaN when fewer than two values or when either side is constant.
double spearmanRho(const std::vector<double>& x, const std::vector<double>& y);

struct LineFit {
  double slope = 0.0;
  double intercept = 0.0;
};

// Ordinary least squares y = slope * x + intercept. Both NaN when fewer than two points or
// when x is constant. Sizes must match (Error InvalidArgument otherwise).
LineFit fitLine(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace ropescope::engine
