// Opens Hugging Face model folders: strict about what is there, never loads pickle.
#include "engine/io/checkpoint.h"

#include <cstdio>
#include <cstring>
#include <span>

#include <algorithm>
#include <set>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/io/model_locator.h"

namespace ropescope::engine {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSingleFile = "model.safetensors";
constexpr const char* kIndexFile = "model.safetensors.index.json";

bool isPickleName(const fs::path& p) {
  const auto ext = p.extension().string();
  const auto name = p.filename().string();
  return ext == ".bin" || ext == ".pt" || ext == ".pth" || ext == ".pkl" || ext == ".ckpt" ||
         name == "pytorch_model.bin.index.json";
}

std::vector<fs::path> listFolder(const fs::path& folder) {
  std::error_code ec;
  if (const auto reason = brokenLinkReason(folder); !reason.empty())
    throw Error(ErrorCode::NotFound, folder.string(), reason);
  if (!fs::exists(folder, ec)) throw Error(ErrorCode::NotFound, folder.string(), "folder does not exist");
  if (!fs::is_directory(folder, ec))
    throw Error(ErrorCode::InvalidArgument, folder.string(), "is a file, not a model folder");
  std::vector<fs::path> entries;
  fs::directory_iterator it(folder, ec);
  if (ec) throw Error(ErrorCode::Io, folder.string(), "cannot read folder: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw Error(ErrorCode::Io, folder.string(), "cannot read folder: " + ec.message());
    entries.push_back(it->path());
  }
  return entries;
}

}  // namespace

std::string layerTensorName(int layer, std::string_view suffix) {
  return "model.layers." + std::to_string(layer) + "." + std::string(suffix);
}

Checkpoint Checkpoint::open(const fs::path& spec) {
  const auto folder = resolveModelPath(spec.string());
  const auto entries = listFolder(folder);
  Checkpoint ckpt;
  ckpt.m_folder = folder;
  ckpt.m_config = ModelConfig::load(folder);

  std::error_code ec;
  std::vector<fs::path> shardFiles;
  std::map<std::string, std::string> weightMap;  // tensor -> shard file name (sharded only)
  const auto indexPath = folder / kIndexFile;
  if (hasEntry(indexPath)) {
    ckpt.m_weights = indexPath;
    const auto index = readJsonFile(indexPath);
    const auto wm = index.find("weight_map");
    if (!index.is_object() || wm == index.end() || !wm->is_object())
      throw Error(ErrorCode::Format, indexPath.string(), "has no 'weight_map' object");
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : wm->items()) {
      if (!shard.is_string())
        throw Error(ErrorCode::Format, indexPath.string(), "weight_map['" + tensor + "'] is not a file name");
      const auto name = shard.get<std::string>();
      if (name.empty() || fs::path(name).filename().string() != name)
        throw Error(ErrorCode::Format, indexPath.string(), "shard name '" + name + "' is not a plain file name");
      weightMap[tensor] = name;
      shards.insert(name);
    }
    if (shards.empty()) throw Error(ErrorCode::Format, indexPath.string(), "has an empty 'weight_map'");
    for (const auto& s : shards) {
      if (!hasEntry(folder / s))
        throw Error(ErrorCode::NotFound, indexPath.string(), "names shard '" + s + "', which is not in the folder");
      shardFiles.push_back(folder / s);
    }
  } else if (hasEntry(folder / kSingleFile)) {
    shardFiles.push_back(folder / kSingleFile);
    ckpt.m_weights = folder / kSingleFile;
  } else {
    std::vector<std::string> pickles;
    for (const auto& e : entries)
      if (isPickleName(e)) pickles.push_back(e.filename().string());
    if (!pickles.empty()) {
      std::sort(pickles.begin(), pickles.end());
      throw Error(ErrorCode::PickleRefused, (folder / pickles.front()).string(),
                  "this folder holds only pickle checkpoints, which can run arbitrary code when loaded; "
                  "RoPEScope reads safetensors only. Convert it once, e.g. in Python: "
                  "AutoModelForCausalLM.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
    }
    throw Error(ErrorCode::NotFound, folder.string(),
                std::string("no ") + kSingleFile + " or " + kIndexFile + " in this folder");
  }

  for (const auto& file : shardFiles) {
    ckpt.m_shards.push_back(std::make_unique<SafetensorsFile>(SafetensorsFile::open(file)));
    const auto* shard = ckpt.m_shards.back().get();
    for (const auto& t : shard->tensors()) {
      if (!weightMap.empty()) {
        const auto it = weightMap.find(t.name);
        if (it == weightMap.end() || it->second != file.filename().string())
          throw Error(ErrorCode::Format, file.string(),
                      "holds tensor '" + t.name + "', which " + kIndexFile + " does not place in this shard");
      }
      if (!ckpt.m_index.emplace(t.name, TensorRef{shard, &t}).second)
        throw Error(ErrorCode::Format, file.string(), "tensor '" + t.name + "' appears in more than one shard");
    }
  }
  for (const auto& [tensor, shard] : weightMap)
    if (!ckpt.m_index.count(tensor))
      throw Error(ErrorCode::Format, (folder / shard).string(),
                  "lacks tensor '" + tensor + "', which " + kIndexFile + " says it holds");
  return ckpt;
}

