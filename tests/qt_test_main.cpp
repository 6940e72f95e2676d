// GoogleTest main for the Qt test suites (widgets, app): a QApplication on the offscreen platform. GUI thread.
#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char** argv) {
  // gtest_discover_tests runs this binary at build time, outside ctest's ENVIRONMENT.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  ::testing::InitGoogleTest(&argc, argv);
  QApplication app(argc, argv);
  // Settings (recent files, last folder) go to a test location, never the user's.
  QStandardPaths::setTestModeEnabled(true);
  QApplication::setOrganizationName(QStringLiteral("RoPEScope-tests"));
  return RUN_ALL_TESTS();
}
