// Typed engine errors: what went wrong (a code), where (file or object), and a message for people.
#pragma once

#include <stdexcept>
#include <string>

namespace ropescope::engine {

enum class ErrorCode {
  NotFound,         // a file or folder does not exist
  Io,               // it exists but cannot be read or written
  Format,           // its contents are malformed
  Unsupported,      // well-formed, but not something RoPEScope handles
  Config,           // config.json is missing a field or has a bad value
  PickleRefused,    // a pickle checkpoint (.bin/.pt) was offered
  InvalidArgument,  // a caller passed a bad option
  Cancelled,        // the user cancelled
};

const char* errorCodeName(ErrorCode code);

class Error : public std::runtime_error {
 public:
  // `context` names the file or object concerned; what() is "context: message".
  Error(ErrorCode code, std::string context, std::string message);

  ErrorCode code() const noexcept { return m_code; }
  const std::string& context() const noexcept { return m_context; }
  const std::string& message() const noexcept { return m_message; }

 private:
  ErrorCode m_code;
  std::string m_context;
  std::string m_message;
};

}  // namespace ropescope::engine
