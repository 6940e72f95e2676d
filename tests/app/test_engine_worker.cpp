// The engine worker on its thread: results equal the engine's, errors arrive as messages, cancel keeps work.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <set>

#include "app/engine_thread.h"
#include "engine/analysis/analysis_run.h"
#include "engine/analysis/qa_sample.h"
#include "engine/analysis/weight_norms.h"
#include "engine/data/qa_data.h"
#include "engine/io/checkpoint.h"
#include "engine/io/results_io.h"
#include "engine/io/safetensors.h"
#include "engine/model/transformer.h"
#include "engine/results/schema.h"
#include "engine/text/prompt_template.h"
#include "engine/text/tokenizer.h"
#include "tests/app/app_test_support.h"

namespace ropescope::app {
namespace {

using support::fixture;

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
  QSignalSpy read(engine.worker(), &EngineWorker::resultsFileRead);
  runOnWorker(engine, [&] { engine.worker()->loadResults(path); });
  ASSERT_EQ(read.count(), 1);
  EXPECT_EQ(read.at(0).at(0).toString(), path);
  const auto loaded = read.at(0).at(1).value<engine::ResultsFile>();
  EXPECT_EQ(loaded.weights->qRowL1.values, results.weights->qRowL1.values);
  EXPECT_EQ(loaded.weights->model.headDim, 32);
}

const engine::NdArray& arrayAt(const engine::ResultsFile& r, const std::string& path) {
  static const engine::NdArray kEmpty;
  const auto it = r.arrays.find(path);
  EXPECT_NE(it, r.arrays.end()) << path;
  return it == r.arrays.end() ? kEmpty : it->second;
}

TEST(EngineWorker, QuickAnalysesOnTokenIdsFillNormsBandsAnglesAndPositional) {
  EngineThread engine;
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  QSignalSpy notices(engine.worker(), &EngineWorker::notice);
  QSignalSpy progress(engine.worker(), &EngineWorker::progress);
  const auto folder = fixture("llama");
  runOnWorker(engine, [&] { engine.worker()->runQuickAnalyses(folder, QString()); });
  ASSERT_EQ(ready.count(), 1);
  EXPECT_FALSE(ready.at(0).at(1).toBool());
  EXPECT_EQ(notices.count(), 0);
  EXPECT_GE(progress.count(), 3);
  const auto r = ready.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_EQ(r.info.model, folder.toStdString());
  EXPECT_EQ(r.info.data, "ids");
  ASSERT_TRUE(r.weights.has_value());
  const auto direct = engine::computeWeightNorms(engine::Checkpoint::open(folder.toStdString()));
  EXPECT_EQ(r.weights->qRowL1.values, direct.qRowL1.values);
  // The tiny Llama: 2 layers, 4 heads, 2 KV heads, head_dim 16 (8 pairs).
  EXPECT_EQ(arrayAt(r, "/bands/q_norm").shape, (std::vector<std::int64_t>{2, 4, 8}));
  EXPECT_EQ(arrayAt(r, "/bands/k_norm").shape, (std::vector<std::int64_t>{2, 2, 8}));
  EXPECT_EQ(arrayAt(r, "/angles/turns").shape, (std::vector<std::int64_t>{8}));
  EXPECT_EQ(r.groupAttributes.at("/angles").at("context"), std::to_string(kQuickIds));
  EXPECT_EQ(arrayAt(r, "/positional/rho").shape, (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(r.arrays.count("/retrieval/score"), 0u);
}

// The tiny Llama with a byte-level tokenizer (its 256 ids are the bytes) as tokenizer.json.
QString llamaWithTokenizer(const QTemporaryDir& dir) { return support::tinyLlamaWithTokenizer(dir.path()); }

TEST(EngineWorker, QuickAnalysesWithQaDataComputeRetrievalScores) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  const auto data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  EngineThread engine;
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  QSignalSpy failed(engine.worker(), &EngineWorker::failed);
  runOnWorker(engine, [&] { engine.worker()->runQuickAnalyses(folder, data); });
  ASSERT_EQ(failed.count(), 0) << failed.at(0).at(0).toString().toStdString();
  ASSERT_EQ(ready.count(), 1);
  EXPECT_FALSE(ready.at(0).at(1).toBool());
  const auto r = ready.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_EQ(r.info.data, data.toStdString());
  ASSERT_TRUE(r.weights.has_value());
  // tiny_qa.jsonl: three documents per sample, two samples with the gold document at each.
  EXPECT_EQ(arrayAt(r, "/units/gold_positions").values, (std::vector<float>{0, 1, 2}));
  EXPECT_EQ(arrayAt(r, "/units/status").values, std::vector<float>(6, 0.0f));
  const auto& score = arrayAt(r, "/retrieval/score");
  ASSERT_EQ(score.shape, (std::vector<std::int64_t>{2, 4}));
  for (float v : score.values) {
    EXPECT_GE(v, 0.0f);  // a share of attention mass
    EXPECT_LE(v, 1.0f + 1e-5f);
  }
  for (const char* path : {"/bands/q_norm", "/angles/turns", "/positional/rho"}) EXPECT_EQ(r.arrays.count(path), 1u);
  EXPECT_EQ(r.arrays.count("/utility/u"), 0u);
}

TEST(EngineWorker, QuickAnalysesWithDataButNoTokenizerSayWhyAndUseIds) {
  EngineThread engine;
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  QSignalSpy notices(engine.worker(), &EngineWorker::notice);
  const auto folder = fixture("llama");
  runOnWorker(engine, [&] {
    engine.worker()->runQuickAnalyses(folder, QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl"));
  });
  ASSERT_EQ(ready.count(), 1);
  ASSERT_EQ(notices.count(), 1);
  EXPECT_TRUE(notices.at(0).at(0).toString().contains("tokenizer.json"));
  EXPECT_EQ(ready.at(0).at(0).value<engine::ResultsFile>().info.data, "ids");
}

TEST(EngineWorker, QuickAnalysesWithMissingDataFailNamingTheFile) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  EngineThread engine;
  QSignalSpy failed(engine.worker(), &EngineWorker::failed);
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  runOnWorker(engine, [&] { engine.worker()->runQuickAnalyses(folder, dir.filePath("missing.jsonl")); });
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(ready.count(), 0);
  EXPECT_TRUE(failed.at(0).at(0).toString().contains("missing.jsonl")) << failed.at(0).at(0).toString().toStdString();
}

TEST(EngineWorker, QuickAnalysesStopWhenCancelled) {
  EngineThread engine;
  QObject::connect(
      engine.worker(), &EngineWorker::progress, engine.worker(),
      [&](qint64, qint64, const QString&) { engine.worker()->requestCancel(); }, Qt::DirectConnection);
  QSignalSpy ready(engine.worker(), &EngineWorker::resultsReady);
  runOnWorker(engine, [&] { engine.worker()->runQuickAnalyses(fixture("llama"), QString()); });
  ASSERT_EQ(ready.count(), 1);
  EXPECT_TRUE(ready.at(0).at(1).toBool());
  // Bands and positional keep only complete runs: nothing of them after an early cancel.
  const auto r = ready.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_EQ(r.arrays.count("/bands/q_norm"), 0u);
  EXPECT_EQ(r.arrays.count("/positional/rho"), 0u);
}

// Polls until `spy` has `count` signals (they come from the worker thread) or 30 s pass.
bool waitForSignals(QSignalSpy& spy, int count) {
  QDeadlineTimer deadline(30000);
  while (spy.count() < count && !deadline.hasExpired()) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    QThread::msleep(1);
  }
  return spy.count() >= count;
}

// The quick analyses keep the model: a sample re-runs under a mask without reading the folder
// again (its files are gone), with the engine's answer for the same sample, mask and scores.
TEST(EngineWorker, ReRunsOneSampleWithTheKeptModel) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  const auto data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  EngineThread engine;
  auto* worker = engine.worker();
  QSignalSpy ready(worker, &EngineWorker::resultsReady);
  QSignalSpy samples(worker, &EngineWorker::samplesReady);
  QSignalSpy prompts(worker, &EngineWorker::samplePrompt);
  QSignalSpy answered(worker, &EngineWorker::sampleAnswered);
  QSignalSpy failed(worker, &EngineWorker::failed);
  runOnWorker(engine, [&] { worker->runQuickAnalyses(folder, data); });
  ASSERT_EQ(ready.count(), 1);
  ASSERT_EQ(samples.count(), 1);
  EXPECT_EQ(samples.at(0).at(0).toInt(), 6);
  EXPECT_EQ(samples.at(0).at(1).toInt(), 16);
  EXPECT_TRUE(samples.at(0).at(2).toBool());
  const auto results = ready.at(0).at(0).value<engine::ResultsFile>();

