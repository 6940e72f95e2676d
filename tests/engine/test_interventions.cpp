// Interventions (query-dimension masks, head ablation, p-RoPE) and attention mass onto segments,
// each checked against a computation from the captured tensors.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include "engine/dims.h"
#include "engine/transformer.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

std::shared_ptr<Transformer> tinyLlama() {
  static std::shared_ptr<Transformer> model =
      Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(test::tinyModel("llama"))));
  return model;
}

const std::vector<std::int64_t> kIds{1, 139, 253, 99, 131, 30, 39, 193, 186, 44, 130, 196, 63, 230, 77, 69};

ForwardOptions capturing(HookId hook) {
  ForwardOptions options;
  options.capture.insert(hook);
  return options;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

// Causal attention probabilities [heads, S, S] computed directly from q and k after RoPE.
at::Tensor attentionFrom(const at::Tensor& qRope, const at::Tensor& kRope, int group) {
  const auto k = kRope.repeat_interleave(group, 0);
  auto scores = at::matmul(qRope, k.transpose(1, 2)) / std::sqrt(static_cast<double>(qRope.size(-1)));
  const auto S = qRope.size(1);
  const auto future = at::ones({S, S}, at::kBool).triu(1);
  return at::softmax(scores.masked_fill(future, -INFINITY), -1);
}

TEST(Interventions, AllOnesMaskChangesNothing) {
  const auto model = tinyLlama();
  ForwardOptions options;
  options.interventions.queryDimMasks[{1, 2}] = std::vector<float>(16, 1.0f);
  EXPECT_EQ(maxAbsDiff(model->forward(kIds).logits, model->forward(kIds, options).logits), 0.0);
}

TEST(Interventions, QueryDimMaskIsAppliedInFrequencyOrderAfterRope) {
  const auto model = tinyLlama();
  // Mask frequency dims 0..3 (pairs 0 and 1 = storage dims 0, 1, 8, 9) of head 3 in layer 0.
  std::vector<float> mask(16, 1.0f);
  for (int f = 0; f < 4; ++f) mask[static_cast<size_t>(f)] = 0.0f;
  ForwardOptions options;
  options.interventions.queryDimMasks[{0, 3}] = mask;
  options.capture = {{0, Site::QRope}, {0, Site::KRope}, {0, Site::AttnProbs}};
  const auto out = model->forward(kIds, options);
  auto q = out.captured.at({0, Site::QRope}).clone();  // captured before the mask
  for (int s : {0, 1, 8, 9}) q[3].select(1, s).zero_();
  const auto expected = attentionFrom(q, out.captured.at({0, Site::KRope}), 2);
  EXPECT_LT(maxAbsDiff(out.captured.at({0, Site::AttnProbs}), expected), 1e-6);
  // Other heads are untouched, head 3 changed.
  const auto plain = model->forward(kIds, capturing({0, Site::AttnProbs})).captured.at({0, Site::AttnProbs});
  EXPECT_LT(maxAbsDiff(out.captured.at({0, Site::AttnProbs})[0], plain[0]), 1e-7);
  EXPECT_GT(maxAbsDiff(out.captured.at({0, Site::AttnProbs})[3], plain[3]), 1e-3);
}

TEST(Interventions, ZeroMaskMakesAttentionUniform) {
  const auto model = tinyLlama();
  ForwardOptions options;
  options.interventions.queryDimMasks[{1, 0}] = std::vector<float>(16, 0.0f);
  options.capture = {{1, Site::AttnProbs}};
  const auto probs = model->forward(kIds, options).captured.at({1, Site::AttnProbs})[0];
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j <= i; ++j) EXPECT_NEAR(probs[i][j].item<double>(), 1.0 / (i + 1), 1e-6);
}

TEST(Interventions, AblatingEveryHeadZeroesTheAttentionOutput) {
  const auto model = tinyLlama();
  ForwardOptions options;
  for (int h = 0; h < 4; ++h) options.interventions.ablatedHeads.insert({0, h});
  options.capture = {{0, Site::AttnOut}, {0, Site::HeadOut}};
  const auto out = model->forward(kIds, options);
  EXPECT_EQ(out.captured.at({0, Site::AttnOut}).abs().max().item<double>(), 0.0);

  ForwardOptions one;
  one.interventions.ablatedHeads.insert({0, 1});
  one.capture = {{0, Site::HeadOut}};
  const auto heads = model->forward(kIds, one).captured.at({0, Site::HeadOut});
  EXPECT_EQ(heads[1].abs().max().item<double>(), 0.0);
  EXPECT_GT(heads[0].abs().max().item<double>(), 0.0);
}

