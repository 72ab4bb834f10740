// router.cpp — turning a Route into a cpp-httplib handler: the OpenAPI path
// template becomes a regex, and every call passes the same gate (token,
// role, body) before its handler runs.
#include "http/router.h"

#include "engine/json_text.h"
#include "http/api_schemas.h"
#include "http/openapi.h"
#include "service/request_text.h"
#include "service/tokens.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

namespace peerslot::http {

using service::printable;
using service::trimmed;

namespace {

std::string regex_of(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/]+?)";
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out += path[i];
    }
  }
  return out;
}

void send(const HttpReply& reply, httplib::Response& response) {
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  if (!reply.headers.count("Cache-Control")) response.set_header("Cache-Control", "no-store");
  response.set_header("API-Version", kApiVersion);
  if (!reply.stream) {
    response.set_content(reply.body, reply.content_type.c_str());
    return;
  }
  response.set_chunked_content_provider(reply.content_type, [stream = reply.stream](std::size_t, httplib::DataSink& sink) {
    stream([&sink](const std::string& piece) { sink.write(piece.data(), piece.size()); });
    sink.done();
    return true;
  });
}

// The streamed reply, recorded whole once it is written.
HttpReply recorded_when_written(HttpReply reply, ReplyRecorder* recorder, const Route& route) {
  reply.stream = [inner = reply.stream, copy = reply, recorder, method = route.method, path = route.path](const auto& write) mutable {
    std::string whole;
    inner([&](const std::string& piece) {
      whole += piece;
      write(piece);
    });
    copy.body = std::move(whole);
    copy.stream = nullptr;
    recorder->record(method, path, copy);
  };
  return reply;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// "Bearer TOKEN", the scheme in any case, one or more spaces before the token.
std::string bearer_token(const httplib::Request& request) {
  std::string header = trimmed(request.get_header_value("Authorization"));
  std::size_t space = header.find(' ');
  if (space == std::string::npos || lower(header.substr(0, space)) != "bearer") return "";
  return trimmed(header.substr(space));
}

// The media type of Content-Type, lower case, without parameters ("" when absent).
std::string media_type(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  return lower(trimmed(type.substr(0, type.find(';'))));
}

bool is_json_media(const std::string& type) {
  return type == "application/json" || (type.rfind("application/", 0) == 0 && type.size() > 17 &&
                                        type.compare(type.size() - 5, 5, "+json") == 0);
}

// A 415 when the body is not of the route's media type; an empty body needs none.
std::optional<HttpReply> wrong_media_type(const Route& route, const httplib::Request& request) {
  std::string type = media_type(request);
  if (route.body == Body::kNone || (type.empty() && request.body.empty())) return std::nullopt;
  std::string wanted = route.body == Body::kJson ? "application/json"
                       : route.body == Body::kCsv ? "text/csv"
                                                  : "application/x-www-form-urlencoded";
  if (route.body == Body::kJson ? is_json_media(type) : type == wanted) return std::nullopt;
  std::string sent = type.empty() ? "none" : "\"" + printable(type, 80) + "\"";
  return problem(415, "Content-Type", "Content-Type: the body must be sent as " + wanted + " (it was " + sent + ")");
}

// The names of the route's query parameters (its Contract's query schema).
std::vector<std::string> query_names(const Route& route) {
  std::vector<std::string> names;
  if (route.contract.query.empty()) return names;
  for (const auto& [name, schema] : api_schemas().at(route.contract.query).at("properties").items()) names.push_back(name);
  return names;
}

// A 422 naming a query parameter the route does not take, when it declares
// those it takes (a misspelt filter must not quietly list everything).
std::optional<HttpReply> unknown_query_parameter(const std::vector<std::string>& names, const httplib::Request& request) {
  if (names.empty()) return std::nullopt;
  for (const auto& [name, value] : request.params) {
    if (std::count(names.begin(), names.end(), name)) continue;
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    std::string shown = printable(name, 40);
    return problem(422, shown, shown + ": is not a parameter of this list; it takes " + known);
  }
  return std::nullopt;
}

std::optional<HttpReply> bad_idempotency_key(const httplib::Request& request) {
  if (!request.has_header("Idempotency-Key")) return std::nullopt;
  std::string key = request.get_header_value("Idempotency-Key");
  bool printable_ascii = !key.empty() && key.size() <= 255 &&
                         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
  if (printable_ascii) return std::nullopt;
  return problem(400, "Idempotency-Key", "Idempotency-Key: must be 1 to 255 printable ASCII characters, e.g. a UUID");
}

}  // namespace

