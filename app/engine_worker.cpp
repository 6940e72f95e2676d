// The engine on a background thread.
#include "app/engine_worker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/analysis/analysis_run.h"
#include "engine/analysis/qa_sample.h"
#include "engine/analysis/toy_experiment.h"
#include "engine/analysis/weight_norms.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/model/transformer.h"
#include "engine/results/schema.h"
#include "engine/text/tokenizer.h"

namespace ropescope::app {

namespace {

std::filesystem::path toPath(const QString& s) { return std::filesystem::path(s.toStdString()); }

}  // namespace

std::vector<int> quickGoldPositions(const std::vector<engine::QaSample>& data, int totalDocuments) {
  if (data.empty()) return {0};
  const bool oracle = std::all_of(data.begin(), data.end(), [](const auto& s) { return s.documents.size() == 1; });
  int documents = totalDocuments;
  if (!oracle) {
    documents = static_cast<int>(data.front().documents.size());
    for (const auto& s : data) documents = std::min(documents, static_cast<int>(s.documents.size()));
  }
  if (documents < 1) return {0};
  std::set<int> present;
  for (const auto& s : data) present.insert(s.goldIndex);
  std::vector<int> positions;
  for (int g : {0, (documents - 1) / 2, documents - 1}) {
    if (!positions.empty() && positions.back() == g) continue;
    if (oracle || present.count(g)) positions.push_back(g);
  }
  if (positions.empty()) {
    const auto lowest = present.lower_bound(0);
    positions.push_back(lowest != present.end() ? *lowest : 0);
  }
  return positions;
}

QString describeError(const std::exception& error) {
  const auto* e = dynamic_cast<const engine::Error*>(&error);
  if (e == nullptr) return QCoreApplication::translate("EngineWorker", "Unexpected error: %1").arg(error.what());
  QString kind;
  switch (e->code()) {
    case engine::ErrorCode::NotFound:
      kind = QCoreApplication::translate("EngineWorker", "Not found");
      break;
    case engine::ErrorCode::Io:
      kind = QCoreApplication::translate("EngineWorker", "Cannot read or write");
      break;
    case engine::ErrorCode::Format:
      kind = QCoreApplication::translate("EngineWorker", "Malformed file");
      break;
    case engine::ErrorCode::Unsupported:
      kind = QCoreApplication::translate("EngineWorker", "Not supported");
      break;
    case engine::ErrorCode::Config:
      kind = QCoreApplication::translate("EngineWorker", "Bad model configuration");
      break;
    case engine::ErrorCode::PickleRefused:
      kind = QCoreApplication::translate("EngineWorker", "Pickle checkpoint refused");
      break;
    case engine::ErrorCode::InvalidArgument:
      kind = QCoreApplication::translate("EngineWorker", "Invalid input");
      break;
    case engine::ErrorCode::Cancelled:
      kind = QCoreApplication::translate("EngineWorker", "Cancelled");
      break;
  }
  return kind + QStringLiteral(" — ") + QString::fromStdString(e->what());
}

struct EngineWorker::LiveModel {
  std::unique_ptr<engine::Transformer> model;
  std::optional<engine::Tokenizer> tokenizer;  // with QA data only
  std::vector<engine::QaSample> data;          // the QA data as read
  std::string dataPath;
  std::vector<engine::QaSample> samples;           // offered for live re-runs
  std::optional<engine::NdArray> retrievalScores;  // [layer, head]
  std::optional<engine::NdArray> utilityScores;    // [layer, head, dim]
};

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {}

EngineWorker::~EngineWorker() = default;

void EngineWorker::requestCancel() { m_cancel.cancel(); }

template <typename Job>
void EngineWorker::runJob(const QString& description, Job&& job) {
  m_cancel.reset();
  Q_EMIT jobStarted(description);
  try {
    job();
  } catch (const std::exception& e) {
    Q_EMIT failed(describeError(e));
  } catch (...) {
    Q_EMIT failed(tr("Unexpected error"));
  }
  Q_EMIT jobFinished();
}

engine::RunControl EngineWorker::makeControl() {
  engine::RunControl control;
  control.cancel = &m_cancel;
  auto sinceReport = std::make_shared<QElapsedTimer>();
  sinceReport->start();
  control.progress = [this, sinceReport](std::int64_t done, std::int64_t total, std::string_view stage) {
    // Coalesce: at most ~30 progress signals a second reach the GUI.
    if (done == 0 || done == total || sinceReport->elapsed() >= 33) {
      sinceReport->restart();
      Q_EMIT progress(done, total, QString::fromUtf8(stage.data(), static_cast<int>(stage.size())));
    }
  };
  return control;
}

void EngineWorker::computeWeightNorms(const QString& modelFolder) {
  runJob(tr("Computing projection row norms of %1").arg(modelFolder), [&] {
    const auto checkpoint = engine::Checkpoint::open(toPath(modelFolder));
    const engine::RunControl control = makeControl();
    engine::ResultsFile results;
    results.info = checkpoint.runInfo();
    results.info.model = modelFolder.toStdString();
    results.weights = engine::computeWeightNorms(checkpoint, control);
    const bool cancelled = !results.weights->complete();
    Q_EMIT resultsReady(results, cancelled);
  });
}

void EngineWorker::runQuickAnalyses(const QString& modelFolder, const QString& dataPath) {
  runJob(tr("Analysing %1").arg(modelFolder), [&] {
    const engine::RunControl control = makeControl();
    // Everything that can be wrong with the folder, tokenizer or data is found before the kept
    // model is released: a failed open leaves it as it was.
    Q_EMIT progress(0, 0, tr("checking the model"));
    auto checkpoint = std::make_shared<const engine::Checkpoint>(engine::Checkpoint::open(toPath(modelFolder)));
    engine::Transformer::checkCheckpoint(*checkpoint);
    // NaN or infinite weights give NaN everywhere: said up front, naming the tensors.
    if (const auto bad = checkpoint->nonFiniteTensors(); !bad.empty()) {
      QStringList names;
      for (std::size_t i = 0; i < bad.size() && i < 5; ++i) names << QString::fromStdString(bad[i]);
      Q_EMIT notice(tr("%1: %2 tensor(s) hold NaN or infinite values (%3%4); the model's outputs will be NaN")
                        .arg(modelFolder)
                        .arg(bad.size())
                        .arg(names.join(QStringLiteral(", ")))
                        .arg(bad.size() > 5 ? QStringLiteral(", …") : QString()));
    }
    const auto tokenizerFile = toPath(modelFolder) / "tokenizer.json";
    std::error_code ec;
    const bool useData = !dataPath.isEmpty() && std::filesystem::is_regular_file(tokenizerFile, ec);
    auto live = std::make_unique<LiveModel>();
    if (useData) {
      Q_EMIT progress(0, 0, tr("reading the QA data"));
      live->data = engine::readQaFile(toPath(dataPath));
      live->dataPath = dataPath.toStdString();
      live->tokenizer = engine::Tokenizer::load(tokenizerFile);
    }
    releaseLiveModel();  // before loading the next: never two models in memory
    Q_EMIT progress(0, 0, tr("loading the model"));
    live->model = engine::Transformer::load(std::move(checkpoint));
    const auto& model = *live->model;

    engine::ResultsFile results;
    if (useData) {
      engine::AnalysisOptions options;
      options.analyses = {engine::Analysis::Norms, engine::Analysis::Bands, engine::Analysis::Angles,
                          engine::Analysis::Retrieval, engine::Analysis::Positional};
      options.goldPositions = quickGoldPositions(live->data, options.totalDocuments);
      options.samples = kQuickSamples;
      options.tokenSamples = kQuickSamples;
      options.dataName = dataPath.toStdString();
      results = engine::runAnalyses(model, *live->tokenizer, live->data, options, control);
      live->samples =
          engine::qaSamplesToBrowse(live->data, options.goldPositions, options.totalDocuments, options.seed);
      if (const auto* score = engine::find(results, engine::schema::kRetrievalScore)) live->retrievalScores = *score;
    } else {
      if (!dataPath.isEmpty())
        Q_EMIT notice(
            tr("%1 has no tokenizer.json: the QA data is not used, the analyses run on token ids").arg(modelFolder));
      const auto& config = model.config();
      const int length = std::max(1, std::min(kQuickIds, config.maxPositionEmbeddings));
      std::vector<std::int64_t> ids(static_cast<std::size_t>(length), 0);
      // 1 .. vocab-1 over and over: no padding id, every id in the vocabulary.
      if (config.vocabSize > 1)
        for (int i = 0; i < length; ++i) ids[static_cast<std::size_t>(i)] = 1 + i % (config.vocabSize - 1);
      results = engine::runTokenAnalyses(
          model, {ids},
          {engine::Analysis::Norms, engine::Analysis::Bands, engine::Analysis::Angles, engine::Analysis::Positional},
          control);
    }
    results.info.model = modelFolder.toStdString();
    m_live = std::move(live);
    Q_EMIT liveModelChanged(modelFolder);
    Q_EMIT samplesReady(static_cast<int>(m_live->samples.size()), model.config().headDim,
                        m_live->retrievalScores.has_value());
    const bool cancelled = m_cancel.cancelled() || (results.weights && !results.weights->complete());
    Q_EMIT resultsReady(results, cancelled);
  });
}

void EngineWorker::loadResults(const QString& path) {
  runJob(tr("Reading %1").arg(path), [&] {
    Q_EMIT progress(0, 1, tr("reading results"));
    const auto results = engine::readResultsFile(toPath(path));
    Q_EMIT progress(1, 1, tr("reading results"));
    Q_EMIT resultsFileRead(path, results);
  });
}

void EngineWorker::runAnalysis(const AnalysisRequest& request) {
  runJob(tr("Running analyses"), [&] {
    if (!m_live || !m_live->tokenizer || m_live->data.empty())
      throw engine::Error(engine::ErrorCode::InvalidArgument, "analysis",
                          "needs a model opened with QA data and its tokenizer.json");
    const auto& live = *m_live;
    const auto output = toPath(request.output);
    engine::AnalysisOptions options;
    options.analyses = request.analyses;
    options.samples = request.samples;
    options.dataName = live.dataPath;
    options.goldPositions = request.goldPositions.empty()
                                ? engine::defaultGoldPositions(live.data, options.totalDocuments, false)
                                : request.goldPositions;
    for (const auto& mask : request.masks) options.setups.push_back(engine::qaSetupOfMask(mask.toStdString()));
    // Masks that select by scores use this run's own when it computes them (as `analyze` does),
    // else the live model's (as `qa --scores` does).
    if (!request.analyses.count(engine::Analysis::Retrieval)) options.retrievalScores = live.retrievalScores;
    if (!request.analyses.count(engine::Analysis::Utility)) options.utilityScores = live.utilityScores;
    if (request.paperMasks) {
      const auto paper =
          engine::paperMaskSetups(live.model->config().headDim, request.analyses.count(engine::Analysis::Utility) > 0);
      options.setups.insert(options.setups.end(), paper.begin(), paper.end());
    }
    std::optional<engine::ResultsFile> resume;
    std::error_code ec;
    if (request.resume && std::filesystem::exists(output, ec)) resume = engine::readResultsFile(output);
    engine::AnalysisSink sink;
    sink.checkpointSeconds = kAnalysisCheckpointSeconds;
    sink.checkpoint = [&](const engine::ResultsFile& soFar) {
      engine::writeResultsFile(output, soFar);
      Q_EMIT analysisProgressed(soFar);
    };
    const auto results = engine::runAnalyses(*live.model, *live.tokenizer, live.data, options, makeControl(), sink,
                                             resume ? &*resume : nullptr);
    engine::writeResultsFile(output, results);
    useScores(results);
    Q_EMIT analysisFinished(request.output, results, m_cancel.cancelled());
  });
}

void EngineWorker::runToy(const ToyRequest& request) {
  runJob(tr("Training the toy experiment"), [&] {
    const auto output = toPath(request.output);
    engine::ResultsFile file;
    file.info.options = R"({"command":"toy"})";
    std::vector<std::pair<std::string, engine::ToyOptions>> runs;
    for (const bool rope : {true, false}) {
      if (rope ? !request.withRope : !request.withoutRope) continue;
      engine::ToyOptions o;
      o.rope = rope;
      o.epochs = request.epochs;
      o.samplesPerEpoch = request.samplesPerEpoch;
      o.pairs = request.tuples;
      o.dims = request.dims;
      o.evalSamples = request.evalSamples;
      o.learningRate = request.learningRate;
      o.subset = std::min(o.subset, o.pairs);  // a sample holds distinct tuples
      engine::validateToyOptions(o);           // both checked before either trains
      runs.emplace_back(rope ? "rope" : "nope", o);
    }
    if (runs.empty()) throw engine::Error(engine::ErrorCode::InvalidArgument, "toy", "choose RoPE, no PE or both");
    for (const auto& [name, options] : runs) {
      if (m_cancel.cancelled()) break;
      const auto result = engine::runToyExperiment(options, makeControl(), [&](const engine::ToyResult& soFar) {
        engine::putToyRun(file, name, soFar);
        Q_EMIT toyProgressed(file);
      });
      engine::putToyRun(file, name, result);
    }
    engine::writeResultsFile(output, file);
    Q_EMIT toyFinished(request.output, file, m_cancel.cancelled());
  });
}

void EngineWorker::useScores(const engine::ResultsFile& results) {
  if (!m_live) return;
  if (const auto* score = engine::find(results, engine::schema::kRetrievalScore)) m_live->retrievalScores = *score;
  if (const auto* u = engine::find(results, engine::schema::kUtilityU)) m_live->utilityScores = *u;
  Q_EMIT scoresReady(m_live->retrievalScores.has_value(), m_live->utilityScores.has_value());
}

void EngineWorker::saveResults(const QString& path, const engine::ResultsFile& results) {
  runJob(tr("Saving %1").arg(path), [&] {
    engine::writeResultsFile(toPath(path), results);
    Q_EMIT saved(path);
  });
}

void EngineWorker::releaseLiveModel() {
  if (!m_live) return;
  m_live.reset();
  Q_EMIT samplesReady(0, 0, false);
  Q_EMIT liveModelChanged(QString());
}

template <typename Fn>
void EngineWorker::withLiveSample(int sampleIndex, Fn&& fn) {
  try {
    if (!m_live || !m_live->tokenizer)
      throw engine::Error(engine::ErrorCode::InvalidArgument, "sample",
                          "no model is kept for live runs: open a model folder that has tokenizer.json with QA data");
    const auto count = static_cast<int>(m_live->samples.size());
    if (sampleIndex < 0 || sampleIndex >= count)
      throw engine::Error(engine::ErrorCode::InvalidArgument, "sample " + std::to_string(sampleIndex + 1),
                          "there are " + std::to_string(count) + " samples");
    fn(*m_live, m_live->samples[static_cast<std::size_t>(sampleIndex)]);
  } catch (const std::exception& e) {
    Q_EMIT failed(describeError(e));
  } catch (...) {
    Q_EMIT failed(tr("Unexpected error"));
  }
}

void EngineWorker::describeSample(int sampleIndex) {
  withLiveSample(sampleIndex, [&](const LiveModel& live, const engine::QaSample& sample) {
    auto prompt = engine::describeQaSample(*live.model, *live.tokenizer, sample);
    prompt.index = sampleIndex;
    Q_EMIT samplePrompt(prompt);
  });
}

void EngineWorker::answerSample(int sampleIndex, const QString& mask) {
  m_cancel.reset();
  withLiveSample(sampleIndex, [&](const LiveModel& live, const engine::QaSample& sample) {
    QElapsedTimer timer;
    timer.start();
    engine::QaSampleOptions options;
    options.mask = mask.toStdString();
    options.retrievalScores = live.retrievalScores ? &*live.retrievalScores : nullptr;
    options.utilityScores = live.utilityScores ? &*live.utilityScores : nullptr;
    options.maxNewTokens = kLiveMaxNewTokens;
    options.cancel = &m_cancel;
    auto answer = engine::answerQaSample(*live.model, *live.tokenizer, sample, options);
    answer.prompt.index = sampleIndex;
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    Q_EMIT sampleAnswered(answer, ms);
  });
}

}  // namespace ropescope::app
