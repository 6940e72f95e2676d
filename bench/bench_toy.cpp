// Training speed of the RoPE toy experiment (n = 1000 tuples, 128 dims, 128 keys per sample, 2048
// positions, batch 64) with and without RoPE, beside the time of just the matrix products of the
// same batches' forward and backward passes (same run): the ratio is the distance from the limit.
// Also the time of the final removal curves and the peak RSS.
#include <ATen/ATen.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_support.h"
#include "engine/analysis/toy_experiment.h"
#include "engine/model/runtime.h"

namespace {

using namespace ropescope;
using Clock = std::chrono::steady_clock;

long peakRssMiB() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // ru_maxrss is in KiB on Linux
}

// The nine matrix products of one batch: forward q.K, p.V, a.V_all^T and the two gradients of each.
struct MatmulOnly {
  explicit MatmulOnly(const engine::ToyOptions& o)
      : q(at::randn({o.batchSize, o.dims, 1})),
        k(at::randn({o.batchSize, o.subset, o.dims})),
        v(at::randn({o.batchSize, o.subset, o.dims})),
        p(at::randn({o.batchSize, 1, o.subset})),
        a(at::randn({o.batchSize, o.dims})),
        all(at::randn({o.pairs, o.dims})),
        gLogits(at::randn({o.batchSize, o.pairs})),
        gScores(at::randn({o.batchSize, o.subset, 1})),
        gA(at::randn({o.batchSize, 1, o.dims})) {}
  void run() const {
    k.bmm(q);                        // scores [B, S, 1]
    p.bmm(v);                        // a [B, 1, D]
    a.mm(all.t());                   // logits [B, n]
    gLogits.mm(all);                 // d a
    gLogits.t().mm(a);               // d v (all)
    gA.bmm(v.transpose(1, 2));       // d p
    p.transpose(1, 2).bmm(gA);       // d V
    gScores.bmm(q.transpose(1, 2));  // d K
    k.transpose(1, 2).bmm(gScores);  // d q
  }
  at::Tensor q, k, v, p, a, all, gLogits, gScores, gA;
};

}  // namespace

int main(int argc, char** argv) {
  engine::useFastBlasKernels();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int threads = engine::configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);  // bench_toy [THREADS]
  engine::ToyOptions o;
  o.epochs = 4;
  o.samplesPerEpoch = 1280;  // 20 batches of 64
  o.evalSamples = 256;
  const auto batches = (o.samplesPerEpoch + o.batchSize - 1) / o.batchSize;
  std::printf(
      "toy experiment: n %d, dims %d, subset %d, positions %d, batch %d; %d samples per epoch, %d held-out; "
      "%d threads\n",
      o.pairs, o.dims, o.subset, o.maxPosition, o.batchSize, o.samplesPerEpoch, o.evalSamples, threads);

  // Every batch allocates and frees tensors of a few MB; useFastBlasKernels keeps those in the
  // heap unless MALLOC_TRIM_THRESHOLD_ / MALLOC_MMAP_THRESHOLD_ are set (set both to 131072 to
  // measure glibc's defaults).
  const char* trim = std::getenv("MALLOC_TRIM_THRESHOLD_");
  const char* mmapThreshold = std::getenv("MALLOC_MMAP_THRESHOLD_");
  if (trim == nullptr && mmapThreshold == nullptr)
    std::printf("glibc malloc: RoPEScope's thresholds (mmap 64 MiB, trim 256 MiB)\n");
  else
    std::printf("glibc malloc: trim threshold %s, mmap threshold %s (from the environment)\n", trim ? trim : "default",
                mmapThreshold ? mmapThreshold : "default");
  const MatmulOnly matmuls(o);
  const double matmulEpoch = bench::medianSeconds(
      [&] {
        for (int b = 0; b < batches; ++b) matmuls.run();
      },
      5);

  for (const bool rope : {true, false}) {
    o.rope = rope;
    // Epoch times from the progress reports: epochs 2..N (the first one warms up).
    Clock::time_point afterFirst, afterLast;
    engine::RunControl control;
    control.progress = [&](std::int64_t done, std::int64_t, std::string_view) {
      if (done == 1) afterFirst = Clock::now();
      if (done == o.epochs) afterLast = Clock::now();
    };
    const auto start = Clock::now();
    const auto r = engine::runToyExperiment(o, control);
    const auto end = Clock::now();
    const double total = std::chrono::duration<double>(end - start).count();
    const double epoch = std::chrono::duration<double>(afterLast - afterFirst).count() / (o.epochs - 1);
    const double curves = std::chrono::duration<double>(end - afterLast).count();
    std::printf("%-6s epoch %7.3f s (%6.2f epochs/s, %7.0f samples/s)   matmuls alone %7.3f s   ratio %5.1fx\n",
                rope ? "RoPE" : "no PE", epoch, 1.0 / epoch, o.samplesPerEpoch / epoch, matmulEpoch,
                epoch / matmulEpoch);
    std::printf("       removal curves (2 x 129 settings, %d samples) %.2f s; whole run %.2f s; final loss %.3f\n",
                o.evalSamples, curves, total, r.trainLoss.values.back());
    std::printf("       the paper's 100 epochs of 10000 samples would take about %.0f s\n",
                100 * epoch * 10000.0 / o.samplesPerEpoch);
  }
  std::printf("peak RSS %ld MiB\n", peakRssMiB());
  return 0;
}
