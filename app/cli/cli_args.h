// Command-line parsing for ropescope-cli: `command --key value --flag` (no Qt).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ropescope::app {

// A usage mistake: the message says what is wrong; main prints it with the command's help.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takesValue = true;
  std::string help;
  std::string valueName = "VALUE";
};

class ParsedArgs {
 public:
  ParsedArgs(std::map<std::string, std::string> values, std::set<std::string> flags,
             std::vector<std::string> positional)
      : m_values(std::move(values)), m_flags(std::move(flags)), m_positional(std::move(positional)) {}

  bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::string required(const std::string& name) const;
  int intValue(const std::string& name, int fallback) const;
  // A whole number in [lo, hi]; UsageError naming the option and the range otherwise.
  int intValue(const std::string& name, int fallback, int lo, int hi) const;
  double doubleValue(const std::string& name, double fallback) const;  // finite decimal numbers
  const std::vector<std::string>& positional() const { return m_positional; }

 private:
  std::map<std::string, std::string> m_values;
  std::set<std::string> m_flags;
  std::vector<std::string> m_positional;
};

// Parses args (after the command name) against specs; `--key=value` and `--key value` both work.
ParsedArgs parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

std::string formatOptions(const std::vector<OptionSpec>& specs);

}  // namespace ropescope::app
