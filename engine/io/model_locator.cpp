// Finds a model folder or a model id in the local Hugging Face cache.
#include "engine/io/model_locator.h"

#include <cstdlib>
#include <fstream>
#include <regex>

#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

std::vector<fs::path> huggingFaceCacheDirs() {
  if (!env("HF_HUB_CACHE").empty()) return {env("HF_HUB_CACHE")};
  if (!env("HF_HOME").empty()) return {fs::path(env("HF_HOME")) / "hub"};
  if (!env("XDG_CACHE_HOME").empty()) return {fs::path(env("XDG_CACHE_HOME")) / "huggingface" / "hub"};
  if (!env("HOME").empty()) return {fs::path(env("HOME")) / ".cache" / "huggingface" / "hub"};
  return {};
}

fs::path resolveModelPath(const std::string& spec) {
  std::error_code ec;
  if (fs::exists(spec, ec)) return spec;
  static const std::regex kModelId(R"(^([A-Za-z0-9][\w.-]*)/([\w.-]+)(?:@([\w./-]+))?$)");
  std::smatch m;
  if (!std::regex_match(spec, m, kModelId)) return spec;  // let the caller report the missing folder

  const std::string repo = "models--" + m[1].str() + "--" + m[2].str();
  const std::string revision = m[3].matched ? m[3].str() : "main";
  std::string looked;
  for (const auto& cache : huggingFaceCacheDirs()) {
    const auto root = cache / repo;
    looked += (looked.empty() ? "" : ", ") + root.string();
    if (!fs::is_directory(root, ec)) continue;
    const auto snapshots = root / "snapshots";
    if (fs::is_directory(snapshots / revision, ec)) return snapshots / revision;  // a commit hash
    std::ifstream ref(root / "refs" / revision);
    std::string commit;
    if (ref && std::getline(ref, commit) && fs::is_directory(snapshots / trim(commit), ec))
      return snapshots / trim(commit);
    if (!m[3].matched) {
      std::vector<fs::path> all;
      for (fs::directory_iterator it(snapshots, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory()) all.push_back(it->path());
      if (all.size() == 1) return all.front();
    }
    throw Error(ErrorCode::NotFound, root.string(),
                "the Hugging Face cache holds " + spec + " but no snapshot for revision '" + revision + "'");
  }
  throw Error(ErrorCode::NotFound, spec,
              "no such folder, and no model of that id in the Hugging Face cache (looked in " +
                  (looked.empty() ? std::string("no cache folder: HOME is unset") : looked) +
                  "); RoPEScope never downloads models");
}

}  // namespace ropescope::engine
