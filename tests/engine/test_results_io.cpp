// Results files: round trips, the layout other readers see, atomic writes, files not ours.
#include <gtest/gtest.h>

#include <hdf5.h>

#include "engine/analysis/weight_norms.h"
#include "engine/core/atomic_file.h"
#include "engine/io/results_io.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::throwsError;

ResultsFile llamaResults() {
  const auto ckpt = Checkpoint::open(test::tinyModel("llama"));
  ResultsFile r;
  r.info.model = ckpt.folder().string();
  r.info.modelConfig = ckpt.config().configJson;
  r.weights = computeWeightNorms(ckpt);
  return r;
}

TEST(ResultsStore, WeightNormsRoundTrip) {
  ScratchDir dir;
  const auto written = llamaResults();
  writeResultsFile(dir / "r.h5", written);
  const auto read = readResultsFile(dir / "r.h5");
  EXPECT_EQ(read.formatVersion, kResultsFormatVersion);
  EXPECT_EQ(read.info.model, written.info.model);
  EXPECT_EQ(read.info.modelConfig, written.info.modelConfig);
  EXPECT_EQ(read.info.dimOrder, "frequency");
  EXPECT_FALSE(read.info.toolVersion.empty());
  EXPECT_EQ(read.info.created.size(), 20u);  // 2026-01-01T00:00:00Z
  ASSERT_TRUE(read.weights.has_value());
  const auto& a = *written.weights;
  const auto& b = *read.weights;
  EXPECT_EQ(b.qRowL1.shape, a.qRowL1.shape);
  EXPECT_EQ(b.qRowL1.axes, a.qRowL1.axes);
  EXPECT_EQ(b.qRowL1.values, a.qRowL1.values);
  EXPECT_EQ(b.kRowL1.values, a.kRowL1.values);
  EXPECT_EQ(b.kRowL1.axes, a.kRowL1.axes);
  EXPECT_EQ(b.layersDone, a.layersDone);
  EXPECT_EQ(b.order, a.order);
  EXPECT_EQ(b.model.architecture, "LlamaForCausalLM");
  EXPECT_EQ(b.model.heads, 4);
  EXPECT_EQ(b.model.kvHeads, 2);
  EXPECT_EQ(b.model.headDim, 16);
  EXPECT_EQ(b.model.ropeScaling, "llama3");
  EXPECT_DOUBLE_EQ(b.model.ropeTheta, 500000.0);
}

TEST(ResultsStore, PartialRunRoundTrips) {
  ScratchDir dir;
  auto r = llamaResults();
  r.weights->layersDone = 1;
  writeResultsFile(dir / "r.h5", r);
  EXPECT_EQ(readResultsFile(dir / "r.h5").weights->layersDone, 1);
}