  // The reference: the engine on a model loaded here, before the folder goes away.
  const auto model = engine::Transformer::load(
      std::make_shared<const engine::Checkpoint>(engine::Checkpoint::open(folder.toStdString())));
  const auto tokenizer = engine::Tokenizer::load((folder + "/tokenizer.json").toStdString());
  const auto qa = engine::readQaFile(data.toStdString());
  engine::QaSampleOptions options;
  options.mask = "heads=retrieval>0.2 dims=last4";
  options.retrievalScores = &results.arrays.at("/retrieval/score");
  options.maxNewTokens = kLiveMaxNewTokens;
  const auto expected = engine::answerQaSample(*model, tokenizer, qa.at(2), options);
  for (const char* name : {"config.json", "model.safetensors", "tokenizer.json"}) QFile::remove(dir.filePath(name));

  QMetaObject::invokeMethod(
      worker, [&] { worker->describeSample(2); }, Qt::QueuedConnection);
  QMetaObject::invokeMethod(
      worker, [&] { worker->answerSample(2, QString::fromStdString(options.mask)); }, Qt::QueuedConnection);
  ASSERT_TRUE(waitForSignals(answered, 1)) << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
  ASSERT_EQ(prompts.count(), 1);
  EXPECT_EQ(prompts.at(0).at(0).value<engine::QaSamplePrompt>().index, 2);
  EXPECT_EQ(prompts.at(0).at(0).value<engine::QaSamplePrompt>().text, expected.prompt.text);
  const auto got = answered.at(0).at(0).value<engine::QaSampleAnswer>();
  EXPECT_EQ(got.prompt.index, 2);
  EXPECT_EQ(got.prompt.goldIndex, 2);
  EXPECT_EQ(got.mask, options.mask);
  EXPECT_EQ(got.generated, expected.generated);
  EXPECT_EQ(got.answer, expected.answer);
  EXPECT_EQ(got.correct, expected.correct);
  EXPECT_EQ(got.documentMass.values, expected.documentMass.values);
  EXPECT_GT(answered.at(0).at(1).toDouble(), 0.0);
  EXPECT_EQ(failed.count(), 0);

