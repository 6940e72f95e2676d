// The mask syntax: parsing, canonical text round trips, refusals with messages, resolution.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "engine/masks/mask_syntax.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

TEST(MaskSpec, ParsesThePapersSetups) {
  const auto a = parseMaskSpec("heads=retrieval>0.5 dims=first16").terms.at(0);
  EXPECT_EQ(a.heads, MaskSpec::Heads::RetrievalAbove);
  EXPECT_DOUBLE_EQ(a.retrievalThreshold, 0.5);
  EXPECT_EQ(a.dims, MaskSpec::Dims::First);
  EXPECT_EQ(a.count, 16);
  const auto b = parseMaskSpec("heads=L3H5,L7H1 dims=0-15").terms.at(0);
  EXPECT_EQ(b.headList, (std::vector<HeadRef>{{3, 5}, {7, 1}}));
  EXPECT_EQ(b.dimRanges, (std::vector<std::pair<int, int>>{{0, 15}}));
  const auto c = parseMaskSpec("dims=utility<0.5").terms.at(0);
  EXPECT_EQ(c.heads, MaskSpec::Heads::All);  // dims alone: every head
  EXPECT_EQ(c.dims, MaskSpec::Dims::UtilityBelow);
  EXPECT_TRUE(parseMaskSpec("dims=utility<0.5 + heads=retrieval>0.2").needsRetrievalScores());
  EXPECT_TRUE(parseMaskSpec("heads=L0 + dims=utility<0.5").needsUtilityScores());
  EXPECT_FALSE(parseMaskSpec("heads=L0 dims=first2").needsUtilityScores());
  EXPECT_EQ(parseMaskSpec("prope=0.75").pRope, 0.75);
  EXPECT_EQ(parseMaskSpec("ablate=L3H5,L7").ablate, (std::vector<HeadRef>{{3, 5}, {7, -1}}));
  EXPECT_EQ(parseMaskSpec("none"), MaskSpec{});
}

TEST(MaskSpec, CanonicalTextRoundTrips) {
  for (const char* text :
       {"heads=retrieval>0.5 dims=first16", "heads=L3H5,L7H1 dims=0-15", "heads=all dims=utility<0.5", "prope=0.75",
        "ablate=L3H5,L7", "none", "heads=L2 dims=last32", "heads=all dims=0-3,8,12-15",
        "heads=L0H1 dims=all prope=0.25 ablate=L1H0", "heads=L0H1 dims=first2 + heads=L1 dims=4-5 prope=0.5"}) {
    const auto spec = parseMaskSpec(text);
    EXPECT_EQ(maskSpecText(spec), text);
    EXPECT_EQ(parseMaskSpec(maskSpecText(spec)), spec) << text;
  }
  EXPECT_EQ(maskSpecText(parseMaskSpec("dims=last8   heads=L1")), "heads=L1 dims=last8");
}

TEST(MaskSpec, RefusesBadSpecsSayingWhy) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "empty"},
      {"heads=", "L<layer>H<head>"},
      {"heads=X3", "L<layer>H<head>"},
      {"heads=L3Hx", "L<layer>H<head>"},
      {"dims=first0", "firstN"},
      {"dims=5-2", "ranges like 0-15"},
      {"dims=utility<abc", "utility<THRESHOLD"},
      {"heads=retrieval>", "retrieval>THRESHOLD"},
      {"prope=1.5", "0 <= P <= 1"},
      {"foo=1", "unknown key 'foo'"},
      {"heads=all heads=L1", "given twice"},
      {"prope=0.5 heads=L0 + prope=0.25", "given twice"},
      {"heads=L0 +", "one side is empty"},
      {"+ heads=L0", "one side is empty"},
      {"heads=L0 + + dims=first2", "one side is empty"},
      {"none + heads=L0", "one side is empty"},
      {"none dims=all", "'none' cannot be combined"},
      {"dims", "key=value"},
  };
  for (const auto& [text, fragment] : cases)
    EXPECT_TRUE(test::throwsError([&] { parseMaskSpec(text); }, ErrorCode::InvalidArgument, {fragment})) << text;
}

