// End to end: many clients booking the last places at once never overfill a
// week nor double-book a peer, and nothing acknowledged is lost when the
// server is killed and restarted.
#include "service_harness.h"
#include "store/migrations.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <thread>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

namespace {

std::string id(char prefix, int i) { return prefix + std::string(i < 10 ? "0" : "") + std::to_string(i); }

// Each of `clients` councils books its request into `week` at the same moment.
std::vector<int> race(const ServiceProcess& s, const std::vector<std::string>& tokens, const std::string& week) {
  std::vector<int> statuses(tokens.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    threads.emplace_back([&, i] {
      std::string request = id('Q', static_cast<int>(i) + 1);
      statuses[i] = s.retried("POST", "/requests/" + request + "/booking", tokens[i], json{{"week", week}}, "race-" + request).status;
    });
  for (std::thread& t : threads) t.join();
  return statuses;
}

}  // namespace

TEST_CASE("service: 32 councils race for the last places in a week", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  SECTION("the week's capacity binds: exactly 4 of 32 get in") {
    std::string file = peerslot::e2e::write_file(dir, "cap.json", peerslot::e2e::small_scenario(32, 40, 1, 4).dump());
    ServiceProcess s(dir + "/cap.db", {"--seed-scenario", file, "--solve-seconds", "0"});
    std::vector<std::string> tokens;
    for (int i = 1; i <= 32; ++i) tokens.push_back(s.user_token("council", id('C', i)));
    std::vector<int> statuses = race(s, tokens, "2011-09-05");
    INFO(json(statuses).dump());
    CHECK(std::count(statuses.begin(), statuses.end(), 201) == 4);
    CHECK(std::count(statuses.begin(), statuses.end(), 409) == 28);
    CHECK(s.call("GET", "/plan", s.token("office")).body["assignments"].size() == 4);
    CHECK(peerslot::e2e::check_service_plan(s) == "");
  }
  SECTION("the peers bind: 12 officers make 3 teams of 4, so 3 of 32 get in") {
    std::string file = peerslot::e2e::write_file(dir, "peers.json", peerslot::e2e::small_scenario(32, 12, 4, 8).dump());
    ServiceProcess s(dir + "/peers.db", {"--seed-scenario", file, "--solve-seconds", "0"});
    std::vector<std::string> tokens;
    for (int i = 1; i <= 32; ++i) tokens.push_back(s.user_token("council", id('C', i)));
    std::vector<int> statuses = race(s, tokens, "2011-09-05");
    CHECK(std::count(statuses.begin(), statuses.end(), 201) == 3);
    json plan = s.call("GET", "/plan", s.token("office")).body;
    std::set<std::string> seated;
    for (const json& a : plan["assignments"])
      for (const json& p : a["peers"]) CHECK(seated.insert(p.get<std::string>()).second);
    CHECK(seated.size() == 12);
    CHECK(peerslot::e2e::check_service_plan(s) == "");
  }
  SECTION("one request, 32 tries with different keys: booked once") {
    std::string file = peerslot::e2e::write_file(dir, "one.json", peerslot::e2e::small_scenario(2, 6, 1, 4).dump());
    ServiceProcess s(dir + "/one.db", {"--seed-scenario", file, "--solve-seconds", "0"});
    std::string token = s.user_token("council", "C01");
    std::vector<int> statuses(32);
    std::vector<std::thread> threads;
    for (int i = 0; i < 32; ++i)
      threads.emplace_back([&, i] {
        statuses[i] = s.retried("POST", "/requests/Q01/booking", token, json{{"week", "2011-09-05"}},
                                "try-" + std::to_string(i)).status;
      });
    for (std::thread& t : threads) t.join();
    INFO(json(statuses).dump());
    CHECK(std::count(statuses.begin(), statuses.end(), 201) == 1);
    CHECK(std::count(statuses.begin(), statuses.end(), 409) == 31);
  }
}

TEST_CASE("service: acknowledged changes survive a crash and a restart", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string file = peerslot::e2e::write_file(dir, "small.json", peerslot::e2e::small_scenario(3, 6, 2, 4).dump());
  std::string db = dir + "/restart.db";
  std::string council;
  json booked;
  {
    ServiceProcess s(db, {"--seed-scenario", file, "--solve-seconds", "0"});
    council = s.user_token("council", "C01");
    Answer a = s.call("POST", "/requests/Q01/booking", council, json{{"week", "2011-09-05"}});
    REQUIRE(a.status == 201);
    booked = a.body;
    REQUIRE(s.call("PATCH", "/councils/C02", s.token("office"),
                   json{{"blackouts", {{{"start", "2011-12-19"}, {"end", "2012-01-06"}}}}}).status == 200);
    s.crash();
  }
  ServiceProcess again(db, {"--seed-scenario", file, "--solve-seconds", "0", "--demo-tokens"});
  CHECK(again.log().find("seeding") == std::string::npos);
  CHECK(again.call("GET", "/requests/Q01", council).body == booked);
  CHECK(again.call("GET", "/councils/C02", again.token("office")).body["blackouts"].size() == 1);
  json audit = again.call("GET", "/audit?limit=1000", again.token("office")).body["entries"];
  std::set<std::string> actions;
  for (const json& entry : audit) actions.insert(entry["action"].get<std::string>());
  CHECK(actions.count("book Q01 in 2011-09-05"));
  CHECK(actions.count("set blackouts of C02"));
  for (const json& entry : audit)
    if (entry["action"] == "book Q01 in 2011-09-05") {
      CHECK(entry["before"]["bookings/Q01"].is_null());
      CHECK(entry["after"]["bookings/Q01"]["week"] == "2011-09-05");
      CHECK(entry["actor"].get<std::string>().find("(council C01)") != std::string::npos);
    }
  again.stop();
  SQLite::Database sqlite(db);
  CHECK(sqlite.execAndGet("SELECT count(*) FROM schema_migrations").getInt() ==
        static_cast<int>(peerslot::store::embedded_migrations().size()));
  CHECK(sqlite.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(sqlite.execAndGet("SELECT count(*) FROM api_tokens WHERE hash = '" + council + "'").getInt() == 0);  // only its hash
}
