// End to end: a peer's flow (availability, cap, skills, accept, decline with
// repair of that challenge only) and the programme office's (import, export
// and import back, solve job with its preview and apply, pin, load report,
// milestones, audit).
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

const std::map<std::string, std::string> kCsv = {{"Content-Type", "text/csv"}};

// The job's status once it no longer runs (or after a minute).
json finished(const ServiceProcess& s, const std::string& url) {
  json status;
  for (int i = 0; i < 600; ++i) {
    status = s.call("GET", url, s.token("office")).body;
    if (status["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return status;
}

TEST_CASE("service: a peer offers time, accepts and declines", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string file = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(3, 5, 2, 4).dump());
  ServiceProcess s(dir + "/peer.db", {"--seed-scenario", file, "--solve-seconds", "0"});
  const std::string& office = s.token("office");
  REQUIRE(s.call("POST", "/requests/Q01/booking", office, json{{"week", "2011-09-05"}}).status == 201);
  REQUIRE(s.call("POST", "/requests/Q02/booking", office, json{{"week", "2011-09-05"}}).status == 201);
  json team = s.call("GET", "/requests/Q01", office).body["booking"]["peers"];
  std::string peer = team[0]["id"];
  std::string token = s.user_token("peer", peer);

  Answer mine = s.call("GET", "/peers/" + peer + "/assignments", token);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.body["assignments"].size() == 1);
  CHECK(mine.body["assignments"][0]["days"] == json{"2011-09-05", "2011-09-06", "2011-09-07"});
  CHECK(mine.body["assignments"][0]["status"] == "proposed");
  CHECK(mine.body["next"].is_null());

  Answer accepted = s.call("POST", "/peers/" + peer + "/assignments/Q01/accept", token, std::string("{}"));
  REQUIRE(accepted.status == 200);
  CHECK(s.call("GET", "/peers/" + peer + "/assignments", token).body["assignments"][0]["status"] == "accepted");
  CHECK(s.call("GET", "/peers/" + peer + "/assignments?status=proposed", token).body["assignments"].empty());
  CHECK(s.call("GET", "/peers/" + peer + "/assignments?from=2011-09-06", token).body["assignments"].empty());
  CHECK(s.call("GET", "/peers/" + peer + "/assignments?status=maybe", token).body["field"] == "status");
  CHECK(s.call("POST", "/peers/" + peer + "/assignments/Q03/accept", token, std::string("{}")).status == 404);

  // Withdrawing the booked week breaks H8: refused in words, the rule apart.
  Answer withdraw = s.call("POST", "/peers/" + peer + "/availability/withdraw", token,
                           json{{"start", "2011-09-01"}, {"end", "2011-09-30"}});
  CHECK(withdraw.status == 409);
  CHECK(withdraw.body["rule"] == "H8");
  CHECK(withdraw.body["code"] == "rule_broken");
  CHECK(withdraw.body["detail"].get<std::string>().find("a day they have not offered") != std::string::npos);
  CHECK(withdraw.body["detail"].get<std::string>().find("H8") == std::string::npos);
  Answer later = s.call("POST", "/peers/" + peer + "/availability/withdraw", token,
                        json{{"start", "2012-01-01"}, {"end", "2012-03-31"}});
  REQUIRE(later.status == 200);
  CHECK(later.body["available"] == json{{{"start", "2011-04-01"}, {"end", "2011-12-31"}}});
  Answer offered = s.call("POST", "/peers/" + peer + "/availability", token, json{{"start", "2012-02-01"}, {"end", "2012-03-31"}});
  CHECK(offered.body["available"].size() == 2);

  Answer got = s.call("GET", "/peers/" + peer, token);
  Answer patched = s.call("PATCH", "/peers/" + peer, token, json{{"max_days_per_year", 20}, {"skills", {"finance", "housing"}}},
                          {{"If-Match", got.headers["ETag"]}});
  REQUIRE(patched.status == 200);
  CHECK(patched.body["max_days_per_year"] == 20);
  CHECK(s.call("PATCH", "/peers/" + peer, token, json{{"max_days_per_year", 2}}).status == 409);
  CHECK(s.call("PATCH", "/peers/" + peer, token, json{{"max_days_per_year", "lots"}}).body["field"] == "max_days_per_year");

  // 5 officers, two teams of 2 in the week: the decliner's seat goes to the
  // fifth; the teammate keeps its seat and its acceptance, and the decliner
  // stays available.
  std::string mate = team[1]["id"];
  std::string mate_token = s.user_token("peer", mate);
  REQUIRE(s.call("POST", "/peers/" + mate + "/assignments/Q01/accept", mate_token, std::string("{}")).status == 200);
  json available = s.call("GET", "/peers/" + peer, token).body["available"];
  json q02 = s.call("GET", "/requests/Q02", office).body["booking"];
  Answer declined = s.call("POST", "/peers/" + peer + "/assignments/Q01/decline", token, std::string("{}"));
  REQUIRE(declined.status == 200);
  CHECK(declined.body["booking"]["week"] == "2011-09-05");
  for (const json& p : declined.body["booking"]["peers"]) CHECK(p["id"] != peer);
  CHECK(s.call("GET", "/requests/Q02", office).body["booking"] == q02);
  CHECK(s.call("GET", "/peers/" + peer + "/assignments", token).body["assignments"].empty());
  CHECK(s.call("GET", "/peers/" + peer, token).body["available"] == available);
  json mates = s.call("GET", "/peers/" + mate + "/assignments", mate_token).body["assignments"];
  REQUIRE(mates.size() == 1);
  CHECK(mates[0]["status"] == "accepted");
  CHECK(peerslot::e2e::check_service_plan(s) == "");
}

TEST_CASE("service: the programme office imports, solves, pins and reports", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string file = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(2, 4, 1, 4).dump());
  ServiceProcess s(dir + "/office.db", {"--seed-scenario", file, "--solve-seconds", "0"});
  const std::string& office = s.token("office");

  json bigger = peerslot::e2e::small_scenario(10, 12, 2, 3);
  Answer bad = s.call("PUT", "/scenario", office, json{{"scenario", {{"format", "peerslot-scenario/1"}}}});
  CHECK(bad.status == 422);
  CHECK(bad.body["field"].get<std::string>().rfind("scenario.", 0) == 0);
  Answer imported = s.call("PUT", "/scenario", office, json{{"scenario", bigger}});
  REQUIRE(imported.status == 200);
  CHECK(imported.body["requests"] == 10);
  CHECK(s.call("GET", "/scenario", office).body["requests"].size() == 10);

  std::string council = s.user_token("council", "C01");
  REQUIRE(s.call("POST", "/requests/Q01/booking", council, json{{"week", "2011-06-06"}}).status == 201);
  // Booking the corporate challenge added its progress review, 36 to 56 weeks on.
  Answer review = s.call("GET", "/requests/Q01-PR", council);
  REQUIRE(review.status == 200);
  CHECK(review.body["kind"] == "review");
  CHECK(review.body["title"] == "Progress review");
  CHECK(s.call("GET", "/scenario", office).body["requests"].size() == 11);
  Answer job = s.call("POST", "/solve", office, json{{"seconds", 1}});
  REQUIRE(job.status == 202);
  std::string url = job.headers["Location"];
  json status = finished(s, url);
  REQUIRE(status["state"] == "done");
  // A preview: nothing is booked until the office applies it.
  CHECK(status["preview"]["would_book"] == 10);  // Q01 is booked already; its review is not
  CHECK(s.call("GET", "/plan", office).body["assignments"].size() == 1);
  CHECK(s.call("POST", url + "/apply", council).status == 403);
  Answer applied = s.call("POST", url + "/apply", office);
  REQUIRE(applied.status == 200);
  CHECK(applied.body["state"] == "applied");
  CHECK(applied.body["booked"] == 10);
  CHECK(applied.body["dropped"] == 0);
  CHECK(s.call("GET", "/plan", office).body["assignments"].size() == 11);
  CHECK(s.call("GET", "/requests/Q01", council).body["booking"]["week"] == "2011-06-06");
  CHECK(peerslot::e2e::check_service_plan(s) == "");

  Answer pinned = s.call("PUT", "/requests/Q01/pin", office);
  REQUIRE(pinned.status == 200);
  CHECK(pinned.body["pinned"]["week"] == "2011-06-06");
  CHECK(s.call("DELETE", "/requests/Q01/booking", council).status == 409);
  CHECK(s.call("DELETE", "/requests/Q01/pin", office).status == 200);
  Answer first = s.call("DELETE", "/requests/Q01/booking", council);  // its review is booked: that goes first
  CHECK(first.status == 409);
  CHECK(first.body["code"] == "follow_up_booked");
  CHECK(s.call("DELETE", "/requests/Q01-PR/booking", council).status == 200);
  CHECK(s.call("DELETE", "/requests/Q01/booking", council).status == 200);

  Answer councils = s.call("GET", "/councils.csv", office);
  CHECK(councils.headers["Content-Type"].rfind("text/csv", 0) == 0);
  CHECK(councils.text.rfind("id,name,type,region,control,lat,lon,elections,blackouts\r\nC01,Council 1,district,", 0) == 0);
  CHECK(s.call("GET", "/peers.csv", office).text.find("O01,Officer 1,officer,,X99,Elsewhere,,,finance,2011-04-01..2012-03-31,,\r\n") !=
        std::string::npos);

  std::string peers_csv = s.call("GET", "/peers.csv", office).text;
  std::string edited = peers_csv + "O99,\"Doe, Jane\",expert,,,Elsewhere,,,finance;housing,2011-04-01..2011-12-31,10,C01\r\n";
  Answer added = s.call("PUT", "/peers.csv", office, edited, kCsv);
  REQUIRE(added.status == 200);
  CHECK(added.body["added"] == 1);
  CHECK(added.body["replaced"] == 12);
  json o99 = s.call("GET", "/peers/O99", office).body;
  CHECK(o99["name"] == "Doe, Jane");
  CHECK(o99["skills"] == json{"finance", "housing"});
  CHECK(o99["max_days_per_year"] == 10);
  CHECK(s.call("GET", "/peers.csv", office).text == edited);
  std::string before_bad = s.call("GET", "/scenario", office).text;
  Answer bad_csv = s.call("PUT", "/peers.csv", office, std::string("id,name\r\nO01,x\r\n"), kCsv);
  CHECK(bad_csv.status == 422);
  CHECK(bad_csv.body["field"] == "body");
  Answer bad_role = s.call("PUT", "/peers.csv", office, peers_csv + "O98,X,mayor,,,R,,,,2011-04-01..2011-12-31,,\r\n", kCsv);
  CHECK(bad_role.status == 422);
  CHECK(bad_role.body["detail"].get<std::string>().find("mayor") != std::string::npos);
  Answer bad_lat = s.call("PUT", "/councils.csv", office,
                          s.call("GET", "/councils.csv", office).text + "C77,X,district,R,NOC,north,1,,\r\n", kCsv);
  CHECK(bad_lat.status == 422);
  CHECK(bad_lat.body["field"] == "lat");
  CHECK(bad_lat.body["detail"] == "lat: \"north\" is not a number (line 12)");
  CHECK(s.call("GET", "/scenario", office).text == before_bad);

  json report = s.call("GET", "/reports/load", office).body;
  CHECK(report["weeks"].size() > 0);
  CHECK(report["peer_days"].size() > 0);
  for (const json& w : report["weeks"]) CHECK(w["challenges"].get<int>() <= 3);
  json audit = s.call("GET", "/audit?limit=1000", office).body["entries"];
  CHECK(audit.size() >= 6);
  CHECK(s.call("GET", "/audit?limit=0", office).status == 422);
}

