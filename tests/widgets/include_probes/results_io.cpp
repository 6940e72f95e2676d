// Must not compile with the widgets' include paths: the HDF5 side of the engine is out of reach.
#include "engine/io/results_io.h"