  // Bad input arrives through `failed`, naming what is wrong.
  QMetaObject::invokeMethod(
      worker, [&] { worker->answerSample(0, QStringLiteral("dims=fist4")); }, Qt::QueuedConnection);
  QMetaObject::invokeMethod(
      worker, [&] { worker->answerSample(6, QStringLiteral("none")); }, Qt::QueuedConnection);
  ASSERT_TRUE(waitForSignals(failed, 2));
  EXPECT_TRUE(failed.at(0).at(0).toString().contains("Invalid input")) << failed.at(0).at(0).toString().toStdString();
  EXPECT_TRUE(failed.at(0).at(0).toString().contains("dims=fist4"));
  EXPECT_TRUE(failed.at(1).at(0).toString().contains("sample 7: there are 6 samples"))
      << failed.at(1).at(0).toString().toStdString();
  EXPECT_EQ(answered.count(), 1);

  // Reading a results file, or failing to open another model, keeps the model.
  QSignalSpy liveChanged(worker, &EngineWorker::liveModelChanged);
  runOnWorker(engine, [&] { worker->loadResults(dir.filePath("missing.h5")); });
  runOnWorker(engine, [&] { worker->runQuickAnalyses(dir.filePath("no-model"), data); });
  const QString notAModel = dir.filePath("not-a-model");
  QDir().mkpath(notAModel);
  QFile::copy(fixture("llama") + "/config.json", notAModel + "/config.json");
  QFile truncated(notAModel + "/model.safetensors");
  ASSERT_TRUE(truncated.open(QIODevice::WriteOnly));
  truncated.write("\x08\0\0\0\0\0\0\0{}      ");
  truncated.close();
  runOnWorker(engine, [&] { worker->runQuickAnalyses(notAModel, data); });
  ASSERT_TRUE(waitForSignals(failed, 5));
  EXPECT_TRUE(failed.at(2).at(0).toString().contains("missing.h5")) << failed.at(2).at(0).toString().toStdString();
  EXPECT_TRUE(failed.at(3).at(0).toString().contains("no-model")) << failed.at(3).at(0).toString().toStdString();
  EXPECT_TRUE(failed.at(4).at(0).toString().contains("not-a-model")) << failed.at(4).at(0).toString().toStdString();
  EXPECT_EQ(samples.count(), 1);
  EXPECT_EQ(liveChanged.count(), 0);
  QMetaObject::invokeMethod(
      worker, [&] { worker->answerSample(2, QString::fromStdString(options.mask)); }, Qt::QueuedConnection);
  ASSERT_TRUE(waitForSignals(answered, 2));
  EXPECT_EQ(answered.at(1).at(0).value<engine::QaSampleAnswer>().generated, expected.generated);
}

