// router.cpp — turning a Route into a cpp-httplib handler: the OpenAPI path
// template becomes a regex, and every call passes the same gate (token,
// role, body) before its handler runs.
#include "http/router.h"

#include "engine/scenario_json.h"

#include <algorithm>
#include <regex>

namespace peerslot::http {

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
  response.set_content(reply.body, reply.content_type.c_str());
}

std::string bearer_token(const httplib::Request& request) {
  std::string header = request.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  return header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
}

}  // namespace

std::optional<IdempotencyKey> Call::idempotency_key() const {
  std::string key = header("Idempotency-Key");
  if (key.empty()) return std::nullopt;
  return IdempotencyKey{user.id, key, request.method + " " + request.path + "\n" + request.body};
}

bool acts_for_council(const User& user, const std::string& council_id) {
  return user.role == "office" || (user.role == "council" && user.subject == council_id);
}

bool acts_for_peer(const User& user, const std::string& peer_id) {
  return user.role == "office" || (user.role == "peer" && user.subject == peer_id);
}

HttpReply forbidden(const std::string& what) { return problem(403, "", what + " is not yours"); }

Status check_if_match(const Call& call, const nlohmann::json& current) {
  std::string wanted = call.header("If-Match");
  if (wanted.empty() || wanted == "*" || wanted == etag_of(current)) return Status::ok();
  return Status::conflict("If-Match: " + wanted + " does not match the current version " + etag_of(current));
}

HttpReply with_etag(HttpReply reply, const nlohmann::json& representation) {
  reply.headers["ETag"] = etag_of(representation);
  return reply;
}

HttpReply etag_reply_of(const Result<Reply>& result) {
  return result.is_ok() ? with_etag(json_reply(result.value()), result.value().body) : problem(result.status());
}

void Router::add(Route route) {
  routes_.push_back(route);
  auto handler = [this, route](const httplib::Request& request, httplib::Response& response) {
    send(dispatch(route, request), response);
  };
  std::string pattern = regex_of(route.path);
  if (route.method == "GET") server_.Get(pattern, handler);
  else if (route.method == "POST") server_.Post(pattern, handler);
  else if (route.method == "PUT") server_.Put(pattern, handler);
  else if (route.method == "PATCH") server_.Patch(pattern, handler);
  else server_.Delete(pattern, handler);
}

HttpReply Router::dispatch(const Route& route, const httplib::Request& request) const {
  Call call{request, {}, {}, nullptr};
  if (!route.roles.empty()) {
    auto user = service_.user_by_token(bearer_token(request));
    if (!user) {
      HttpReply reply = problem(401, "Authorization", "a valid bearer token is required");
      reply.headers["WWW-Authenticate"] = "Bearer";
      return reply;
    }
    call.user = *user;
    if (std::find(route.roles.begin(), route.roles.end(), user->role) == route.roles.end())
      return problem(403, "", "a " + user->role + " may not " + route.summary);
  }
  for (std::size_t i = 1; i < request.matches.size(); ++i) call.params.push_back(request.matches[i].str());
  if (route.takes_body) {
    auto parsed = parse_json_text(request.body.empty() ? "{}" : request.body);
    if (!parsed.is_ok()) return problem(400, "body", "body: " + parsed.status().message());
    if (!parsed.value().is_object()) return problem(400, "body", "body: must be a JSON object");
    call.body = std::move(parsed).value();
  }
  return route.handler(call);
}

}  // namespace peerslot::http
