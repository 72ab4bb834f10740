// End to end: a political group office on the national demo sees its
// party's councillor peers, approves one, vetoes one (the engine replaces
// them), nominates one (refusals in words), and reads days by party; other
// callers are kept out. And a database made before group offices existed
// is upgraded with its users and replies kept.
#include "service_harness.h"
#include "store/migrations.h"
#include "store/sqlite_store.h"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <cmath>
#include <regex>
#include <set>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

namespace {

// No rule id ("H5"), and the sentence names people, not ids.
void check_words(const std::string& text) {
  INFO(text);
  CHECK(!text.empty());
  CHECK(!std::regex_search(text, std::regex("\\bH[0-9]+\\b")));
  CHECK(!std::regex_search(text, std::regex("\\bP[0-9]{3,}\\b")));
}

const json* find_seat(const json& booking, const std::string& peer) {
  for (const json& seat : booking["peers"])
    if (seat["id"] == peer) return &seat;
  return nullptr;
}

// A proposed assignment of one of the group's peers, on a challenge the
// office has not fixed: {peer, request}.
std::pair<std::string, std::string> proposed_assignment(const json& group, const std::set<std::string>& skip) {
  for (const json& peer : group["peers"])
    for (const json& a : peer["assignments"])
      if (a["status"] == "proposed" && !skip.count(a["request"].get<std::string>()))
        return {peer["id"], a["request"]};
  return {"", ""};
}

}  // namespace

