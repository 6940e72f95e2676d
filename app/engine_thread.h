// Owns the engine worker's QThread: starts it, and on destruction cancels, quits and waits.
// Create and destroy on the GUI thread.
#pragma once

#include <QObject>
#include <QThread>

#include "app/engine_worker.h"

namespace ropescope::app {

class EngineThread : public QObject {
  Q_OBJECT

 public:
  explicit EngineThread(QObject* parent = nullptr);
  ~EngineThread() override;

  // The worker lives on the background thread: connect to it, never call its slots directly.
  EngineWorker* worker() const { return m_worker; }

 private:
  QThread m_thread;
  EngineWorker* m_worker;
};

// Registers the engine result types for queued signals (call once before connecting).
void registerEngineMetaTypes();

}  // namespace ropescope::app
