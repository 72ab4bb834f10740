// End to end: every route with every role (401 without a token, 403 for a
// role not allowed or a resource not one's own), the OpenAPI document
// listing exactly the routes, calendar feeds, and the body size limit.
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <regex>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

namespace {

const std::set<std::string> kRoutes = {
    "GET /healthz", "GET /openapi.json", "GET /me", "POST /me/calendar", "GET /calendar/{secret}.ics",
    "GET /councils/{id}", "PATCH /councils/{id}", "GET /councils/{id}/requests", "GET /requests/{id}",
    "PATCH /requests/{id}", "GET /requests/{id}/weeks", "GET /requests/{id}/booking.ics", "POST /requests/{id}/booking", "PUT /requests/{id}/booking",
    "DELETE /requests/{id}/booking", "GET /peers/{id}", "PATCH /peers/{id}", "POST /peers/{id}/availability",
    "POST /peers/{id}/availability/withdraw", "GET /peers/{id}/assignments",
    "POST /peers/{id}/assignments/{request}/accept", "POST /peers/{id}/assignments/{request}/decline",
    "GET /scenario", "PUT /scenario", "GET /councils.csv", "GET /peers.csv", "PUT /councils.csv", "PUT /peers.csv", "GET /plan", "POST /users", "POST /solve", "GET /jobs/{id}", "POST /jobs/{id}/apply",
    "PUT /requests/{id}/pin", "DELETE /requests/{id}/pin", "GET /reports/load", "GET /reports/milestones", "GET /reports/unscheduled", "GET /reports/finance", "GET /audit", "POST /councils/{id}/control-changes", "PUT /control-changes.csv",
    "GET /groups/{group}", "GET /reports/parties", "POST /requests/{id}/nominations", "POST /requests/{id}/team/{peer}/approval",
    "POST /requests/{id}/team/{peer}/veto", "POST /sign-in", "POST /sessions", "DELETE /sessions/current",
    "GET /users", "GET /users/{id}", "PATCH /users/{id}", "GET /users/{id}/tokens", "POST /users/{id}/tokens",
    "GET /me/tokens", "POST /me/tokens", "DELETE /tokens/{id}", "GET /me/notices", "PUT /me/notices", "GET /outbox",
    "GET /webhooks", "POST /webhooks", "GET /webhooks/{id}", "PATCH /webhooks/{id}", "DELETE /webhooks/{id}",
    "POST /webhooks/{id}/tests", "GET /webhooks/{id}/deliveries", "POST /webhooks/{id}/deliveries/{delivery}/attempts",
    "GET /invitations/{request}/{peer}/{signature}", "POST /invitations/{request}/{peer}/{signature}",
    "GET /requests", "GET /councils", "GET /peers", "GET /jobs"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The path with its parameters filled in for one owner.
std::string fill(std::string path, const std::string& council, const std::string& request, const std::string& peer) {
  std::string kind = path.substr(1, path.find('/', 1) - 1);
  // A token id no one holds: revoking a real one would lock the test out.
  std::string id = kind == "councils" ? council : kind == "requests" ? request : kind == "peers" ? peer : kind == "tokens" ? "999999" : "1";
  path = std::regex_replace(path, std::regex("\\{id\\}"), id);
  path = std::regex_replace(path, std::regex("\\{request\\}"), request);
  return std::regex_replace(path, std::regex("\\{secret\\}"), "nosuch");
}

}  // namespace

TEST_CASE("service: every route with every role", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string scenario = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(4, 6, 2, 4).dump());
  ServiceProcess s(dir + "/access.db", {"--seed-scenario", scenario, "--solve-seconds", "0"});
  std::string council = s.user_token("council", "C01");
  REQUIRE(s.call("POST", "/requests/Q01/booking", council, json{{"week", "2011-09-05"}}).status == 201);
  REQUIRE(s.call("POST", "/requests/Q02/booking", s.token("office"), json{{"week", "2011-09-12"}}).status == 201);
  Answer q01 = s.call("GET", "/requests/Q01", council);
  std::string own_peer = q01.body["booking"]["peers"][0]["id"];
  std::string other_peer = s.call("GET", "/requests/Q02", s.token("office")).body["booking"]["peers"][0]["id"];
  std::map<std::string, std::string> tokens = {{"council", council}, {"peer", s.user_token("peer", own_peer)},
                                               {"office", s.token("office")}};

  Answer openapi = s.call("GET", "/openapi.json");
  REQUIRE(openapi.status == 200);
  CHECK(openapi.body["openapi"] == "3.1.0");
  CHECK(openapi.headers.at("API-Version") == openapi.body["info"]["version"]);
  std::set<std::string> documented;
  for (const auto& [path, ops] : openapi.body["paths"].items())
    for (const auto& [method, op] : ops.items()) documented.insert(upper(method) + " " + path);
  CHECK(documented == kRoutes);