TEST_CASE("service: a political group office approves, vetoes and nominates its councillor peers", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string db = dir + "/demo.db";
  ServiceProcess s(db, {"--solve-seconds", "1"});
  const std::string& group = s.token("group");
  std::string party = s.subject("group");
  REQUIRE(!party.empty());

  Answer me = s.call("GET", "/me", group);
  REQUIRE(me.status == 200);
  CHECK(me.body["role"] == "group");
  CHECK(me.body["party"] == party);
  CHECK(me.body["display_name"] == party + " group office");
  std::string slug = me.body["group"];

  Answer view = s.call("GET", "/groups/" + slug, group);
  REQUIRE(view.status == 200);
  CHECK(view.body["party"] == party);
  REQUIRE(!view.body["peers"].empty());
  for (const json& peer : view.body["peers"]) {
    CHECK(peer["role"] == "member");
    CHECK(peer["party"] == party);
  }
  REQUIRE(!view.body["challenges"].empty());
  for (const json& c : view.body["challenges"]) {
    CHECK((c["control"] == party || c["control"] == "No overall control"));
    CHECK(!c["council_name"].get<std::string>().empty());
  }

  SECTION("others are kept out") {
    CHECK(s.call("GET", "/groups/no-such-party", group).status == 404);
    CHECK(s.call("GET", "/groups/" + slug, s.token("council")).status == 403);
    CHECK(s.call("GET", "/groups/" + slug, s.token("office")).status == 200);
    Answer bad_user = s.call("POST", "/users", s.token("office"), json{{"name", "x"}, {"email", "x@example.org"}, {"role", "group"}, {"subject", "Nobody"}});
    CHECK(bad_user.status == 422);
    CHECK(bad_user.body["field"] == "subject");
    std::string other_party;
    json shares = s.call("GET", "/reports/parties", group).body;
    for (const json& year : shares["years"])
      for (const json& p : year["parties"])
        if (p["party"] != party && p["days"].get<int>() > 0) other_party = p["party"];
    REQUIRE(!other_party.empty());
    std::string other = s.user_token("group", other_party);
    CHECK(s.call("GET", "/groups/" + slug, other).status == 403);
    auto [peer, request] = proposed_assignment(view.body, {});
    REQUIRE(!peer.empty());
    Answer refused = s.call("POST", "/requests/" + request + "/team/" + peer + "/approval", other);
    CHECK(refused.status == 403);
    CHECK(s.call("POST", "/requests/" + request + "/nominations", group, json{{"peer", peer}, {"extra", 1}}).status == 422);
    Answer missing = s.call("POST", "/requests/" + request + "/nominations", group, json::object());
    CHECK(missing.status == 422);
    CHECK(missing.body["field"] == "peer");
  }

  SECTION("days by party against the proportional share") {
    Answer report = s.call("GET", "/reports/parties", group);
    REQUIRE(report.status == 200);
    check_words(report.body["basis"]);
    REQUIRE(!report.body["years"].empty());
    for (const json& year : report.body["years"]) {
      double share = 0, proportional = 0;
      int days = 0;
      for (const json& p : year["parties"]) {
        share += p["share"].get<double>();
        proportional += p["proportional_share"].get<double>();
        days += p["days"].get<int>();
      }
      if (days > 0) CHECK(std::abs(share - 1.0) < 1e-9);
      CHECK(std::abs(proportional - 1.0) < 1e-9);
    }
  }

  SECTION("approve, then the approval survives a restart") {
    auto [peer, request] = proposed_assignment(view.body, {});
    REQUIRE(!peer.empty());
    Answer approved = s.call("POST", "/requests/" + request + "/team/" + peer + "/approval", group);
    REQUIRE(approved.status == 200);
    REQUIRE(find_seat(approved.body, peer));
    CHECK((*find_seat(approved.body, peer))["approved"] == true);
    s.stop();
    ServiceProcess again(db, {"--demo-tokens"});
    json booking = again.call("GET", "/requests/" + request, again.token("office")).body["booking"];
    REQUIRE(find_seat(booking, peer));
    CHECK((*find_seat(booking, peer))["approved"] == true);
  }

  SECTION("a veto replaces the peer, who is never proposed for that challenge again") {
    std::set<std::string> pinned;
    json scenario = s.call("GET", "/scenario", s.token("office")).body;
    for (const json& r : scenario["requests"])
      if (r.contains("pinned")) pinned.insert(r["id"].get<std::string>());
    auto [peer, request] = proposed_assignment(view.body, pinned);
    REQUIRE(!peer.empty());
    Answer vetoed = s.call("POST", "/requests/" + request + "/team/" + peer + "/veto", group);
    REQUIRE(vetoed.status == 200);
    if (!vetoed.body.is_null()) CHECK(!find_seat(vetoed.body, peer));
    scenario = s.call("GET", "/scenario", s.token("office")).body;
    for (const json& r : scenario["requests"])
      if (r["id"] == request) CHECK(r["declined"].dump().find(peer) != std::string::npos);
    Answer again = s.call("POST", "/requests/" + request + "/team/" + peer + "/veto", group);
    CHECK(again.status == 404);
  }

  SECTION("a nomination is judged by the engine and refused in words") {
    std::string before = s.call("GET", "/plan", s.token("office")).text;
    int refused = 0, taken = 0;
    std::set<std::string> codes;
    for (const json& challenge : view.body["challenges"]) {
      if (taken > 0 && refused > 2) break;
      for (const json& peer : view.body["peers"]) {
        std::string request = challenge["request"], id = peer["id"];
        bool on_team = false;
        for (const json& m : challenge["members"]) on_team = on_team || m["id"] == id;
        if (on_team) continue;
        Answer nominated = s.call("POST", "/requests/" + request + "/nominations", group, json{{"peer", id}});
        if (nominated.status == 409) {
          ++refused;
          codes.insert(nominated.body["code"].get<std::string>());
          check_words(nominated.body["detail"]);
          CHECK(nominated.body["detail"].get<std::string>().find(peer["name"].get<std::string>()) != std::string::npos);
          continue;
        }
        REQUIRE(nominated.status == 200);
        REQUIRE(find_seat(nominated.body, id));
        int kept = 0;
        for (const json& seat : nominated.body["peers"])
          for (const json& m : challenge["members"]) kept += seat["id"] == m["id"] ? 1 : 0;
        CHECK(kept == static_cast<int>(challenge["members"].size()) - 1);  // one councillor seat changed hands
        ++taken;
        break;
      }
    }
    CHECK(taken > 0);
    CHECK(refused > 0);
    CHECK(s.call("GET", "/plan", s.token("office")).text != before);
    for (const std::string& code : codes) CHECK(!code.empty());
  }
}

