// Command-line parsing for ropescope-cli.
#include "app/cli/cli_args.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace ropescope::app {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = m_values.find(name);
  if (it == m_values.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::required(const std::string& name) const {
  auto v = value(name);
  if (!v || v->empty()) throw UsageError("--" + name + " is required");
  return *v;
}

namespace {

// The whole of `text` read by `read` (std::stoi / std::stod with a count of characters used), or a
// usage error saying what --name takes.
template <typename T, typename Read>
T wholeValue(const std::string& name, const std::string& text, const char* takes, Read read) {
  try {
    size_t used = 0;
    const T x = read(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    if constexpr (std::is_floating_point_v<T>)
      if (!std::isfinite(x)) throw std::invalid_argument(text);
    return x;
  } catch (const std::exception&) {
    throw UsageError("--" + name + " takes " + takes + ", got '" + text + "'");
  }
}

}  // namespace

int ParsedArgs::intValue(const std::string& name, int fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  return wholeValue<int>(name, *v, "a whole number",
                         [](const std::string& t, size_t* used) { return std::stoi(t, used); });
}

int ParsedArgs::intValue(const std::string& name, int fallback, int lo, int hi) const {
  const int v = intValue(name, fallback);
  if (value(name) && (v < lo || v > hi))
    throw UsageError("--" + name + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                     std::to_string(v));
  return v;
}

double ParsedArgs::doubleValue(const std::string& name, double fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  return wholeValue<double>(name, *v, "a number",
                            [](const std::string& t, size_t* used) { return std::stod(t, used); });
}

ParsedArgs parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) throw UsageError("unknown option --" + name);
    if (!spec->takesValue) {
      if (inlineValue) throw UsageError("--" + name + " takes no value");
      flags.insert(name);
      continue;
    }
    if (inlineValue) {
      values[name] = *inlineValue;
    } else {
      if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
      values[name] = args[++i];
    }
  }
  return ParsedArgs(std::move(values), std::move(flags), std::move(positional));
}

std::string formatOptions(const std::vector<OptionSpec>& specs) {
  std::string out;
  for (const auto& s : specs) {
    std::string left = "  --" + s.name + (s.takesValue ? " " + s.valueName : "");
    if (left.size() < 26)
      left.append(26 - left.size(), ' ');
    else
      left += "  ";
    out += left + s.help + "\n";
  }
  return out;
}

}  // namespace ropescope::app
