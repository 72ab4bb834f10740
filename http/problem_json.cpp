// problem_json.cpp — mapping Status to problem details, by its code.
#include "http/problem_json.h"

#include "engine/json_text.h"

#include <cstdio>

namespace peerslot::http {

namespace {

const char* title_of(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    default: return "Internal Server Error";
  }
}

nlohmann::json problem_body(int status, const std::string& field, const std::string& detail) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", title_of(status)}, {"status", status}, {"detail", detail}};
  if (!field.empty()) body["field"] = field;
  return body;
}

HttpReply problem_reply(int status, const nlohmann::json& body) {
  return {status, "application/problem+json", json_text(body), {}, {}};
}

}  // namespace

HttpReply streamed_reply(const std::string& content_type, BodyWriter writer) {
  HttpReply reply;
  reply.content_type = content_type;
  reply.stream = std::move(writer);
  return reply;
}

HttpReply json_reply(int status, const nlohmann::json& body) {
  return {status, "application/json", json_text(body), {}, {}};
}

HttpReply json_reply(const service::Reply& reply) { return json_reply(reply.status, reply.body); }

HttpReply problem(int status, const std::string& field, const std::string& detail) {
  return problem_reply(status, problem_body(status, field, detail));
}

HttpReply problem(const Status& status) {
  int code = 500;
  switch (status.code()) {
    case Status::Code::kInvalid: code = 422; break;
    case Status::Code::kNotFound: code = 404; break;
    case Status::Code::kConflict: code = 409; break;
    case Status::Code::kForbidden: code = 403; break;
    case Status::Code::kPreconditionFailed: code = 412; break;
    case Status::Code::kUnauthenticated: code = 401; break;
    case Status::Code::kTooMany: code = 429; break;
    case Status::Code::kOk:
    case Status::Code::kIOError: break;
  }
  // A failure of the service itself: its message is for the log, not the client.
  if (code == 500) {
    std::fprintf(stderr, "internal error: %s\n", status.message().c_str());
    return problem(500, "", "the service could not complete the request; nothing was changed, please try again");
  }
  nlohmann::json body = problem_body(code, status.field(), status.message());
  if (!status.reason_code().empty()) body["code"] = status.reason_code();
  if (!status.rule().empty()) body["rule"] = status.rule();
  return problem_reply(code, body);
}

HttpReply reply_of(const Result<service::Reply>& result) {
  return result.is_ok() ? json_reply(result.value()) : problem(result.status());
}

}  // namespace peerslot::http
