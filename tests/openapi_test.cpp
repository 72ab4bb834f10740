// The OpenAPI document as generated from the route table: every route's
// body and reply name a schema that exists, every $ref resolves, and each
// success status is the one the route gives. (That each reply the tests
// receive matches the document is checked in the end-to-end tests, by
// tests/e2e/check_replies.py.)
#include "http/openapi.h"
#include "http/server.h"
#include "store/sqlite_store.h"

#include <catch2/catch.hpp>

using namespace peerslot;

namespace {

std::vector<http::Route> all_routes(service::Service& service) {
  http::Server server(service, {});
  return server.router().routes();
}

std::unique_ptr<service::Service> empty_service() {
  auto opened = service::Service::open(std::move(store::SqliteStore::open(":memory:")).value());
  REQUIRE(opened.is_ok());
  return std::move(opened).value();
}

// Every "$ref" anywhere in `node`.
void collect_refs(const nlohmann::json& node, std::vector<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs.push_back(value);
      collect_refs(value, refs);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) collect_refs(item, refs);
  }
}

}  // namespace

TEST_CASE("openapi: version 3.1 with a schema for every JSON body and reply, every $ref resolving", "[openapi]") {
  auto service = empty_service();
  std::vector<http::Route> routes = all_routes(*service);
  nlohmann::json doc = http::openapi_document(routes);
  CHECK(doc["openapi"] == "3.1.0");
  CHECK(doc["info"]["version"] == http::kApiVersion);
  const nlohmann::json& schemas = doc["components"]["schemas"];
  for (const http::Route& route : routes) {
    INFO(route.method << " " << route.path);
    if (route.body == http::Body::kJson || route.body == http::Body::kForm) {
      REQUIRE_FALSE(route.contract.request.empty());
      CHECK(schemas.contains(route.contract.request));
    }
    if (!route.contract.reply.empty()) CHECK(schemas.contains(route.contract.reply));
    CHECK((route.contract.reply.empty() || route.contract.media.empty()));
    if (route.contract.status == 204) CHECK((route.contract.reply.empty() && route.contract.media.empty()));
  }
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  CHECK(refs.size() > 100);
  for (const std::string& ref : refs) {
    INFO(ref);
    REQUIRE(ref.rfind("#/components/schemas/", 0) == 0);
    CHECK(schemas.contains(ref.substr(21)));
  }
}

TEST_CASE("openapi: the true success statuses and the errors each route can give", "[openapi]") {
  auto service = empty_service();
  nlohmann::json doc = http::openapi_document(all_routes(*service));
  const nlohmann::json& paths = doc["paths"];
  CHECK(paths["/requests/{id}/booking"]["post"]["responses"].contains("201"));
  CHECK_FALSE(paths["/requests/{id}/booking"]["post"]["responses"].contains("200"));
  for (const char* status : {"400", "401", "403", "404", "409", "412", "415", "422"})
    CHECK(paths["/requests/{id}/booking"]["post"]["responses"].contains(status));
  CHECK(paths["/solve"]["post"]["responses"].contains("202"));
  CHECK(paths["/tokens/{id}"]["delete"]["responses"]["204"].count("content") == 0);
  CHECK(paths["/sign-in"]["post"]["responses"].contains("429"));
  CHECK(paths["/healthz"]["get"]["security"].empty());
  CHECK_FALSE(paths["/healthz"]["get"]["responses"].contains("401"));
  CHECK(paths["/requests/{id}/booking.ics"]["get"]["responses"]["200"]["content"].contains("text/calendar"));
  CHECK(paths["/requests/{id}/booking"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] ==
        "#/components/schemas/BookingChoice");
  std::set<std::string> ids;
  for (const auto& [path, operations] : paths.items())
    for (const auto& [method, operation] : operations.items()) CHECK(ids.insert(operation["operationId"].get<std::string>()).second);
}
