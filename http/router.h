// router.h — the table of routes: each with its method, OpenAPI path
// template, the roles that may call it, and its handler. Registering a route
// here registers it with cpp-httplib and with the OpenAPI document, so the
// two cannot drift apart.
//
// Guarantees, for every route: a caller is known by a bearer token (the
// scheme "Bearer" matched in any case, RFC 9110 section 11.1) or else by
// the session cookie (kSessionCookie); a missing, unknown, expired or
// revoked credential gives 401 (unless the route is public); a change made
// with the cookie (any method but GET) must carry the session's CSRF token
// in X-CSRF-Token, or it gets 403 naming it; a role not listed gives 403, a body of another
// media type than the route's gives 415 naming "Content-Type", a JSON body
// that is not a JSON object (or is malformed, too deep, or holds a number
// out of range) gives 400 naming "body", an Idempotency-Key that is not
// 1..255 printable ASCII characters gives 400 naming it, a query parameter
// a route does not declare (Contract::query) gives 422 naming it, and an exception
// in a handler gives a 500 problem; the handler sees only authenticated,
// parsed calls. Every reply of a route is marked Cache-Control: no-store
// and carries the API-Version header (openapi.h).
// Thread-safety: add() before the server starts; handlers run concurrently.
#pragma once

#include "http/problem_json.h"
#include "http/reply_recorder.h"
#include "service/precondition.h"
#include "service/service.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peerslot::http {

// The session cookie's name. The cookie is HttpOnly, SameSite=Strict, and
// Secure when the service's public URL is https.
inline constexpr const char* kSessionCookie = "peerslot_session";

struct Call {
  const httplib::Request& request;
  service::User user;               // role is empty on public routes
  std::int64_t token_id = 0;        // the API token the call came with, or 0
  std::string session_hash;         // the session it came with, or empty
  std::string csrf;                 // that session's CSRF token, or empty
  std::vector<std::string> params;  // path parameters, in order
  nlohmann::json body;              // null when the route takes no body

  std::string header(const std::string& name) const { return request.get_header_value(name); }
  // The query parameter as a whole number in min..max (digits only), or `absent` when not given.
  Result<std::int64_t> query_number(const std::string& name, std::int64_t absent, std::int64_t min,
                                    std::int64_t max) const;
  std::optional<service::IdempotencyKey> idempotency_key() const;
  // The If-Match header, for the operation to check against the resource.
  service::Precondition precondition() const;
  std::string actor() const { return service::actor_name(user); }
  std::string cookie(const std::string& name) const;
};

using Handler = std::function<HttpReply(const Call&)>;

// What a route reads from the request body.
enum class Body {
  kNone,  // nothing (a body sent anyway is ignored)
  kJson,  // a JSON object (application/json or application/*+json); empty means {}
  kCsv,   // text/csv, in Call::request.body
  kForm,  // application/x-www-form-urlencoded, in Call::request's params
};

// What a route answers, for the OpenAPI document (openapi.h): its success
// status and reply, the schema of its JSON body, and the errors it can give
// beyond those the router gives for it (see openapi.h). Schema names are
// those of api_schemas.h.
struct Contract {
  Contract() = default;
  Contract(int status, std::string reply, std::string media, std::string request, std::vector<int> errors, std::string query = "")
      : status(status), reply(std::move(reply)), media(std::move(media)), request(std::move(request)), errors(std::move(errors)),
        query(std::move(query)) {}

  int status = 200;
  std::string reply;    // the JSON reply's schema; "" when the reply is empty or `media`
  std::string media;    // the media type of a reply that is not JSON (text/calendar, text/csv, text/html)
  std::string request;  // the body's schema (Body::kJson and Body::kForm)
  std::vector<int> errors;  // e.g. {404, 409, 412, 422}
  // The schema of its query parameters (an object whose properties they
  // are); "" when it takes none. A route with one refuses any other
  // parameter with a 422 naming it.
  std::string query;
};

struct Route {
  std::string method;  // GET POST PUT PATCH DELETE
  std::string path;    // OpenAPI template, e.g. /requests/{id}/booking
  std::string summary;
  std::vector<std::string> roles;  // empty: public, no token needed
  Body body = Body::kNone;
  Handler handler;
  Contract contract = {};
};

class Router {
 public:
  explicit Router(httplib::Server& server, service::Service& service) : server_(server), service_(service) {}
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }
  // Every reply of a route is recorded there too (null: none).
  // REQUIRES: before the server runs; the recorder outlives the server.
  void record_replies(ReplyRecorder* recorder) { recorder_ = recorder; }

 private:
  HttpReply dispatch(const Route& route, const std::vector<std::string>& query_names, const httplib::Request& request) const;
  // Fills the call's caller, or the refusal.
  std::optional<HttpReply> authenticate(const Route& route, Call* call) const;

  httplib::Server& server_;
  service::Service& service_;
  std::vector<Route> routes_;
  ReplyRecorder* recorder_ = nullptr;
};

HttpReply with_etag(HttpReply reply, const nlohmann::json& representation);

}  // namespace peerslot::http
