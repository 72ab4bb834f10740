// openapi.cpp — one operation per route: its summary, the roles allowed
// (x-roles), path parameters from the template, a JSON body when it takes
// one, and the problem+json responses every route can give.
#include "http/openapi.h"

#include <algorithm>
#include <cctype>

namespace peerslot::http {

namespace {

nlohmann::json problem_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

nlohmann::json operation(const Route& route) {
  nlohmann::json op = {{"summary", route.summary}, {"x-roles", route.roles}};
  op["security"] = route.roles.empty() ? nlohmann::json::array() : nlohmann::json::array({{{"bearer", nlohmann::json::array()}}, {{"session", nlohmann::json::array()}}});
  op["parameters"] = nlohmann::json::array();
  for (std::size_t open = route.path.find('{'); open != std::string::npos; open = route.path.find('{', open + 1)) {
    std::string name = route.path.substr(open + 1, route.path.find('}', open) - open - 1);
    op["parameters"].push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (route.body == Body::kJson)
    op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  if (route.body == Body::kCsv)
    op["requestBody"] = {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}};
  if (route.body == Body::kForm)
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/x-www-form-urlencoded", {{"schema", {{"type", "object"}}}}}}}};
  op["responses"] = {{"200", {{"description", "OK"}}},
                     {"400", problem_response("body is not a JSON object")},
                     {"422", problem_response("a field is invalid; `field` names it")},
                     {"404", problem_response("unknown id")},
                     {"409", problem_response("the change would break a rule")}};
  if (route.body != Body::kNone) op["responses"]["415"] = problem_response("the body is not of the media type above");
  if (!route.roles.empty()) {
    op["responses"]["401"] = problem_response("no valid session or bearer token");
    op["responses"]["403"] = problem_response("not yours");
  }
  return op;
}

}  // namespace

nlohmann::json openapi_document(const std::vector<Route>& routes) {
  nlohmann::json doc = {
      {"openapi", "3.0.3"},
      {"info", {{"title", "peerslot booking service"}, {"version", "1"}}},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "an API token from POST /me/tokens"}}},
          {"session",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", kSessionCookie},
            {"description", "the cookie POST /sessions sets; changes also need X-CSRF-Token"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"properties",
             {{"type", {{"type", "string"}}},
              {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}}},
              {"detail", {{"type", "string"}}},
              {"field", {{"type", "string"}}}}}}}}}}},
      {"paths", nlohmann::json::object()}};
  for (const Route& route : routes) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    doc["paths"][route.path][method] = operation(route);
  }
  return doc;
}

}  // namespace peerslot::http
