// End to end: a council's whole flow on the national demo, and every refusal
// leaving the programme exactly as it was.
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <regex>
#include <set>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

namespace {

// What a refused request must not change: scenario, plan and audit log.
std::string programme(const ServiceProcess& s) {
  return s.call("GET", "/scenario", s.token("office")).text + s.call("GET", "/plan", s.token("office")).text +
         s.call("GET", "/audit?limit=1000", s.token("office")).text;
}

}  // namespace

TEST_CASE("service: a council books, reschedules and cancels on the demo programme", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& council = s.token("council");
  std::string id = s.subject("council");

  Answer requests = s.call("GET", "/councils/" + id + "/requests", council);
  REQUIRE(requests.status == 200);
  REQUIRE(!requests.body["requests"].empty());
  std::string request = requests.body["requests"][0]["id"];
  CHECK(requests.body["requests"][0]["booking"].is_null());

  Answer weeks = s.call("GET", "/requests/" + request + "/weeks", council);
  REQUIRE(weeks.status == 200);
  REQUIRE(!weeks.body["options"].empty());
  std::set<std::string> statuses;
  for (const json& w : weeks.body["weeks"]) statuses.insert(w["status"].get<std::string>());
  CHECK(statuses.count("free"));
  CHECK(statuses.count("blocked"));
  for (const json& w : weeks.body["weeks"])
    if (w["status"] != "free") CHECK(!w["reason"].get<std::string>().empty());
  std::string best = weeks.body["options"][0]["week"];

  SECTION("book, replay, reschedule, cancel") {
    json body = {{"week", best}};
    Answer booked = s.call("POST", "/requests/" + request + "/booking", council, body, {{"Idempotency-Key", "b-1"}});
    REQUIRE(booked.status == 201);
    CHECK(booked.body["booking"]["week"] == best);
    CHECK(booked.body["booking"]["peers"].size() == weeks.body["options"][0]["team"].size());
    Answer replayed = s.call("POST", "/requests/" + request + "/booking", council, body, {{"Idempotency-Key", "b-1"}});
    CHECK(replayed.status == 201);
    CHECK(replayed.body == booked.body);
    std::string other = weeks.body["options"][1]["week"];
    Answer reused = s.call("POST", "/requests/" + request + "/booking", council, json{{"week", other}},
                           {{"Idempotency-Key", "b-1"}});
    CHECK(reused.status == 422);
    CHECK(reused.body["field"] == "Idempotency-Key");
    Answer again = s.call("POST", "/requests/" + request + "/booking", council, body);
    CHECK(again.status == 409);
    CHECK(peerslot::e2e::check_service_plan(s) == "");

    Answer stale = s.call("PUT", "/requests/" + request + "/booking", council, json{{"week", other}}, {{"If-Match", "\"stale\""}});
    CHECK(stale.status == 412);
    std::string etag = s.call("GET", "/requests/" + request, council).headers["ETag"];
    Answer moved = s.call("PUT", "/requests/" + request + "/booking", council, json{{"week", other}}, {{"If-Match", etag}});
    REQUIRE(moved.status == 200);
    CHECK(moved.body["booking"]["week"] == other);
    CHECK(peerslot::e2e::check_service_plan(s) == "");

    CHECK(s.call("DELETE", "/requests/" + request + "/booking", council, std::string(), {{"If-Match", etag}}).status == 412);
    Answer cancelled = s.call("DELETE", "/requests/" + request + "/booking", council);
    CHECK(cancelled.status == 200);
    CHECK(cancelled.body["booking"].is_null());
    CHECK(s.call("DELETE", "/requests/" + request + "/booking", council).status == 404);
  }

  SECTION("blackouts, preferred periods and focus areas, with ETags") {
    Answer got = s.call("GET", "/councils/" + id, council);
    REQUIRE(got.status == 200);
    std::string etag = got.headers["ETag"];
    json blackouts = {{"blackouts", {{{"start", "2011-12-19"}, {"end", "2012-01-06"}}}}};
    Answer set = s.call("PATCH", "/councils/" + id, council, blackouts, {{"If-Match", etag}});
    REQUIRE(set.status == 200);
    CHECK(set.body["blackouts"].size() == 1);
    CHECK(set.headers["ETag"] != etag);
    CHECK(s.call("PATCH", "/councils/" + id, council, blackouts, {{"If-Match", etag}}).status == 412);
    Answer blocked = s.call("GET", "/requests/" + request + "/weeks", council);
    for (const json& w : blocked.body["weeks"])
      if (w["week"] == "2011-12-26") CHECK(w["status"] == "blocked");

    Answer edited = s.call("PATCH", "/requests/" + request, council,
                           json{{"preferred", {{{"start", "2011-09-01"}, {"end", "2011-10-31"}}}}, {"focus", {"finance"}}});
    REQUIRE(edited.status == 200);
    CHECK(edited.body["focus"] == json{"finance"});
    CHECK(peerslot::e2e::check_service_plan(s) == "");
  }

  SECTION("refusals change nothing") {
    std::string before = programme(s);
    std::string rows_before = peerslot::e2e::database_rows(dir + "/demo.db");
    std::string path = "/requests/" + request + "/booking";
    auto refused = [&](const std::string& method, const std::string& url, const std::string& token,
                       const std::string& body, int status, const std::string& field) {
      Answer a = s.call(method, url, token, body);
      INFO(method << " " << url << " " << body << " -> " << a.text);
      CHECK(a.status == status);
      CHECK(a.headers["Content-Type"] == "application/problem+json");
      if (!field.empty()) CHECK(a.body["field"] == field);
    };
    refused("POST", path, council, "{\"week\":", 400, "body");
    refused("POST", path, council, "[1]", 400, "body");
    refused("POST", path, council, "{\"week\": 20110905}", 422, "week");
    refused("POST", path, council, "{}", 422, "week");
    refused("POST", path, council, "{\"week\": \"2011-09-06\"}", 422, "week");
    refused("POST", path, council, "{\"week\": \"2011-02-30\"}", 422, "week");
    refused("POST", path, council, "{\"week\": \"2015-01-05\"}", 422, "week");
    refused("POST", path, council, "{\"week\": \"" + best + "\", \"team\": []}", 422, "team");
    refused("POST", "/requests/R99999/booking", council, "{\"week\": \"" + best + "\"}", 404, "id");
    refused("POST", "/requests/R00003/booking", council, "{\"week\": \"" + best + "\"}", 403, "");
    refused("POST", path, "", "{\"week\": \"" + best + "\"}", 401, "Authorization");
    refused("POST", path, "not-a-token", "{\"week\": \"" + best + "\"}", 401, "Authorization");
    refused("PATCH", "/councils/" + id, council, "{\"blackouts\": [{\"start\": \"2012-01-06\", \"end\": \"2011-12-19\"}]}", 422,
            "blackouts[0]");
    refused("PATCH", "/councils/" + id, council, "{\"blackouts\": \"soon\"}", 422, "blackouts");
    refused("PATCH", "/requests/" + request, council, "{\"focus\": [1]}", 422, "focus[0]");
    refused("PATCH", "/councils/E06000002", council, "{\"blackouts\": []}", 403, "");
    CHECK(programme(s) == before);
    CHECK(peerslot::e2e::database_rows(dir + "/demo.db") == rows_before);
  }
}

