// HDF5 reading and writing of results files (HDF5 C API behind small RAII handles).
#include "engine/io/results_io.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <optional>
#include <utility>
#include <vector>

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/core/version.h"
#include "engine/io/dims.h"
#include "engine/results/schema.h"

namespace ropescope::engine {

namespace {

namespace fs = std::filesystem;

// Owns one HDF5 identifier; closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
  ~Handle() {
    if (m_id >= 0) m_closer(m_id);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : m_id(std::exchange(other.m_id, -1)), m_closer(other.m_closer) {}
  hid_t get() const { return m_id; }
  bool valid() const { return m_id >= 0; }

 private:
  hid_t m_id;
  Closer m_closer;
};

// Silences HDF5's own error printing for the scope: we report errors ourselves.
// HDF5 is not shut down at exit: after it has refused a damaged file its shutdown can fail to
// release that file and print "infinite loop closing library" under RoPEScope's own message.
// Every file RoPEScope writes is complete and closed before that point, so nothing is lost.
// (Must run before the library's first use: a static initialiser.)
[[maybe_unused]] const bool kHdf5NoAtExit = H5dont_atexit() >= 0;

class QuietHdf5 {
 public:
  QuietHdf5() {
    H5Eget_auto2(H5E_DEFAULT, &m_func, &m_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() { H5Eset_auto2(H5E_DEFAULT, m_func, m_data); }

 private:
  H5E_auto2_t m_func = nullptr;
  void* m_data = nullptr;
};

}  // namespace
}  // namespace ropescope::engine

// HDF5's metadata checksum (Jenkins' lookup3), exported by libhdf5 though not in its public headers.
extern "C" std::uint32_t H5_checksum_metadata(const void* data, std::size_t len, std::uint32_t initval);

namespace ropescope::engine {
namespace {

// An image taken while the file is open has the superblock's "open for writing" flag cleared
// but (HDF5 1.10) its checksum still computed with the flag set: the checksum is computed again
// so that the written file opens. Version 2/3 superblock with 8-byte offsets: 12 bytes, four
// addresses, then the checksum.
void sealSuperblock(std::vector<char>& image) {
  constexpr std::size_t kChecksumAt = 12 + 4 * 8;
  if (image.size() < kChecksumAt + 4 || image[8] < 2 || image[9] != 8) return;
  image[11] = 0;  // file consistency flags: closed
  const std::uint32_t sum = H5_checksum_metadata(image.data(), kChecksumAt, 0);
  for (int i = 0; i < 4; ++i)
    image[kChecksumAt + static_cast<std::size_t>(i)] = static_cast<char>((sum >> (8 * i)) & 0xff);
}

// The most bytes one string attribute or dataset may hold when read.
constexpr std::size_t kMaxStringBytes = std::size_t{1} << 30;

// A UTF-8 string type of `width` bytes, NUL-padded.
hid_t fixedStringType(std::size_t width) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, std::max<std::size_t>(width, 1));
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

struct PackedStrings {
  std::size_t width = 1;  // the longest value's bytes (at least 1)
  std::vector<char> bytes;
};

// Values side by side, each NUL-padded to the longest (a value's own NUL bytes end it when read).
PackedStrings packStrings(const std::vector<std::string>& values) {
  PackedStrings p;
  for (const auto& v : values) p.width = std::max(p.width, v.size());
  p.bytes.assign(values.size() * p.width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::copy(values[i].begin(), values[i].end(), p.bytes.begin() + static_cast<std::ptrdiff_t>(i * p.width));
  return p;
}

class Writer {
 public:
  explicit Writer(const fs::path& path) : m_path(path.string()) {}

  void check(bool ok, const std::string& what) const {
    if (!ok) throw Error(ErrorCode::Io, m_path, "HDF5 write failed: " + what);
  }

  // Strings are fixed-length (the longest value's bytes, NUL-padded): they live in the
  // checksummed object headers or as plain data, never in HDF5's unchecksummed global heap.
  void stringAttribute(hid_t owner, const char* name, const std::string& value) const {
    stringListAttribute(owner, name, {value}, /*scalar=*/true);
  }

  void stringListAttribute(hid_t owner, const char* name, const std::vector<std::string>& values,
                           bool scalar = false) const {
    const auto packed = packStrings(values);
    Handle type(fixedStringType(packed.width), H5Tclose);
    const hsize_t n = values.size();
    Handle space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr), H5Sclose);
    Handle attr(H5Acreate2(owner, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(attr.valid(), std::string("attribute ") + name);
    check(H5Awrite(attr.get(), type.get(), packed.bytes.data()) >= 0, std::string("attribute ") + name);
  }

  void intAttribute(hid_t owner, const char* name, long long value) const {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate2(owner, name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(attr.valid() && H5Awrite(attr.get(), H5T_NATIVE_LLONG, &value) >= 0, std::string("attribute ") + name);
  }

  void array(hid_t group, const char* name, const NdArray& a) const {
    std::vector<hsize_t> dims(a.shape.begin(), a.shape.end());
    Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
    Handle set(H5Dcreate2(group, name, H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
    check(set.valid(), std::string("dataset ") + name);
    check(H5Dwrite(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) >= 0,
          std::string("dataset ") + name);
    stringListAttribute(set.get(), "axes", a.axes);
  }

  void strings(hid_t group, const char* name, const StringArray& a) const {
    const auto packed = packStrings(a.values);
    Handle type(fixedStringType(packed.width), H5Tclose);
    const hsize_t n = a.values.size();
    Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    Handle set(H5Dcreate2(group, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
    check(set.valid(), std::string("dataset ") + name);
    if (n > 0)
      check(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.bytes.data()) >= 0,
            std::string("dataset ") + name);
    stringListAttribute(set.get(), "axes", {a.axis});
  }

  // The group at absolute `path` (created with its parents when missing).
  Handle group(hid_t file, const std::string& path) const {
    if (path == "/") return Handle(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
    Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl.get(), 1);
    Handle g(H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0
                 ? H5Gopen2(file, path.c_str(), H5P_DEFAULT)
                 : H5Gcreate2(file, path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT),
             H5Gclose);
    check(g.valid(), "group " + path);
    return g;
  }

 private:
  std::string m_path;
};

// Splits "/a/b/name" into "/a/b" and "name"; InvalidArgument unless absolute with a name.
std::pair<std::string, std::string> splitPath(const std::string& where) {
  const auto slash = where.rfind('/');
  if (where.empty() || where[0] != '/' || slash == where.size() - 1)
    throw Error(ErrorCode::InvalidArgument, where, "dataset paths are absolute, like /logits");
  return {slash == 0 ? "/" : where.substr(0, slash), where.substr(slash + 1)};
}

class Reader {
 public:
  explicit Reader(std::string path) : m_path(std::move(path)) {}

  [[noreturn]] void fail(const std::string& message) const { throw Error(ErrorCode::Format, m_path, message); }

  bool hasAttribute(hid_t owner, const char* name) const { return H5Aexists(owner, name) > 0; }

  std::string stringAttribute(hid_t owner, const char* name) const {
    const auto values = strings(owner, name, /*scalar=*/true);
    return values.front();
  }

  std::vector<std::string> stringListAttribute(hid_t owner, const char* name) const {
    return strings(owner, name, /*scalar=*/false);
  }

  // A fixed-length string attribute, scalar or 1-D; variable-length strings (which HDF5 keeps in
  // its global heap, without checksums) are refused.
  std::vector<std::string> strings(hid_t owner, const char* name, bool scalar) const {
    if (!hasAttribute(owner, name)) fail(std::string("attribute '") + name + "' is missing");
    Handle attr(H5Aopen(owner, name, H5P_DEFAULT), H5Aclose);
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    Handle fileType(H5Aget_type(attr.get()), H5Tclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (!attr.valid() || H5Tget_class(fileType.get()) != H5T_STRING || H5Tis_variable_str(fileType.get()) != 0 ||
        rank != (scalar ? 0 : 1))
      fail(std::string("attribute '") + name + "' is not " + (scalar ? "a string" : "a list of strings") +
           " as RoPEScope writes it");
    hsize_t n = 1;
    if (!scalar) H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    return readFixedStrings(fileType.get(), n, std::string("attribute '") + name + "'",
                            [&](hid_t memType, void* buffer) { return H5Aread(attr.get(), memType, buffer); });
  }

  // n fixed-length strings of `fileType` read by `read(memType, buffer)`, bounded by what the
  // file can hold.
  template <typename Read>
  std::vector<std::string> readFixedStrings(hid_t fileType, hsize_t n, const std::string& what, Read read) const {
    const std::size_t width = H5Tget_size(fileType);
    if (width == 0 || width > kMaxStringBytes || n > kMaxStringBytes / width) fail(what + " is too large");
    Handle memType(fixedStringType(width), H5Tclose);
    std::vector<char> bytes(static_cast<std::size_t>(n) * width);
    if (!bytes.empty() && read(memType.get(), bytes.data()) < 0) fail("cannot read " + what);
    std::vector<std::string> values;
    values.reserve(static_cast<std::size_t>(n));
    for (hsize_t i = 0; i < n; ++i) {
      const char* begin = bytes.data() + i * width;
      values.emplace_back(begin, strnlen(begin, width));
    }
    return values;
  }

  long long intAttribute(hid_t owner, const char* name) const {
    if (!hasAttribute(owner, name)) fail(std::string("attribute '") + name + "' is missing");
    Handle attr(H5Aopen(owner, name, H5P_DEFAULT), H5Aclose);
    Handle fileType(H5Aget_type(attr.get()), H5Tclose);
    if (H5Tget_class(fileType.get()) != H5T_INTEGER) fail(std::string("attribute '") + name + "' is not an integer");
    long long value = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_LLONG, &value) < 0) fail(std::string("cannot read attribute '") + name + "'");
    return value;
  }

  NdArray array(hid_t group, const std::string& where, const char* name,
                const std::vector<std::int64_t>& expectedShape) const {
    const std::string full = where + "/" + name;
    if (H5Lexists(group, name, H5P_DEFAULT) <= 0) fail("dataset " + full + " is missing");
    Handle set(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
    Handle space(H5Dget_space(set.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    std::vector<hsize_t> dims(static_cast<size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    NdArray a;
    a.shape.assign(dims.begin(), dims.end());
    if (a.shape != expectedShape) fail("dataset " + full + " has a shape that does not match the model's sizes");
    a.axes = stringListAttribute(set.get(), "axes");
    if (a.axes.size() != a.shape.size()) fail("dataset " + full + ": 'axes' does not name every axis");
    a.values.resize(static_cast<size_t>(a.numel()));
    if (H5Dread(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) < 0)
      fail("cannot read dataset " + full);
    return a;
  }

  hid_t openGroup(hid_t file, const char* name) const { return H5Gopen2(file, name, H5P_DEFAULT); }

  // Every dataset and group attribute below `path` ("" = the root) except /weights, which has
  // its own reader.
  // Results files are shallow trees of hard links: soft and external links are refused (an
  // external link would open another file), and so are trees deeper or larger than any RoPEScope
  // writes, which is what a hard-link cycle (a group inside itself) or a fan-out of links to the
  // same groups looks like.
  void readTree(hid_t group, const std::string& path, ResultsFile& out, int depth = 0) const {
    if (depth > kMaxGroupDepth)
      fail(path + " lies more than " + std::to_string(kMaxGroupDepth) + " groups deep (a link cycle?)");
    std::vector<std::pair<std::string, H5L_type_t>> links;
    H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collectLink, &links);
    for (const auto& [name, linkType] : links) {
      const std::string full = path + "/" + name;
      if (linkType != H5L_TYPE_HARD) fail(full + " is a soft or external link; results files hold none");
      if (++m_objects > kMaxObjects)
        fail("holds more than " + std::to_string(kMaxObjects) + " groups and datasets (a link cycle?)");
      if (full == "/weights") continue;
      Handle object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
      if (!object.valid()) fail("cannot open " + full);
      const auto type = H5Iget_type(object.get());
      if (type == H5I_GROUP) {
        readGroupAttributes(object.get(), full, out);
        readTree(object.get(), full, out, depth + 1);
      } else if (type == H5I_DATASET) {
        readDataset(object.get(), full, out);
      }
    }
  }

 private:
  static constexpr int kMaxGroupDepth = 16;
  static constexpr long kMaxObjects = 100000;
  mutable long m_objects = 0;

  static herr_t collectLink(hid_t, const char* name, const H5L_info_t* info, void* data) {
    static_cast<std::vector<std::pair<std::string, H5L_type_t>>*>(data)->emplace_back(name, info->type);
    return 0;
  }

  void readGroupAttributes(hid_t group, const std::string& path, ResultsFile& out) const {
    H5O_info_t info{};
    if (H5Oget_info(group, &info) < 0) fail("cannot read group " + path);
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
      Handle attr(H5Aopen_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
      if (!attr.valid()) continue;
      Handle type(H5Aget_type(attr.get()), H5Tclose);
      Handle space(H5Aget_space(attr.get()), H5Sclose);
      if (H5Tget_class(type.get()) != H5T_STRING || H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) continue;
      const ssize_t len = H5Aget_name(attr.get(), 0, nullptr);
      std::string name(static_cast<size_t>(std::max<ssize_t>(len, 0)), '\0');
      H5Aget_name(attr.get(), name.size() + 1, name.data());
      out.groupAttributes[path][name] = stringAttribute(group, name.c_str());
    }
  }

  // A dataset's dimensions are read before its data: one that claims far more than the file
  // stores (no compression packs more than about a thousand to one) is refused before the
  // allocation it would ask for.
  void checkClaimedSize(hid_t set, const std::string& path, const std::vector<hsize_t>& dims,
                        std::size_t elementBytes) const {
    long double claimed = static_cast<long double>(std::max<std::size_t>(elementBytes, 1));
    for (const auto d : dims) claimed *= static_cast<long double>(d);
    const auto stored = static_cast<long double>(H5Dget_storage_size(set));
    constexpr long double kSmall = 16.0L * 1024 * 1024;
    constexpr long double kLargest = 64.0L * 1024 * 1024 * 1024;
    if (claimed > kLargest || (claimed > kSmall && claimed > 1100.0L * stored))
      fail("dataset " + path + " claims " + std::to_string(static_cast<unsigned long long>(claimed)) +
           " bytes but the file stores " + std::to_string(static_cast<unsigned long long>(stored)) +
           " for it (damaged or crafted)");
  }

  void readDataset(hid_t set, const std::string& path, ResultsFile& out) const {
    Handle space(H5Dget_space(set), H5Sclose);
    Handle type(H5Dget_type(set), H5Tclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    std::vector<hsize_t> dims(static_cast<size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    checkClaimedSize(set, path, dims, H5Tget_size(type.get()));
    const auto cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
      if (rank != 1 || H5Tis_variable_str(type.get()) != 0)
        fail("dataset " + path + " is not a list of strings as RoPEScope writes it");
      StringArray a;
      const auto axes = stringListAttribute(set, "axes");
      if (axes.size() != 1) fail("dataset " + path + ": 'axes' does not name its axis");
      a.axis = axes[0];
      a.values = readFixedStrings(type.get(), dims[0], "dataset " + path, [&](hid_t memType, void* buffer) {
        return H5Dread(set, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      });
      out.strings[path] = std::move(a);
      return;
    }
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) fail("dataset " + path + " is neither numbers nor strings");
    NdArray a;
    a.shape.assign(dims.begin(), dims.end());
    a.axes = stringListAttribute(set, "axes");
    if (a.axes.size() != a.shape.size()) fail("dataset " + path + ": 'axes' does not name every axis");
    a.values.resize(static_cast<size_t>(a.numel()));
    if (!a.values.empty() && H5Dread(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) < 0)
      fail("cannot read dataset " + path);
    out.arrays[path] = std::move(a);
  }

 public:
 private:
  std::string m_path;
};

std::string nowIso8601() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

namespace {

// Every attribute, group and dataset of `results` into the open file.
void writeContents(const Writer& w, hid_t file, const ResultsFile& results) {
  {
    const auto& info = results.info;
    w.stringAttribute(file, "format", kResultsFormatName);
    w.intAttribute(file, "format_version", kResultsFormatVersion);
    w.stringAttribute(file, "tool_version", info.toolVersion.empty() ? kVersion : info.toolVersion);
    w.stringAttribute(file, "created", info.created.empty() ? nowIso8601() : info.created);
    w.stringAttribute(file, "model", info.model);
    w.stringAttribute(file, "model_config", info.modelConfig);
    if (!info.modelIdentity.empty()) w.stringAttribute(file, "model_identity", info.modelIdentity);
    w.stringAttribute(file, "dim_order", info.dimOrder);
    if (!info.data.empty()) w.stringAttribute(file, "data", info.data);
    if (!info.options.empty()) w.stringAttribute(file, "options", info.options);

    if (results.weights) {
      const auto& wn = *results.weights;
      Handle group(H5Gcreate2(file, "weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      w.check(group.valid(), "group /weights");
      w.array(group.get(), "q_row_l1", wn.qRowL1);
      w.array(group.get(), "k_row_l1", wn.kRowL1);
      w.stringAttribute(group.get(), "dim_order", std::string(dimOrderName(wn.order)));
      w.intAttribute(group.get(), "layers_done", wn.layersDone);
      w.stringAttribute(group.get(), "architecture", wn.model.architecture);
      w.intAttribute(group.get(), "layers", wn.model.layers);
      w.intAttribute(group.get(), "heads", wn.model.heads);
      w.intAttribute(group.get(), "kv_heads", wn.model.kvHeads);
      w.intAttribute(group.get(), "head_dim", wn.model.headDim);
      w.intAttribute(group.get(), "hidden", wn.model.hidden);
      w.stringAttribute(group.get(), "rope_scaling", wn.model.ropeScaling);
      const Handle space(H5Screate(H5S_SCALAR), H5Sclose);
      const Handle attr(H5Acreate2(group.get(), "rope_theta", H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                        H5Aclose);
      w.check(attr.valid() && H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &wn.model.ropeTheta) >= 0, "rope_theta");
    }
    for (const auto& [where, array] : results.arrays) {
      const auto [parent, name] = splitPath(where);
      w.array(w.group(file, parent).get(), name.c_str(), array);
    }
    for (const auto& [where, array] : results.strings) {
      const auto [parent, name] = splitPath(where);
      w.strings(w.group(file, parent).get(), name.c_str(), array);
    }
    for (const auto& [where, attributes] : results.groupAttributes) {
      const auto g = w.group(file, where);
      for (const auto& [name, value] : attributes) w.stringAttribute(g.get(), name.c_str(), value);
    }
  }
}

// Writes `bytes` to `path` (a new file), with errors that name `target` and the reason (a full
// disk, a file-size limit).
void writeBytes(const fs::path& path, const std::vector<char>& bytes, const fs::path& target) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorCode::Io, target.string(), std::string("cannot write: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      throw Error(ErrorCode::Io, target.string(), std::string("cannot write: ") + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    throw Error(ErrorCode::Io, target.string(), std::string("cannot write: ") + std::strerror(errno));
}

}  // namespace

void writeResultsFile(const fs::path& path, const ResultsFile& results) {
  const QuietHdf5 quiet;
  writeAtomically(path, [&](const fs::path& tmp) {
    // The file is built in memory (HDF5's core driver, no backing store) and written out here:
    // a full disk or a write error is then a clean Error, never HDF5 failing on a half-written
    // file (which used to crash its library shutdown).
    std::vector<char> image;
    {
      const Writer w(tmp);
      const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
      // HDF5 1.10's file format: every piece of metadata carries a checksum, so that a damaged
      // or forged file is refused by the reader instead of steering HDF5 into a loop.
      if (!fapl.valid() || H5Pset_fapl_core(fapl.get(), std::size_t{1} << 20, /*backing_store=*/0) < 0 ||
          H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V110, H5F_LIBVER_LATEST) < 0)
        throw Error(ErrorCode::Io, path.string(), "cannot set up an HDF5 file in memory");
      Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose);
      if (!file.valid()) throw Error(ErrorCode::Io, path.string(), "cannot create HDF5 file");
      writeContents(w, file.get(), results);
      w.check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL) >= 0, "flush");
      const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
      w.check(size > 0, "file image");
      image.resize(static_cast<std::size_t>(size));
      w.check(H5Fget_file_image(file.get(), image.data(), image.size()) == size, "file image");
    }
    sealSuperblock(image);
    writeBytes(tmp, image, path);
  });
}

namespace {

// RoPEScope writes HDF5 files whose superblock (version 2 or later) sits at the start and whose
// metadata all carry checksums; anything else is refused before HDF5 parses it.
void checkSuperblock(const fs::path& path) {
  static constexpr unsigned char kSignature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  unsigned char head[9] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw Error(ErrorCode::Io, path.string(), std::string("cannot read: ") + std::strerror(errno));
  const std::size_t got = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  if (got < sizeof head || std::memcmp(head, kSignature, sizeof kSignature) != 0)
    throw Error(ErrorCode::Format, path.string(), "not an HDF5 file");
  if (head[8] < 2)
    throw Error(ErrorCode::Unsupported, path.string(),
                "is an HDF5 file in the older layout without checksums (superblock version " + std::to_string(head[8]) +
                    "), which RoPEScope does not read: results files from RoPEScope 0.1 before results format " +
                    std::to_string(kResultsFormatVersion) + " must be computed again");
}

}  // namespace

ResultsFile readResultsFile(const fs::path& path) {
  const QuietHdf5 quiet;
  requireRegularFile(path);  // a FIFO would block HDF5's open
  checkSuperblock(path);
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) throw Error(ErrorCode::Io, path.string(), "cannot open HDF5 file");
  const Reader r(path.string());

  if (!r.hasAttribute(file.get(), "format") || r.stringAttribute(file.get(), "format") != kResultsFormatName)
    throw Error(ErrorCode::Format, path.string(), "is an HDF5 file but not a RoPEScope results file");
  ResultsFile out;
  out.formatVersion = static_cast<int>(r.intAttribute(file.get(), "format_version"));
  if (out.formatVersion < 2)
    throw Error(ErrorCode::Unsupported, path.string(),
                "results format " + std::to_string(out.formatVersion) + " is no longer read; compute it again");
  if (out.formatVersion > kResultsFormatVersion)
    throw Error(ErrorCode::Unsupported, path.string(),
                "written by a newer RoPEScope (results format " + std::to_string(out.formatVersion) +
                    "; this version reads up to " + std::to_string(kResultsFormatVersion) + ")");
  out.info.toolVersion = r.stringAttribute(file.get(), "tool_version");
  out.info.created = r.stringAttribute(file.get(), "created");
  out.info.model = r.stringAttribute(file.get(), "model");
  out.info.modelConfig = r.stringAttribute(file.get(), "model_config");
  if (r.hasAttribute(file.get(), "model_identity"))
    out.info.modelIdentity = r.stringAttribute(file.get(), "model_identity");
  out.info.dimOrder = r.stringAttribute(file.get(), "dim_order");
  if (r.hasAttribute(file.get(), "data")) out.info.data = r.stringAttribute(file.get(), "data");
  if (r.hasAttribute(file.get(), "options")) out.info.options = r.stringAttribute(file.get(), "options");

  if (H5Lexists(file.get(), "weights", H5P_DEFAULT) > 0) {
    Handle group(r.openGroup(file.get(), "weights"), H5Gclose);
    WeightNorms wn;
    wn.model.path = out.info.model;
    wn.model.configJson = out.info.modelConfig;
    wn.model.architecture = r.stringAttribute(group.get(), "architecture");
    wn.model.layers = static_cast<int>(r.intAttribute(group.get(), "layers"));
    wn.model.heads = static_cast<int>(r.intAttribute(group.get(), "heads"));
    wn.model.kvHeads = static_cast<int>(r.intAttribute(group.get(), "kv_heads"));
    wn.model.headDim = static_cast<int>(r.intAttribute(group.get(), "head_dim"));
    wn.model.hidden = static_cast<int>(r.intAttribute(group.get(), "hidden"));
    wn.model.ropeScaling = r.stringAttribute(group.get(), "rope_scaling");
    // Not an attribute of its own: RoPEScope's NoPE models say so in their config.json.
    nlohmann::json config;
    try {
      config = parseJsonText(out.info.modelConfig, "model_config");
    } catch (const Error&) {
    }
    wn.model.rotary = !(config.is_object() && config.contains("ropescope_nope") &&
                        config["ropescope_nope"].is_boolean() && config["ropescope_nope"].get<bool>());
    {
      Handle attr(H5Aopen(group.get(), "rope_theta", H5P_DEFAULT), H5Aclose);
      if (!attr.valid() || H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &wn.model.ropeTheta) < 0)
        r.fail("attribute /weights/rope_theta is missing or unreadable");
    }
    const auto order = r.stringAttribute(group.get(), "dim_order");
    if (order != "frequency" && order != "storage") r.fail("/weights has unknown dim_order '" + order + "'");
    wn.order = order == "frequency" ? DimOrder::Frequency : DimOrder::Storage;
    wn.layersDone = static_cast<int>(r.intAttribute(group.get(), "layers_done"));
    const auto& m = wn.model;
    wn.qRowL1 = r.array(group.get(), "/weights", "q_row_l1", {m.layers, m.heads, m.headDim});
    wn.kRowL1 = r.array(group.get(), "/weights", "k_row_l1", {m.layers, m.kvHeads, m.headDim});
    if (wn.layersDone < 0 || wn.layersDone > m.layers) r.fail("/weights/layers_done is out of range");
    out.weights = std::move(wn);
  }
  r.readTree(file.get(), "", out);
  checkUnitDatasets(out, path.string());
  return out;
}

void checkUnitDatasets(const ResultsFile& results, const std::string& source) {
  const auto status = results.arrays.find(std::string(schema::kUnitStatus.path));
  if (status == results.arrays.end()) return;
  const auto units = status->second.shape.size() == 1 ? status->second.shape[0] : -1;
  if (units < 0) throw Error(ErrorCode::Format, source, "/units/status is not one-dimensional");
  for (const auto& [path, a] : results.arrays)
    if (!a.axes.empty() && a.axes[0] == "unit" && (a.shape.empty() || a.shape[0] != units))
      throw Error(ErrorCode::Format, source,
                  path + " has " + (a.shape.empty() ? std::string("no") : std::to_string(a.shape[0])) +
                      " units; /units/status has " + std::to_string(units));
  for (const auto& [path, strings] : results.strings)
    if (strings.axis == "unit" && static_cast<std::int64_t>(strings.values.size()) != units)
      throw Error(ErrorCode::Format, source,
                  path + " has " + std::to_string(strings.values.size()) + " units; /units/status has " +
                      std::to_string(units));
}

bool sameModel(const RunInfo& a, const RunInfo& b) {
  if (a.modelConfig.empty() || b.modelConfig.empty() || !sameJson(a.modelConfig, b.modelConfig)) return false;
  return a.modelIdentity.empty() || b.modelIdentity.empty() || a.modelIdentity == b.modelIdentity;
}

}  // namespace ropescope::engine