ModelSummary Checkpoint::summary() const {
  ModelSummary s;
  s.path = m_folder.string();
  s.architecture = m_config.architecture();
  s.configJson = m_config.configJson;
  s.layers = m_config.numLayers;
  s.heads = m_config.numHeads;
  s.kvHeads = m_config.numKvHeads;
  s.headDim = m_config.headDim;
  s.hidden = m_config.hiddenSize;
  s.ropeTheta = m_config.ropeTheta;
  s.rotary = !m_config.noRope;
  s.ropeScaling = m_config.ropeScaling ? m_config.ropeScaling->type : "";
  return s;
}

namespace {

// Whether any element of `bytes` (little-endian IEEE values of `dtype`) is NaN or infinite: an
// exponent of all ones.
bool hasNonFinite(std::span<const std::byte> bytes, DType dtype) {
  const auto scan = [&]<typename Bits>(Bits exponent) {
    const std::size_t n = bytes.size() / sizeof(Bits);
    for (std::size_t i = 0; i < n; ++i) {
      Bits v;
      std::memcpy(&v, bytes.data() + i * sizeof(Bits), sizeof(Bits));
      if ((v & exponent) == exponent) return true;
    }
    return false;
  };
  switch (dtype) {
    case DType::F64:
      return scan(std::uint64_t{0x7ff0000000000000});
    case DType::F32:
      return scan(std::uint32_t{0x7f800000});
    case DType::F16:
      return scan(std::uint16_t{0x7c00});
    case DType::BF16:
      return scan(std::uint16_t{0x7f80});
    default:
      return false;  // integers and 8-bit floats (whose encodings differ) are not checked
  }
}

}  // namespace

std::vector<std::string> Checkpoint::nonFiniteTensors() const {
  std::vector<std::string> out;
  for (const auto& [name, ref] : m_index)
    if (hasNonFinite(ref.file->data(*ref.info), ref.info->dtype)) out.push_back(name);
  return out;
}

RunInfo Checkpoint::runInfo() const {
  RunInfo info;
  info.model = m_folder.string();
  info.modelConfig = m_config.configJson;
  info.modelIdentity = identity();
  return info;
}

std::string Checkpoint::identity() const {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, 64 bits
  const auto mix = [&h](const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  };
  const auto mixText = [&](const std::string& text) {
    const std::uint64_t n = text.size();
    mix(&n, sizeof n);
    mix(text.data(), text.size());
  };
  mixText(m_config.configJson);
  constexpr std::size_t kWindow = 256;
  constexpr std::size_t kWindows = 16;
  for (const auto& [name, ref] : m_index) {  // sorted by name
    mixText(name);
    mixText(std::string(dtypeName(ref.info->dtype)));
    for (const auto d : ref.info->shape) mix(&d, sizeof d);
    const auto bytes = ref.file->data(*ref.info);
    if (bytes.size() <= (kWindows + 1) * kWindow) {
      mix(bytes.data(), bytes.size());
      continue;
    }
    const std::size_t stride = (bytes.size() - kWindow) / kWindows;
    for (std::size_t w = 0; w <= kWindows; ++w) mix(bytes.data() + w * stride, kWindow);
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return std::string("fnv1a64:") + text;
}

std::optional<Checkpoint::TensorRef> Checkpoint::find(std::string_view name) const {
  const auto it = m_index.find(name);
  if (it == m_index.end()) return std::nullopt;
  return it->second;
}

Checkpoint::TensorRef Checkpoint::require(std::string_view name) const {
  if (auto ref = find(name)) return *ref;
  throw Error(ErrorCode::Format, m_weights.string(),
              "has no tensor '" + std::string(name) + "' (config.json describes a model that needs it)");
}

std::vector<std::string> Checkpoint::tensorNames() const {
  std::vector<std::string> names;
  names.reserve(m_index.size());
  for (const auto& [name, ref] : m_index) names.push_back(name);
  return names;
}

}  // namespace ropescope::engine
