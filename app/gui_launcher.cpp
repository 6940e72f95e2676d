// ropescope: the launcher of the desktop app (app/launcher.h); the app runs in libropescope-gui.so.
#include "app/launcher.h"

int main(int argc, char** argv) {
  return ropescope::app::runModule("ropescope", "libropescope-gui.so", "ropescope_gui_main", argc, argv);
}
