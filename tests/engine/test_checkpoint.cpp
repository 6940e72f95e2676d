// Opening model folders: every fixture, sharded checkpoints, and every refusal.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/io/checkpoint.h"
#include "engine/io/model_locator.h"
#include "test_support.h"

namespace ropescope::engine {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::throwsError;
using test::tinyModel;

void copyConfig(const fs::path& to) { fs::copy_file(tinyModel("llama") / "config.json", to / "config.json"); }

TEST(Checkpoint, OpensEveryFixture) {
  for (const auto& name : test::tinyModelNames()) {
    SCOPED_TRACE(name);
    const auto ckpt = Checkpoint::open(tinyModel(name));
    const auto& c = ckpt.config();
    for (int layer = 0; layer < c.numLayers; ++layer) {
      const auto q = ckpt.require(layerTensorName(layer, "self_attn.q_proj.weight"));
      EXPECT_EQ(q.info->shape, (std::vector<std::int64_t>{c.numHeads * c.headDim, c.hiddenSize}));
      const auto k = ckpt.require(layerTensorName(layer, "self_attn.k_proj.weight"));
      EXPECT_EQ(k.info->shape, (std::vector<std::int64_t>{c.numKvHeads * c.headDim, c.hiddenSize}));
    }
    EXPECT_TRUE(ckpt.find("model.embed_tokens.weight").has_value());
    const auto s = ckpt.summary();
    EXPECT_EQ(s.layers, c.numLayers);
    EXPECT_EQ(s.headDim, c.headDim);
    EXPECT_FALSE(s.configJson.empty());
  }
}

TEST(Checkpoint, MissingTensorIsNamed) {
  const auto ckpt = Checkpoint::open(tinyModel("mistral"));
  EXPECT_TRUE(throwsError([&] { ckpt.require("model.layers.9.self_attn.q_proj.weight"); }, ErrorCode::Format,
                          {"model.layers.9.self_attn.q_proj.weight", "mistral"}));
}

TEST(Checkpoint, MissingFolder) {
  ScratchDir dir;
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir / "nope"); }, ErrorCode::NotFound,
                          {(dir / "nope").string(), "folder does not exist"}));
}

TEST(Checkpoint, AFileIsNotAFolder) {
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(tinyModel("llama") / "config.json"); }, ErrorCode::InvalidArgument,
                          {"config.json", "is a file, not a model folder"}));
}

// Opens `folder` as an unprivileged user (root reads every folder): forks, drops to `nobody`
// when running as root, and reports through the exit status whether Checkpoint::open failed
// with an Io error naming the folder.
int openAsUnprivilegedUser(const fs::path& folder) {
  const pid_t child = ::fork();
  if (child == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    try {
      Checkpoint::open(folder);
    } catch (const Error& e) {
      const std::string what = e.what();
      ::_exit(e.code() == ErrorCode::Io && what.find(folder.string()) != std::string::npos &&
                      what.find("cannot read folder") != std::string::npos
                  ? 0
                  : 1);
    } catch (...) {
      ::_exit(4);
    }
    ::_exit(2);  // opened although unreadable
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

TEST(Checkpoint, UnreadableFolder) {
  ScratchDir dir;
  fs::permissions(dir.path(), fs::perms::all);  // let the unprivileged child reach it
  fs::create_directory(dir / "locked");
  fs::permissions(dir / "locked", fs::perms::none);
  // 0: refused with a clear message; 1: wrong message; 2: opened; 3: could not drop root.
  EXPECT_EQ(openAsUnprivilegedUser(dir / "locked"), 0);
  fs::permissions(dir / "locked", fs::perms::owner_all);
}

TEST(Checkpoint, NoConfigJson) {
  ScratchDir dir;
  fs::copy_file(tinyModel("llama") / "model.safetensors", dir / "model.safetensors");
  EXPECT_TRUE(
      throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::NotFound, {dir.path().string(), "no config.json"}));
}

TEST(Checkpoint, RefusesPickleOnlyFolder) {
  ScratchDir dir;
  copyConfig(dir.path());
  test::writeBytes(dir / "pytorch_model.bin", "\x80\x02}q\x00.");
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::PickleRefused,
                          {"pytorch_model.bin", "pickle", "run arbitrary code", "safetensors"}));
}

TEST(Checkpoint, PrefersSafetensorsOverPickleBesideIt) {
  ScratchDir dir;
  copyConfig(dir.path());
  fs::copy_file(tinyModel("llama") / "model.safetensors", dir / "model.safetensors");
  test::writeBytes(dir / "pytorch_model.bin", "\x80\x02}q\x00.");
  EXPECT_NO_THROW(Checkpoint::open(dir.path()));
}

TEST(Checkpoint, NoWeightsAtAll) {
  ScratchDir dir;
  copyConfig(dir.path());
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::NotFound,
                          {"no model.safetensors or model.safetensors.index.json"}));
}

TEST(Checkpoint, TruncatedWeightsNameTheFile) {
  ScratchDir dir;
  copyConfig(dir.path());
  const auto bytes = test::readBytes(tinyModel("llama") / "model.safetensors");
  test::writeBytes(dir / "model.safetensors", bytes.substr(0, bytes.size() / 2));
  EXPECT_TRUE(
      throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::Format, {(dir / "model.safetensors").string()}));
}

