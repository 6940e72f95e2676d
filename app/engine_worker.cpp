// The engine on a background thread.
#include "app/engine_worker.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include "engine/checkpoint.h"
#include "engine/error.h"
#include "engine/weight_norms.h"

namespace ropescope::app {

namespace {

std::filesystem::path toPath(const QString& s) { return std::filesystem::path(s.toStdString()); }

}  // namespace

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

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {}

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

void EngineWorker::computeWeightNorms(const QString& modelFolder) {
  runJob(tr("Computing projection row norms of %1").arg(modelFolder), [&] {
    const auto checkpoint = engine::Checkpoint::open(toPath(modelFolder));
    QElapsedTimer sinceReport;
    sinceReport.start();
    engine::RunControl control;
    control.cancel = &m_cancel;
    control.progress = [&](std::int64_t done, std::int64_t total, std::string_view stage) {
      // Coalesce: at most ~30 progress signals a second reach the GUI.
      if (done == 0 || done == total || sinceReport.elapsed() >= 33) {
        sinceReport.restart();
        Q_EMIT progress(done, total, QString::fromUtf8(stage.data(), static_cast<int>(stage.size())));
      }
    };
    engine::ResultsFile results;
    results.info.model = modelFolder.toStdString();
    results.info.modelConfig = checkpoint.config().configJson;
    results.weights = engine::computeWeightNorms(checkpoint, control);
    const bool cancelled = !results.weights->complete();
    Q_EMIT resultsReady(results, cancelled);
  });
}

void EngineWorker::loadResults(const QString& path) {
  runJob(tr("Reading %1").arg(path), [&] {
    Q_EMIT progress(0, 1, tr("reading results"));
    const auto results = engine::readResultsFile(toPath(path));
    Q_EMIT progress(1, 1, tr("reading results"));
    Q_EMIT resultsReady(results, false);
  });
}

void EngineWorker::saveResults(const QString& path, const engine::ResultsFile& results) {
  runJob(tr("Saving %1").arg(path), [&] {
    engine::writeResultsFile(toPath(path), results);
    Q_EMIT saved(path);
  });
}

}  // namespace ropescope::app
