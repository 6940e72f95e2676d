// One decoder for every supported family (Llama, Mistral, Qwen2, OLMo-2, Gemma), configured by
// ArchitectureTraits, with opt-in captures at typed hook points, prepared interventions and a KV
// cache (greedy decoding on top of it: engine/model/greedy_decode.h).
#pragma once

#include <ATen/core/Tensor.h>

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/io/architecture.h"
#include "engine/io/checkpoint.h"
#include "engine/masks/interventions.h"

namespace ropescope::engine {

// Where a value can be captured. Shapes (S = tokens of this call, T = cached + S):
enum class Site {
  Embed,        // [S, hidden], after Gemma's sqrt(hidden) scaling (layer is -1)
  QPreRope,     // [heads, S, head_dim] query entering RoPE (after bias / OLMo-2 q_norm), storage order
  KPreRope,     // [kv_heads, S, head_dim]
  QRope,        // [heads, S, head_dim] query after RoPE
  KRope,        // [kv_heads, S, head_dim]
  V,            // [kv_heads, S, head_dim]
  AttnProbs,    // [heads, S, T] softmax probabilities (row = query, column = key)
  SegmentMass,  // [heads, S, segments] attention of each query onto each ForwardOptions::segments range
  HeadOut,      // [heads, S, head_dim] each head's attention output before o_proj
  AttnOut,      // [S, hidden] attention block output (after o_proj; OLMo-2: before its post-norm)
  MlpOut,       // [S, hidden] MLP output (OLMo-2: before its post-norm)
  LayerOut,     // [S, hidden] residual stream after the layer
  FinalNorm,    // [S, hidden] output of the final norm (layer is -1)
};

struct HookId {
  int layer = -1;
  Site site = Site::Embed;
  auto operator<=>(const HookId&) const = default;
};

// Interventions checked against one model and laid out as its forward applies them: per-layer
// query masks as device tensors in storage order, ablated heads per layer, p-RoPE's inverse
// frequencies. Made once per run by Transformer::prepare; an intervention that changes nothing
// (all-ones masks, p = 1) prepares to empty(), so it runs the very arithmetic of no intervention.
class PreparedInterventions {
 public:
  bool empty() const { return m_queryMasks.empty() && m_ablatedHeads.empty() && !m_invFreq.defined(); }
  // How many (layer, head) pairs the interventions change: every head under p-RoPE that stops a
  // pair, else the ablated heads and those whose query mask is not all ones.
  int changedHeads() const { return m_changedHeads; }

 private:
  friend class Transformer;
  int m_changedHeads = 0;
  std::vector<at::Tensor> m_queryMasks;                   // per layer [H, 1, D] or undefined; empty: none
  std::vector<std::vector<std::int64_t>> m_ablatedHeads;  // per layer; empty: none
  at::Tensor m_invFreq;                                   // p-RoPE's [D / 2], undefined: the model's
};

struct ForwardOptions {
  std::set<HookId> capture;       // values to keep; nothing is kept unless asked for
  bool allLogits = true;          // false: logits of the last position only
  std::int64_t queryChunk = 512;  // attention is computed this many queries at a time
  // Key ranges [begin, end) in absolute positions for Site::SegmentMass captures.
  std::vector<std::pair<std::int64_t, std::int64_t>> segments;
  PreparedInterventions interventions;  // Transformer::prepare; default: none
};

struct ForwardResult {
  at::Tensor logits;                      // [S, vocab] float32 (or [1, vocab])
  std::map<HookId, at::Tensor> captured;  // what ForwardOptions::capture asked for
};

// Keys (after RoPE) and values of the tokens seen so far, per layer.
class KvCache {
 public:
  std::int64_t length() const { return m_length; }
  int layers() const { return static_cast<int>(m_keys.size()); }
  // Post-RoPE keys and the values of the tokens so far, [kv_heads, length, head_dim] views (the
  // cache's storage: copy before the next forward call if they must outlive it).
  at::Tensor keys(int layer) const;
  at::Tensor values(int layer) const;
  void clear();

 private:
  friend class Transformer;
  std::vector<at::Tensor> m_keys;    // per layer [kv_heads, capacity, head_dim]; the first m_length are valid
  std::vector<at::Tensor> m_values;  // likewise
  std::int64_t m_length = 0;
};

struct LoadOptions {
  // Compute dtype: float32 (default), bfloat16, or float16 (CUDA only: LibTorch's CPU kernels
  // lack half-precision matmul). Norms, RoPE tables and softmax run in float32 as in
  // transformers; logits come back as float32.
  at::ScalarType dtype = at::kFloat;
  std::string device = "cpu";  // "cpu", "cuda", "cuda:1", ... (CUDA needs a CUDA LibTorch)
};

// Parses "float32" / "bfloat16" / "float16" (also "f32", "bf16", "f16"); Error otherwise.
at::ScalarType parseComputeDType(const std::string& name);
// Parses "cpu", "cuda", "cuda:N": Error(InvalidArgument) for anything else, Error(Unsupported)
// for CUDA without a CUDA LibTorch.
at::Device parseDevice(const std::string& name);

class Transformer {
 public:
  // Loads and checks every weight strictly: a missing, unexpected or wrong-shape tensor is an
  // Error naming it. Weights whose disk dtype is the compute dtype stay zero-copy over the
  // mapped checkpoint on CPU (a BF16 checkpoint computed in bfloat16 adds no second copy).
  static std::unique_ptr<Transformer> load(std::shared_ptr<const Checkpoint> checkpoint,
                                           const LoadOptions& options = {});
  // A model over weights held in memory, by their Hugging Face names, checked like load() checks
  // a checkpoint's. The tensors are used as given (no copy, no cast): leaf tensors that require
  // gradients make a trainable model (forwardBatch records the graph; the optimiser updates
  // them in place). `origin` names the model in errors.
  static std::unique_ptr<Transformer> fromWeights(ModelConfig config,
                                                  const std::vector<std::pair<std::string, at::Tensor>>& weights,
                                                  std::string origin);
  ~Transformer();