TEST_CASE("store: a database made before group offices and accounts is upgraded with its users, tokens and replies", "[service]") {
  std::string db = peerslot::e2e::temp_dir() + "/old.db";
  {
    SQLite::Database old(db, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    const auto migrations = peerslot::store::embedded_migrations();
    REQUIRE(migrations.size() >= 2);
    old.exec(migrations[0].sql);
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'then')");
    old.exec("INSERT INTO schema_migrations(version, name) VALUES (1, '001_init.sql')");
    old.exec("INSERT INTO users(id, name, role, subject, token_hash, created_at) VALUES (7, 'Programme office', 'office', NULL, 'abc', 't')");
    old.exec("INSERT INTO idempotency(user_id, key, fingerprint, status, body) VALUES (7, 'k', 'f', 201, '{}')");
  }
  auto store = peerslot::store::SqliteStore::open(db);
  REQUIRE(store.is_ok());
  auto accounts = store.value()->accounts(0);
  REQUIRE(accounts.is_ok());
  REQUIRE(accounts.value().users.size() == 1);
  CHECK(accounts.value().users[0].id == 7);
  CHECK(accounts.value().users[0].email.empty());
  REQUIRE(accounts.value().tokens.size() == 1);
  CHECK(accounts.value().tokens[0].user_id == 7);
  CHECK(accounts.value().tokens[0].hash == "abc");
  CHECK(accounts.value().tokens[0].expires_at > accounts.value().tokens[0].created_at);
  auto reply = store.value()->reply(7, "k");
  REQUIRE(reply.is_ok());
  REQUIRE(reply.value());
  CHECK(reply.value()->status == 201);
  std::vector<peerslot::service::User> group = {{0, "Labour group office", "labour@example.org", "group", "Labour", false, 1, {}}};
  CHECK(store.value()->put_users(&group, "test", "create user").is_ok());
  SQLite::Database check(db);
  CHECK(check.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}

TEST_CASE("service: the office records election results from a spreadsheet, all or nothing", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "0"});
  const std::string& office = s.token("office");
  json scenario = s.call("GET", "/scenario", office).body;
  const json& first = scenario["councils"][0];
  const json& second = scenario["councils"][1];
  auto other_than = [](const json& council) { return council["control"] == "Labour" ? "Conservative" : "Labour"; };
  std::string csv = "council,date,control,support_days\r\n" +
                    first["id"].get<std::string>() + ",2013-05-02," + other_than(first) + ",3\r\n" +
                    second["id"].get<std::string>() + ",2012-05-03," + other_than(second) + ",\r\n" +
                    first["id"].get<std::string>() + ",2012-05-03,NOC,0\r\n";  // earlier: recorded first
  std::map<std::string, std::string> as_csv = {{"Content-Type", "text/csv"}};
  std::string before = s.call("GET", "/scenario", office).text;

  // A bad line refuses the whole batch, naming its line.
  std::string bad = csv + second["id"].get<std::string>() + ",2012-13-01,Labour,\r\n";
  Answer refused = s.call("PUT", "/control-changes.csv", office, bad, as_csv);
  CHECK(refused.status == 422);
  CHECK(refused.body["field"] == "line 5.date");
  CHECK(s.call("GET", "/scenario", office).text == before);
  CHECK(s.call("PUT", "/control-changes.csv", office, std::string("council,date\r\n"), as_csv).status == 422);
  CHECK(s.call("PUT", "/control-changes.csv", s.token("council"), csv, as_csv).status == 403);

  Answer recorded = s.call("PUT", "/control-changes.csv", office, csv, as_csv);
  REQUIRE(recorded.status == 200);
  CHECK(recorded.body["recorded"] == 3);
  // Support is offered where control changed and days were asked for (2 when left empty):
  // the second council, and the first's change from NOC to a party; not its change to NOC (0 days).
  CHECK(recorded.body["support_requests"].size() == 2);
  json after = s.call("GET", "/councils/" + first["id"].get<std::string>(), office).body;
  REQUIRE(after["control_changes"].size() == 2);
  CHECK(after["control_changes"][0]["control"] == "NOC");
  CHECK(after["control_changes"][1]["date"] == "2013-05-02");
  for (const json& id : recorded.body["support_requests"]) {
    json request = s.call("GET", "/requests/" + id.get<std::string>(), office).body;
    CHECK(request["kind"] == "support");
    if (request["council"] == second["id"]) CHECK(request["days"] == 2);
  }
  CHECK(peerslot::e2e::check_service_plan(s) == "");
}
