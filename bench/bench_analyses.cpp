// Retrieval scores and band norms over 2,048 tokens of a random ~110M-parameter Llama, each
// beside a plain forward of the same tokens in the same run (the ratio is what the analysis adds),
// and the peak memory of the process.
#include <ATen/ATen.h>

#include <ATen/Parallel.h>

#include <cstdio>

#include "bench_support.h"
#include "engine/analysis/analysis_run.h"
#include "engine/analysis/band_norms.h"
#include "engine/model/runtime.h"
#include "engine/model/transformer.h"

int main() {
  using namespace ropescope;
  engine::useFastBlasKernels();
  engine::configureThreads(0);
  at::manual_seed(0);
  const bench::TempDir dir;
  const bench::Shape shape;
  bench::writeRandomLlama(dir.path(), shape, engine::DType::F32);
  const auto model =
      engine::Transformer::load(std::make_shared<engine::Checkpoint>(engine::Checkpoint::open(dir.path())));
  const std::int64_t S = 2048;
  std::vector<std::int64_t> ids(static_cast<std::size_t>(S));
  for (std::int64_t i = 0; i < S; ++i) ids[static_cast<std::size_t>(i)] = (i * 7919 + 13) % shape.vocab;
  const auto rssAfterLoad = bench::residentBytes();

  engine::ForwardOptions plain;
  plain.allLogits = false;
  const double forward = bench::medianSeconds([&] { model->forward(ids, plain); }, 3);
  // Retrieval as the QA run computes it: context = tokens 1..1899, queries = the last 148 tokens.
  const double retrieval = bench::medianSeconds([&] { engine::retrievalScores(*model, ids, {1, 1900}, 1900); }, 3);
  const double bands = bench::medianSeconds([&] { engine::computeBandNorms(*model, {ids}); }, 3);
  const auto peak = bench::peakResidentBytes();

  std::printf("2,048 tokens, random Llama (%d layers, hidden %d, %d heads), %d threads\n", shape.layers, shape.hidden,
              shape.heads, at::get_num_threads());
  std::printf("%-34s %8.3f s\n", "plain forward (baseline)", forward);
  std::printf("%-34s %8.3f s   ratio %5.2fx\n", "retrieval scores (segment mass)", retrieval, retrieval / forward);
  std::printf("%-34s %8.3f s   ratio %5.2fx\n", "band norms", bands, bands / forward);
  std::printf("peak RSS %.0f MB (%.0f MB after loading the model; weights %.0f MB)\n", peak / 1e6, rssAfterLoad / 1e6,
              shape.layers * (4.0 * shape.hidden * shape.hidden + 3.0 * shape.hidden * shape.intermediate) * 4 / 1e6 +
                  shape.vocab * shape.hidden * 4 / 1e6);
  return 0;
}
