// Owns the engine worker's QThread.
#include "app/engine_thread.h"

#include <QMetaType>

#include "engine/model/runtime.h"

namespace ropescope::app {

void registerEngineMetaTypes() {
  qRegisterMetaType<ropescope::engine::ResultsFile>();
  qRegisterMetaType<ropescope::engine::QaSamplePrompt>();
  qRegisterMetaType<ropescope::engine::QaSampleAnswer>();
  qRegisterMetaType<ropescope::app::AnalysisRequest>();
  qRegisterMetaType<ropescope::app::ToyRequest>();
}

EngineThread::EngineThread(QObject* parent) : QObject(parent), m_worker(new EngineWorker) {
  registerEngineMetaTypes();
  m_thread.setObjectName(QStringLiteral("EngineWorker"));
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(&m_thread, &QThread::started, [] { engine::configureThreads(); });
  m_thread.start();
}

EngineThread::~EngineThread() {
  m_worker->requestCancel();
  m_thread.quit();
  m_thread.wait();
}

}  // namespace ropescope::app
