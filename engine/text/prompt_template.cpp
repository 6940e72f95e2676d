// Chat prompt templates per model family.
#include "engine/text/prompt_template.h"

#include <array>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/io/architecture.h"

namespace ropescope::engine {

namespace {

constexpr std::array<std::pair<PromptTemplate, std::string_view>, 6> kNames{{
    {PromptTemplate::Plain, "plain"},
    {PromptTemplate::Llama3, "llama3"},
    {PromptTemplate::Qwen, "qwen"},
    {PromptTemplate::Olmo2, "olmo2"},
    {PromptTemplate::Mistral, "mistral"},
    {PromptTemplate::Gemma, "gemma"},
}};

bool hasChatTemplate(const ModelConfig& config) {
  const auto file = config.source.parent_path() / "tokenizer_config.json";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return false;
  const auto json = readJsonFile(file);
  return json.is_object() && json.contains("chat_template") && !json["chat_template"].is_null();
}

}  // namespace

std::string renderPrompt(PromptTemplate tmpl, const ChatPrompt& p) {
  const bool sys = !p.system.empty();
  switch (tmpl) {
    case PromptTemplate::Plain:
      return sys ? p.system + "\n\n" + p.user : p.user;
    case PromptTemplate::Llama3:
      return "<|begin_of_text|>" +
             (sys ? "<|start_header_id|>system<|end_header_id|>\n\n" + p.system + "<|eot_id|>" : std::string()) +
             "<|start_header_id|>user<|end_header_id|>\n\n" + p.user +
             "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    case PromptTemplate::Qwen:
      return (sys ? "<|im_start|>system\n" + p.system + "<|im_end|>\n" : std::string()) + "<|im_start|>user\n" +
             p.user + "<|im_end|>\n<|im_start|>assistant\n";
    case PromptTemplate::Olmo2:
      return "<|endoftext|>" + (sys ? "<|system|>\n" + p.system + "\n" : std::string()) + "<|user|>\n" + p.user +
             "\n<|assistant|>\n";
    case PromptTemplate::Mistral:
      return "<s>[INST] " + (sys ? p.system + "\n\n" : std::string()) + p.user + " [/INST]";
    case PromptTemplate::Gemma:
      return "<bos><start_of_turn>user\n" + (sys ? p.system + "\n\n" : std::string()) + p.user +
             "<end_of_turn>\n<start_of_turn>model\n";
  }
  return p.user;
}

std::vector<std::int64_t> encodePrompt(const Tokenizer& tokenizer, PromptTemplate tmpl, const ChatPrompt& prompt) {
  return tokenizer.encode(renderPrompt(tmpl, prompt), tmpl == PromptTemplate::Plain);
}

PromptTemplate promptTemplateFor(const ModelConfig& config, const Tokenizer& tokenizer) {
  if (!hasChatTemplate(config)) return PromptTemplate::Plain;
  const auto has = [&](const char* token) { return tokenizer.tokenId(token).has_value(); };
  switch (architectureTraits(config).family) {
    case ModelFamily::Llama:
      return has("<|start_header_id|>") ? PromptTemplate::Llama3 : PromptTemplate::Mistral;
    case ModelFamily::Qwen2:
      return has("<|im_start|>") ? PromptTemplate::Qwen : PromptTemplate::Plain;
    case ModelFamily::Olmo2:
      return has("<|user|>") ? PromptTemplate::Olmo2 : PromptTemplate::Plain;
    case ModelFamily::Mistral:
      return PromptTemplate::Mistral;
    case ModelFamily::Gemma:
      return has("<start_of_turn>") ? PromptTemplate::Gemma : PromptTemplate::Plain;
  }
  return PromptTemplate::Plain;
}

std::string_view promptTemplateName(PromptTemplate tmpl) {
  for (const auto& [t, name] : kNames)
    if (t == tmpl) return name;
  return "plain";
}

PromptTemplate parsePromptTemplate(std::string_view name) {
  std::string all;
  for (const auto& [t, n] : kNames) {
    if (n == name) return t;
    all += (all.empty() ? "" : ", ") + std::string(n);
  }
  throw Error(ErrorCode::InvalidArgument, "template",
              "unknown prompt template '" + std::string(name) + "'; known: " + all);
}

}  // namespace ropescope::engine
