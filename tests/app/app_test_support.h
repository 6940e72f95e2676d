// Helpers shared by the app tests: fixtures, model folders the QA paths accept, and waiting for
// the engine thread while the event loop runs. GUI thread.
#pragma once

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QString>
#include <QThread>

#include "app/main_window.h"

namespace ropescope::app::support {

inline QString fixture(const char* name) { return QStringLiteral(ROPESCOPE_FIXTURES_DIR "/hf-tiny/") + name; }

// The tiny Llama with a byte-level tokenizer.json (ids = bytes) in `folder` (made when missing):
// a model folder the QA paths accept. Returns the folder.
inline QString tinyLlamaWithTokenizer(const QString& folder) {
  QDir().mkpath(folder);
  for (const char* name : {"config.json", "model.safetensors"})
    EXPECT_TRUE(QFile::copy(fixture("llama") + "/" + name, folder + "/" + name)) << name;
  EXPECT_TRUE(QFile::copy(QStringLiteral(ROPESCOPE_TEST_DATA_DIR "/byte_tokenizer.json"), folder + "/tokenizer.json"));
  return folder;
}

// Runs the event loop until `done` holds or `ms` pass; returns `done()`. Signals from the worker
// thread arrive while it runs.
template <typename Done>
bool waitUntil(Done done, int ms = 30000) {
  QDeadlineTimer deadline(ms);
  while (!done() && !deadline.hasExpired()) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    QThread::msleep(1);
  }
  return done();
}

// Waits for the window's running job to end.
inline void waitForJob(MainWindow& window) {
  QSignalSpy finished(&window, &MainWindow::jobFinished);
  ASSERT_TRUE(finished.wait(60000));
}

}  // namespace ropescope::app::support