TEST(Interventions, PRopeLeavesTheLowestFrequencyPairsUnrotated) {
  const auto model = tinyLlama();
  ForwardOptions options;
  options.interventions.pRope = 0.5;  // 4 of 8 pairs keep rotating
  options.capture = {{0, Site::QPreRope}, {0, Site::QRope}};
  const auto out = model->forward(kIds, options);
  const auto plain = model->forward(kIds, capturing({0, Site::QRope})).captured.at({0, Site::QRope});
  const auto pre = out.captured.at({0, Site::QPreRope});
  const auto rope = out.captured.at({0, Site::QRope});
  for (int f = 0; f < 16; ++f) {
    const int s = storageDimOfFrequencyDim(f, 16);
    if (f < 8)  // pairs 0..3 rotate as usual
      EXPECT_LT(maxAbsDiff(rope.select(2, s), plain.select(2, s)), 1e-6) << f;
    else
      EXPECT_EQ(maxAbsDiff(rope.select(2, s), pre.select(2, s)), 0.0) << f;
  }
  ForwardOptions nope;
  nope.interventions.pRope = 0.0;
  nope.capture = {{1, Site::KPreRope}, {1, Site::KRope}};
  const auto n = model->forward(kIds, nope);
  EXPECT_EQ(maxAbsDiff(n.captured.at({1, Site::KPreRope}), n.captured.at({1, Site::KRope})), 0.0);
}

TEST(Interventions, BadTargetsAreRefused) {
  const auto model = tinyLlama();
  ForwardOptions options;
  options.interventions.ablatedHeads.insert({2, 0});
  EXPECT_TRUE(test::throwsError([&] { model->forward(kIds, options); }, ErrorCode::InvalidArgument,
                                {"layer 2 head 0 does not exist"}));
  ForwardOptions mask;
  mask.interventions.queryDimMasks[{0, 0}] = std::vector<float>(8, 0.0f);
  EXPECT_TRUE(test::throwsError([&] { model->forward(kIds, mask); }, ErrorCode::InvalidArgument,
                                {"8 entries, head_dim is 16"}));
  ForwardOptions p;
  p.interventions.pRope = 1.5;
  EXPECT_TRUE(test::throwsError([&] { model->forward(kIds, p); }, ErrorCode::InvalidArgument, {"[0, 1]"}));
}

TEST(SegmentMass, EqualsTheSumOfAttentionOverEachRange) {
  const auto model = tinyLlama();
  ForwardOptions options;
  options.queryChunk = 5;
  options.segments = {{1, 4}, {4, 12}, {12, 16}, {0, 1}};
  options.capture = {{1, Site::SegmentMass}, {1, Site::AttnProbs}};
  const auto out = model->forward(kIds, options);
  const auto probs = out.captured.at({1, Site::AttnProbs});
  const auto mass = out.captured.at({1, Site::SegmentMass});
  ASSERT_EQ(mass.sizes(), (std::vector<std::int64_t>{4, 16, 4}));
  for (size_t g = 0; g < options.segments.size(); ++g) {
    const auto [b, e] = options.segments[g];
    EXPECT_LT(maxAbsDiff(mass.select(2, static_cast<std::int64_t>(g)), probs.narrow(2, b, e - b).sum(-1)), 1e-6);
  }
  // The four ranges cover every key: mass sums to one per query.
  EXPECT_LT((mass.sum(-1) - 1).abs().max().item<double>(), 1e-5);
}

TEST(Interventions, GenerationUnderAMaskDiffersAndIsDeterministic) {
  const auto model = tinyLlama();
  GenerateOptions options;
  options.maxNewTokens = 6;
  Interventions iv;
  for (int h = 0; h < 4; ++h) iv.queryDimMasks[{1, h}] = std::vector<float>(16, 0.0f);
  const auto a = model->generate(kIds, options, iv);
  const auto b = model->generate(kIds, options, iv);
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.ids.size(), 6u);
}

}  // namespace
}  // namespace ropescope::engine
