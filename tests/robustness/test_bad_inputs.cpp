// ropescope-cli on hostile or broken input: every case ends with a clean non-zero exit that names
// the file (or option) and what is wrong, within seconds and without a signal.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>

#include "engine/io/results_io.h"
#include "engine/results/schema.h"
#include "tests/robustness/cli_process.h"

namespace ropescope::test {
namespace {

namespace fs = std::filesystem;

const fs::path kLlama = fs::path(ROPESCOPE_FIXTURES_DIR) / "hf-tiny" / "llama";
const fs::path kData = fs::path(ROPESCOPE_TEST_DATA_DIR);

// The tiny Llama copied into `folder` (to be broken there).
fs::path copyLlama(const fs::path& folder) {
  fs::create_directories(folder);
  for (const char* name : {"config.json", "model.safetensors"}) fs::copy_file(kLlama / name, folder / name);
  fs::copy_file(kData / "byte_tokenizer.json", folder / "tokenizer.json");
  return folder;
}

// A clean failure: exit code > 0, no signal, no timeout, the output naming `said`, peak memory
// under 2 GB.
void expectCleanFailure(const CliRun& run, const std::string& said, const std::string& what) {
  EXPECT_FALSE(run.timedOut) << what << ": hung\n" << run.output;
  EXPECT_EQ(run.signal, 0) << what << ": killed by signal " << run.signal << "\n" << run.output;
  EXPECT_GT(run.exitCode, 0) << what << ": accepted\n" << run.output;
  EXPECT_NE(run.output.find(said), std::string::npos) << what << ": the message does not say '" << said << "'\n"
                                                      << run.output;
  EXPECT_LT(run.peakRssKiB, 2L * 1024 * 1024) << what << ": peak memory " << run.peakRssKiB << " KiB";
  EXPECT_EQ(run.output.find("nexpected error"), std::string::npos) << what << "\n" << run.output;
}

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

TEST(BadInputs, DeeplyNestedJsonIsRefusedBeforeParsing) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  writeBytes(model / "config.json", "{\"a\": " + nested(100000) + "}");
  expectCleanFailure(runCli({"info", model.string()}, 30), "nested more than 512 levels", "config.json 100000 deep");
  writeBytes(dir / "tokenizer.json", "{\"model\": " + nested(100000) + "}");
  expectCleanFailure(runCli({"tokenize", "--tokenizer", (dir / "tokenizer.json").string(), "--text", "hi"}, 30),
                     "nested more than 512 levels", "tokenizer.json 100000 deep");
  writeBytes(dir / "qa.jsonl", "{\"question\": " + nested(100000) + "}\n");
  expectCleanFailure(
      runCli({"qa", "--model", copyLlama(dir / "intact").string(), "--data", (dir / "qa.jsonl").string()}, 30),
      "qa.jsonl:1", "QA line 100000 deep");
}

TEST(BadInputs, FifosAreRefusedWithoutBlocking) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  fs::remove(model / "model.safetensors");
  ASSERT_EQ(::mkfifo((model / "model.safetensors").c_str(), 0644), 0);
  expectCleanFailure(runCli({"norms", "--model", model.string(), "--output", (dir / "n.h5").string()}, 20),
                     "not a regular file", "model.safetensors a FIFO");
  const auto other = copyLlama(dir / "other");
  fs::remove(other / "config.json");
  ASSERT_EQ(::mkfifo((other / "config.json").c_str(), 0644), 0);
  expectCleanFailure(runCli({"info", other.string()}, 20), "not a regular file", "config.json a FIFO");
  ASSERT_EQ(::mkfifo((dir / "qa.jsonl").c_str(), 0644), 0);
  expectCleanFailure(
      runCli({"qa", "--model", copyLlama(dir / "third").string(), "--data", (dir / "qa.jsonl").string()}, 20),
      "not a regular file", "QA data a FIFO");
}

TEST(BadInputs, AbsurdConfigSizesAreRefusedNamingTheKey) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  auto config = readBytes(model / "config.json");
  const auto at = config.find("\"head_dim\"");
  ASSERT_NE(at, std::string::npos);
  const auto value = config.find(':', at) + 1;
  config.replace(value, config.find_first_of(",}", value) - value, " 1073741824");
  writeBytes(model / "config.json", config);
  expectCleanFailure(runCli({"info", model.string()}, 30), "'head_dim' is 1073741824", "head_dim 2^30");
}

