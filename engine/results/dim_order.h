// Which order head dimensions are listed in (see engine/io/dims.h for the conversion).
#pragma once

namespace ropescope::engine {

// Frequency: pair i = dims 2i, 2i+1, highest frequency first (the papers' order).
// Storage: the checkpoint's rotate_half layout (dims j and j + D/2 share a frequency).
enum class DimOrder { Frequency, Storage };

}  // namespace ropescope::engine
