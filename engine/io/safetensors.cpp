// Safetensors reading (validated, memory-mapped) and writing.
#include "engine/io/safetensors.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/core/json_io.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

namespace ropescope::engine {

namespace {

struct DTypeEntry {
  DType dtype;
  std::string_view name;
  std::size_t size;
  bool floating;
};

constexpr std::array kDTypes{
    DTypeEntry{DType::F64, "F64", 8, true},         DTypeEntry{DType::F32, "F32", 4, true},
    DTypeEntry{DType::F16, "F16", 2, true},         DTypeEntry{DType::BF16, "BF16", 2, true},
    DTypeEntry{DType::F8_E4M3, "F8_E4M3", 1, true}, DTypeEntry{DType::F8_E5M2, "F8_E5M2", 1, true},
    DTypeEntry{DType::I64, "I64", 8, false},        DTypeEntry{DType::I32, "I32", 4, false},
    DTypeEntry{DType::I16, "I16", 2, false},        DTypeEntry{DType::I8, "I8", 1, false},
    DTypeEntry{DType::U64, "U64", 8, false},        DTypeEntry{DType::U32, "U32", 4, false},
    DTypeEntry{DType::U16, "U16", 2, false},        DTypeEntry{DType::U8, "U8", 1, false},
    DTypeEntry{DType::Bool, "BOOL", 1, false},
};

const DTypeEntry& entryOf(DType dtype) {
  for (const auto& e : kDTypes)
    if (e.dtype == dtype) return e;
  return kDTypes[1];
}

std::string shapeString(const std::vector<std::int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

[[noreturn]] void formatError(const std::string& source, const std::string& message) {
  throw Error(ErrorCode::Format, source, message);
}

std::uint64_t readLittleEndian64(const std::byte* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<std::uint64_t>(p[i]);
  return v;
}

std::uint64_t asOffset(const nlohmann::json& v, const std::string& source, const std::string& name) {
  if (!v.is_number_unsigned())
    formatError(source, "tensor '" + name + "': data_offsets must be two non-negative integers");
  return v.get<std::uint64_t>();
}

TensorInfo parseTensorEntry(const std::string& name, const nlohmann::json& entry, std::uint64_t dataBytes,
                            const std::string& source) {
  if (!entry.is_object()) formatError(source, "tensor '" + name + "': entry is not a JSON object");
  TensorInfo t;
  t.name = name;

  const auto dtypeIt = entry.find("dtype");
  if (dtypeIt == entry.end() || !dtypeIt->is_string()) formatError(source, "tensor '" + name + "': no dtype");
  const auto dtypeText = dtypeIt->get<std::string>();
  const auto dtype = dtypeFromName(dtypeText);
  if (!dtype) formatError(source, "tensor '" + name + "': unknown dtype '" + dtypeText + "'");
  t.dtype = *dtype;

  const auto shapeIt = entry.find("shape");
  if (shapeIt == entry.end() || !shapeIt->is_array())
    formatError(source, "tensor '" + name + "': shape must be an array");
  for (const auto& d : *shapeIt) {
    if (!d.is_number_unsigned() || d.get<std::uint64_t>() > static_cast<std::uint64_t>(1) << 48)
      formatError(source, "tensor '" + name + "': shape must hold non-negative integers");
    t.shape.push_back(d.get<std::int64_t>());
  }

  const auto offIt = entry.find("data_offsets");
  if (offIt == entry.end() || !offIt->is_array() || offIt->size() != 2)
    formatError(source, "tensor '" + name + "': data_offsets must be [begin, end]");
  t.begin = asOffset((*offIt)[0], source, name);
  t.end = asOffset((*offIt)[1], source, name);
  if (t.begin > t.end || t.end > dataBytes)
    formatError(source, "tensor '" + name + "': data_offsets [" + std::to_string(t.begin) + ", " +
                            std::to_string(t.end) + ") lie outside the data section of " + std::to_string(dataBytes) +
                            " bytes (file truncated?)");

  // shape x dtype must be exactly the byte count; guard the product against overflow.
  unsigned __int128 expected = entryOf(t.dtype).size;
  for (auto d : t.shape) {
    expected *= static_cast<std::uint64_t>(d);
    if (expected > std::numeric_limits<std::uint64_t>::max()) break;
  }
  if (expected != t.byteSize())
    formatError(source, "tensor '" + name + "': shape " + shapeString(t.shape) + " of dtype " + dtypeText + " needs " +
                            (expected > std::numeric_limits<std::uint64_t>::max()
                                 ? std::string("more than 2^64")
                                 : std::to_string(static_cast<std::uint64_t>(expected))) +
                            " bytes but data_offsets span " + std::to_string(t.byteSize()));
  return t;
}

}  // namespace

std::string_view dtypeName(DType dtype) { return entryOf(dtype).name; }

std::optional<DType> dtypeFromName(std::string_view name) {
  for (const auto& e : kDTypes)
    if (e.name == name) return e.dtype;
  return std::nullopt;
}

std::size_t dtypeSize(DType dtype) { return entryOf(dtype).size; }
bool isFloatingDType(DType dtype) { return entryOf(dtype).floating; }

std::int64_t TensorInfo::numel() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

SafetensorsHeader parseSafetensors(std::span<const std::byte> file, const std::string& source) {
  if (file.size() < 8)
    formatError(source, "file is truncated: " + std::to_string(file.size()) +
                            " bytes, but a safetensors file starts with an 8-byte header length");
  const std::uint64_t headerBytes = readLittleEndian64(file.data());
  const std::uint64_t available = file.size() - 8;
  if (available > 0 && static_cast<char>(file[8]) != '{')
    formatError(source,
                "is not a safetensors file: one holds an 8-byte header length, then a JSON header starting "
                "with '{'");
  if (headerBytes > available)
    formatError(source, "header length " + std::to_string(headerBytes) + " is larger than the rest of the file (" +
                            std::to_string(available) + " bytes): truncated or not a safetensors file");
  if (headerBytes > kMaxSafetensorsHeaderBytes)
    formatError(source, "header length " + std::to_string(headerBytes) + " exceeds the limit of " +
                            std::to_string(kMaxSafetensorsHeaderBytes) + " bytes");

  const auto* text = reinterpret_cast<const char*>(file.data() + 8);
  nlohmann::json header;
  try {
    header = parseJsonText(std::string_view(text, headerBytes), source + " (header)");
  } catch (const Error& e) {
    formatError(source, "header is " + e.message());
  }
  if (!header.is_object()) formatError(source, "header is not a JSON object");

  SafetensorsHeader out;
  out.dataOffset = 8 + headerBytes;
  const std::uint64_t dataBytes = file.size() - out.dataOffset;
  for (const auto& [key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) formatError(source, "__metadata__ is not a JSON object");
      for (const auto& [mk, mv] : value.items()) {
        if (!mv.is_string()) formatError(source, "__metadata__ value '" + mk + "' is not a string");
        out.metadata[mk] = mv.get<std::string>();
      }
      continue;
    }
    out.tensors.push_back(parseTensorEntry(key, value, dataBytes, source));
  }