// One decoding path: the GUI's sample re-run, the qa analysis and `ropescope-cli generate` give
// the same answer for the same sample and mask (generate, which has no answer-line stop, gives
// the answer's tokens and may go on after them).
TEST(OneDecodingPath, SampleReRunQaAnalysisAndGenerateAgree) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  const auto data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  const std::vector<engine::QaSetup> setups = {{"none", "none"},
                                               {"first4", "heads=L1 dims=first4"},
                                               {"last8", "heads=L0H1,L1H2 dims=last8"},
                                               {"prope", "prope=0.5"},
                                               {"ablate", "ablate=L0H0,L1H3"}};

  const auto model = engine::Transformer::load(
      std::make_shared<const engine::Checkpoint>(engine::Checkpoint::open(folder.toStdString())));
  const auto tokenizer = engine::Tokenizer::load((folder + "/tokenizer.json").toStdString());
  const auto qa = engine::readQaFile(data.toStdString());
  engine::AnalysisOptions options;
  options.analyses = {engine::Analysis::Qa};
  options.goldPositions = {0, 1, 2};
  options.maxNewTokens = kLiveMaxNewTokens;
  options.setups = setups;
  const auto analysis = engine::runAnalyses(*model, tokenizer, qa, options);
  const auto& unitSample = analysis.arrays.at("/units/sample").values;
  ASSERT_EQ(unitSample.size(), 6u);

  EngineThread engine;
  auto* worker = engine.worker();
  QSignalSpy answered(worker, &EngineWorker::sampleAnswered);
  QSignalSpy failed(worker, &EngineWorker::failed);
  runOnWorker(engine, [&] { worker->runQuickAnalyses(folder, data); });
  int cliChecked = 0;
  std::set<std::string> answers;
  for (std::size_t u = 0; u < unitSample.size(); ++u) {
    const int index = static_cast<int>(unitSample[u]);
    const engine::QaPromptOptions promptOptions{engine::promptTemplateFor(model->config(), tokenizer),
                                                engine::QaPromptOptions::AnswerCue::Auto};
    const auto ids = engine::encodeQaPrompt(tokenizer, qa.at(static_cast<std::size_t>(index)), promptOptions).ids;
    for (const auto& setup : setups) {
      const auto label = "unit " + std::to_string(u) + ", mask '" + setup.mask + "'";
      const auto before = answered.count();
      QMetaObject::invokeMethod(
          worker, [&] { worker->answerSample(index, QString::fromStdString(setup.mask)); }, Qt::QueuedConnection);
      ASSERT_TRUE(waitForSignals(answered, before + 1))
          << label << (failed.isEmpty() ? "" : failed.at(0).at(0).toString().toStdString());
      const auto gui = answered.at(before).at(0).value<engine::QaSampleAnswer>();
      const auto& predicted = analysis.strings.at("/qa/" + setup.name + "/prediction").values[u];
      EXPECT_EQ(gui.answer, predicted) << label;
      answers.insert(gui.answer);
      if (u >= 2) continue;  // the CLI for two units: each call is a process that loads LibTorch
      QProcess cli;
      QStringList arguments{"generate",
                            "--model",
                            folder,
                            "--max-new-tokens",
                            QString::number(kLiveMaxNewTokens),
                            "--mask",
                            QString::fromStdString(setup.mask),
                            "--ids"};
      QStringList idText;
      for (auto id : ids) idText << QString::number(id);
      arguments << idText.join(',');
      cli.start(QStringLiteral(ROPESCOPE_CLI_BINARY), arguments);
      ASSERT_TRUE(cli.waitForFinished(60000)) << label;
      ASSERT_EQ(cli.exitCode(), 0) << label << cli.readAllStandardError().toStdString();
      const auto firstLine = QString::fromUtf8(cli.readAllStandardOutput()).split('\n').value(0);
      std::vector<std::int64_t> generated;
      for (const auto& id : firstLine.split(',', Qt::SkipEmptyParts)) generated.push_back(id.toLongLong());
      ASSERT_GE(generated.size(), gui.generated.size()) << label;
      EXPECT_TRUE(std::equal(gui.generated.begin(), gui.generated.end(), generated.begin())) << label;
      ++cliChecked;
    }
  }
  EXPECT_EQ(cliChecked, 10);
  EXPECT_GT(answers.size(), 1u);  // the masks do change answers: the comparison can fail
  EXPECT_EQ(failed.count(), 0);
}