// Splits the tiny Llama into two shards with an index, as save_pretrained does for big models.
void writeShardedLlama(const fs::path& to) {
  copyConfig(to);
  const auto single = SafetensorsFile::open(tinyModel("llama") / "model.safetensors");
  std::vector<TensorToWrite> first;
  std::vector<TensorToWrite> second;
  nlohmann::json weightMap = nlohmann::json::object();
  for (const auto& t : single.tensors()) {
    const bool early = t.name.find("layers.1.") == std::string::npos;
    (early ? first : second).push_back({t.name, t.dtype, t.shape, single.data(t)});
    weightMap[t.name] = early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
  }
  writeSafetensors(to / "model-00001-of-00002.safetensors", first);
  writeSafetensors(to / "model-00002-of-00002.safetensors", second);
  test::writeBytes(to / "model.safetensors.index.json",
                   nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", weightMap}}.dump());
}

TEST(Checkpoint, ShardedEqualsSingleFile) {
  ScratchDir dir;
  writeShardedLlama(dir.path());
  const auto sharded = Checkpoint::open(dir.path());
  const auto single = Checkpoint::open(tinyModel("llama"));
  ASSERT_EQ(sharded.tensorNames(), single.tensorNames());
  for (const auto& name : single.tensorNames()) {
    const auto a = single.require(name);
    const auto b = sharded.require(name);
    const auto da = a.file->data(*a.info);
    const auto db = b.file->data(*b.info);
    ASSERT_EQ(da.size(), db.size());
    EXPECT_EQ(std::memcmp(da.data(), db.data(), da.size()), 0) << name;
  }
}

TEST(Checkpoint, IndexNamingAMissingShard) {
  ScratchDir dir;
  writeShardedLlama(dir.path());
  fs::remove(dir / "model-00002-of-00002.safetensors");
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::NotFound,
                          {"model.safetensors.index.json", "model-00002-of-00002.safetensors", "not in the folder"}));
}

TEST(Checkpoint, IndexPlacingATensorInTheWrongShard) {
  ScratchDir dir;
  writeShardedLlama(dir.path());
  auto index = nlohmann::json::parse(test::readBytes(dir / "model.safetensors.index.json"));
  index["weight_map"]["model.norm.weight"] = "model-00002-of-00002.safetensors";
  test::writeBytes(dir / "model.safetensors.index.json", index.dump());
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::Format, {"model.norm.weight"}));
}

TEST(Checkpoint, IndexWithoutWeightMap) {
  ScratchDir dir;
  copyConfig(dir.path());
  test::writeBytes(dir / "model.safetensors.index.json", R"({"metadata":{}})");
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::Format, {"weight_map"}));
}

TEST(Checkpoint, IndexShardNameMayNotLeaveTheFolder) {
  ScratchDir dir;
  copyConfig(dir.path());
  test::writeBytes(dir / "model.safetensors.index.json", R"({"weight_map":{"a":"../../etc/passwd"}})");
  EXPECT_TRUE(throwsError([&] { Checkpoint::open(dir.path()); }, ErrorCode::Format, {"not a plain file name"}));
}

}  // namespace
}  // namespace ropescope::engine

namespace ropescope::engine {
namespace {

// Lays out a Hugging Face cache entry for `repo` ("org--name") holding the tiny Llama.
fs::path makeCacheEntry(const fs::path& hub, const std::string& repo, const std::string& commit, bool writeRef) {
  const auto snapshot = hub / ("models--" + repo) / "snapshots" / commit;
  fs::create_directories(snapshot);
  for (const char* f : {"config.json", "generation_config.json", "model.safetensors"})
    fs::create_symlink(test::tinyModel("llama") / f, snapshot / f);  // the cache links into blobs/
  if (writeRef) {
    fs::create_directories(hub / ("models--" + repo) / "refs");
    test::writeBytes(hub / ("models--" + repo) / "refs" / "main", commit + "\n");
  }
  return snapshot;
}

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (m_old)
      ::setenv(m_name, m_old->c_str(), 1);
    else
      ::unsetenv(m_name);
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

TEST(Checkpoint, ResolvesAModelIdInTheHuggingFaceCache) {
  ScratchDir dir;
  const ScopedEnv hubCache("HF_HUB_CACHE", (dir / "hub").string());
  const auto main = makeCacheEntry(dir / "hub", "tiny--Llama-Test", "abc123", true);
  makeCacheEntry(dir / "hub", "tiny--Llama-Test", "old456", false);
  EXPECT_EQ(resolveModelPath("tiny/Llama-Test"), main);
  EXPECT_EQ(resolveModelPath("tiny/Llama-Test@old456"),
            dir / "hub" / "models--tiny--Llama-Test" / "snapshots" / "old456");
  const auto ckpt = Checkpoint::open("tiny/Llama-Test");
  EXPECT_EQ(ckpt.folder(), main);
  EXPECT_EQ(ckpt.config().numLayers, 2);
}

TEST(Checkpoint, HfHomeAndTheLoneSnapshotRule) {
  ScratchDir dir;
  const ScopedEnv unsetHub("HF_HUB_CACHE", "");
  const ScopedEnv home("HF_HOME", dir.path().string());
  const auto only = makeCacheEntry(dir / "hub", "org--m", "feed01", false);
  EXPECT_EQ(resolveModelPath("org/m"), only);
}

TEST(Checkpoint, UnknownModelIdSaysWhereItLooked) {
  ScratchDir dir;
  const ScopedEnv hubCache("HF_HUB_CACHE", (dir / "hub").string());
  EXPECT_TRUE(throwsError(
      [&] { Checkpoint::open("meta-llama/Llama-3.1-8B-Instruct"); }, ErrorCode::NotFound,
      {"meta-llama/Llama-3.1-8B-Instruct", "models--meta-llama--Llama-3.1-8B-Instruct", "never downloads"}));
}

}  // namespace
}  // namespace ropescope::engine
