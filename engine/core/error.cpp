// Typed engine errors.
#include "engine/core/error.h"

namespace ropescope::engine {

namespace {
std::string joinWhat(const std::string& context, const std::string& message) {
  return context.empty() ? message : context + ": " + message;
}
}  // namespace

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::NotFound:
      return "not found";
    case ErrorCode::Io:
      return "I/O error";
    case ErrorCode::Format:
      return "malformed file";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::Config:
      return "bad configuration";
    case ErrorCode::PickleRefused:
      return "pickle refused";
    case ErrorCode::InvalidArgument:
      return "invalid argument";
    case ErrorCode::Cancelled:
      return "cancelled";
  }
  return "error";
}

Error::Error(ErrorCode code, std::string context, std::string message)
    : std::runtime_error(joinWhat(context, message)),
      m_code(code),
      m_context(std::move(context)),
      m_message(std::move(message)) {}

}  // namespace ropescope::engine