TEST(MaskSpec, FirstSixteenOfHead128AreTheEightHighestFrequencyPairs) {
  const MaskContext ctx{2, 4, 128, nullptr, nullptr};
  const auto iv = resolveMaskSpec(parseMaskSpec("heads=L1H2 dims=first16"), ctx);
  ASSERT_EQ(iv.queryDimMasks.size(), 1u);
  const auto& mask = iv.queryDimMasks.at({1, 2});
  for (int f = 0; f < 128; ++f) EXPECT_EQ(mask[static_cast<size_t>(f)], f < 16 ? 0.0f : 1.0f) << f;
  const auto last = resolveMaskSpec(parseMaskSpec("heads=L0 dims=last32"), ctx);
  EXPECT_EQ(last.queryDimMasks.size(), 4u);
  for (int f = 0; f < 128; ++f) EXPECT_EQ(last.queryDimMasks.at({0, 3})[static_cast<size_t>(f)], f >= 96 ? 0.0f : 1.0f);
}

TEST(MaskSpec, RetrievalAndUtilitySelections) {
  NdArray retrieval{{2, 2}, {"layer", "head"}, {0.1f, 0.7f, 0.55f, 0.5f}};
  NdArray utility = NdArray::zeros({2, 2, 4}, {"layer", "head", "dim"});
  for (auto& v : utility.values) v = 0.9f;
  utility.at({0, 1, 2}) = 0.2f;
  const MaskContext ctx{2, 2, 4, &retrieval, &utility};
  const auto iv = resolveMaskSpec(parseMaskSpec("heads=retrieval>0.5 dims=first2"), ctx);
  std::set<std::pair<int, int>> heads;
  for (const auto& [lh, m] : iv.queryDimMasks) heads.insert(lh);
  EXPECT_EQ(heads, (std::set<std::pair<int, int>>{{0, 1}, {1, 0}}));  // strictly above 0.5
  const auto u = resolveMaskSpec(parseMaskSpec("dims=utility<0.5"), ctx);
  EXPECT_EQ(u.queryDimMasks.at({0, 1}), (std::vector<float>{1, 1, 0, 1}));
  EXPECT_EQ(u.queryDimMasks.at({1, 1}), (std::vector<float>{1, 1, 1, 1}));
  const auto a = resolveMaskSpec(parseMaskSpec("ablate=L1 prope=0.5"), ctx);
  EXPECT_EQ(a.ablatedHeads, (std::set<std::pair<int, int>>{{1, 0}, {1, 1}}));
  EXPECT_DOUBLE_EQ(a.pRope, 0.5);
  EXPECT_TRUE(resolveMaskSpec(parseMaskSpec("none"), ctx).empty());
}

TEST(MaskSpec, TermsAreAUnion) {
  const MaskContext ctx{2, 2, 4, nullptr, nullptr};
  const auto iv = resolveMaskSpec(parseMaskSpec("heads=L0H1 dims=0 + heads=L0H1,L1H0 dims=3"), ctx);
  ASSERT_EQ(iv.queryDimMasks.size(), 2u);
  EXPECT_EQ(iv.queryDimMasks.at({0, 1}), (std::vector<float>{0, 1, 1, 0}));
  EXPECT_EQ(iv.queryDimMasks.at({1, 0}), (std::vector<float>{1, 1, 1, 0}));
}

