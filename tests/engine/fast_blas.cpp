// Engine tests start on fitting OpenBLAS kernels, as the programs do (see engine/model/runtime.h).
#include "engine/model/runtime.h"

namespace {
[[maybe_unused]] const bool kFastBlas = (ropescope::engine::useFastBlasKernels(), true);
}  // namespace
