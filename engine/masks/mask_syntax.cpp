// The mask syntax: parsing, canonical text, resolution to interventions.
#include "engine/masks/mask_syntax.h"

#include <charconv>
#include <set>
#include <sstream>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

[[noreturn]] void bad(std::string_view clause, const std::string& message) {
  throw Error(ErrorCode::InvalidArgument, "mask '" + std::string(clause) + "'", message);
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
    if (used != s.size()) return std::nullopt;
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

MaskSpec parseMaskSpec(std::string_view text) {
  MaskSpec spec;
  std::set<std::string> seen;
  bool any = false;
  for (auto clause : split(text, ' ')) {
    if (clause.empty()) continue;
    any = true;
    if (clause == "none") {
      seen.insert("none");
      continue;
    }
    const auto eq = clause.find('=');
    if (eq == std::string_view::npos) bad(clause, "clauses are key=value: heads=, dims=, prope=, ablate= (or 'none')");
    const std::string key(clause.substr(0, eq));
    const auto value = clause.substr(eq + 1);
    if (!seen.insert(key).second) bad(clause, "'" + key + "' is given twice");
    if (key == "heads") {
      if (value == "all") {
        spec.heads = MaskSpec::Heads::All;
      } else if (value.rfind("retrieval>", 0) == 0) {
        const auto t = toDouble(value.substr(10));
        if (!t) bad(clause, "expected heads=retrieval>THRESHOLD with a number");
        spec.heads = MaskSpec::Heads::RetrievalAbove;
        spec.retrievalThreshold = *t;
      } else {
        spec.heads = MaskSpec::Heads::List;
        spec.headList = parseHeads(clause, value);
      }
    } else if (key == "dims") {
      if (value == "all") {
        spec.dims = MaskSpec::Dims::All;
      } else if (value.rfind("first", 0) == 0 || value.rfind("last", 0) == 0) {
        const bool first = value[0] == 'f';
        const auto n = toInt(value.substr(first ? 5 : 4));
        if (!n || *n == 0) bad(clause, "expected dims=firstN or dims=lastN with N > 0");
        spec.dims = first ? MaskSpec::Dims::First : MaskSpec::Dims::Last;
        spec.count = *n;
      } else if (value.rfind("utility<", 0) == 0) {
        const auto t = toDouble(value.substr(8));
        if (!t) bad(clause, "expected dims=utility<THRESHOLD with a number");
        spec.dims = MaskSpec::Dims::UtilityBelow;
        spec.utilityThreshold = *t;
      } else {
        spec.dims = MaskSpec::Dims::Ranges;
        for (auto item : split(value, ',')) {
          const auto dash = item.find('-');
          const auto a = toInt(item.substr(0, dash));
          const auto b = dash == std::string_view::npos ? a : toInt(item.substr(dash + 1));
          if (!a || !b || *b < *a)
            bad(clause,
                "dims are all, firstN, lastN, utility<T or ranges like 0-15,64 (got '" + std::string(item) + "')");
          spec.dimRanges.emplace_back(*a, *b);
        }
      }
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
  if (!any) bad(text, "empty; write 'none' for no mask");
  if (seen.count("none") && seen.size() > 1) bad(text, "'none' cannot be combined with other clauses");
  if (spec.heads != MaskSpec::Heads::None && spec.dims == MaskSpec::Dims::None) spec.dims = MaskSpec::Dims::All;
  if (spec.dims != MaskSpec::Dims::None && spec.heads == MaskSpec::Heads::None) spec.heads = MaskSpec::Heads::All;
  return spec;
}

std::string maskSpecText(const MaskSpec& s) {
  std::vector<std::string> parts;
  switch (s.heads) {
    case MaskSpec::Heads::None:
      break;
    case MaskSpec::Heads::All:
      parts.push_back("heads=all");
      break;
    case MaskSpec::Heads::RetrievalAbove:
      parts.push_back("heads=retrieval>" + number(s.retrievalThreshold));
      break;
    case MaskSpec::Heads::List:
      parts.push_back("heads=" + headsText(s.headList));
      break;
  }
  switch (s.dims) {
    case MaskSpec::Dims::None:
      break;
    case MaskSpec::Dims::All:
      parts.push_back("dims=all");
      break;
    case MaskSpec::Dims::First:
      parts.push_back("dims=first" + std::to_string(s.count));
      break;
    case MaskSpec::Dims::Last:
      parts.push_back("dims=last" + std::to_string(s.count));
      break;
    case MaskSpec::Dims::UtilityBelow:
      parts.push_back("dims=utility<" + number(s.utilityThreshold));
      break;
    case MaskSpec::Dims::Ranges: {
      std::string r;
      for (const auto& [a, b] : s.dimRanges)
        r += (r.empty() ? "" : ",") + std::to_string(a) + (b != a ? "-" + std::to_string(b) : "");
      parts.push_back("dims=" + r);
      break;
    }
  }
  if (s.pRope) parts.push_back("prope=" + number(*s.pRope));
  if (!s.ablate.empty()) parts.push_back("ablate=" + headsText(s.ablate));
  if (parts.empty()) return "none";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

Interventions resolveMaskSpec(const MaskSpec& spec, const MaskContext& ctx) {
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
  if (spec.heads == MaskSpec::Heads::None) return iv;

  std::vector<std::pair<int, int>> heads;
  if (spec.heads == MaskSpec::Heads::All || spec.heads == MaskSpec::Heads::RetrievalAbove) {
    const auto* scores = ctx.retrievalScores;
    if (spec.heads == MaskSpec::Heads::RetrievalAbove &&
        (scores == nullptr || scores->shape != std::vector<std::int64_t>{ctx.layers, ctx.heads}))
      throw Error(ErrorCode::InvalidArgument, "heads=retrieval>",
                  "needs retrieval scores [layers, heads] for this model: run the retrieval analysis first");
    for (int l = 0; l < ctx.layers; ++l)
      for (int h = 0; h < ctx.heads; ++h)
        if (spec.heads == MaskSpec::Heads::All || scores->at({l, h}) > spec.retrievalThreshold)
          heads.emplace_back(l, h);
  } else {
    heads = expand(spec.headList, "heads");
  }

  const int D = ctx.headDim;
  if ((spec.dims == MaskSpec::Dims::First || spec.dims == MaskSpec::Dims::Last) && spec.count > D)
    throw Error(ErrorCode::InvalidArgument, "dims",
                std::to_string(spec.count) + " dims asked, head_dim is " + std::to_string(D));
  for (const auto& [a, b] : spec.dimRanges)
    if (b >= D)
      throw Error(ErrorCode::InvalidArgument, "dims",
                  "dim " + std::to_string(b) + " is outside [0, " + std::to_string(D) + ")");
  if (spec.dims == MaskSpec::Dims::UtilityBelow &&
      (ctx.utility == nullptr || ctx.utility->shape != std::vector<std::int64_t>{ctx.layers, ctx.heads, D}))
    throw Error(ErrorCode::InvalidArgument, "dims=utility<",
                "needs utility scores [layers, heads, head_dim] for this model: run the utility analysis first");

  for (const auto& [l, h] : heads) {
    std::vector<float> mask(static_cast<size_t>(D), 1.0f);
    for (int f = 0; f < D; ++f) {
      bool masked = false;
      switch (spec.dims) {
        case MaskSpec::Dims::None:
        case MaskSpec::Dims::All:
          masked = true;
          break;
        case MaskSpec::Dims::First:
          masked = f < spec.count;
          break;
        case MaskSpec::Dims::Last:
          masked = f >= D - spec.count;
          break;
        case MaskSpec::Dims::Ranges:
          for (const auto& [a, b] : spec.dimRanges) masked = masked || (f >= a && f <= b);
          break;
        case MaskSpec::Dims::UtilityBelow:
          masked = ctx.utility->at({l, h, f}) < spec.utilityThreshold;
          break;
      }
      if (masked) mask[static_cast<size_t>(f)] = 0.0f;
    }
    iv.queryDimMasks[{l, h}] = std::move(mask);
  }
  return iv;
}

}  // namespace ropescope::engine
