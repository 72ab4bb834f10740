// status.h — the result type that crosses layer boundaries.
//
// Functions of the engine, the service and the store never throw across
// their public API; they return a Status (success, or an error with a code,
// a human-readable message and, when one input is to blame, that input's
// field path) or a Result<T> (a value or a Status). The message always
// names what was wrong, e.g. "requests[12].days: 7 is out of range 1..5",
// whose field is "requests[12].days". Callers map codes to their own terms
// (the HTTP layer to status codes) without ever reading the message text.
// Both types are [[nodiscard]]: an ignored error is a compile warning.
//
// Thread-safety: plain values; safe to copy and share read-only.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace peerslot {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalid,             // an input is malformed or out of range
    kNotFound,            // what the input names does not exist
    kConflict,            // the request is valid but the programme's state refuses it
    kForbidden,           // the caller may not act on what it names
    kPreconditionFailed,  // the caller's view of the resource is out of date (If-Match)
    kUnauthenticated,     // the caller's credential is missing, expired, used or revoked
    kTooMany,             // the caller asked too often; try again later
    kIOError,             // the system failed (disk, database); not the caller's fault
  };

  Status() = default;
  static Status ok() { return Status(); }
  // Without a field: the message stands alone.
  static Status invalid(std::string message) { return Status(Code::kInvalid, "", std::move(message)); }
  static Status not_found(std::string message) { return Status(Code::kNotFound, "", std::move(message)); }
  static Status conflict(std::string message) { return Status(Code::kConflict, "", std::move(message)); }
  static Status forbidden(std::string message) { return Status(Code::kForbidden, "", std::move(message)); }
  static Status io_error(std::string message) { return Status(Code::kIOError, "", std::move(message)); }
  // With the field to blame: the message is "field: detail".
  static Status invalid(std::string field, const std::string& detail) { return with_field(Code::kInvalid, std::move(field), detail); }
  static Status not_found(std::string field, const std::string& detail) { return with_field(Code::kNotFound, std::move(field), detail); }
  static Status conflict(std::string field, const std::string& detail) { return with_field(Code::kConflict, std::move(field), detail); }
  static Status precondition_failed(std::string field, const std::string& detail) {
    return with_field(Code::kPreconditionFailed, std::move(field), detail);
  }
  static Status unauthenticated(std::string field, const std::string& detail) {
    return with_field(Code::kUnauthenticated, std::move(field), detail);
  }
  static Status too_many(std::string field, const std::string& detail) {
    return with_field(Code::kTooMany, std::move(field), detail);
  }

  bool is_ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }  // empty when no one field is to blame
  // A refusal's machine reason (e.g. "week_full") and the contract's rule
  // behind it (e.g. "H11"), for programs; empty unless with_reason() set them.
  const std::string& reason_code() const { return reason_code_; }
  const std::string& rule() const { return rule_; }
  Status with_reason(std::string code, std::string rule) const {
    Status copy = *this;
    copy.reason_code_ = std::move(code);
    copy.rule_ = std::move(rule);
    return copy;
  }

  // The same error seen from a document that holds the input under
  // `prefix`: field "requests[2].days" becomes "scenario.requests[2].days",
  // and so does the start of the message.
  Status under(const std::string& prefix) const {
    Status moved = field_.empty() ? Status(code_, "", prefix + ": " + message_) : Status(code_, prefix + "." + field_, prefix + "." + message_);
    return moved.with_reason(reason_code_, rule_);
  }

 private:
  Status(Code code, std::string field, std::string message)
      : code_(code), field_(std::move(field)), message_(std::move(message)) {}
  static Status with_field(Code code, std::string field, const std::string& detail) {
    std::string message = field + ": " + detail;
    return Status(code, std::move(field), std::move(message));
  }
  Code code_ = Code::kOk;
  std::string field_;
  std::string message_;
  std::string reason_code_;
  std::string rule_;
};

// A value of type T, or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
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
