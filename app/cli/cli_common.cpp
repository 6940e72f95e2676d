// Options and helpers shared by the ropescope-cli commands (no LibTorch: the launcher links them).
#include "app/cli/cli_common.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli/terminal_progress.h"
#include "engine/core/error.h"

namespace ropescope::app {

const OptionSpec kThreads{"threads", true, "compute threads (default: one per core)", "N"};
const OptionSpec kCheckWeights{"check-weights", false,
                               "read every weight first and refuse NaN or infinite values, naming the tensors"};
const OptionSpec kModel{"model", true, "model folder, a model id in the local Hugging Face cache, or demo / demo-nope",
                        "MODEL"};

engine::DimOrder parseDimOrder(const ParsedArgs& args) {
  const auto v = args.value("dim-order").value_or("frequency");
  if (v == "frequency") return engine::DimOrder::Frequency;
  if (v == "storage") return engine::DimOrder::Storage;
  throw UsageError("--dim-order is 'frequency' or 'storage', got '" + v + "'");
}

std::vector<std::int64_t> parseIds(const std::string& text) {
  std::vector<std::int64_t> ids;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      size_t used = 0;
      ids.push_back(std::stoll(item, &used));
      if (used != item.size()) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      throw UsageError("--ids takes comma-separated integers, got '" + item + "'");
    }
  }
  if (ids.empty()) throw UsageError("--ids is empty");
  return ids;
}

const OptionSpec kMask{"mask", true, "interventions, e.g. \"heads=L3H5,L7H1 dims=first16\", \"prope=0.75\"", "SPEC"};

const OptionSpec kDType{"dtype", true, "compute dtype: float32 (default), bfloat16, float16 (CUDA)", "TYPE"};
const OptionSpec kDevice{"device", true, "cpu (default), cuda, cuda:N", "DEV"};

void checkWritableOutput(const std::string& output) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(output, ec))
    throw engine::Error(engine::ErrorCode::InvalidArgument, output, "is a folder; --output names the file to write");
  const auto folder = fs::absolute(output).parent_path();
  if (!fs::is_directory(folder, ec))
    throw engine::Error(engine::ErrorCode::NotFound, output, "its folder " + folder.string() + " does not exist");
  const auto probe = folder / (".ropescope-write-test-" + std::to_string(::getpid()));
  {
    std::ofstream file(probe);
    if (!file) throw engine::Error(engine::ErrorCode::Io, output, "cannot write in its folder " + folder.string());
  }
  fs::remove(probe, ec);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string joinIds(const std::vector<std::int64_t>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

engine::RunControl progressControl(TerminalProgress& progress, const engine::CancelToken& cancel) {
  engine::RunControl control;
  control.cancel = &cancel;
  control.progress = [&progress](std::int64_t done, std::int64_t total, std::string_view stage) {
    progress.update(done, total, stage);
  };
  return control;
}

}  // namespace ropescope::app