// The same datasets with the same shapes and values (NaN where the other has NaN).
void expectSameArrays(const engine::ResultsFile& got, const engine::ResultsFile& expected) {
  ASSERT_EQ(got.arrays.size(), expected.arrays.size());
  for (const auto& [path, array] : expected.arrays) {
    ASSERT_TRUE(got.arrays.count(path)) << path;
    const auto& mine = got.arrays.at(path);
    EXPECT_EQ(mine.shape, array.shape) << path;
    ASSERT_EQ(mine.values.size(), array.values.size()) << path;
    for (std::size_t i = 0; i < array.values.size(); ++i) {
      if (std::isnan(array.values[i]) && std::isnan(mine.values[i])) continue;
      ASSERT_EQ(mine.values[i], array.values[i]) << path << "[" << i << "]";
    }
  }
}

// Analysis ▸ Run… runs what `ropescope-cli analyze` runs: the same options give the same file,
// dataset for dataset.
TEST(EngineWorker, AnalysisRunEqualsTheCliAnalyzeFile) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  const auto data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  EngineThread engine;
  auto* worker = engine.worker();
  QSignalSpy failed(worker, &EngineWorker::failed);
  QSignalSpy progressed(worker, &EngineWorker::analysisProgressed);
  QSignalSpy finished(worker, &EngineWorker::analysisFinished);

  // No model yet: a clear error, nothing written.
  AnalysisRequest request;
  request.analyses = engine::parseAnalysisList("all");
  request.samples = 1;
  request.paperMasks = true;
  request.output = dir.filePath("gui.h5");
  runOnWorker(engine, [&] { worker->runAnalysis(request); });
  ASSERT_EQ(failed.count(), 1);
  EXPECT_TRUE(failed.at(0).at(0).toString().contains("QA data")) << failed.at(0).at(0).toString().toStdString();
  EXPECT_FALSE(QFileInfo::exists(request.output));

  runOnWorker(engine, [&] { worker->runQuickAnalyses(folder, data); });
  runOnWorker(engine, [&] { worker->runAnalysis(request); });
  ASSERT_EQ(failed.count(), 1) << failed.at(1).at(0).toString().toStdString();
  ASSERT_EQ(finished.count(), 1);
  EXPECT_FALSE(finished.at(0).at(2).toBool());
  EXPECT_GE(progressed.count(), 2);  // the token analyses, then the samples
  EXPECT_TRUE(progressed.at(0).at(0).value<engine::ResultsFile>().arrays.count("/bands/q_norm"));

  QProcess cli;
  cli.start(QStringLiteral(ROPESCOPE_CLI_BINARY), {"analyze", "--model", folder, "--data", data, "--samples", "1",
                                                   "--paper-masks", "--output", dir.filePath("cli.h5")});
  ASSERT_TRUE(cli.waitForFinished(120000));
  ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();

  const auto gui = engine::readResultsFile(request.output.toStdString());
  const auto ref = engine::readResultsFile(dir.filePath("cli.h5").toStdString());
  EXPECT_EQ(gui.info.options, ref.info.options);
  EXPECT_EQ(gui.info.data, ref.info.data);
  EXPECT_TRUE(ref.arrays.count("/utility/u"));
  EXPECT_TRUE(ref.groupAttributes.count("/qa/none"));
  expectSameArrays(gui, ref);
  EXPECT_EQ(gui.strings, ref.strings);
  EXPECT_EQ(gui.groupAttributes, ref.groupAttributes);
  ASSERT_TRUE(gui.weights && ref.weights);
  EXPECT_EQ(gui.weights->qRowL1.values, ref.weights->qRowL1.values);
}