// What h5py or any other HDF5 reader sees, checked with the plain HDF5 C API.
TEST(ResultsStore, LayoutIsPlainHdf5WithNamedAxes) {
  ScratchDir dir;
  writeResultsFile(dir / "r.h5", llamaResults());
  const hid_t file = H5Fopen((dir / "r.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t set = H5Dopen2(file, "/weights/q_row_l1", H5P_DEFAULT);
  ASSERT_GE(set, 0);
  const hid_t type = H5Dget_type(set);
  EXPECT_EQ(H5Tget_class(type), H5T_FLOAT);
  EXPECT_EQ(H5Tget_size(type), 4u);
  const hid_t space = H5Dget_space(set);
  hsize_t dims[3] = {0, 0, 0};
  ASSERT_EQ(H5Sget_simple_extent_ndims(space), 3);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  EXPECT_EQ(dims[0], 2u);
  EXPECT_EQ(dims[1], 4u);
  EXPECT_EQ(dims[2], 16u);
  EXPECT_GT(H5Aexists(set, "axes"), 0);
  EXPECT_GT(H5Aexists(file, "format_version"), 0);
  EXPECT_GT(H5Lexists(file, "/weights/k_row_l1", H5P_DEFAULT), 0);
  H5Sclose(space);
  H5Tclose(type);
  H5Dclose(set);
  H5Fclose(file);
}

TEST(ResultsStore, OverwriteReplacesAndLeavesNoTemporaryFiles) {
  ScratchDir dir;
  auto r = llamaResults();
  writeResultsFile(dir / "r.h5", r);
  r.weights->layersDone = 1;
  writeResultsFile(dir / "r.h5", r);
  EXPECT_EQ(readResultsFile(dir / "r.h5").weights->layersDone, 1);
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(ResultsStore, FailedWriteKeepsTheOldFile) {
  ScratchDir dir;
  test::writeBytes(dir / "keep.txt", "old");
  EXPECT_THROW(writeAtomically(dir / "keep.txt",
                               [](const fs::path& tmp) {
                                 test::writeBytes(tmp, "half");
                                 throw std::runtime_error("disk full");
                               }),
               std::runtime_error);
  EXPECT_EQ(test::readBytes(dir / "keep.txt"), "old");
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(ResultsStore, WritingIntoAMissingFolderNamesIt) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { writeResultsFile(dir / "no" / "r.h5", llamaResults()); }, ErrorCode::NotFound,
                          {"r.h5", "does not exist"}));
}

TEST(ResultsStore, RefusesFilesThatAreNotOurs) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "absent.h5"); }, ErrorCode::NotFound, {"absent.h5"}));

  test::writeBytes(dir / "text.h5", "just text");
  EXPECT_TRUE(
      throwsError([&] { readResultsFile(dir / "text.h5"); }, ErrorCode::Format, {"text.h5", "not an HDF5 file"}));

  // An HDF5 file of the layout RoPEScope writes (checksummed metadata), but not a results file.
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_LATEST);
  const hid_t other = H5Fcreate((dir / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  H5Fclose(other);
  H5Pclose(fapl);
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "other.h5"); }, ErrorCode::Format,
                          {"other.h5", "not a RoPEScope results file"}));
}

// HDF5's older layout keeps metadata without checksums, where a damaged file can send the HDF5
// library into a loop (found by fuzzing): such files are refused before HDF5 reads them.
TEST(ResultsStore, RefusesTheOlderHdf5LayoutBeforeOpeningIt) {
  ScratchDir dir;
  const hid_t old = H5Fcreate((dir / "old.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(old);
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "old.h5"); }, ErrorCode::Unsupported,
                          {"old.h5", "without checksums", "superblock version 0"}));
}

// Strings are written fixed-length, and the reader refuses variable-length ones (kept in HDF5's
// global heap, without checksums).
TEST(ResultsStore, StringsAreFixedLengthAndVariableLengthOnesAreRefused) {
  ScratchDir dir;
  writeResultsFile(dir / "r.h5", llamaResults());
  hid_t file = H5Fopen((dir / "r.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t attr = H5Aopen(file, "model_config", H5P_DEFAULT);
  const hid_t type = H5Aget_type(attr);
  EXPECT_EQ(H5Tis_variable_str(type), 0);
  H5Tclose(type);
  H5Aclose(attr);
  H5Adelete(file, "model");
  const hid_t vlen = H5Tcopy(H5T_C_S1);
  H5Tset_size(vlen, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t model = H5Acreate2(file, "model", vlen, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* text = "/models/tiny";
  H5Awrite(model, vlen, &text);
  H5Aclose(model);
  H5Sclose(space);
  H5Tclose(vlen);
  H5Fclose(file);
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "r.h5"); }, ErrorCode::Format,
                          {"r.h5", "attribute 'model'", "as RoPEScope writes it"}));
}

TEST(ResultsStore, RefusesANewerFormatVersion) {
  ScratchDir dir;
  writeResultsFile(dir / "r.h5", llamaResults());
  const hid_t file = H5Fopen((dir / "r.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t attr = H5Aopen(file, "format_version", H5P_DEFAULT);
  const long long future = kResultsFormatVersion + 1;
  H5Awrite(attr, H5T_NATIVE_LLONG, &future);
  H5Aclose(attr);
  H5Fclose(file);
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "r.h5"); }, ErrorCode::Unsupported,
                          {"r.h5", "newer RoPEScope", "format " + std::to_string(kResultsFormatVersion + 1)}));
}