  for (const auto& [path, ops] : openapi.body["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::vector<std::string> roles = op["x-roles"];
      std::string body = op.contains("requestBody") ? "{}" : "";
      std::string own = fill(path, "C01", "Q01", own_peer);
      std::string other = fill(path, "C02", "Q02", other_peer);
      INFO(upper(method) << " " << path);
      Answer anonymous = s.call(upper(method), own, "", body);
      CHECK((roles.empty() ? anonymous.status != 401 : anonymous.status == 401));
      for (const auto& [role, token] : tokens) {
        INFO("as " << role);
        bool allowed = roles.empty() || std::count(roles.begin(), roles.end(), role);
        Answer mine = s.call(upper(method), own, token, body);
        if (allowed) CHECK((mine.status != 401 && mine.status != 403));
        else CHECK(mine.status == 403);
        bool owned = !roles.empty() && role != "office" && allowed && own != other;  // a public route has no owner
        if (owned) CHECK(s.call(upper(method), other, token, body).status == 403);
      }
    }
  }
  CHECK(s.call("GET", "/me", "wrong").status == 401);
  CHECK(s.call("GET", "/me", "wrong").headers["WWW-Authenticate"] == "Bearer");

  // The web pages: the page, its scripts and built styles, and nothing else of web/.
  Answer page = s.call("GET", "/");
  CHECK(page.status == 200);
  CHECK(page.headers["Content-Type"].rfind("text/html", 0) == 0);
  CHECK(page.text.find("dist/app.css") != std::string::npos);
  CHECK(s.call("GET", "/js/app.js").status == 200);
  CHECK(s.call("GET", "/dist/app.css").status == 200);
  for (const char* unserved : {"/index.html", "/package.json", "/app.scss", "/node_modules/govuk-frontend/package.json", "/js/../package.json"})
    CHECK(s.call("GET", unserved).status == 404);
}

TEST_CASE("service: calendar feeds and the body size limit", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string scenario = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(3, 6, 2, 4).dump());
  ServiceProcess s(dir + "/feeds.db", {"--seed-scenario", scenario, "--solve-seconds", "0"});
  std::string council = s.user_token("council", "C01");
  Answer booked = s.call("POST", "/requests/Q01/booking", council, json{{"week", "2011-09-05"}});
  REQUIRE(booked.status == 201);
  Answer feed = s.call("POST", "/me/calendar", council, std::string("{}"));
  REQUIRE(feed.status == 201);
  Answer ics = s.call("GET", feed.body["url"].get<std::string>());
  REQUIRE(ics.status == 200);
  CHECK(ics.headers["Content-Type"].rfind("text/calendar", 0) == 0);
  CHECK(ics.text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(ics.text.find("DTSTART;VALUE=DATE:20110905\r\n") != std::string::npos);
  CHECK(ics.text.find("DTSTART;VALUE=DATE:20110907\r\n") != std::string::npos);
  CHECK(ics.text.find("DTSTART;VALUE=DATE:20110908\r\nDTEND;VALUE=DATE:20110909\r\n") == std::string::npos);  // 3 days on site
  CHECK(ics.text.find("SUMMARY:Report and action plan") != std::string::npos);  // milestones too
  Answer one = s.call("GET", "/requests/Q01/booking.ics", council);
  CHECK(one.status == 200);
  CHECK(one.headers["Content-Type"].rfind("text/calendar", 0) == 0);
  CHECK(one.text.find("DTSTART;VALUE=DATE:20110905\r\n") != std::string::npos);
  CHECK(s.call("GET", "/requests/Q02/booking.ics", council).status == 403);
  std::string peer = booked.body["booking"]["peers"][0]["id"];
  Answer peer_feed = s.call("POST", "/me/calendar", s.user_token("peer", peer), std::string("{}"));
  CHECK(s.call("GET", peer_feed.body["url"].get<std::string>()).text.find("Council 1") != std::string::npos);
  Answer renewed = s.call("POST", "/me/calendar", council, std::string("{}"));
  CHECK(s.call("GET", feed.body["url"].get<std::string>()).status == 404);
  CHECK(s.call("GET", renewed.body["url"].get<std::string>()).status == 200);

  std::string huge = "{\"week\": \"" + std::string(17 * 1024 * 1024, 'x') + "\"}";
  CHECK(s.call("POST", "/requests/Q02/booking", s.token("office"), huge).status == 413);
  CHECK(s.call("GET", "/healthz").body["status"] == "ok");
}