std::optional<service::IdempotencyKey> Call::idempotency_key() const {
  std::string key = header("Idempotency-Key");
  if (key.empty()) return std::nullopt;
  return service::IdempotencyKey{user.id, key, request.method + " " + request.path + "\n" + request.body};
}

std::string Call::cookie(const std::string& name) const {
  std::string header = request.get_header_value("Cookie");
  for (std::size_t start = 0; start < header.size();) {
    std::size_t end = std::min(header.find(';', start), header.size());
    std::string pair = trimmed(header.substr(start, end - start));
    std::size_t equals = pair.find('=');
    if (equals != std::string::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
    start = end + 1;
  }
  return "";
}

service::Precondition Call::precondition() const {
  if (!request.has_header("If-Match")) return {};
  return {header("If-Match")};
}

Result<std::int64_t> Call::query_number(const std::string& name, std::int64_t absent, std::int64_t min,
                                        std::int64_t max) const {
  if (!request.has_param(name)) return absent;
  std::string text = request.get_param_value(name);
  std::string range = std::to_string(min) + " to " + std::to_string(max);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  bool whole = !text.empty() && text[0] != '-' && error == std::errc() && end == text.data() + text.size();
  if (!whole || value < min || value > max)
    return Status::invalid(name, "\"" + printable(text, 40) + "\" is not a whole number from " + range);
  return value;
}

HttpReply with_etag(HttpReply reply, const nlohmann::json& representation) {
  reply.headers["ETag"] = service::etag_of(representation);
  return reply;
}

void Router::add(Route route) {
  routes_.push_back(route);
  auto handler = [this, route, names = query_names(route)](const httplib::Request& request, httplib::Response& response) {
    HttpReply reply = dispatch(route, names, request);
    if (recorder_ && reply.stream) reply = recorded_when_written(std::move(reply), recorder_, route);
    else if (recorder_) recorder_->record(route.method, route.path, reply);
    send(reply, response);
  };
  std::string pattern = regex_of(route.path);
  if (route.method == "GET") server_.Get(pattern, handler);
  else if (route.method == "POST") server_.Post(pattern, handler);
  else if (route.method == "PUT") server_.Put(pattern, handler);
  else if (route.method == "PATCH") server_.Patch(pattern, handler);
  else server_.Delete(pattern, handler);
}

std::optional<HttpReply> Router::authenticate(const Route& route, Call* call) const {
  std::string token = bearer_token(call->request);
  std::optional<service::Caller> caller =
      token.empty() ? service_.caller_by_session(call->cookie(kSessionCookie)) : service_.caller_by_token(token);
  if (!caller) {
    if (route.roles.empty()) return std::nullopt;
    HttpReply reply = problem(401, "Authorization", "sign in again: a valid session or bearer token is required");
    reply.headers["WWW-Authenticate"] = "Bearer";
    return reply;
  }
  call->user = caller->user;
  call->token_id = caller->token_id;
  call->session_hash = caller->session_hash;
  call->csrf = caller->csrf;
  bool change = call->request.method != "GET" && call->request.method != "HEAD";
  if (change && !caller->session_hash.empty() && !service::same_secret(call->header("X-CSRF-Token"), caller->csrf))
    return problem(403, "X-CSRF-Token", "X-CSRF-Token: a change made with the session cookie must carry the session's CSRF token (from GET /me)");
  if (!route.roles.empty() && std::find(route.roles.begin(), route.roles.end(), caller->user.role) == route.roles.end())
    return problem(403, "", "a " + caller->user.role + " may not " + route.summary);
  return std::nullopt;
}

HttpReply Router::dispatch(const Route& route, const std::vector<std::string>& query_names,
                           const httplib::Request& request) const {
  Call call{request, {}, 0, "", "", {}, nullptr};
  if (auto refusal = authenticate(route, &call)) return *refusal;
  if (auto refusal = unknown_query_parameter(query_names, request)) return *refusal;
  for (std::size_t i = 1; i < request.matches.size(); ++i) call.params.push_back(request.matches[i].str());
  if (auto refusal = bad_idempotency_key(request)) return *refusal;
  if (auto refusal = wrong_media_type(route, request)) return *refusal;
  if (route.body == Body::kJson) {
    auto parsed = parse_json_text(request.body.empty() ? "{}" : request.body);
    if (!parsed.is_ok()) return problem(400, "body", "body: " + parsed.status().message());
    if (!parsed.value().is_object()) return problem(400, "body", "body: must be a JSON object");
    call.body = std::move(parsed).value();
  }
  return route.handler(call);
}

}  // namespace peerslot::http
