// Prefill and decode speed of a random ~110M-parameter Llama-shaped model on CPU, each beside the
// time of just its matrix products (same shapes, same run): the ratio is the distance from the
// limit. Also the peak memory of loading a BF16 checkpoint and of a 4k-token forward.
#include <ATen/ATen.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "bench_support.h"
#include "engine/io/safetensors.h"
#include "engine/model/runtime.h"
#include "engine/model/transformer.h"

namespace {

using namespace ropescope;
using bench::Shape;
using bench::writeRandomLlama;
namespace fs = std::filesystem;

// The matrix products of one forward over `S` new tokens with `T` keys in total, alone.
struct MatmulOnly {
  explicit MatmulOnly(const Shape& s) : s(s) {
    const std::int64_t kv = std::int64_t{s.kvHeads} * s.headDim();
    wq = at::randn({s.hidden, s.hidden});
    wk = at::randn({kv, s.hidden});
    wv = at::randn({kv, s.hidden});
    wo = at::randn({s.hidden, s.hidden});
    wg = at::randn({s.intermediate, s.hidden});
    wu = at::randn({s.intermediate, s.hidden});
    wd = at::randn({s.hidden, s.intermediate});
    head = at::randn({s.vocab, s.hidden});
  }
  void run(std::int64_t S, std::int64_t T) const {
    const auto x = at::randn({S, s.hidden});
    const auto q = at::randn({s.heads, S, s.headDim()});
    const auto k = at::randn({s.heads, s.headDim(), T});
    const auto v = at::randn({s.heads, T, s.headDim()});
    const auto mid = at::randn({S, s.intermediate});
    for (int l = 0; l < s.layers; ++l) {
      at::linear(x, wq);
      at::linear(x, wk);
      at::linear(x, wv);
      const auto scores = at::matmul(q, k);
      at::matmul(scores, v);
      at::linear(x, wo);
      at::linear(x, wg);
      at::linear(x, wu);
      at::linear(mid, wd);
    }
    at::linear(x.narrow(0, S - 1, 1), head);
  }
  Shape s;
  at::Tensor wq, wk, wv, wo, wg, wu, wd, head;
};

void report(const char* what, std::int64_t tokens, double seconds, double matmulSeconds) {
  std::printf("%-28s %9.1f tok/s  %8.3f s   matmuls alone %8.3f s   ratio %5.2fx\n", what,
              static_cast<double>(tokens) / seconds, seconds, matmulSeconds, seconds / matmulSeconds);
}

// Runs this program again as `bench_transformer --child ARGS...` and returns the number it prints.
std::int64_t runChild(const std::vector<std::string>& args) {
  std::string command = "/proc/" + std::to_string(::getpid()) + "/exe --child";
  for (const auto& a : args) command += " '" + a + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  long long value = -1;
  if (pipe == nullptr || std::fscanf(pipe, "%lld", &value) != 1) value = -1;
  if (pipe) ::pclose(pipe);
  return value;
}

// The child side: loads (and runs) a model, prints its peak RSS growth in bytes.
int childMain(const std::vector<std::string>& args) {
  engine::configureThreads();
  const auto before = bench::residentBytes();
  const auto ckpt = std::make_shared<engine::Checkpoint>(engine::Checkpoint::open(args.at(1)));
  engine::LoadOptions options;
  engine::ForwardOptions lastOnly;
  lastOnly.allLogits = false;
  if (args.at(0) == "load") {
    options.dtype = engine::parseComputeDType(args.at(2));
    const auto model = engine::Transformer::load(ckpt, options);
    model->forward({1, 2, 3}, lastOnly);  // touches every weight
  } else {
    const auto model = engine::Transformer::load(ckpt, options);
    model->forward(std::vector<std::int64_t>(std::stoul(args.at(2)), 5), lastOnly);
  }
  std::printf("%lld\n", static_cast<long long>(bench::peakResidentBytes() - before));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ropescope::engine::useFastBlasKernels();
  if (argc > 1 && std::string(argv[1]) == "--child") return childMain(std::vector<std::string>(argv + 2, argv + argc));
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int threads = engine::configureThreads();
  const Shape shape;
  bench::TempDir dir;
  writeRandomLlama(dir.path() / "f32", shape, engine::DType::F32);
  writeRandomLlama(dir.path() / "bf16", shape, engine::DType::BF16);
  const auto model =
      engine::Transformer::load(std::make_shared<engine::Checkpoint>(engine::Checkpoint::open(dir.path() / "f32")));
  const MatmulOnly matmuls(shape);
  std::printf("random Llama: %d layers, hidden %d, %d heads, intermediate %d, vocab %d; %d threads, float32\n",
              shape.layers, shape.hidden, shape.heads, shape.intermediate, shape.vocab, threads);

  engine::ForwardOptions lastOnly;
  lastOnly.allLogits = false;
  for (std::int64_t S : {512, 2048}) {
    std::vector<std::int64_t> ids(static_cast<size_t>(S));
    for (std::int64_t i = 0; i < S; ++i) ids[static_cast<size_t>(i)] = (i * 7919) % shape.vocab;
    const double prefill = bench::medianSeconds([&] { model->forward(ids, lastOnly); }, 3);
    const double prefillMatmul = bench::medianSeconds([&] { matmuls.run(S, S); }, 3);
    report(("prefill " + std::to_string(S)).c_str(), S, prefill, prefillMatmul);

    constexpr int kSteps = 32;
    std::vector<double> decodeTimes;
    for (int repeat = 0; repeat < 3; ++repeat) {
      engine::KvCache cache;
      model->forward(ids, lastOnly, &cache);  // prefill, not timed
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < kSteps; ++i) model->forward({static_cast<std::int64_t>(i)}, lastOnly, &cache);
      decodeTimes.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(decodeTimes.begin(), decodeTimes.end());
    const double decode = decodeTimes[1];
    const double decodeMatmul = bench::medianSeconds(
        [&] {
          for (int i = 0; i < kSteps; ++i) matmuls.run(1, S + i + 1);
        },
        3);
    report(("decode after " + std::to_string(S)).c_str(), kSteps, decode, decodeMatmul);
  }

  // Memory is measured in fresh processes (a forked child of a process that has run OpenMP
  // work can hang), each reporting its peak RSS growth over its own start.
  const auto bf16File = fs::file_size(dir.path() / "bf16" / "model.safetensors");
  for (const char* dtype : {"bfloat16", "float32"}) {
    const auto growth = runChild({"load", (dir.path() / "bf16").string(), dtype});
    std::printf("load BF16 checkpoint (%.0f MB), compute %-8s  peak RSS growth %6.0f MB  = %.2fx the file\n",
                static_cast<double>(bf16File) / 1e6, dtype, static_cast<double>(growth) / 1e6,
                static_cast<double>(growth) / static_cast<double>(bf16File));
  }
  const std::int64_t longS = 4096;
  const auto weights = fs::file_size(dir.path() / "f32" / "model.safetensors");
  const auto growth = runChild({"forward", (dir.path() / "f32").string(), std::to_string(longS)});
  const double fullAttention = static_cast<double>(shape.heads) * longS * longS * 4;
  std::printf(
      "forward of %lld tokens: peak RSS growth %.0f MB beyond the %.0f MB of weights "
      "(one layer's full attention alone would be %.0f MB)\n",
      static_cast<long long>(longS), static_cast<double>(growth - static_cast<std::int64_t>(weights)) / 1e6,
      static_cast<double>(weights) / 1e6, fullAttention / 1e6);
  return 0;
}
