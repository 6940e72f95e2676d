// The name and summary of every ropescope-cli command, for --help and the command lists.
#include "app/cli/cli_commands.h"

namespace ropescope::app {

const std::vector<CommandSummary>& commandSummaries() {
  static const std::vector<CommandSummary> summaries{
      {"norms", "L1 norms of every query/key projection row per layer, head and dimension"},
      {"info", "architecture, sizes, RoPE settings and each pair's frequency and wavelength"},
      {"forward", "run token ids through the model; write /logits [tokens, vocab] (and /attn_probs) to HDF5"},
      {"bands", "mean 2-norm of each RoPE frequency pair of queries and keys per layer and head (Barbero et al.)"},
      {"tokenize",
       "token ids of a text, or of each {\"id\",\"text\"} line of a JSONL file (printed as {\"id\",\"ids\"})"},
      {"generate",
       "greedy decoding with a KV cache; prints the new token ids (and their text when a tokenizer is there)"},
      {"analyze",
       "run the papers' analyses (norms, retrieval, utility, qa, bands, positional, angles) into one results file"},
      {"qa", "answer QA samples greedily and score them by gold position, unmasked and under --mask sets"},
      {"merge", "combine the shard files of one run (ropescope-cli merge --output ALL.h5 SHARD.h5 ...)"},
      {"toy",
       "the controlled experiment of Chiang & Yogatama (2025, section 4): which dims an attention head learns to use "
       "with and without RoPE"},
      {"make-demo-data",
       "synthetic 20-document QA (lost-in-the-middle JSONL): made-up entities, one document answers the question"},
      {"train-demo",
       "train a small Llama-architecture model with or without RoPE on the synthetic QA and save it as a model folder"},
  };
  return summaries;
}

std::string summaryOf(std::string_view name) {
  for (const auto& c : commandSummaries())
    if (c.name == name) return std::string(c.summary);
  return {};
}

}  // namespace ropescope::app
