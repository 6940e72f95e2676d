// Reads safetensors files: a validated header over a memory-mapped data section (no torch).
//
// Layout: 8-byte little-endian header length N, N bytes of JSON mapping tensor names to
// {dtype, shape, data_offsets: [begin, end)} relative to the data section that follows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/mapped_file.h"

namespace ropescope::engine {

enum class DType { F64, F32, F16, BF16, F8_E4M3, F8_E5M2, I64, I32, I16, I8, U64, U32, U16, U8, Bool };

std::string_view dtypeName(DType dtype);
std::optional<DType> dtypeFromName(std::string_view name);
std::size_t dtypeSize(DType dtype);
bool isFloatingDType(DType dtype);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;  // byte offsets into the data section
  std::uint64_t end = 0;

  std::int64_t numel() const;
  std::uint64_t byteSize() const { return end - begin; }
};

struct SafetensorsHeader {
  std::vector<TensorInfo> tensors;  // in file order of their data
  std::map<std::string, std::string> metadata;
  std::uint64_t dataOffset = 0;  // where the data section starts in the file
};

// Largest header accepted, as in the reference implementation.
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;

// Validates everything about a safetensors image held in memory; `source` names it in errors.
// Throws Error(Format / Unsupported).
SafetensorsHeader parseSafetensors(std::span<const std::byte> file, const std::string& source);

class SafetensorsFile {
 public:
  // Maps and validates the file; throws Error naming the file and the problem.
  static SafetensorsFile open(const std::filesystem::path& path);

  const std::filesystem::path& path() const noexcept { return m_file.path(); }
  const std::vector<TensorInfo>& tensors() const noexcept { return m_header.tensors; }
  const std::map<std::string, std::string>& metadata() const noexcept { return m_header.metadata; }
  const TensorInfo* find(std::string_view name) const;
  // The raw little-endian bytes of one tensor, inside the mapping.
  std::span<const std::byte> data(const TensorInfo& tensor) const;

 private:
  SafetensorsFile(MappedFile file, SafetensorsHeader header);

  MappedFile m_file;
  SafetensorsHeader m_header;
  std::map<std::string, std::size_t, std::less<>> m_index;
};

// Writes a safetensors file (used by tests and, later, by training). Tensors are written in
// the given order; `bytes` must match shape x dtype.
struct TensorToWrite {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::span<const std::byte> bytes;
};
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace ropescope::engine
