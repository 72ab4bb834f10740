// status.h — the result type that crosses layer boundaries.
//
// Engine functions never throw across their public API; they return a Status
// (success or a categorised error with a human-readable message) or a
// Result<T> (a value or a Status). The message always names what was wrong,
// e.g. "requests[12].days: 7 is out of range 1..5".
//
// Thread-safety: plain values; safe to copy and share read-only.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace peerslot {

class Status {
 public:
  enum class Code { kOk, kInvalid, kNotFound, kConflict, kIOError };

  Status() = default;
  static Status ok() { return Status(); }
  static Status invalid(std::string message) { return Status(Code::kInvalid, std::move(message)); }
  static Status not_found(std::string message) { return Status(Code::kNotFound, std::move(message)); }
  static Status conflict(std::string message) { return Status(Code::kConflict, std::move(message)); }
  static Status io_error(std::string message) { return Status(Code::kIOError, std::move(message)); }

  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value of type T, or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace peerslot
