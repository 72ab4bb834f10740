// End to end: the collections are pages in a stable order with filters.
// Walking any list a page at a time by its cursor gives every item once,
// in the same order as one big page; filters narrow it; a misspelt or
// impossible filter, a forged cursor and a limit out of range are refused
// naming the parameter.
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;

namespace {

// The ids of every item of `path`'s list `name`, walked `limit` at a time.
std::vector<std::string> walk(const ServiceProcess& s, const std::string& path, const std::string& name, int limit) {
  std::vector<std::string> ids;
  std::string separator = path.find('?') == std::string::npos ? "?" : "&";
  std::string cursor;
  for (int pages = 0; pages < 1000; ++pages) {
    std::string url = path + separator + "limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor);
    Answer page = s.call("GET", url, s.token("office"));
    REQUIRE(page.status == 200);
    REQUIRE(page.body[name].size() <= static_cast<std::size_t>(limit));
    for (const json& item : page.body[name]) ids.push_back(item["id"].dump());
    if (page.body["next"].is_null()) return ids;
    REQUIRE(page.body[name].size() == static_cast<std::size_t>(limit));  // only the last page is short
    cursor = page.body["next"].get<std::string>();
  }
  FAIL("the list " << path << " did not end");
  return ids;
}

}  // namespace

TEST_CASE("service: every list walks by its cursor, each item once, in a stable order, and filters narrow it", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/demo.db", {"--solve-seconds", "1"});
  const std::string& office = s.token("office");

  for (const auto& [path, name] : std::vector<std::pair<std::string, std::string>>{
           {"/requests", "requests"}, {"/peers", "peers"}, {"/councils", "councils"}, {"/users", "users"}, {"/audit", "entries"}}) {
    INFO(path);
    std::vector<std::string> whole = walk(s, path, name, 1000);
    REQUIRE(whole.size() > 3);
    CHECK(walk(s, path, name, 3) == whole);
    CHECK(std::set<std::string>(whole.begin(), whole.end()).size() == whole.size());
  }

  // Filters: each item matches, and together the parts are the whole.
  Answer booked = s.call("GET", "/requests?status=booked&limit=1000", office);
  Answer unbooked = s.call("GET", "/requests?status=unbooked&limit=1000", office);
  REQUIRE(booked.status == 200);
  for (const json& r : booked.body["requests"]) CHECK(!r["booking"].is_null());
  for (const json& r : unbooked.body["requests"]) CHECK(r["booking"].is_null());
  CHECK(booked.body["requests"].size() + unbooked.body["requests"].size() == walk(s, "/requests", "requests", 1000).size());
  std::string council = s.subject("council");
  Answer own = s.call("GET", "/requests?council=" + council, office);
  CHECK(own.body["requests"] == s.call("GET", "/councils/" + council + "/requests", s.token("council")).body["requests"]);
  json subject = s.call("GET", "/requests?kind=subject&limit=1000", office).body["requests"];
  for (const json& r : subject) CHECK(r["kind"] == "subject");

  Answer members = s.call("GET", "/peers?role=member&party=Labour&limit=1000", office);
  REQUIRE(!members.body["peers"].empty());
  for (const json& p : members.body["peers"]) CHECK((p["role"] == "member" && p["party"] == "Labour"));
  std::string name = members.body["peers"][0]["name"];
  std::string part = name.substr(name.rfind(' ') + 1, 3);  // a part of the surname, upper case
  std::transform(part.begin(), part.end(), part.begin(), [](unsigned char c) { return std::toupper(c); });
  INFO(name << " found by " << part);
  json named = s.call("GET", "/peers?name=" + part + "&limit=1000", office).body["peers"];
  bool found = false;
  for (const json& p : named) found = found || p["name"] == name;
  CHECK(found);
  Answer hartlepool = s.call("GET", "/councils?name=hartle", office);
  REQUIRE(hartlepool.body["councils"].size() == 1);
  CHECK(hartlepool.body["councils"][0]["id"] == council);
  json seeded = s.call("GET", "/audit?action=SEED&limit=1000", office).body["entries"];
  REQUIRE(!seeded.empty());
  for (const json& e : seeded) CHECK(e["action"].get<std::string>().find("seed") != std::string::npos);

  // Refusals name the parameter, in words.
  CHECK(s.call("GET", "/requests?stauts=booked", office).body["field"] == "stauts");
  CHECK(s.call("GET", "/requests?kind=party", office).body["field"] == "kind");
  CHECK(s.call("GET", "/peers?role=mayor", office).status == 422);
  CHECK(s.call("GET", "/councils?cursor=not-a-cursor", office).body["field"] == "cursor");
  std::string requests_next = s.call("GET", "/requests?limit=1", office).body["next"];
  CHECK(s.call("GET", "/peers?cursor=" + requests_next, office).body["field"] == "cursor");  // another list's cursor
  CHECK(s.call("GET", "/audit?cursor=" + requests_next, office).body["field"] == "cursor");
  CHECK(s.call("GET", "/users?limit=1001", office).body["field"] == "limit");
  CHECK(s.call("GET", "/jobs?state=lost", office).body["field"] == "state");
  CHECK(s.call("GET", "/requests", s.token("council")).status == 403);
  CHECK(s.call("GET", "/peers", s.token("group")).status == 403);

  // Jobs: a started solve is listed, oldest first.
  REQUIRE(s.call("POST", "/solve", office, json{{"seconds", 1}}).status == 202);
  Answer jobs = s.call("GET", "/jobs", office);
  REQUIRE(jobs.status == 200);
  REQUIRE(jobs.body["jobs"].size() == 1);
  CHECK(jobs.body["jobs"][0]["id"] == 1);
  CHECK(jobs.body["jobs"][0]["preview"].is_null());
}