namespace {

// True when `text` names a contract rule ("H2", "(H11)"): people read words.
bool names_a_rule(const std::string& text) {
  for (std::size_t i = text.find('H'); i != std::string::npos; i = text.find('H', i + 1))
    if (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) return true;
  return false;
}

}  // namespace

TEST_CASE("service: a council reads its weeks, options and booking in words, with codes for programs", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& council = s.token("council");
  std::string id = s.subject("council");
  Answer me = s.call("GET", "/me", council);
  CHECK(me.body["display_name"] == s.call("GET", "/councils/" + id, council).body["name"]);

  std::string request = s.call("GET", "/councils/" + id + "/requests", council).body["requests"][0]["id"];
  Answer weeks = s.call("GET", "/requests/" + request + "/weeks", council);
  REQUIRE(weeks.status == 200);
  CHECK(weeks.body["booked_week"].is_null());
  std::string blocked_week, blocked_code;
  for (const json& w : weeks.body["weeks"]) {
    if (w["status"] == "free") continue;
    INFO(w.dump());
    CHECK_FALSE(names_a_rule(w["reason"].get<std::string>()));
    CHECK_FALSE(w["code"].get<std::string>().empty());
    CHECK(w.count("detail") == 0);  // the nearest peer by name is for the office
    if (w["status"] == "blocked" && blocked_week.empty()) {
      blocked_week = w["week"];
      blocked_code = w["code"];
    }
  }
  REQUIRE(!blocked_week.empty());
  REQUIRE(!weeks.body["options"].empty());
  for (const json& o : weeks.body["options"]) {
    INFO(o.dump());
    CHECK(!o["reasons"].empty());
    for (const json& reason : o["reasons"]) CHECK_FALSE(names_a_rule(reason.get<std::string>()));
    for (const json& peer : o["team"]) {
      CHECK(peer["name"] != peer["id"]);
      CHECK(!peer["role_title"].get<std::string>().empty());
    }
  }
  Answer office_view = s.call("GET", "/requests/" + request + "/weeks", s.token("office"));
  bool office_detail = false;
  for (const json& w : office_view.body["weeks"]) office_detail = office_detail || w.count("detail");
  CHECK(office_detail);

  // A refused week: plain words in detail, the week's code and rule as fields.
  Answer refused = s.call("POST", "/requests/" + request + "/booking", council, json{{"week", blocked_week}});
  CHECK(refused.status == 409);
  CHECK(refused.body["field"] == "week");
  CHECK(refused.body["code"] == blocked_code);
  CHECK(!refused.body["rule"].get<std::string>().empty());
  CHECK_FALSE(names_a_rule(refused.body["detail"].get<std::string>()));

  std::string best = weeks.body["options"][0]["week"];
  Answer booked = s.call("POST", "/requests/" + request + "/booking", council, json{{"week", best}});
  REQUIRE(booked.status == 201);
  const json& booking = booked.body["booking"];
  CHECK(std::regex_match(booking["reference"].get<std::string>(), std::regex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")));
  CHECK(booking["on_site"].size() == booked.body["days"].get<std::size_t>());
  CHECK(booking["on_site"][0].get<std::string>() >= best);
  std::set<std::string> kinds;
  for (const json& m : booking["milestones"]) kinds.insert(m["kind"].get<std::string>());
  if (booked.body["kind"] == "corporate")
    CHECK(kinds == std::set<std::string>{"scoping_meeting", "position_statement", "on_site", "feedback", "report", "progress_review"});
  for (const json& peer : booking["peers"]) CHECK(peer["status"] == "proposed");

  Answer after = s.call("GET", "/requests/" + request + "/weeks", council);
  CHECK(after.body["booked_week"] == best);
  for (const json& o : after.body["options"]) CHECK(o["week"] != best);  // the booked week is not offered back

  Answer ics = s.call("GET", "/requests/" + request + "/booking.ics", council);
  CHECK(ics.status == 200);
  CHECK(ics.text.find("BEGIN:VEVENT") != std::string::npos);
  if (booked.body["kind"] == "corporate") CHECK(ics.text.find("SUMMARY:Scoping meeting") != std::string::npos);
}

TEST_CASE("service: the office sees why each request is not booked, in words, with codes", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& office = s.token("office");
  std::string request = s.call("GET", "/councils/" + s.subject("council") + "/requests", s.token("council")).body["requests"][0]["id"];
  Answer before = s.call("GET", "/reports/unscheduled", office);
  REQUIRE(before.status == 200);
  Answer weeks = s.call("GET", "/requests/" + request + "/weeks", office);
  if (weeks.body["booked_week"].is_null()) {
    REQUIRE(s.call("POST", "/requests/" + request + "/booking", office, json{{"week", weeks.body["options"][0]["week"]}}).status == 201);
    before = s.call("GET", "/reports/unscheduled", office);
  }
  REQUIRE(s.call("DELETE", "/requests/" + request + "/booking", office).status == 200);
  Answer after = s.call("GET", "/reports/unscheduled", office);
  REQUIRE(after.body.size() == before.body.size() + 1);
  for (const json& u : after.body) {
    INFO(u.dump());
    CHECK(u["council_name"] != u["council"]);
    REQUIRE(!u["reasons"].empty());
    for (const json& reason : u["reasons"]) {
      CHECK_FALSE(names_a_rule(reason["reason"].get<std::string>()));
      CHECK_FALSE(reason["code"].get<std::string>().empty());
    }
    if (u["request"] == request) CHECK(u["reasons"].back()["code"] == "bookable");  // just cancelled: a team is possible
  }
  CHECK(s.call("GET", "/reports/unscheduled", s.token("council")).status == 403);
}

TEST_CASE("service: the office records a change of control, and the council is offered member peer support", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& office = s.token("office");
  std::string id = s.subject("council");
  std::string path = "/councils/" + id + "/control-changes";
  std::string before = s.call("GET", "/councils/" + id, office).body["control"];
  std::string party = before == "Labour" ? "Conservative" : "Labour";
  Answer bad = s.call("POST", path, office, json{{"date", "2030-05-07"}, {"control", party}});
  CHECK(bad.status == 422);
  CHECK(bad.body["field"] == "date");
  CHECK(s.call("POST", path, office, json{{"date", "2013-05-03"}, {"control", party}, {"support_days", 6}}).body["field"] ==
        "support_days");
  CHECK(s.call("POST", path, s.token("council"), json{{"date", "2013-05-03"}, {"control", party}}).status == 403);

  Answer changed = s.call("POST", path, office, json{{"date", "2013-05-03"}, {"control", party}, {"support_days", 3}});
  REQUIRE(changed.status == 201);
  CHECK(changed.body["control_changes"].back() == json{{"date", "2013-05-03"}, {"control", party}});
  const json& support = changed.body["support_request"];
  REQUIRE(support.is_object());
  CHECK(support["kind"] == "support");
  CHECK(support["days"] == 3);
  CHECK(support["earliest"] == "2013-05-03");
  CHECK(support["team"]["member"] == 1);
  // The council sees it among its requests and can book it with a councillor of the new party.
  Answer weeks = s.call("GET", "/requests/" + support["id"].get<std::string>() + "/weeks", s.token("council"));
  REQUIRE(weeks.status == 200);
  CHECK(peerslot::e2e::check_service_plan(s) == "");
  // The same control again is no change: no second offer.
  Answer same = s.call("POST", path, office, json{{"date", "2013-06-03"}, {"control", party}});
  REQUIRE(same.status == 201);
  CHECK(same.body["support_request"].is_null());
  CHECK(s.call("POST", path, office, json{{"date", "2013-05-10"}, {"control", before}}).body["field"] == "date");  // not after the last
}
