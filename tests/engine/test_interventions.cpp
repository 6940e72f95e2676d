// Interventions (query-dimension masks, head ablation, p-RoPE) and attention mass onto segments,
// each checked against a computation from the captured tensors.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include "engine/io/dims.h"
#include "engine/masks/mask_syntax.h"
#include "engine/model/greedy_decode.h"
#include "engine/model/transformer.h"
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

ForwardOptions intervening(const Transformer& model, const Interventions& iv) {
  ForwardOptions options;
  options.interventions = model.prepare(iv);
  return options;
}

TEST(Interventions, AllOnesMaskChangesNothing) {
  const auto model = tinyLlama();
  Interventions iv;
  iv.queryDimMasks[{1, 2}] = std::vector<float>(16, 1.0f);
  EXPECT_TRUE(model->prepare(iv).empty());
  EXPECT_EQ(maxAbsDiff(model->forward(kIds).logits, model->forward(kIds, intervening(*model, iv)).logits), 0.0);
}

// Interventions that change nothing run the arithmetic of no intervention: bit-identical logits
// and greedy answers, in float32 and in bfloat16 (where any change of the order of work shows).
class IdentityInterventions : public ::testing::TestWithParam<at::ScalarType> {};

TEST_P(IdentityInterventions, GiveBitIdenticalLogitsAndAnswers) {
  LoadOptions load;
  load.dtype = GetParam();
  const auto model = Transformer::load(std::make_shared<Checkpoint>(Checkpoint::open(test::tinyModel("llama"))), load);
  Interventions ones;
  ones.queryDimMasks[{0, 1}] = std::vector<float>(16, 1.0f);
  ones.queryDimMasks[{1, 3}] = std::vector<float>(16, 1.0f);
  NdArray utility;  // every dim useful: "dims=utility<0.5" selects none
  utility.shape = {2, 4, 16};
  utility.values.assign(2 * 4 * 16, 1.0f);
  const MaskContext context{2, 4, 16, nullptr, &utility};
  const std::vector<Interventions> identities = {
      Interventions{}, Interventions{.pRope = 1.0}, ones, resolveMaskSpec(parseMaskSpec("prope=1"), context),
      resolveMaskSpec(parseMaskSpec("heads=L0H0,L1 dims=utility<0.5"), context)};
  DecodeOptions plain;
  plain.maxNewTokens = 8;
  plain.keepStepLogits = true;
  const auto reference = greedyDecode(*model, kIds, plain);
  const auto referenceLogits = model->forward(kIds).logits;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const auto prepared = model->prepare(identities[i]);
    EXPECT_TRUE(prepared.empty()) << i;
    ForwardOptions forward;
    forward.interventions = prepared;
    EXPECT_TRUE(at::equal(model->forward(kIds, forward).logits, referenceLogits)) << i;
    auto masked = plain;
    masked.interventions = prepared;
    const auto out = greedyDecode(*model, kIds, masked);
    EXPECT_EQ(out.ids, reference.ids) << i;
    ASSERT_EQ(out.stepLogits.size(), reference.stepLogits.size());
    for (std::size_t s = 0; s < out.stepLogits.size(); ++s)
      EXPECT_TRUE(at::equal(out.stepLogits[s], reference.stepLogits[s])) << i << " step " << s;
  }
  // The test can fail: a mask that does change something changes the logits.
  Interventions zero;
  zero.queryDimMasks[{1, 0}] = std::vector<float>(16, 0.0f);
  EXPECT_FALSE(model->prepare(zero).empty());
  EXPECT_FALSE(at::equal(model->forward(kIds, intervening(*model, zero)).logits, referenceLogits));
}

INSTANTIATE_TEST_SUITE_P(Dtypes, IdentityInterventions, ::testing::Values(at::kFloat, at::kBFloat16),
                         [](const auto& info) { return info.param == at::kFloat ? "float32" : "bfloat16"; });