TEST_CASE("service: a full solve is a preview until the office applies it, once", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string file = peerslot::e2e::write_file(dir, "one_peer.json", peerslot::e2e::small_scenario(3, 1, 1, 4).dump());
  ServiceProcess s(dir + "/preview.db", {"--seed-scenario", file, "--solve-seconds", "0"});
  const std::string& office = s.token("office");
  REQUIRE(s.call("POST", "/requests/Q01/booking", office, json{{"week", "2011-04-11"}}).status == 201);
  CHECK(s.call("POST", "/jobs/99/apply", office).status == 404);

  Answer job = s.call("POST", "/solve", office, json{{"seconds", 3}});
  REQUIRE(job.status == 202);
  std::string url = job.headers["Location"];
  Answer early = s.call("POST", url + "/apply", office);
  CHECK(early.status == 409);
  CHECK(early.body["detail"] == "The solve is still running");
  json status = finished(s, url);
  REQUIRE(status["state"] == "done");
  CHECK(status["result"].is_null());
  json preview = status["preview"];
  REQUIRE(preview["would_book"] == preview["bookings"].size());
  CHECK(s.call("GET", "/plan", office).body["assignments"].size() == 1);  // nothing booked yet
  json q03;
  for (const json& b : preview["bookings"]) {
    CHECK(b["request"] != "Q01");  // booked already: a solve never moves it
    std::string week = b["week"];
    CHECK(std::regex_match(b["reference"].get<std::string>(), std::regex("[0-9A-Z]{4}-[0-9A-Z]{4}")));
    CHECK(b["week_words"].get<std::string>().rfind("the week of Monday ", 0) == 0);
    REQUIRE(b["peers"].size() == 1);
    CHECK(b["peers"][0]["id"] == "O01");
    CHECK(b["peers"][0]["name"] == "Officer 1");
    CHECK(b["peers"][0]["role"] == "officer");
    if (b["request"] == "Q03") q03 = b;
  }
  REQUIRE(q03.is_object());
  CHECK(q03["council"] == "C03");
  CHECK(q03["council_name"] == "Council 3");

  // Meanwhile Q02 is booked in the week the solve gave Q03: the booking wins,
  // and Q03's solved assignment (the same only peer) no longer fits.
  REQUIRE(s.call("POST", "/requests/Q02/booking", office, json{{"week", q03["week"]}}).status == 201);
  int would_book = s.call("GET", url, office).body["preview"]["would_book"];
  CHECK(would_book == preview["would_book"].get<int>() - 1);
  Answer applied = s.call("POST", url + "/apply", office);
  REQUIRE(applied.status == 200);
  CHECK(applied.body["state"] == "applied");
  CHECK(applied.body["dropped"] == 1);
  CHECK(applied.body["booked"] == would_book - 1);
  CHECK(s.call("GET", "/requests/Q02", office).body["booking"]["week"] == q03["week"]);
  CHECK(s.call("GET", "/requests/Q03", office).body["booking"].is_null());
  CHECK(peerslot::e2e::check_service_plan(s) == "");

  Answer again = s.call("POST", url + "/apply", office);
  CHECK(again.status == 409);
  CHECK(again.body["detail"] == "This solve has already been applied");
  json after = s.call("GET", url, office).body;
  CHECK(after["state"] == "applied");
  CHECK(after["preview"].is_null());
  CHECK(after["result"] == json{{"booked", would_book - 1}, {"dropped", 1}});
}

