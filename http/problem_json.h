// problem_json.h — HTTP replies: JSON answers and RFC 9457 problem details
// (application/problem+json) that name the offending field.
//
// Guarantees: every error reply has "type", "title", "status" and "detail";
// "field" is the Status's field when it has one; "code" and "rule" its
// machine reason and rule when it has them (Status::with_reason()). Status codes follow the
// Status code alone, never its message: kInvalid 422, kNotFound 404,
// kConflict 409, kForbidden 403, kPreconditionFailed 412, kUnauthenticated
// 401, kTooMany 429, kIOError 500
// with a generic detail (the message goes to stderr, never to the client).
// Text that is not valid UTF-8 is replaced by U+FFFD, never thrown on.
// Thread-safety: pure functions.
#pragma once

#include "engine/status.h"
#include "service/service.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>

namespace peerslot::http {

// Writes a reply's body piece by piece, through `write`.
using BodyWriter = std::function<void(const std::function<void(const std::string& piece)>& write)>;

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
  BodyWriter stream;  // when set, the body is what it writes, sent in chunks as it goes (`body` is unused)
};

// A 200 whose body is written as it is sent (a large export), so the
// service never holds the whole text.
HttpReply streamed_reply(const std::string& content_type, BodyWriter writer);

HttpReply json_reply(const service::Reply& reply);
HttpReply json_reply(int status, const nlohmann::json& body);
HttpReply problem(int status, const std::string& field, const std::string& detail);
HttpReply problem(const Status& status);
// The reply for a service result: the answer, or the problem.
HttpReply reply_of(const Result<service::Reply>& result);

}  // namespace peerslot::http