// A cancelled analysis run keeps what finished in its file, and resuming it gives the file an
// uninterrupted run writes.
TEST(EngineWorker, ACancelledAnalysisRunResumesToTheFullResult) {
  QTemporaryDir dir;
  const auto folder = llamaWithTokenizer(dir);
  const auto data = QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/tiny_qa.jsonl");
  EngineThread engine;
  auto* worker = engine.worker();
  QSignalSpy finished(worker, &EngineWorker::analysisFinished);
  runOnWorker(engine, [&] { worker->runQuickAnalyses(folder, data); });
  AnalysisRequest request;
  request.analyses = {engine::Analysis::Retrieval, engine::Analysis::Qa, engine::Analysis::Bands};
  request.paperMasks = true;
  request.output = dir.filePath("full.h5");
  runOnWorker(engine, [&] { worker->runAnalysis(request); });
  ASSERT_EQ(finished.count(), 1);

  // Cancelled at the first checkpoint (the token analyses are done, no sample yet).
  request.output = dir.filePath("resumed.h5");
  const auto connection = QObject::connect(
      worker, &EngineWorker::analysisProgressed, worker, [worker] { worker->requestCancel(); }, Qt::DirectConnection);
  runOnWorker(engine, [&] { worker->runAnalysis(request); });
  QObject::disconnect(connection);
  ASSERT_EQ(finished.count(), 2);
  EXPECT_TRUE(finished.at(1).at(2).toBool());
  const auto partial = engine::readResultsFile(request.output.toStdString());
  EXPECT_TRUE(partial.arrays.count("/bands/q_norm"));
  const auto* status = engine::find(partial, engine::schema::kUnitStatus);
  ASSERT_NE(status, nullptr);
  EXPECT_TRUE(std::isnan(status->values.back()));  // not done

  request.resume = true;
  runOnWorker(engine, [&] { worker->runAnalysis(request); });
  ASSERT_EQ(finished.count(), 3);
  EXPECT_FALSE(finished.at(2).at(2).toBool());
  const auto full = engine::readResultsFile(dir.filePath("full.h5").toStdString());
  const auto resumed = engine::readResultsFile(request.output.toStdString());
  expectSameArrays(resumed, full);
  EXPECT_EQ(resumed.strings, full.strings);
}

engine::QaSample sample(int documents, int gold) {
  engine::QaSample s;
  s.documents.resize(static_cast<std::size_t>(documents));
  s.goldIndex = gold;
  return s;
}

// A toy run of `epochs` small enough for a test, into `output`.
ToyRequest tinyToy(int epochs, const QString& output) {
  ToyRequest request;
  request.epochs = epochs;
  request.samplesPerEpoch = 64;
  request.tuples = 32;
  request.dims = 8;
  request.evalSamples = 16;
  request.output = output;
  return request;
}