  // Every weight `config` needs, by Hugging Face name and shape, in checkpoint order: what load()
  // reads and fromWeights() takes (Error(Config) for a config no decoder fits).
  static std::vector<std::pair<std::string, std::vector<std::int64_t>>> weightShapes(const ModelConfig& config);
  // What load() checks, without reading any weight: every tensor weightShapes() names is there
  // with its shape and dtype, and nothing else is (Error naming the file and tensor otherwise).
  static void checkCheckpoint(const Checkpoint& checkpoint);

  const ModelConfig& config() const { return m_config; }
  const ArchitectureTraits& traits() const { return m_traits; }
  // The checkpoint load() read; Error(InvalidArgument) for a model made by fromWeights.
  const Checkpoint& checkpoint() const;
  // Every weight by its Hugging Face name, in checkpoint order (tied embeddings once): the
  // model's own tensors, for an optimiser or a checkpoint writer.
  const std::vector<std::pair<std::string, at::Tensor>>& namedWeights() const { return m_named; }
  // [head_dim / 2] float32 inverse frequencies after any rope_scaling; entry j rotates storage
  // dims j and j + head_dim / 2.
  const at::Tensor& inverseFrequencies() const { return m_invFreq; }
  at::ScalarType dtype() const { return m_embed.scalar_type(); }
  at::Device device() const { return m_embed.device(); }

  // Checks `interventions` against this model (Error(InvalidArgument) naming a head or mask that
  // does not fit) and lays them out for forward().
  PreparedInterventions prepare(const Interventions& interventions) const;

  // Runs `ids` (continuing `cache` when given, which is then extended). Ids out of the
  // vocabulary and sequences past max_position_embeddings are Errors (InvalidArgument).
  ForwardResult forward(const std::vector<std::int64_t>& ids, const ForwardOptions& options = {},
                        KvCache* cache = nullptr) const;

  // The same layers over a batch, for training: ids [batch, tokens] int64 (right-padded: causal
  // attention keeps the padding out of every real position) -> float32 logits [batch, k, vocab]
  // at `rows` ([batch, k] token positions), or at every position when `rows` is undefined.
  // Records gradients unless disabled; no captures, interventions or cache.
  at::Tensor forwardBatch(const at::Tensor& ids, const at::Tensor& rows = {}) const;

 private:
  struct Layer;
  struct Rope;
  using TakeWeight = std::function<at::Tensor(const std::string& name, const std::vector<std::int64_t>& shape)>;
  Transformer() = default;
  void assemble(const TakeWeight& take, at::Device device);
  void checkTokens(std::int64_t tokens, std::int64_t past) const;
  Rope ropeTables(std::int64_t past, std::int64_t total, const PreparedInterventions& interventions) const;
  // x [batch, tokens, hidden] through every layer; captures (batch 1 only) into `result`.
  at::Tensor layers(at::Tensor x, const Rope& rope, const ForwardOptions& options, KvCache* cache,
                    ForwardResult& result) const;
  at::Tensor attention(int layer, const at::Tensor& x, const Rope& rope, const ForwardOptions& options, KvCache* cache,
                       ForwardResult& result) const;
  at::Tensor mlp(int layer, const at::Tensor& x, ForwardResult& result, const ForwardOptions& options) const;

  std::shared_ptr<const Checkpoint> m_checkpoint;  // null for fromWeights
  ModelConfig m_config;
  std::string m_origin;  // the folder, or fromWeights' origin: for errors
  ArchitectureTraits m_traits;
  std::vector<std::pair<std::string, at::Tensor>> m_named;
  at::Tensor m_embed;      // [vocab, hidden]
  at::Tensor m_finalNorm;  // [hidden]
  at::Tensor m_lmHead;     // [vocab, hidden]
  at::Tensor m_invFreq;    // [head_dim / 2]
  std::vector<Layer> m_layers;
};

// Inverse frequencies of `config` exactly as transformers computes them (float32), with
// llama3 or linear rope_scaling applied; all zero (no rotation) for a NoPE config.
at::Tensor ropeInverseFrequencies(const ModelConfig& config);

}  // namespace ropescope::engine