TEST(BadInputs, AHugeQaLineIsRefusedBeforeItIsTokenised) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  const std::string text(50u << 20, 'x');
  writeBytes(
      dir / "qa.jsonl",
      "{\"question\": \"q\", \"answers\": [\"a\"], \"ctxs\": [{\"title\": \"t\", \"text\": \"" + text + "\"}]}\n");
  const auto run = runCli({"qa", "--model", model.string(), "--data", (dir / "qa.jsonl").string()}, 30);
  expectCleanFailure(run, "qa.jsonl:1", "a 50 MB QA line");
  EXPECT_NE(run.output.find("at most 8 MiB"), std::string::npos) << run.output;
}

TEST(BadInputs, QaFieldsOfTheWrongTypeAreNamed) {
  const ScratchDir dir;
  writeBytes(
      dir / "qa.jsonl",
      "{\"question\": \"q\", \"answers\": [\"a\"], \"ctxs\": [{\"title\": \"t\", \"text\": \"x\", \"hasanswer\": "
      "\"yes\"}]}\n");
  expectCleanFailure(
      runCli({"qa", "--model", copyLlama(dir / "m").string(), "--data", (dir / "qa.jsonl").string()}, 30),
      "\"hasanswer\" is not true or false", "hasanswer a string");
}

TEST(BadInputs, SafetensorsDataNotCoveredOrNamedTwiceIsRefused) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  // Bytes after the last tensor: the offsets do not describe the data.
  auto bytes = readBytes(model / "model.safetensors");
  writeBytes(model / "model.safetensors", bytes + std::string(64, '\0'));
  expectCleanFailure(runCli({"norms", "--model", model.string(), "--output", (dir / "n.h5").string()}, 30),
                     "tensors cover", "uncovered data section");
  // A tensor name twice in the header (the second entry would win unseen).
  const std::uint64_t headerBytes = *reinterpret_cast<const std::uint64_t*>(bytes.data());
  std::string header = bytes.substr(8, headerBytes);
  const auto first = header.find("\"model.norm.weight\"");
  ASSERT_NE(first, std::string::npos);
  const auto entryEnd = header.find('}', first) + 1;
  const std::string entry = header.substr(first, entryEnd - first);
  header.insert(header.rfind('}'), ", " + entry);
  std::string out(8, '\0');
  const std::uint64_t size = header.size();
  std::memcpy(out.data(), &size, 8);
  writeBytes(model / "model.safetensors", out + header + bytes.substr(8 + headerBytes));
  expectCleanFailure(runCli({"norms", "--model", model.string(), "--output", (dir / "n.h5").string()}, 30),
                     "appears twice", "duplicate tensor name");
}

TEST(BadInputs, NumericOptionsOutOfRangeSayTheRange) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  const auto data = (kData / "tiny_qa.jsonl").string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"generate", "--model", model.string(), "--ids", "1,2", "--threads", "100000"},
       "--threads must be between 0 and 1024"},
      {{"generate", "--model", model.string(), "--ids", "1,2", "--threads", "-3"}, "--threads must be between"},
      {{"qa", "--model", model.string(), "--data", data, "--samples", "-1"}, "--samples must be between 0"},
      {{"analyze", "--model", model.string(), "--data", data, "--token-samples", "-2", "--output",
        (dir / "a.h5").string()},
       "--token-samples must be between 1"},
      {{"analyze", "--model", model.string(), "--data", data, "--ablate-top", "-1", "--output",
        (dir / "a.h5").string()},
       "--ablate-top must be between 0"},
      {{"generate", "--model", model.string(), "--ids", "1,2", "--mask", "prope=nan"}, "0 <= P <= 1"},
      {{"generate", "--model", model.string(), "--ids", "1,2", "--mask", "heads=retrieval>inf"},
       "THRESHOLD with a number"},
  };
  for (const auto& [args, said] : cases) expectCleanFailure(runCli(args, 30), said, args.at(args.size() - 1));
}

// Per-unit datasets that disagree with the run's unit count: refused when read (merge used to
// divide by zero or copy past the end).
TEST(BadInputs, PerUnitDatasetsOfTheWrongLengthAreRefused) {
  const ScratchDir dir;
  for (const std::int64_t length : {0, 1}) {
    engine::ResultsFile r;
    r.info.model = "m";
    r.info.modelConfig = "{}";
    r.arrays[std::string(engine::schema::kUnitStatus.path)] = engine::NdArray::zeros({3}, {"unit"});
    r.arrays["/retrieval/unit_score"] = engine::NdArray::zeros({length, 2, 2}, {"unit", "layer", "head"});
    const auto path = dir / ("shard" + std::to_string(length) + ".h5");
    if (length > 0) {
      engine::writeResultsFile(path, r);
    } else {
      // HDF5 holds zero-length datasets; the writer is given one to write.
      try {
        engine::writeResultsFile(path, r);
      } catch (const std::exception&) {
        continue;  // a writer that refuses it is fine too
      }
    }
    expectCleanFailure(runCli({"merge", "--output", (dir / "m.h5").string(), path.string(), path.string()}, 30),
                       "/retrieval/unit_score has " + std::to_string(length) + " units",
                       "unit axis " + std::to_string(length));
  }
}

