// The controlled experiment of Chiang & Yogatama (2025, section 4): one attention head learns n
// tuples (q_i, k_i, v_i) so that q_i retrieves v_i from random key-value subsets spread over a long
// context, trained with and without RoPE; then which dimensions of the learned q, k matter.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/run_control.h"
#include "engine/results/nd_array.h"
#include "engine/results/results_file.h"

namespace ropescope::engine {

// Defaults are the paper's (appendix A). Dimensions are in frequency order: pair i = dims 2i, 2i+1,
// rotated by theta_i = ropeBase^(-2i/dims), pair 0 the highest frequency (Llama's RoPE).
struct ToyOptions {
  int pairs = 1000;               // n learned tuples (q_i, k_i, v_i)
  int dims = 128;                 // head dimension (even)
  int subset = 128;               // key-value pairs in one sample
  int maxPosition = 2048;         // positions 0 .. maxPosition-1; the query sits at maxPosition-1,
                                  // the keys at distinct random positions before it
  double ropeBase = 10000.0;      // RoPE theta base
  bool rope = true;               // rotate q and k by their positions (false: no position information)
  int epochs = 100;               // > 0
  int samplesPerEpoch = 10000;    // fresh random samples each epoch
  int batchSize = 64;             // the last batch of an epoch may be smaller
  double learningRate = 1e-3;     // Adam (beta 0.9, 0.999, eps 1e-8, no weight decay)
  int evalSamples = 1024;         // held-out samples for the evaluation losses
  std::uint64_t seed = 0;         // initial parameters and training samples
  std::uint64_t evalSeed = 2025;  // the held-out samples (the same for every training seed)
};

// Samples as plain vectors (row-major).
struct ToySamples {
  std::int64_t count = 0;
  std::int64_t subset = 0;
  std::int64_t queryPosition = 0;
  std::vector<std::int64_t> keys;       // [count, subset] tuple index of each key-value pair
  std::vector<std::int64_t> positions;  // [count, subset] position of each key
  std::vector<std::int64_t> target;     // [count] slot (0 .. subset-1) whose tuple is queried
};

struct ToyResult {
  ToyOptions options;
  int epochsDone = 0;  // fewer than options.epochs when cancelled
  bool complete() const { return epochsDone == options.epochs; }

  NdArray trainLoss;  // [epoch] mean Eq. 3 loss over each finished epoch's training samples
  NdArray evalLoss;   // [epoch] Eq. 3 loss on the held-out samples after each finished epoch
  NdArray qAbsMean;   // [dim] mean |q_i[d]| over the n tuples (Fig. 1a)
  NdArray kAbsMean;   // [dim] mean |k_i[d]|
  // [removed] held-out loss with dims 0 .. r-1 left out of every q . k, r = 0 .. dims (Fig. 1b): the
  // rotated q and k zeroed there (for whole pairs the same as zeroing the learned q and k).
  NdArray lossRemoveFirst;
  NdArray lossRemoveLast;  // [removed] the same with dims dims-r .. dims-1 left out
  NdArray q, k, v;         // [item, dim] the learned tuples
  ToySamples evalSet;      // the held-out samples the losses are computed on
};

// Throws Error(InvalidArgument) naming the bad option.
void validateToyOptions(const ToyOptions& options);

// Trains with Adam on batches of fresh random samples, reporting progress per epoch (units =
// epochs) and checking `control`'s cancel token between epochs: a cancelled run keeps the
// finished epochs, and its q/k statistics and removal curves come from the parameters reached.
// Deterministic for a given seed and thread count (different thread counts may change the last
// bits of the sums).
// With `onEpoch`, after each epoch it is given the result as it stands (what the run would return
// if stopped there: statistics and removal curves of the parameters reached, no evalSet).
ToyResult runToyExperiment(const ToyOptions& options, const RunControl& control = {},
                           const std::function<void(const ToyResult&)>& onEpoch = {});

// Replaces /toy/<run> (its arrays and attributes) in `file` with the run's arrays (schema::kToy*);
// the options and epochs done go into the group's `options` attribute as JSON.
void putToyRun(ResultsFile& file, const std::string& run, const ToyResult& result);

}  // namespace ropescope::engine
