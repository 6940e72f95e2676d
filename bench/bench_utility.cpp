// Utility scores (Eq. 4) of all heads of one layer of a ~100M Llama-shaped model (12 heads x 64
// dims) over 2048 keys and 32 query positions, beside the plain attention forward of the same
// shapes measured in the same run: the ratio per step says what autograd and Adam cost on top.
#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "bench_support.h"
#include "engine/analysis/utility.h"
#include "engine/model/runtime.h"

namespace {

using namespace ropescope;

// Causal attention of the P queries over their visible keys, no gradients: one step's forward.
void plainAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& bias) {
  at::NoGradGuard noGrad;
  const auto scores = at::baddbmm(bias, q, k.transpose(1, 2), 1.0, 1.0 / 8.0);
  at::bmm(at::softmax(scores, -1), v);
}

double seconds(const std::function<void()>& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  engine::useFastBlasKernels();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int threads = engine::configureThreads();
  const std::int64_t H = 12, D = 64, T = 2048, P = 32;
  at::manual_seed(0);
  // Scores with a standard deviation of 4 (q.k / 8 of two N(0, 4) vectors): attention that is
  // peaked enough for the query dims to matter, as in trained heads.
  const auto q = at::randn({H, P, D}) * 2.0;
  const auto k = at::randn({H, T, D}) * 2.0;
  const auto v = at::randn({H, T, D});
  std::vector<std::int64_t> positions;
  for (std::int64_t i = T - P; i < T; ++i) positions.push_back(i);
  auto bias = at::zeros({1, P, T});
  for (std::int64_t i = 0; i < P; ++i) bias[0][i].narrow(0, T - P + i + 1, P - i - 1).fill_(-INFINITY);
  std::printf("one layer: %lld heads x %lld dims, %lld keys, %lld query positions; %d threads, float32\n",
              static_cast<long long>(H), static_cast<long long>(D), static_cast<long long>(T),
              static_cast<long long>(P), threads);

  const double forward = bench::medianSeconds([&] { plainAttention(q, k, v, bias); }, 20);
  const auto rssBefore = bench::residentBytes();

  const engine::UtilityOptions defaults;
  engine::LayerUtility r;
  const double total = seconds([&] { r = engine::optimiseLayerUtility(q, k, v, positions, defaults); });
  const auto peakGrowth = bench::peakResidentBytes() - rssBefore;
  const auto converged = r.converged.sum().item<std::int64_t>();
  std::printf(
      "defaults (steps %d, lr %g, tolerance %g over %d steps): %.3f s, steps per head %lld..%lld, %lld/%lld "
      "heads converged\n",
      defaults.steps, defaults.learningRate, defaults.tolerance, defaults.window, total,
      static_cast<long long>(r.headSteps.min().item<std::int64_t>()), static_cast<long long>(r.steps),
      static_cast<long long>(converged), static_cast<long long>(H));
  std::printf("  final loss %.4f..%.4f (start %.4f), reconstruction %.4f..%.4f, mean u %.3f\n",
              r.finalLoss.min().item<double>(), r.finalLoss.max().item<double>(), r.initialLoss[0].item<double>(),
              r.reconstruction.min().item<double>(), r.reconstruction.max().item<double>(), r.u.mean().item<double>());
  const double perStep = total / (r.steps + 1);
  std::printf("  per step %.2f ms   plain attention forward %.2f ms   ratio %.2fx   (total vs %d forwards: %.2fx)\n",
              perStep * 1e3, forward * 1e3, perStep / forward, r.steps + 1, total / ((r.steps + 1) * forward));
  const double inputs = static_cast<double>(q.nbytes() + k.nbytes() + v.nbytes());
  const double scores = static_cast<double>(H * P * T * 4);
  std::printf("  peak RSS growth %.1f MB (inputs %.1f MB, one [heads, P, T] score tensor %.1f MB)\n",
              static_cast<double>(peakGrowth) / 1e6, inputs / 1e6, scores / 1e6);
  return 0;
}