// NaN weights give NaN logits: --check-weights refuses them naming the tensor.
TEST(BadInputs, NonFiniteWeightsAreNamedByCheckWeights) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  auto bytes = readBytes(model / "model.safetensors");
  const std::uint64_t headerBytes = *reinterpret_cast<const std::uint64_t*>(bytes.data());
  const std::string header = bytes.substr(8, headerBytes);
  // The first F32 element of model.norm.weight becomes NaN.
  const auto at = header.find("\"model.norm.weight\"");
  ASSERT_NE(at, std::string::npos);
  ASSERT_NE(header.find("F32", at), std::string::npos);
  const auto offsets = header.find("data_offsets", at);
  const auto begin = std::stoull(header.substr(header.find('[', offsets) + 1));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(bytes.data() + 8 + headerBytes + begin, &nan, sizeof nan);
  writeBytes(model / "model.safetensors", bytes);
  expectCleanFailure(runCli({"info", model.string(), "--check-weights"}, 30),
                     "1 tensor(s) hold NaN or infinite values: model.norm.weight", "NaN weight, info");
  expectCleanFailure(
      runCli({"norms", "--model", model.string(), "--check-weights", "--output", (dir / "n.h5").string()}, 30),
      "model.norm.weight", "NaN weight, norms");
  EXPECT_EQ(runCli({"info", copyLlama(dir / "intact").string(), "--check-weights"}, 30).exitCode, 0);
}

TEST(BadInputs, MergingAPartialSetOfShardsIsRefusedUnlessAsked) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  const auto data = (kData / "tiny_qa.jsonl").string();
  for (int i = 0; i < 3; ++i) {
    const auto run = runCli({"analyze", "--model", model.string(), "--data", data, "--analyses", "retrieval", "--shard",
                             std::to_string(i) + "/3", "--output", (dir / ("s" + std::to_string(i) + ".h5")).string()},
                            60);
    ASSERT_EQ(run.exitCode, 0) << run.output;
  }
  const auto two = std::vector<std::string>{"merge", "--output", (dir / "m.h5").string(), (dir / "s0.h5").string(),
                                            (dir / "s1.h5").string()};
  expectCleanFailure(runCli(two, 30), "2 of 6 samples were run by none of the shards", "2 of 3 shards");
  auto allowed = two;
  allowed.push_back("--allow-partial");
  const auto partial = runCli(allowed, 30);
  EXPECT_EQ(partial.exitCode, 0) << partial.output;
  EXPECT_NE(partial.output.find("merged without them"), std::string::npos) << partial.output;
  const auto all = runCli({"merge", "--output", (dir / "m.h5").string(), (dir / "s0.h5").string(),
                           (dir / "s1.h5").string(), (dir / "s2.h5").string()},
                          30);
  EXPECT_EQ(all.exitCode, 0) << all.output;
}

TEST(BadInputs, ScoresOfAnotherModelAreRefusedForMasks) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  engine::ResultsFile other;
  other.info.model = "other";
  other.info.modelConfig = R"({"hidden_size": 64, "num_attention_heads": 4, "model_type": "other"})";
  other.arrays["/retrieval/score"] = engine::NdArray::zeros({2, 4}, {"layer", "head"});
  engine::writeResultsFile(dir / "other.h5", other);
  expectCleanFailure(runCli({"qa", "--model", model.string(), "--data", (kData / "tiny_qa.jsonl").string(), "--scores",
                             (dir / "other.h5").string(), "--mask", "heads=retrieval>0.5 dims=first2"},
                            60),
                     "holds scores of another model", "scores of another model");
}