TEST(ResultsStore, RefusesADatasetOfTheWrongShape) {
  ScratchDir dir;
  auto r = llamaResults();
  r.weights->model.heads = 8;  // the attributes now disagree with /weights/q_row_l1 [2, 4, 16]
  writeResultsFile(dir / "r.h5", r);
  EXPECT_TRUE(throwsError([&] { readResultsFile(dir / "r.h5"); }, ErrorCode::Format, {"/weights/q_row_l1", "shape"}));
}

}  // namespace
}  // namespace ropescope::engine

namespace ropescope::engine {
namespace {

TEST(ResultsStore, ArraysAreWrittenAtTheirPathsWithAxes) {
  test::ScratchDir dir;
  ResultsFile r;
  r.arrays["/logits"] = NdArray{{2, 3}, {"token", "vocab"}, {1, 2, 3, 4, 5, 6}};
  r.arrays["/deep/group/x"] = NdArray{{1}, {"n"}, {7}};
  writeResultsFile(dir / "a.h5", r);
  const hid_t file = H5Fopen((dir / "a.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t set = H5Dopen2(file, "/logits", H5P_DEFAULT);
  ASSERT_GE(set, 0);
  std::vector<float> values(6);
  H5Dread(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  EXPECT_EQ(values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_GT(H5Aexists(set, "axes"), 0);
  H5Dclose(set);
  EXPECT_GT(H5Lexists(file, "/deep/group/x", H5P_DEFAULT), 0);
  H5Fclose(file);

  r.arrays.clear();
  r.arrays["relative"] = NdArray{{1}, {"n"}, {0}};
  EXPECT_TRUE(test::throwsError([&] { writeResultsFile(dir / "b.h5", r); }, ErrorCode::InvalidArgument, {"absolute"}));
  EXPECT_FALSE(std::filesystem::exists(dir / "b.h5"));
}

TEST(ResultsStore, EveryGroupReadsBack) {
  test::ScratchDir dir;
  auto r = llamaResults();
  r.info.data = "nq-open-oracle.jsonl.gz";
  r.info.options = R"({"samples":4})";
  r.arrays["/retrieval/score"] = NdArray{{2, 2}, {"layer", "head"}, {0.1f, 0.2f, 0.3f, 0.4f}};
  r.arrays["/qa/none/accuracy"] = NdArray{{3}, {"gold_position"}, {1, 0.5f, 0}};
  r.strings["/qa/none/prediction"] = StringArray{"sample", {"Mary Shelley", "", "caf\u00e9 \u4e2d\u6587"}};
  r.strings["/qa/none/empty"] = StringArray{"sample", {}};
  r.groupAttributes["/qa/none"] = {{"mask", "none"}, {"template", "plain"}};
  writeResultsFile(dir / "r.h5", r);

  const auto back = readResultsFile(dir / "r.h5");
  EXPECT_EQ(back.info.data, r.info.data);
  EXPECT_EQ(back.info.options, r.info.options);
  ASSERT_TRUE(back.weights.has_value());
  EXPECT_EQ(back.arrays.size(), 2u);  // /weights is read into `weights`, not repeated here
  ASSERT_EQ(back.arrays.count("/retrieval/score"), 1u);
  EXPECT_EQ(back.arrays.at("/retrieval/score").values, r.arrays.at("/retrieval/score").values);
  EXPECT_EQ(back.arrays.at("/retrieval/score").axes, (std::vector<std::string>{"layer", "head"}));
  EXPECT_EQ(back.arrays.at("/qa/none/accuracy").shape, (std::vector<std::int64_t>{3}));
  EXPECT_EQ(back.strings, r.strings);
  EXPECT_EQ(back.groupAttributes.at("/qa/none"), r.groupAttributes.at("/qa/none"));

  // Written again unchanged, the file reads back the same (what adding to a file relies on).
  writeResultsFile(dir / "again.h5", back);
  const auto again = readResultsFile(dir / "again.h5");
  EXPECT_EQ(again.strings, back.strings);
  EXPECT_EQ(again.groupAttributes, back.groupAttributes);
  EXPECT_EQ(again.arrays.at("/qa/none/accuracy").values, back.arrays.at("/qa/none/accuracy").values);
}

}  // namespace
}  // namespace ropescope::engine
