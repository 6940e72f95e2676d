// The mask syntax: parsing, canonical text, resolution to interventions.
#include "engine/masks/mask_syntax.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

// A mask as quoted in a message: its first 80 bytes, then how many more there are.
std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 80;
  if (text.size() <= kShown) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kShown)) + "…' (" + std::to_string(text.size() - kShown) + " bytes more)";
}

[[noreturn]] void bad(std::string_view clause, const std::string& message) {
  throw Error(ErrorCode::InvalidArgument, "mask " + quoted(clause), message);
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(sep, start), text.size());
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::optional<int> toInt(std::string_view s) {
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

std::optional<double> toDouble(std::string_view s) {
  try {
    size_t used = 0;
    const double v = std::stod(std::string(s), &used);
    if (used != s.size() || !std::isfinite(v)) return std::nullopt;  // "nan", "inf" are no thresholds
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<HeadRef> parseHeads(std::string_view clause, std::string_view list) {
  std::vector<HeadRef> heads;
  for (auto item : split(list, ',')) {
    if (item.size() < 2 || item[0] != 'L')
      bad(clause, "heads are written L<layer>H<head> or L<layer>, got '" + std::string(item) + "'");
    const auto h = item.find('H');
    const auto layer = toInt(item.substr(1, h == std::string_view::npos ? std::string_view::npos : h - 1));
    std::optional<int> head = -1;
    if (h != std::string_view::npos) head = toInt(item.substr(h + 1));
    if (!layer || !head) bad(clause, "heads are written L<layer>H<head> or L<layer>, got '" + std::string(item) + "'");
    heads.push_back({*layer, *head});
  }
  return heads;
}

std::string headsText(const std::vector<HeadRef>& heads) {
  std::string s;
  for (const auto& h : heads)
    s += (s.empty() ? "L" : ",L") + std::to_string(h.layer) + (h.head >= 0 ? "H" + std::to_string(h.head) : "");
  return s;
}

std::string number(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

}  // namespace

namespace {

// Parses one term's heads= or dims= clause into `term`.
void parseTermClause(MaskTerm& term, std::string_view clause, const std::string& key, std::string_view value) {
  if (key == "heads") {
    if (value == "all") {
      term.heads = MaskTerm::Heads::All;
    } else if (value.rfind("retrieval>", 0) == 0) {
      const auto t = toDouble(value.substr(10));
      if (!t) bad(clause, "expected heads=retrieval>THRESHOLD with a number");
      term.heads = MaskTerm::Heads::RetrievalAbove;
      term.retrievalThreshold = *t;
    } else {
      term.heads = MaskTerm::Heads::List;
      term.headList = parseHeads(clause, value);
    }
    return;
  }
  if (value == "all") {
    term.dims = MaskTerm::Dims::All;
  } else if (value.rfind("first", 0) == 0 || value.rfind("last", 0) == 0) {
    const bool first = value[0] == 'f';
    const auto n = toInt(value.substr(first ? 5 : 4));
    if (!n || *n == 0) bad(clause, "expected dims=firstN or dims=lastN with N > 0");
    term.dims = first ? MaskTerm::Dims::First : MaskTerm::Dims::Last;
    term.count = *n;
  } else if (value.rfind("utility<", 0) == 0) {
    const auto t = toDouble(value.substr(8));
    if (!t) bad(clause, "expected dims=utility<THRESHOLD with a number");
    term.dims = MaskTerm::Dims::UtilityBelow;
    term.utilityThreshold = *t;
  } else {
    term.dims = MaskTerm::Dims::Ranges;
    for (auto item : split(value, ',')) {
      const auto dash = item.find('-');
      const auto a = toInt(item.substr(0, dash));
      const auto b = dash == std::string_view::npos ? a : toInt(item.substr(dash + 1));
      if (!a || !b || *b < *a)
        bad(clause, "dims are all, firstN, lastN, utility<T or ranges like 0-15,64 (got " + quoted(item) + ")");
      term.dimRanges.emplace_back(*a, *b);
    }
  }
}

// "heads" and "dims" go together: either alone means the other is "all".
void completeTerm(MaskTerm& term) {
  if (term.heads != MaskTerm::Heads::None && term.dims == MaskTerm::Dims::None) term.dims = MaskTerm::Dims::All;
  if (term.dims != MaskTerm::Dims::None && term.heads == MaskTerm::Heads::None) term.heads = MaskTerm::Heads::All;
}

std::string termText(const MaskTerm& t) {
  std::vector<std::string> parts;
  switch (t.heads) {
    case MaskTerm::Heads::None:
      break;
    case MaskTerm::Heads::All:
      parts.push_back("heads=all");
      break;
    case MaskTerm::Heads::RetrievalAbove:
      parts.push_back("heads=retrieval>" + number(t.retrievalThreshold));
      break;
    case MaskTerm::Heads::List:
      parts.push_back("heads=" + headsText(t.headList));
      break;
  }
  switch (t.dims) {
    case MaskTerm::Dims::None:
      break;
    case MaskTerm::Dims::All:
      parts.push_back("dims=all");
      break;
    case MaskTerm::Dims::First:
      parts.push_back("dims=first" + std::to_string(t.count));
      break;
    case MaskTerm::Dims::Last:
      parts.push_back("dims=last" + std::to_string(t.count));
      break;
    case MaskTerm::Dims::UtilityBelow:
      parts.push_back("dims=utility<" + number(t.utilityThreshold));
      break;
    case MaskTerm::Dims::Ranges: {
      std::string r;
      for (const auto& [a, b] : t.dimRanges)
        r += (r.empty() ? "" : ",") + std::to_string(a) + (b != a ? "-" + std::to_string(b) : "");
      parts.push_back("dims=" + r);
      break;
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

}  // namespace

bool MaskSpec::needsRetrievalScores() const {
  return std::any_of(terms.begin(), terms.end(), [](const MaskTerm& t) { return t.heads == Heads::RetrievalAbove; });
}

bool MaskSpec::needsUtilityScores() const {
  return std::any_of(terms.begin(), terms.end(), [](const MaskTerm& t) { return t.dims == Dims::UtilityBelow; });
}

MaskSpec parseMaskSpec(std::string_view text) {
  MaskSpec spec;
  std::set<std::string> seen;  // prope, ablate, none: once in all
  std::set<std::string> inTerm;
  MaskTerm term;
  bool any = false, termOpen = false;
  const auto endTerm = [&](std::string_view at) {
    if (inTerm.empty()) {
      if (termOpen) bad(at, "'+' joins two terms of heads= and dims=; one side is empty");
      return;
    }
    completeTerm(term);
    spec.terms.push_back(term);
    term = {};
    inTerm.clear();
  };
  for (auto clause : split(text, ' ')) {
    if (clause.empty()) continue;
    any = true;
    if (clause == "+") {
      if (inTerm.empty()) bad(clause, "'+' joins two terms of heads= and dims=; one side is empty");
      endTerm(clause);
      termOpen = true;
      continue;
    }
    if (clause == "none") {
      seen.insert("none");
      continue;
    }
    const auto eq = clause.find('=');
    if (eq == std::string_view::npos) bad(clause, "clauses are key=value: heads=, dims=, prope=, ablate= (or 'none')");
    const std::string key(clause.substr(0, eq));
    const auto value = clause.substr(eq + 1);
    if (key == "heads" || key == "dims") {
      if (!inTerm.insert(key).second) bad(clause, "'" + key + "' is given twice in one term (join terms with ' + ')");
      parseTermClause(term, clause, key, value);
      termOpen = false;
    } else if (!seen.insert(key).second) {
      bad(clause, "'" + key + "' is given twice");
    } else if (key == "prope") {
      const auto p = toDouble(value);
      if (!p || *p < 0.0 || *p > 1.0) bad(clause, "expected prope=P with 0 <= P <= 1");
      spec.pRope = *p;
    } else if (key == "ablate") {
      spec.ablate = parseHeads(clause, value);
    } else {
      bad(clause, "unknown key '" + key + "'; known: heads, dims, prope, ablate");
    }
  }
  if (termOpen) bad(text, "'+' joins two terms of heads= and dims=; one side is empty");
  endTerm(text);
  if (!any) bad(text, "empty; write 'none' for no mask");
  if (seen.count("none") && (seen.size() > 1 || !spec.terms.empty()))
    bad(text, "'none' cannot be combined with other clauses");
  return spec;
}

std::string maskSpecText(const MaskSpec& s) {
  std::string out;
  for (const auto& t : s.terms) {
    const auto text = termText(t);
    if (!text.empty()) out += (out.empty() ? "" : " + ") + text;
  }
  if (s.pRope) out += (out.empty() ? "" : " ") + ("prope=" + number(*s.pRope));
  if (!s.ablate.empty()) out += (out.empty() ? "" : " ") + ("ablate=" + headsText(s.ablate));
  return out.empty() ? "none" : out;
}

namespace {

Interventions resolveForModel(const MaskSpec& spec, const MaskContext& ctx) {
  Interventions iv;
  const auto expand = [&](const std::vector<HeadRef>& refs, const char* what) {
    std::vector<std::pair<int, int>> out;
    for (const auto& r : refs) {
      if (r.layer >= ctx.layers || r.head >= ctx.heads)
        throw Error(ErrorCode::InvalidArgument, what,
                    "L" + std::to_string(r.layer) + (r.head >= 0 ? "H" + std::to_string(r.head) : "") +
                        " does not exist (" + std::to_string(ctx.layers) + " layers of " + std::to_string(ctx.heads) +
                        " heads)");
      for (int h = 0; h < ctx.heads; ++h)
        if (r.head < 0 || r.head == h) out.emplace_back(r.layer, h);
    }
    return out;
  };
  if (spec.pRope) iv.pRope = *spec.pRope;
  for (const auto& lh : expand(spec.ablate, "ablate")) iv.ablatedHeads.insert(lh);

  const int D = ctx.headDim;
  for (const auto& term : spec.terms) {
    if (term.heads == MaskTerm::Heads::None) continue;
    std::vector<std::pair<int, int>> heads;
    if (term.heads == MaskTerm::Heads::All || term.heads == MaskTerm::Heads::RetrievalAbove) {
      const auto* scores = ctx.retrievalScores;
      if (term.heads == MaskTerm::Heads::RetrievalAbove &&
          (scores == nullptr || scores->shape != std::vector<std::int64_t>{ctx.layers, ctx.heads}))
        throw Error(
            ErrorCode::InvalidArgument, "heads=retrieval>",
            "needs retrieval scores [layers, heads] for this model: run the retrieval analysis first (or give its "
            "results file)");
      for (int l = 0; l < ctx.layers; ++l)
        for (int h = 0; h < ctx.heads; ++h)
          if (term.heads == MaskTerm::Heads::All || scores->at({l, h}) > term.retrievalThreshold)
            heads.emplace_back(l, h);
    } else {
      heads = expand(term.headList, "heads");
    }
    if ((term.dims == MaskTerm::Dims::First || term.dims == MaskTerm::Dims::Last) && term.count > D)
      throw Error(ErrorCode::InvalidArgument, "dims",
                  std::to_string(term.count) + " dims asked, head_dim is " + std::to_string(D));
    for (const auto& [a, b] : term.dimRanges)
      if (b >= D)
        throw Error(ErrorCode::InvalidArgument, "dims",
                    "dim " + std::to_string(b) + " is outside [0, " + std::to_string(D) + ")");
    if (term.dims == MaskTerm::Dims::UtilityBelow &&
        (ctx.utility == nullptr || ctx.utility->shape != std::vector<std::int64_t>{ctx.layers, ctx.heads, D}))
      throw Error(ErrorCode::InvalidArgument, "dims=utility<",
                  "needs utility scores [layers, heads, head_dim] for this model: run the utility analysis first (or "
                  "give its results file)");

    for (const auto& [l, h] : heads) {
      auto& mask = iv.queryDimMasks[{l, h}];  // a head in several terms: the union of their dims
      if (mask.empty()) mask.assign(static_cast<size_t>(D), 1.0f);
      for (int f = 0; f < D; ++f) {
        bool masked = false;
        switch (term.dims) {
          case MaskTerm::Dims::None:
          case MaskTerm::Dims::All:
            masked = true;
            break;
          case MaskTerm::Dims::First:
            masked = f < term.count;
            break;
          case MaskTerm::Dims::Last:
            masked = f >= D - term.count;
            break;
          case MaskTerm::Dims::Ranges:
            for (const auto& [a, b] : term.dimRanges) masked = masked || (f >= a && f <= b);
            break;
          case MaskTerm::Dims::UtilityBelow:
            masked = ctx.utility->at({l, h, f}) < term.utilityThreshold;
            break;
        }
        if (masked) mask[static_cast<size_t>(f)] = 0.0f;
      }
    }
  }
  return iv;
}

}  // namespace

Interventions resolveMaskSpec(const MaskSpec& spec, const MaskContext& ctx) {
  try {
    return resolveForModel(spec, ctx);
  } catch (const Error& e) {
    // Named by the mask as written, so that one of several mask sets is recognised.
    throw Error(e.code(), "mask " + quoted(maskSpecText(spec)), e.context() + ": " + e.message());
  }
}

MaskGrid maskGridOf(const Interventions& iv, int layers, int heads, int headDim) {
  auto grid = MaskGrid::empty(layers, heads, headDim);
  for (const auto& [lh, mask] : iv.queryDimMasks) {
    const auto [l, h] = lh;
    if (l < 0 || l >= layers || h < 0 || h >= heads) continue;
    for (int f = 0; f < headDim && f < static_cast<int>(mask.size()); ++f)
      if (mask[static_cast<size_t>(f)] == 0.0f) grid.setMasked(l, h, f, true);
  }
  for (const auto& [l, h] : iv.ablatedHeads)
    if (l >= 0 && l < layers && h >= 0 && h < heads) grid.setAblated(l, h, true);
  if (iv.pRope != 1.0) grid.pRope = iv.pRope;
  return grid;
}

namespace {

// Heads as references: whole layers as L<l>.
std::vector<HeadRef> headRefs(const std::vector<std::pair<int, int>>& heads, int headsPerLayer) {
  std::map<int, std::vector<int>> byLayer;
  for (const auto& [l, h] : heads) byLayer[l].push_back(h);
  std::vector<HeadRef> refs;
  for (const auto& [l, hs] : byLayer) {
    if (static_cast<int>(hs.size()) == headsPerLayer) {
      refs.push_back({l, -1});
      continue;
    }
    for (int h : hs) refs.push_back({l, h});
  }
  return refs;
}

}  // namespace

MaskSpec maskSpecOfGrid(const MaskGrid& g) {
  MaskSpec spec;
  const int D = g.headDim;
  // Heads grouped by their masked dims, in the order the groups first occur.
  std::vector<std::pair<std::vector<std::uint8_t>, std::vector<std::pair<int, int>>>> groups;
  for (int l = 0; l < g.layers; ++l)
    for (int h = 0; h < g.heads; ++h) {
      const auto begin = g.masked.begin() + static_cast<std::ptrdiff_t>(g.index(l, h, 0));
      std::vector<std::uint8_t> dims(begin, begin + D);
      if (std::none_of(dims.begin(), dims.end(), [](auto v) { return v != 0; })) continue;
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == dims; });
      if (it == groups.end()) {
        groups.push_back({dims, {}});
        it = groups.end() - 1;
      }
      it->second.emplace_back(l, h);
    }
  for (const auto& [dims, heads] : groups) {
    MaskTerm term;
    if (static_cast<int>(heads.size()) == g.layers * g.heads) {
      term.heads = MaskTerm::Heads::All;
    } else {
      term.heads = MaskTerm::Heads::List;
      term.headList = headRefs(heads, g.heads);
    }
    int first = 0, last = 0;
    while (first < D && dims[static_cast<size_t>(first)]) ++first;
    while (last < D && dims[static_cast<size_t>(D - 1 - last)]) ++last;
    const auto count = std::count(dims.begin(), dims.end(), std::uint8_t{1});
    if (count == D) {
      term.dims = MaskTerm::Dims::All;
    } else if (first == count) {
      term.dims = MaskTerm::Dims::First;
      term.count = first;
    } else if (last == count) {
      term.dims = MaskTerm::Dims::Last;
      term.count = last;
    } else {
      term.dims = MaskTerm::Dims::Ranges;
      for (int f = 0; f < D; ++f) {
        if (!dims[static_cast<size_t>(f)]) continue;
        if (!term.dimRanges.empty() && term.dimRanges.back().second == f - 1)
          term.dimRanges.back().second = f;
        else
          term.dimRanges.emplace_back(f, f);
      }
    }
    spec.terms.push_back(std::move(term));
  }
  std::vector<std::pair<int, int>> ablated;
  for (int l = 0; l < g.layers; ++l)
    for (int h = 0; h < g.heads; ++h)
      if (g.isAblated(l, h)) ablated.emplace_back(l, h);
  spec.ablate = headRefs(ablated, g.heads);
  spec.pRope = g.pRope;
  return spec;
}

MaskSpec presetSpec(const MaskPreset& p) {
  MaskSpec spec;
  MaskTerm term;
  switch (p.kind) {
    case MaskPreset::Kind::None:
      return spec;
    case MaskPreset::Kind::FirstDims:
    case MaskPreset::Kind::LastDims:
      if (p.count < 1) throw Error(ErrorCode::InvalidArgument, "preset", "the number of dims must be at least 1");
      term.heads = p.retrievalAbove ? MaskTerm::Heads::RetrievalAbove : MaskTerm::Heads::All;
      term.retrievalThreshold = p.retrievalAbove.value_or(0.0);
      term.dims = p.kind == MaskPreset::Kind::FirstDims ? MaskTerm::Dims::First : MaskTerm::Dims::Last;
      term.count = p.count;
      break;
    case MaskPreset::Kind::UtilityBelow:
      term.heads = MaskTerm::Heads::All;
      term.dims = MaskTerm::Dims::UtilityBelow;
      term.utilityThreshold = p.threshold;
      break;
    case MaskPreset::Kind::RetrievalHeads:
      term.heads = MaskTerm::Heads::RetrievalAbove;
      term.retrievalThreshold = p.threshold;
      term.dims = MaskTerm::Dims::All;
      break;
    case MaskPreset::Kind::Layer:
      term.heads = MaskTerm::Heads::List;
      term.headList = {{p.layer, -1}};
      term.dims = MaskTerm::Dims::All;
      break;
    case MaskPreset::Kind::Head:
      term.heads = MaskTerm::Heads::List;
      term.headList = {{p.layer, p.head}};
      term.dims = MaskTerm::Dims::All;
      break;
    case MaskPreset::Kind::PRope:
      if (p.threshold < 0.0 || p.threshold > 1.0)
        throw Error(ErrorCode::InvalidArgument, "preset", "p-RoPE's p is between 0 and 1");
      spec.pRope = p.threshold;
      return spec;
    case MaskPreset::Kind::Ablate:
      spec.ablate = {{p.layer, p.head}};
      return spec;
  }
  spec.terms.push_back(std::move(term));
  return spec;
}

}  // namespace ropescope::engine
