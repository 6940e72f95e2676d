// The engine on a background thread: a QObject living on its own QThread (see EngineThread).
// Slots run on the worker thread; requestCancel() may be called from any thread.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include "engine/results_store.h"
#include "engine/run_control.h"

namespace ropescope::app {

class EngineWorker : public QObject {
  Q_OBJECT

 public:
  explicit EngineWorker(QObject* parent = nullptr);

  // Thread-safe: asks the running job to stop at its next unit of work (it keeps what is done).
  void requestCancel();

 public Q_SLOTS:
  // Opens the model folder and computes projection-row L1 norms; emits resultsReady.
  void computeWeightNorms(const QString& modelFolder);
  void loadResults(const QString& path);
  void saveResults(const QString& path, const ropescope::engine::ResultsFile& results);

 Q_SIGNALS:
  void jobStarted(const QString& description);
  void progress(qint64 done, qint64 total, const QString& stage);
  // `cancelled` is true when the job stopped early; `results` then hold what was done.
  void resultsReady(const ropescope::engine::ResultsFile& results, bool cancelled);
  void saved(const QString& path);
  void failed(const QString& message);
  void jobFinished();

 private:
  template <typename Job>
  void runJob(const QString& description, Job&& job);

  engine::CancelToken m_cancel;
};

// Human-readable, translated text for an engine error.
QString describeError(const std::exception& error);

}  // namespace ropescope::app

Q_DECLARE_METATYPE(ropescope::engine::ResultsFile)
