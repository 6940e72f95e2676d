// Chat prompt templates per model family (paper 1, appendix B, and the families' own formats).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/io/model_config.h"
#include "engine/text/tokenizer.h"

namespace ropescope::engine {

enum class PromptTemplate { Plain, Llama3, Qwen, Olmo2, Mistral, Gemma };

struct ChatPrompt {
  std::string system;  // may be empty
  std::string user;
};

// The text to tokenize (special tokens written out, matched by the tokenizer in raw text; the
// chat templates include the BOS token themselves, so encode them without adding specials).
// Plain: the system text and the user text separated by a blank line.
std::string renderPrompt(PromptTemplate tmpl, const ChatPrompt& prompt);

// Ids of `prompt` under `tmpl`: chat templates encode as rendered, Plain adds the
// tokenizer's special tokens (e.g. BOS).
std::vector<std::int64_t> encodePrompt(const Tokenizer& tokenizer, PromptTemplate tmpl, const ChatPrompt& prompt);

// The template a model was tuned with: its family's chat format when the folder's
// tokenizer_config.json has a chat_template and the tokenizer knows the format's special
// tokens; Plain otherwise (base models).
PromptTemplate promptTemplateFor(const ModelConfig& config, const Tokenizer& tokenizer);

std::string_view promptTemplateName(PromptTemplate tmpl);
// "plain", "llama3", "qwen", "olmo2", "mistral", "gemma"; Error(InvalidArgument) listing them otherwise.
PromptTemplate parsePromptTemplate(std::string_view name);

}  // namespace ropescope::engine