TEST(Interventions, QueryDimMaskIsAppliedInFrequencyOrderAfterRope) {
  const auto model = tinyLlama();
  // Mask frequency dims 0..3 (pairs 0 and 1 = storage dims 0, 1, 8, 9) of head 3 in layer 0.
  std::vector<float> mask(16, 1.0f);
  for (int f = 0; f < 4; ++f) mask[static_cast<size_t>(f)] = 0.0f;
  Interventions iv;
  iv.queryDimMasks[{0, 3}] = mask;
  auto options = intervening(*model, iv);
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
  Interventions iv;
  iv.queryDimMasks[{1, 0}] = std::vector<float>(16, 0.0f);
  auto options = intervening(*model, iv);
  options.capture = {{1, Site::AttnProbs}};
  const auto probs = model->forward(kIds, options).captured.at({1, Site::AttnProbs})[0];
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j <= i; ++j) EXPECT_NEAR(probs[i][j].item<double>(), 1.0 / (i + 1), 1e-6);
}

TEST(Interventions, AblatingEveryHeadZeroesTheAttentionOutput) {
  const auto model = tinyLlama();
  Interventions all;
  for (int h = 0; h < 4; ++h) all.ablatedHeads.insert({0, h});
  auto options = intervening(*model, all);
  options.capture = {{0, Site::AttnOut}, {0, Site::HeadOut}};
  const auto out = model->forward(kIds, options);
  EXPECT_EQ(out.captured.at({0, Site::AttnOut}).abs().max().item<double>(), 0.0);

  auto one = intervening(*model, Interventions{.ablatedHeads = {{0, 1}}});
  one.capture = {{0, Site::HeadOut}};
  const auto heads = model->forward(kIds, one).captured.at({0, Site::HeadOut});
  EXPECT_EQ(heads[1].abs().max().item<double>(), 0.0);
  EXPECT_GT(heads[0].abs().max().item<double>(), 0.0);
}

TEST(Interventions, PRopeLeavesTheLowestFrequencyPairsUnrotated) {
  const auto model = tinyLlama();
  auto options = intervening(*model, Interventions{.pRope = 0.5});  // 4 of 8 pairs keep rotating
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
  auto nope = intervening(*model, Interventions{.pRope = 0.0});
  nope.capture = {{1, Site::KPreRope}, {1, Site::KRope}};
  const auto n = model->forward(kIds, nope);
  EXPECT_EQ(maxAbsDiff(n.captured.at({1, Site::KPreRope}), n.captured.at({1, Site::KRope})), 0.0);
}

TEST(Interventions, BadTargetsAreRefused) {
  const auto model = tinyLlama();
  EXPECT_TRUE(test::throwsError(
      [&] {
        model->prepare(Interventions{.ablatedHeads = {{2, 0}}});
      },
      ErrorCode::InvalidArgument, {"layer 2 head 0 does not exist"}));
  Interventions mask;
  mask.queryDimMasks[{0, 0}] = std::vector<float>(8, 0.0f);
  EXPECT_TRUE(
      test::throwsError([&] { model->prepare(mask); }, ErrorCode::InvalidArgument, {"8 entries, head_dim is 16"}));
  EXPECT_TRUE(
      test::throwsError([&] { model->prepare(Interventions{.pRope = 1.5}); }, ErrorCode::InvalidArgument, {"[0, 1]"}));
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
  DecodeOptions options;
  options.maxNewTokens = 6;
  const auto plain = greedyDecode(*model, kIds, options);
  Interventions iv;
  for (int h = 0; h < 4; ++h) iv.queryDimMasks[{1, h}] = std::vector<float>(16, 0.0f);
  options.interventions = model->prepare(iv);
  const auto a = greedyDecode(*model, kIds, options);
  const auto b = greedyDecode(*model, kIds, options);
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.ids.size(), 6u);
  EXPECT_NE(a.ids, plain.ids);
}

}  // namespace
}  // namespace ropescope::engine