TEST_CASE("service: the office's export of the demo imports back as it was", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& office = s.token("office");
  Answer scenario = s.call("GET", "/scenario", office);
  Answer plan = s.call("GET", "/plan", office);
  REQUIRE(scenario.status == 200);
  REQUIRE(plan.status == 200);
  std::size_t pins = 0;
  for (const json& r : scenario.body["requests"]) pins += r.contains("pinned");
  REQUIRE(pins > 0);  // the demo pins some challenges, and the export keeps them

  // The scenario alone cannot keep its pins: refused in words, naming the plan.
  Answer alone = s.call("PUT", "/scenario", office, json{{"scenario", scenario.body}});
  CHECK(alone.status == 409);
  CHECK(alone.body["field"] == "plan");
  CHECK(alone.body["code"] == "pinned");
  CHECK(alone.body["detail"].get<std::string>().find("is pinned to the week of Monday") != std::string::npos);
  CHECK(alone.body["detail"].get<std::string>().find("H12") == std::string::npos);

  Answer imported = s.call("PUT", "/scenario", office, json{{"scenario", scenario.body}, {"plan", plan.body}});
  REQUIRE(imported.status == 200);
  CHECK(imported.body["bookings"] == plan.body["assignments"].size());
  CHECK(s.call("GET", "/scenario", office).body == scenario.body);
  CHECK(s.call("GET", "/plan", office).body == plan.body);
}