// Every grid comes back from its spec's text: the mask editor's grid and text stay in sync.
TEST(MaskGrid, GridToTextToGridRoundTrips) {
  for (const auto& [L, H, D] : {std::tuple{2, 4, 32}, std::tuple{32, 32, 128}}) {
    NdArray retrieval = NdArray::zeros({L, H}, {"layer", "head"});
    NdArray utility = NdArray::zeros({L, H, D}, {"layer", "head", "dim"});
    for (std::size_t i = 0; i < retrieval.values.size(); ++i) retrieval.values[i] = static_cast<float>(i % 10) / 10.0f;
    for (std::size_t i = 0; i < utility.values.size(); ++i)
      utility.values[i] = static_cast<float>((i * 7) % 11) / 11.0f;
    const MaskContext ctx{L, H, D, &retrieval, &utility};
    std::vector<MaskPreset> presets;
    using K = MaskPreset::Kind;
    presets.push_back({K::None});
    for (int n : {1, D / 8, D / 4, D})
      for (auto k : {K::FirstDims, K::LastDims}) {
        presets.push_back({k, n});
        presets.push_back({k, n, 0.0, 0, 0, 0.5});
      }
    presets.push_back({K::UtilityBelow, 0, 0.5});
    presets.push_back({K::RetrievalHeads, 0, 0.45});
    presets.push_back({K::Layer, 0, 0.0, L - 1});
    presets.push_back({K::Head, 0, 0.0, L / 2, H - 1});
    presets.push_back({K::PRope, 0, 0.75});
    presets.push_back({K::Ablate, 0, 0.0, 1, 2});
    for (const auto& preset : presets) {
      const auto grid = maskGridOf(resolveMaskSpec(presetSpec(preset), ctx), L, H, D);
      const auto text = maskSpecText(maskSpecOfGrid(grid));
      EXPECT_EQ(maskGridOf(resolveMaskSpec(parseMaskSpec(text), ctx), L, H, D), grid)
          << "preset " << static_cast<int>(preset.kind) << ": " << text;
    }
    // Cells toggled one by one, and a scatter of cells.
    auto grid = MaskGrid::empty(L, H, D);
    for (int i = 0; i < 40; ++i) grid.setMasked((i * 5) % L, (i * 3) % H, (i * 11) % D, true);
    grid.setAblated(L - 1, 0, true);
    grid.pRope = 0.5;
    const auto text = maskSpecText(maskSpecOfGrid(grid));
    EXPECT_EQ(maskGridOf(resolveMaskSpec(parseMaskSpec(text), ctx), L, H, D), grid) << text;
  }
}

TEST(MaskGrid, WritesTheShortestNames) {
  auto grid = MaskGrid::empty(2, 4, 8);
  for (int h = 0; h < 4; ++h)
    for (int f = 0; f < 2; ++f) grid.setMasked(1, h, f, true);
  grid.setMasked(0, 2, 7, true);
  EXPECT_EQ(maskSpecText(maskSpecOfGrid(grid)), "heads=L0H2 dims=last1 + heads=L1 dims=first2");
  for (int l = 0; l < 2; ++l)
    for (int h = 0; h < 4; ++h)
      for (int f = 0; f < 8; ++f) grid.setMasked(l, h, f, f == 3 || f == 4);
  EXPECT_EQ(maskSpecText(maskSpecOfGrid(grid)), "heads=all dims=3-4");
  EXPECT_EQ(maskSpecText(maskSpecOfGrid(MaskGrid::empty(2, 4, 8))), "none");
}

TEST(MaskSpec, ResolutionRefusesWhatTheModelLacks) {
  const MaskContext ctx{2, 4, 16, nullptr, nullptr};
  EXPECT_TRUE(test::throwsError([&] { resolveMaskSpec(parseMaskSpec("heads=L2H0 dims=all"), ctx); },
                                ErrorCode::InvalidArgument, {"L2H0 does not exist"}));
  EXPECT_TRUE(test::throwsError([&] { resolveMaskSpec(parseMaskSpec("dims=0-16"), ctx); }, ErrorCode::InvalidArgument,
                                {"dim 16 is outside [0, 16)"}));
  EXPECT_TRUE(test::throwsError([&] { resolveMaskSpec(parseMaskSpec("heads=retrieval>0.5 dims=first4"), ctx); },
                                ErrorCode::InvalidArgument, {"run the retrieval analysis first"}));
  EXPECT_TRUE(test::throwsError([&] { resolveMaskSpec(parseMaskSpec("dims=utility<0.5"), ctx); },
                                ErrorCode::InvalidArgument, {"run the utility analysis first"}));
  EXPECT_TRUE(test::throwsError([&] { resolveMaskSpec(parseMaskSpec("dims=first32"), ctx); },
                                ErrorCode::InvalidArgument, {"32 dims asked, head_dim is 16"}));
}

}  // namespace
}  // namespace ropescope::engine