// Same config.json, other weights (a fine-tune, say): the results file records the weights'
// identity, and scores for masks, resumes and merges are refused across it; a copy of the same
// model folder is the same model.
TEST(BadInputs, ScoresOfOtherWeightsWithTheSameConfigAreRefused) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  const auto data = (kData / "tiny_qa.jsonl").string();
  const auto scores = (dir / "scores.h5").string();
  const auto made = runCli({"analyze", "--model", model.string(), "--data", data, "--analyses", "retrieval",
                            "--samples", "1", "--output", scores},
                           60);
  ASSERT_EQ(made.exitCode, 0) << made.output;
  // The fine-tune: one weight of the final norm changed.
  const auto tuned = copyLlama(dir / "tuned");
  auto bytes = readBytes(tuned / "model.safetensors");
  std::uint64_t headerBytes = 0;
  std::memcpy(&headerBytes, bytes.data(), sizeof headerBytes);
  const std::string header = bytes.substr(8, headerBytes);
  const auto offsets = header.find("data_offsets", header.find("\"model.norm.weight\""));
  const auto begin = std::stoull(header.substr(header.find('[', offsets) + 1));
  const float value = 1.5f;
  std::memcpy(bytes.data() + 8 + headerBytes + begin, &value, sizeof value);
  writeBytes(tuned / "model.safetensors", bytes);

  const auto qa = [&](const fs::path& m) {
    return runCli({"qa", "--model", m.string(), "--data", data, "--samples", "1", "--scores", scores, "--mask",
                   "heads=retrieval>0.5 dims=first2"},
                  60);
  };
  expectCleanFailure(qa(tuned), "same config.json, other weights", "scores of a fine-tune");
  const auto copy = runCli({"qa", "--model", copyLlama(dir / "copy").string(), "--data", data, "--samples", "1",
                            "--scores", scores, "--mask", "heads=retrieval>0.5 dims=first2"},
                           60);
  EXPECT_EQ(copy.exitCode, 0) << copy.output;
  expectCleanFailure(runCli({"analyze", "--model", tuned.string(), "--data", data, "--analyses", "retrieval",
                             "--samples", "1", "--output", scores, "--resume"},
                            60),
                     "of another model", "resume with a fine-tune");
}

TEST(BadInputs, AnUnwritableOutputIsFoundBeforeTheRun) {
  const auto run = runCli({"analyze", "--model", kLlama.string(), "--data", (kData / "tiny_qa.jsonl").string(),
                           "--output", "/proc/ropescope-results.h5"},
                          30);
  expectCleanFailure(run, "cannot write in its folder /proc", "output in /proc");
  EXPECT_EQ(run.output.find("samples"), std::string::npos) << "ran before saying so\n" << run.output;
  expectCleanFailure(runCli({"analyze", "--model", kLlama.string(), "--data", (kData / "tiny_qa.jsonl").string(),
                             "--output", "/no/such/folder/r.h5"},
                            30),
                     "its folder /no/such/folder does not exist", "output in a missing folder");
}

// Results files are trees of hard links as RoPEScope writes them: a link cycle or an external
// link is refused instead of followed.
TEST(BadInputs, ResultsFilesWithLinkCyclesOrExternalLinksAreRefused) {
  const ScratchDir dir;
  const auto model = copyLlama(dir / "model");
  engine::ResultsFile r;
  r.info.model = model.string();
  r.info.modelConfig = readBytes(model / "config.json");
  r.arrays["/retrieval/score"] = engine::NdArray::zeros({2, 4}, {"layer", "head"});
  for (const char* kind : {"cycle", "external"}) {
    const auto path = dir / (std::string(kind) + ".h5");
    engine::writeResultsFile(path, r);
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    if (std::string(kind) == "cycle")
      ASSERT_GE(H5Lcreate_hard(file, "/retrieval", file, "/retrieval/again", H5P_DEFAULT, H5P_DEFAULT), 0);
    else
      ASSERT_GE(H5Lcreate_external("/etc/passwd", "/", file, "/retrieval/outside", H5P_DEFAULT, H5P_DEFAULT), 0);
    H5Fclose(file);
    expectCleanFailure(runCli({"qa", "--model", model.string(), "--data", (kData / "tiny_qa.jsonl").string(),
                               "--scores", path.string(), "--mask", "heads=retrieval>0.5 dims=first2"},
                              60),
                       std::string(kind) + ".h5", std::string("results file with a ") + kind);
  }
}

// A few kilobytes that claim gigabytes: refused before the allocation.
TEST(BadInputs, ADatasetClaimingMoreThanTheFileStoresIsRefused) {
  const ScratchDir dir;
  engine::ResultsFile r;
  r.info.model = "m";
  r.info.modelConfig = "{}";
  const auto path = dir / "claims.h5";
  engine::writeResultsFile(path, r);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hsize_t dims[2] = {20000, 30000};  // 2.4 GB of float32, never written
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  const hsize_t chunk[2] = {100, 100};
  H5Pset_chunk(dcpl, 2, chunk);
  const hid_t set = H5Dcreate2(file, "/huge", H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  ASSERT_GE(set, 0);
  H5Dclose(set);
  H5Pclose(dcpl);
  H5Sclose(space);
  H5Fclose(file);
  ASSERT_LT(fs::file_size(path), 64u * 1024);
  expectCleanFailure(runCli({"merge", "--output", (dir / "m.h5").string(), path.string()}, 30),
                     "dataset /huge claims 2400000000 bytes", "2.4 GB claimed by a small file");
}

}  // namespace
}  // namespace ropescope::test