  std::sort(out.tensors.begin(), out.tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  for (size_t i = 1; i < out.tensors.size(); ++i) {
    const auto& prev = out.tensors[i - 1];
    const auto& cur = out.tensors[i];
    if (cur.begin < prev.end)
      formatError(source, "tensors '" + prev.name + "' and '" + cur.name + "' overlap in the data section");
  }
  // The format indexes the whole data section: bytes that belong to no tensor mean offsets that
  // do not describe the data (a tensor would read another's bytes or garbage).
  std::uint64_t covered = 0;
  for (const auto& t : out.tensors) {
    if (t.begin != covered)
      formatError(source, "bytes " + std::to_string(covered) + ".." + std::to_string(t.begin) +
                              " of the data section belong to no tensor (before '" + t.name + "')");
    covered = t.end;
  }
  if (covered != dataBytes)
    formatError(source, "the data section has " + std::to_string(dataBytes) + " bytes but its tensors cover " +
                            std::to_string(covered));
  return out;
}

SafetensorsFile::SafetensorsFile(MappedFile file, SafetensorsHeader header)
    : m_file(std::move(file)), m_header(std::move(header)) {
  for (size_t i = 0; i < m_header.tensors.size(); ++i) m_index.emplace(m_header.tensors[i].name, i);
}

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path) {
  MappedFile file(path);
  try {
    auto header = parseSafetensors(file.bytes(), path.string());
    return SafetensorsFile(std::move(file), std::move(header));
  } catch (const Error& e) {
    if (const auto note = linkNote(path); !note.empty()) throw Error(e.code(), e.context(), e.message() + note);
    throw;
  }
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  const auto it = m_index.find(name);
  return it == m_index.end() ? nullptr : &m_header.tensors[it->second];
}

std::span<const std::byte> SafetensorsFile::data(const TensorInfo& tensor) const {
  return m_file.bytes().subspan(m_header.dataOffset + tensor.begin, tensor.byteSize());
}

void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (const auto& t : tensors) {
    std::uint64_t expected = dtypeSize(t.dtype);
    for (auto d : t.shape) expected *= static_cast<std::uint64_t>(d);
    if (expected != t.bytes.size())
      throw Error(ErrorCode::InvalidArgument, t.name, "byte count does not match shape x dtype");
    header[t.name] = {{"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + expected}}};
    offset += expected;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');  // keep the data section 8-byte aligned
  writeAtomically(path, [&](const std::filesystem::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw Error(ErrorCode::Io, tmp.string(), "cannot create file");
    std::array<char, 8> len{};
    std::uint64_t n = text.size();
    for (int i = 0; i < 8; ++i) len[static_cast<size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    out.write(len.data(), 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& t : tensors)
      out.write(reinterpret_cast<const char*>(t.bytes.data()), static_cast<std::streamsize>(t.bytes.size()));
    out.close();
    if (!out) throw Error(ErrorCode::Io, tmp.string(), "write failed (disk full?)");
  });
}

}  // namespace ropescope::engine
