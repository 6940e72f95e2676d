// Must not compile with the widgets' include paths: the torch side of the engine is out of reach.
#include "engine/model/transformer.h"
