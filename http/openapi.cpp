// openapi.cpp — one operation per route: its summary, the roles allowed
// (x-roles), path parameters from the template, query parameters from its
// Contract's query schema, its JSON body's schema, its
// success reply, and the problem+json replies it can give: those its
// Contract names, and those the router gives for it (openapi.h).
#include "http/openapi.h"

#include "http/api_schemas.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace peerslot::http {

namespace {

nlohmann::json ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }

std::string reason(int status) {
  switch (status) {
    case 400: return "the request is malformed: the body is not a JSON object, or a header is invalid; `field` names it";
    case 401: return "no valid session or bearer token";
    case 403: return "the caller may not do this (or a change with the session cookie lacks X-CSRF-Token)";
    case 404: return "what the path names does not exist";
    case 409: return "the change would break a rule of the programme; `code` and `rule` say which";
    case 412: return "If-Match names an earlier version of the resource";
    case 415: return "the body is not of the media type above";
    case 422: return "a field is invalid; `field` names it";
    case 429: return "asked too often; try again later";
    default: return "the service failed; nothing was changed";
  }
}

nlohmann::json problem_response(int status) {
  return {{"description", reason(status)}, {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

nlohmann::json request_body(const Route& route) {
  std::string media = route.body == Body::kJson ? "application/json"
                      : route.body == Body::kCsv ? "text/csv"
                                                 : "application/x-www-form-urlencoded";
  nlohmann::json schema = route.body == Body::kCsv ? nlohmann::json{{"type", "string"}} : ref(route.contract.request);
  return {{"required", route.body != Body::kJson}, {"content", {{media, {{"schema", schema}}}}}};
}

std::string success_words(int status) {
  switch (status) {
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    default: return "OK";
  }
}

nlohmann::json success_response(const Contract& c) {
  nlohmann::json response = {{"description", success_words(c.status)}};
  if (!c.reply.empty()) response["content"] = {{"application/json", {{"schema", ref(c.reply)}}}};
  if (!c.media.empty()) response["content"] = {{c.media, {{"schema", {{"type", "string"}}}}}};
  return response;
}

// The statuses the router itself gives for a route (router.h).
std::set<int> router_errors(const Route& route) {
  std::set<int> errors = {400};  // a bad Idempotency-Key, a malformed JSON body
  if (!route.roles.empty()) errors.insert({401, 403});
  if (route.body != Body::kNone) errors.insert(415);
  if (!route.contract.query.empty()) errors.insert(422);  // a parameter it does not take
  return errors;
}

// "post_requests_id_booking" for POST /requests/{id}/booking: unique, as method and path are.
std::string operation_id(const Route& route) {
  std::string id = route.method;
  for (char c : route.path) {
    if (std::isalnum(static_cast<unsigned char>(c))) id += c;
    else if (id.back() != '_') id += '_';
  }
  if (id.back() == '_') id.pop_back();
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
  return id;
}

// The success reply, then every error: a problem, or a page on a route for people.
nlohmann::json responses(const Route& route) {
  nlohmann::json out = {{std::to_string(route.contract.status), success_response(route.contract)}};
  std::set<int> errors = router_errors(route);
  errors.insert(route.contract.errors.begin(), route.contract.errors.end());
  for (int status : errors) out[std::to_string(status)] = problem_response(status);
  if (route.contract.media == "text/html")  // a page for people: its refusals are pages too
    for (int status : route.contract.errors)
      out[std::to_string(status)] = {{"description", reason(status)}, {"content", {{"text/html", {{"schema", {{"type", "string"}}}}}}}};
  out["default"] = problem_response(500);
  return out;
}

nlohmann::json operation(const Route& route) {
  nlohmann::json op = {{"summary", route.summary}, {"x-roles", route.roles}};
  op["operationId"] = operation_id(route);
  op["security"] = route.roles.empty() ? nlohmann::json::array()
                                       : nlohmann::json::array({{{"bearer", nlohmann::json::array()}}, {{"session", nlohmann::json::array()}}});
  op["parameters"] = nlohmann::json::array();
  for (std::size_t open = route.path.find('{'); open != std::string::npos; open = route.path.find('{', open + 1)) {
    std::string name = route.path.substr(open + 1, route.path.find('}', open) - open - 1);
    op["parameters"].push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (!route.contract.query.empty())
    for (const auto& [name, schema] : api_schemas().at(route.contract.query).at("properties").items())
      op["parameters"].push_back({{"name", name}, {"in", "query"}, {"required", false}, {"schema", schema},
                                  {"description", schema.value("description", "")}});
  if (route.body != Body::kNone) op["requestBody"] = request_body(route);
  op["responses"] = responses(route);
  return op;
}

}  // namespace

nlohmann::json openapi_document(const std::vector<Route>& routes) {
  nlohmann::json doc = {
      {"openapi", "3.1.0"},
      {"jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"},
      {"info", {{"title", "peerslot booking service"}, {"version", kApiVersion}}},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "an API token from POST /me/tokens"}}},
          {"session",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", kSessionCookie},
            {"description", "the cookie POST /sessions sets; changes also need X-CSRF-Token"}}}}},
        {"schemas", api_schemas()}}},
      {"paths", nlohmann::json::object()}};
  for (const Route& route : routes) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    doc["paths"][route.path][method] = operation(route);
  }
  return doc;
}

}  // namespace peerslot::http
