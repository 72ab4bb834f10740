// router.h — the table of routes: each with its method, OpenAPI path
// template, the roles that may call it, and its handler. Registering a route
// here registers it with cpp-httplib and with the OpenAPI document, so the
// two cannot drift apart.
//
// Guarantees, for every route: a missing or unknown bearer token gives 401
// (unless the route is public), a role not listed gives 403, a body that is
// not a JSON object gives 400 naming "body", and an exception in a handler
// gives a 500 problem; the handler sees only authenticated, parsed calls.
// Thread-safety: add() before the server starts; handlers run concurrently.
#pragma once

#include "http/problem_json.h"
#include "http/service.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peerslot::http {

struct Call {
  const httplib::Request& request;
  User user;                        // role is empty on public routes
  std::vector<std::string> params;  // path parameters, in order
  nlohmann::json body;              // null when the route takes no body

  std::string header(const std::string& name) const { return request.get_header_value(name); }
  std::optional<IdempotencyKey> idempotency_key() const;
  std::string actor() const { return actor_name(user); }
};

using Handler = std::function<HttpReply(const Call&)>;

struct Route {
  std::string method;  // GET POST PUT PATCH DELETE
  std::string path;    // OpenAPI template, e.g. /requests/{id}/booking
  std::string summary;
  std::vector<std::string> roles;  // empty: public, no token needed
  bool takes_body = false;
  Handler handler;
};

class Router {
 public:
  explicit Router(httplib::Server& server, const Service& service) : server_(server), service_(service) {}
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

 private:
  HttpReply dispatch(const Route& route, const httplib::Request& request) const;

  httplib::Server& server_;
  const Service& service_;
  std::vector<Route> routes_;
};

// Whether the user may act for the council or the peer (the office may act for all).
bool acts_for_council(const User& user, const std::string& council_id);
bool acts_for_peer(const User& user, const std::string& peer_id);
HttpReply forbidden(const std::string& what);
// If-Match against the ETag of the resource's current representation: a
// conflict naming "If-Match" (412) when it differs; no header or "*" passes.
Status check_if_match(const Call& call, const nlohmann::json& current);
HttpReply with_etag(HttpReply reply, const nlohmann::json& representation);
// reply_of() for an editable resource: the new representation with its ETag.
HttpReply etag_reply_of(const Result<Reply>& result);

}  // namespace peerslot::http
