// Prompt templates: rendered text, the special-token ids they encode to, and the automatic choice.
#include <gtest/gtest.h>

#include "engine/text/prompt_template.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

const ChatPrompt kPrompt{"Answer briefly.", "Who wrote Hamlet?"};

TEST(PromptTemplate, Llama3HeadersAreSpecialTokens) {
  EXPECT_EQ(renderPrompt(PromptTemplate::Llama3, kPrompt),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nAnswer briefly.<|eot_id|>"
            "<|start_header_id|>user<|end_header_id|>\n\nWho wrote Hamlet?<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n");
  const auto ids = encodePrompt(test::fixtureTokenizer("llama3"), PromptTemplate::Llama3, kPrompt);
  ASSERT_GE(ids.size(), 4u);
  EXPECT_EQ(ids[0], 128000);  // <|begin_of_text|>, once
  EXPECT_EQ(ids[1], 128006);  // <|start_header_id|>
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 128000), 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 128009), 2);  // <|eot_id|>
  EXPECT_EQ(test::fixtureTokenizer("llama3").decode(ids), renderPrompt(PromptTemplate::Llama3, kPrompt));
}

TEST(PromptTemplate, QwenImStartAndPlainAddsBos) {
  const auto qwen = encodePrompt(test::fixtureTokenizer("qwen2_5"), PromptTemplate::Qwen, kPrompt);
  EXPECT_EQ(qwen.front(), 151644);  // <|im_start|>
  EXPECT_EQ(std::count(qwen.begin(), qwen.end(), 151644), 3);
  const auto plain = encodePrompt(test::fixtureTokenizer("mistral"), PromptTemplate::Plain, {"", "Hello"});
  EXPECT_EQ(plain, test::fixtureTokenizer("mistral").encode("Hello", true));
  EXPECT_EQ(plain.front(), 1);  // <s>
  const auto inst = encodePrompt(test::fixtureTokenizer("mistral"), PromptTemplate::Mistral, kPrompt);
  EXPECT_EQ(inst.front(), 1);
  EXPECT_EQ(std::count(inst.begin(), inst.end(), 1), 1);
}

TEST(PromptTemplate, OlmoAndGemmaFormats) {
  EXPECT_EQ(renderPrompt(PromptTemplate::Olmo2, {"", "Hi"}), "<|endoftext|><|user|>\nHi\n<|assistant|>\n");
  EXPECT_EQ(renderPrompt(PromptTemplate::Gemma, {"", "Hi"}),
            "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n");
}

TEST(PromptTemplate, ChosenFromTheModelFolder) {
  test::ScratchDir dir;
  std::filesystem::copy_file(test::tinyModel("llama") / "config.json", dir / "config.json");
  const auto config = ModelConfig::load(dir.path());
  EXPECT_EQ(promptTemplateFor(config, test::fixtureTokenizer("llama3")),
            PromptTemplate::Plain);  // no chat_template: base model
  test::writeBytes(dir / "tokenizer_config.json", R"({"chat_template": "{{ messages }}"})");
  EXPECT_EQ(promptTemplateFor(config, test::fixtureTokenizer("llama3")), PromptTemplate::Llama3);
  EXPECT_EQ(promptTemplateFor(config, test::fixtureTokenizer("mistral")), PromptTemplate::Mistral);  // Llama-2 style
}

TEST(PromptTemplate, NamesRoundTripAndUnknownIsRefused) {
  for (auto t : {PromptTemplate::Plain, PromptTemplate::Llama3, PromptTemplate::Qwen, PromptTemplate::Olmo2,
                 PromptTemplate::Mistral, PromptTemplate::Gemma})
    EXPECT_EQ(parsePromptTemplate(promptTemplateName(t)), t);
  EXPECT_TRUE(test::throwsError([] { parsePromptTemplate("chatml"); }, ErrorCode::InvalidArgument,
                                {"'chatml'", "llama3", "gemma"}));
}

}  // namespace
}  // namespace ropescope::engine