TEST(EngineWorker, ToyRunShowsEveryEpochAndSavesWhatReopensAsTheSameFigure) {
  EngineThread engine;
  QTemporaryDir dir;
  const ToyRequest request = tinyToy(3, dir.filePath("toy.h5"));
  QSignalSpy progressed(engine.worker(), &EngineWorker::toyProgressed);
  QSignalSpy finished(engine.worker(), &EngineWorker::toyFinished);
  runOnWorker(engine, [&] { engine.worker()->runToy(request); });
  // Every epoch of both runs (the last of each is the finished run).
  EXPECT_EQ(progressed.count(), 6);
  ASSERT_EQ(finished.count(), 1);
  EXPECT_FALSE(finished.at(0).at(2).toBool());
  const auto results = finished.at(0).at(1).value<engine::ResultsFile>();
  const auto first = progressed.at(0).at(0).value<engine::ResultsFile>();
  EXPECT_EQ(first.arrays.at("/toy/rope/train_loss").values.size(), 1u);  // after epoch 1
  EXPECT_EQ(first.arrays.count("/toy/nope/q_abs_mean"), 0u);
  const auto reread = engine::readResultsFile(request.output.toStdString());
  for (const char* path : {"/toy/rope/q_abs_mean", "/toy/nope/q_abs_mean", "/toy/rope/loss_remove_first",
                           "/toy/nope/loss_remove_last", "/toy/rope/eval_loss"}) {
    ASSERT_EQ(reread.arrays.count(path), 1u) << path;
    EXPECT_EQ(reread.arrays.at(path).values, results.arrays.at(path).values) << path;
  }
  EXPECT_EQ(reread.arrays.at("/toy/rope/q_abs_mean").values.size(), 8u);
}

TEST(EngineWorker, ACancelledToyRunKeepsItsEpochsAndSkipsTheRunNotBegun) {
  EngineThread engine;
  QTemporaryDir dir;
  const ToyRequest request = tinyToy(50, dir.filePath("toy.h5"));
  QSignalSpy finished(engine.worker(), &EngineWorker::toyFinished);
  QObject::connect(
      engine.worker(), &EngineWorker::toyProgressed, engine.worker(),
      [&](const engine::ResultsFile& soFar) {
        if (soFar.arrays.at("/toy/rope/train_loss").values.size() == 2) engine.worker()->requestCancel();
      },
      Qt::DirectConnection);
  runOnWorker(engine, [&] { engine.worker()->runToy(request); });
  ASSERT_EQ(finished.count(), 1);
  EXPECT_TRUE(finished.at(0).at(2).toBool());
  const auto reread = engine::readResultsFile(request.output.toStdString());
  EXPECT_EQ(reread.arrays.at("/toy/rope/train_loss").values.size(), 2u);
  EXPECT_EQ(reread.arrays.count("/toy/nope/q_abs_mean"), 0u);
}

TEST(QuickGoldPositions, FirstMiddleAndLastOfTheDocumentsPresent) {
  // One passage per sample: 20-document sets are built, any position works.
  EXPECT_EQ(quickGoldPositions({sample(1, 0), sample(1, 0)}), (std::vector<int>{0, 9, 19}));
  EXPECT_EQ(quickGoldPositions({sample(1, 0)}, 10), (std::vector<int>{0, 4, 9}));
  EXPECT_EQ(quickGoldPositions({sample(1, 0)}, 1), (std::vector<int>{0}));
  // Samples with their own documents: only positions some gold document is at.
  EXPECT_EQ(quickGoldPositions({sample(3, 0), sample(3, 1), sample(3, 2)}), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(quickGoldPositions({sample(20, 0), sample(20, 19), sample(20, 5)}), (std::vector<int>{0, 19}));
  // None of first, middle and last holds a gold document: the lowest gold position there is.
  EXPECT_EQ(quickGoldPositions({sample(5, 3), sample(6, 1)}), (std::vector<int>{1}));
  EXPECT_EQ(quickGoldPositions({}), (std::vector<int>{0}));
}

}  // namespace
}  // namespace ropescope::app
