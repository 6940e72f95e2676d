// The engine worker on its thread: results equal the engine's, errors arrive as messages, cancel keeps work.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include "app/engine_thread.h"
#include "engine/checkpoint.h"
#include "engine/safetensors.h"
#include "engine/weight_norms.h"

namespace ropescope::app {
namespace {

QString fixture(const char* name) { return QStringLiteral(ROPESCOPE_FIXTURES_DIR "/hf-tiny/") + name; }

// Runs `call` on the worker's thread (queued) and waits for jobFinished. The spy is filled from
// the worker thread, so poll its count: QSignalSpy::wait() would miss a signal that arrives
// before it starts waiting.
template <typename Call>
void runOnWorker(EngineThread& engine, Call call) {
  QSignalSpy finished(engine.worker(), &EngineWorker::jobFinished);
  QMetaObject::invokeMethod(engine.worker(), call, Qt::QueuedConnection);
  QDeadlineTimer deadline(30000);
  while (finished.count() == 0 && !deadline.hasExpired()) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    QThread::msleep(1);
  }
  ASSERT_EQ(finished.count(), 1);
}

TEST(EngineWorker, ComputesTheEngineNormsOffTheGuiThread) {
  EngineThread engine;
  Qt::HANDLE workerThread = nullptr;
  QObject::connect(
      engine.worker(), &EngineWorker::jobStarted, engine.worker(), [&] { workerThread = QThread::currentThreadId(); },
      Qt::DirectConnection);
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  QSignalSpy progress(engine.worker(), &EngineWorker::progress);
  const auto folder = fixture("qwen2");
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(folder); });
  ASSERT_EQ(ready.count(), 1);
  EXPECT_NE(workerThread, QThread::currentThreadId());
  EXPECT_GE(progress.count(), 2);
  const auto results = ready.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_FALSE(ready.at(0).at(1).toBool());
  ASSERT_TRUE(results.weights.has_value());
  const auto direct = engine::computeWeightNorms(engine::Checkpoint::open(folder.toStdString()));
  EXPECT_EQ(results.weights->qRowL1.values, direct.qRowL1.values);
  EXPECT_EQ(results.weights->kRowL1.values, direct.kRowL1.values);
  EXPECT_EQ(results.info.model, folder.toStdString());
}

TEST(EngineWorker, BadFolderFailsWithAMessageNamingIt) {
  EngineThread engine;
  QSignalSpy failed(engine.worker(), &EngineWorker::failed);
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(QStringLiteral("/no/such/model")); });
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(ready.count(), 0);
  const auto message = failed.at(0).at(0).toString();
  EXPECT_TRUE(message.contains(QStringLiteral("/no/such/model"))) << message.toStdString();
  EXPECT_TRUE(message.contains(QStringLiteral("Not found"))) << message.toStdString();
}

TEST(EngineWorker, PickleFolderIsRefused) {
  QTemporaryDir dir;
  QFile::copy(fixture("llama") + "/config.json", dir.filePath("config.json"));
  QFile bin(dir.filePath("pytorch_model.bin"));
  ASSERT_TRUE(bin.open(QIODevice::WriteOnly));
  bin.write("\x80\x02}q\x00.");
  bin.close();
  EngineThread engine;
  QSignalSpy failed(engine.worker(), &EngineWorker::failed);
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(dir.path()); });
  ASSERT_EQ(failed.count(), 1);
  EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("pytorch_model.bin")));
  EXPECT_TRUE(failed.at(0).at(0).toString().contains(QStringLiteral("Pickle checkpoint refused")));
}

// A model with many layers, so that a cancel lands in the middle of the job.
QString writeDeepModel(const QTemporaryDir& dir, int layers) {
  QFile config(dir.filePath("config.json"));
  config.open(QIODevice::WriteOnly);
  config.write(QStringLiteral(R"({"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_size":8,)"
                              R"("num_hidden_layers":%1,"num_attention_heads":2,"num_key_value_heads":1,)"
                              R"("vocab_size":4})")
                   .arg(layers)
                   .toUtf8());
  config.close();
  std::vector<float> q(8 * 8, 1.0f);
  std::vector<float> k(4 * 8, 2.0f);
  const auto bytes = [](const std::vector<float>& v) {
    return std::span<const std::byte>(reinterpret_cast<const std::byte*>(v.data()), v.size() * 4);
  };
  std::vector<engine::TensorToWrite> tensors;
  for (int l = 0; l < layers; ++l) {
    tensors.push_back({engine::layerTensorName(l, "self_attn.q_proj.weight"), engine::DType::F32, {8, 8}, bytes(q)});
    tensors.push_back({engine::layerTensorName(l, "self_attn.k_proj.weight"), engine::DType::F32, {4, 8}, bytes(k)});
  }
  engine::writeSafetensors(dir.filePath("model.safetensors").toStdString(), tensors);
  return dir.path();
}

TEST(EngineWorker, CancelDeliversTheLayersDone) {
  QTemporaryDir dir;
  const auto folder = writeDeepModel(dir, 400);
  EngineThread engine;
  QObject::connect(
      engine.worker(), &EngineWorker::progress, engine.worker(),
      [&](qint64 done, qint64, const QString&) {
        if (done == 0) engine.worker()->requestCancel();
      },
      Qt::DirectConnection);
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(folder); });
  ASSERT_EQ(ready.count(), 1);
  EXPECT_TRUE(ready.at(0).at(1).toBool());
  const auto results = ready.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_LT(results.weights->layersDone, 400);

  // The next job starts with a fresh token and runs to the end.
  QObject::disconnect(engine.worker(), &EngineWorker::progress, engine.worker(), nullptr);
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(folder); });
  ASSERT_EQ(ready.count(), 2);
  EXPECT_FALSE(ready.at(1).at(1).toBool());
  EXPECT_EQ(ready.at(1).at(0).value<engine::ResultsFile>().weights->layersDone, 400);
  EXPECT_FLOAT_EQ(ready.at(1).at(0).value<engine::ResultsFile>().weights->qRowL1.at({399, 1, 3}), 8.0f);
}

TEST(EngineWorker, SavesAndLoadsResults) {
  QTemporaryDir dir;
  EngineThread engine;
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  QSignalSpy saved(engine.worker(), &EngineWorker::saved);
  runOnWorker(engine, [&] { engine.worker()->computeWeightNorms(fixture("gemma")); });
  ASSERT_EQ(ready.count(), 1);
  const auto results = ready.at(0).at(0).value<engine::ResultsFile>();
  const auto path = dir.filePath("gemma.h5");
  runOnWorker(engine, [&] { engine.worker()->saveResults(path, results); });
  ASSERT_EQ(saved.count(), 1);
  runOnWorker(engine, [&] { engine.worker()->loadResults(path); });
  ASSERT_EQ(ready.count(), 2);
  const auto loaded = ready.at(1).at(0).value<engine::ResultsFile>();
  EXPECT_EQ(loaded.weights->qRowL1.values, results.weights->qRowL1.values);
  EXPECT_EQ(loaded.weights->model.headDim, 32);
}

}  // namespace
}  // namespace ropescope::app
