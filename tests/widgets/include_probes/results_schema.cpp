// Compiles with the widgets' include paths: the results types, their schema and the widgets.
#include "engine/results/schema.h"
#include "widgets/view_support.h"

int main() { return ropescope::engine::analysisName(ropescope::engine::Analysis::Qa).size() == 2 ? 0 : 1; }