TEST_CASE("service: the load report names each peer and their home council", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/load.db", {"--solve-seconds", "1"});
  const std::string& office = s.token("office");
  json report = s.call("GET", "/reports/load", office).body;
  REQUIRE(report["peer_days"].size() > 0);
  int homed = 0;
  for (const json& entry : report["peer_days"]) {
    json peer = s.call("GET", "/peers/" + entry["peer"].get<std::string>(), office).body;
    CHECK(entry["name"] == peer["name"]);
    if (peer["council"].get<std::string>().empty()) {
      CHECK(entry["council_name"].is_null());
      continue;
    }
    CHECK(entry["council_name"] == s.call("GET", "/councils/" + peer["council"].get<std::string>(), office).body["name"]);
    if (++homed == 20) break;
  }
  CHECK(homed > 0);
}

TEST_CASE("service: the office lists the booked challenges' milestones by date", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string file = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(2, 2, 1, 4).dump());
  ServiceProcess s(dir + "/milestones.db", {"--seed-scenario", file, "--solve-seconds", "0"});
  const std::string& office = s.token("office");
  REQUIRE(s.call("POST", "/requests/Q01/booking", office, json{{"week", "2011-04-11"}}).status == 201);
  REQUIRE(s.call("POST", "/requests/Q02/booking", office, json{{"week", "2011-04-18"}}).status == 201);

  Answer april = s.call("GET", "/reports/milestones?from=2011-04-01&to=2011-04-30", office);
  REQUIRE(april.status == 200);
  std::vector<std::string> seen;
  for (const json& m : april.body)
    seen.push_back(m["request"].get<std::string>() + " " + m.value("date", m.value("start", "")) + " " + m["what"].get<std::string>());
  CHECK(seen == std::vector<std::string>{
                    "Q02 2011-03-28 Position statement and papers sent to the team",  // until 4 April
                    "Q01 2011-04-11 Days on site",
                    "Q01 2011-04-13 Feedback presentation on the last day",
                    "Q01 2011-04-14 Report and action plan",
                    "Q02 2011-04-18 Days on site",
                    "Q02 2011-04-20 Feedback presentation on the last day",
                    "Q02 2011-04-21 Report and action plan",
                });
  const json& on_site = april.body[1];
  CHECK(on_site["end"] == "2011-04-13");
  CHECK(on_site["when"] == "11 April to 13 April 2011");
  CHECK(on_site["reference"] == s.call("GET", "/requests/Q01", office).body["booking"]["reference"]);
  CHECK(on_site["council"] == "C01");
  CHECK(on_site["council_name"] == "Council 1");
  CHECK(april.body[2]["date"] == "2011-04-13");
  CHECK_FALSE(april.body[2].contains("start"));

  Answer whole = s.call("GET", "/reports/milestones", office);  // the programme's window
  REQUIRE(whole.status == 200);
  CHECK(whole.body.size() > april.body.size());
  for (std::size_t i = 1; i < whole.body.size(); ++i)
    CHECK(whole.body[i - 1].value("date", whole.body[i - 1].value("start", "")) <= whole.body[i].value("date", whole.body[i].value("start", "")));
  Answer bad = s.call("GET", "/reports/milestones?from=2011-13-01", office);
  CHECK(bad.status == 422);
  CHECK(bad.body["field"] == "from");
  Answer backwards = s.call("GET", "/reports/milestones?from=2011-05-01&to=2011-04-01", office);
  CHECK(backwards.status == 422);
  CHECK(backwards.body["field"] == "to");
  CHECK(s.call("GET", "/reports/milestones", s.user_token("council", "C01")).status == 403);
}
