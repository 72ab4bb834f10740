// service_webhook_test.cpp — webhooks end to end: the real `peerslot serve`
// posts to a receiver that verifies every signature by the Standard
// Webhooks specification with Python's standard library
// (webhook_receiver.py, no code of ours), while the receiver is first down,
// then failing, then well; the delivery log shows each attempt. An
// endpoint that answers 410 Gone is turned off, and its failed delivery is
// sent again by the office.
#include "local_server.h"
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

namespace {

using peerslot::e2e::Answer;
using peerslot::e2e::LocalServer;
using peerslot::e2e::ServiceProcess;
using json = nlohmann::json;

std::vector<json> received(const std::string& log) {
  std::vector<json> out;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

// The endpoint's deliveries of `status`, waiting up to 60 s until there are at least `count`.
json deliveries(const ServiceProcess& s, std::int64_t webhook, const std::string& status, std::size_t count) {
  json found = json::array();
  for (int i = 0; i < 600; ++i) {
    Answer log = s.call("GET", "/webhooks/" + std::to_string(webhook) + "/deliveries?status=" + status, s.token("office"));
    REQUIRE(log.status == 200);
    found = log.body["deliveries"];
    if (found.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return found;
}

int forged_post(int port) {
  std::string command = "curl -s -o /dev/null -w '%{http_code}' -X POST -H 'webhook-id: msg_1' -H 'webhook-timestamp: " +
                        std::to_string(std::time(nullptr)) + "' -H 'webhook-signature: v1,AAAA' --data '{}' http://127.0.0.1:" +
                        std::to_string(port) + "/hook";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  char code[8] = "";
  std::size_t n = std::fread(code, 1, sizeof code - 1, pipe);
  ::pclose(pipe);
  return std::atoi(std::string(code, n).c_str());
}

}  // namespace

TEST_CASE("service: webhooks reach a receiver that verifies them, through an outage and a failure, with a delivery log", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string scenario = peerslot::e2e::write_file(dir, "scenario.json", peerslot::e2e::small_scenario(3, 6, 2, 5).dump());
  ServiceProcess s(dir + "/hooks.db", {"--seed-scenario", scenario, "--solve-seconds", "0", "--mail-poll-seconds", "1",
                                       "--mail-retry-seconds", "1"});
  const std::string& office = s.token("office");
  int port = peerslot::e2e::free_port();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";

  // Only the office registers endpoints; a bad one is refused naming the field.
  CHECK(s.call("GET", "/webhooks", s.token("council")).status == 403);
  Answer bad = s.call("POST", "/webhooks", office, json{{"url", "ftp://example.org/"}, {"types", {"challenge.booked"}}});
  CHECK(bad.status == 422);
  CHECK(bad.body["field"] == "url");
  Answer unknown = s.call("POST", "/webhooks", office, json{{"url", url}, {"types", {"booking.made"}}});
  CHECK(unknown.status == 422);
  CHECK(unknown.body["field"] == "types");

  json hook = {{"url", url}, {"description", "finance system"},
               {"types", {"challenge.booked", "challenge.cancelled", "team.peer_proposed", "webhook.test"}}};
  Answer made = s.call("POST", "/webhooks", office, hook);
  REQUIRE(made.status == 201);
  std::string secret = made.body["secret"];
  CHECK(secret.rfind("whsec_", 0) == 0);
  std::int64_t id = made.body["id"];
  Answer listed = s.call("GET", "/webhooks", office);
  REQUIRE(listed.status == 200);
  CHECK(listed.body["webhooks"][0]["url"] == url);
  CHECK(listed.text.find(secret) == std::string::npos);  // shown once, never again
  CHECK(listed.body["event_types"].size() >= 8);

  // Booked while the receiver is down: the attempts fail and are kept.
  std::string council = s.subject("council");
  std::string request = "Q" + council.substr(1);
  Answer booked = s.call("POST", "/requests/" + request + "/booking", s.token("council"), json{{"week", "2011-06-06"}});
  REQUIRE(booked.status == 201);
  json waiting = deliveries(s, id, "queued", 3);
  REQUIRE(waiting.size() == 3);
  for (int i = 0; i < 100; ++i) {
    waiting = deliveries(s, id, "queued", 3);
    if (waiting[0]["attempts"] >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(waiting[0]["attempts"] >= 1);
  CHECK(waiting[0]["last_error"].get<std::string>().find(url + " did not answer") == 0);

  // The receiver comes up, refuses the first verified post with 500, then takes everything.
  std::string log = dir + "/received.jsonl";
  LocalServer receiver({"/usr/bin/python3", PEERSLOT_TEST_DIR "/e2e/webhook_receiver.py", std::to_string(port), secret, log, "1"}, port);
  json delivered = deliveries(s, id, "delivered", 3);
  REQUIRE(delivered.size() == 3);
  std::set<std::string> types;
  for (const json& d : delivered) {
    types.insert(d["type"].get<std::string>());
    CHECK(d["response_status"] == 200);
    CHECK(d["response_body"] == "thanks");
    CHECK(d["payload"]["data"]["request"] == request);
  }
  CHECK(types == std::set<std::string>{"challenge.booked", "team.peer_proposed"});

  std::vector<json> posts = received(log);
  REQUIRE(posts.size() >= 4);
  std::set<std::string> taken;
  for (const json& p : posts) {
    CHECK(p["verified"] == true);
    CHECK(p["content_type"] == "application/json");
    if (p["status"] == 200) taken.insert(p["id"].get<std::string>());
  }
  CHECK(posts[0]["status"] == 500);
  CHECK(taken.count(posts[0]["id"].get<std::string>()));  // the retry came with the same webhook-id
  CHECK(taken.size() == 3);
  // The receiver does check: a post with a wrong signature is refused.
  CHECK(forged_post(port) == 401);

  // A cancellation, and a test the office sends; a peer leaving is not subscribed.
  REQUIRE(s.call("DELETE", "/requests/" + request + "/booking", s.token("council")).status == 200);
  REQUIRE(s.call("POST", "/webhooks/" + std::to_string(id) + "/tests", office).status == 202);
  delivered = deliveries(s, id, "delivered", 5);
  REQUIRE(delivered.size() == 5);
  CHECK(delivered[0]["type"] == "webhook.test");  // newest first
  CHECK(delivered[1]["type"] == "challenge.cancelled");

  // Paging: two at a time, by the cursor the reply gives.
  std::string by_two = "/webhooks/" + std::to_string(id) + "/deliveries?limit=2";
  Answer page = s.call("GET", by_two, office);
  REQUIRE(page.body["deliveries"].size() == 2);
  Answer next = s.call("GET", by_two + "&cursor=" + page.body["next"].get<std::string>(), office);
  REQUIRE(next.status == 200);
  CHECK(next.body["deliveries"][0]["id"] == delivered[2]["id"]);

  // Disabled, it is sent nothing new; removed, it is gone with its log.
  Answer off = s.call("PATCH", "/webhooks/" + std::to_string(id), office, json{{"disabled", true}});
  REQUIRE(off.status == 200);
  CHECK(off.body["disabled"] == true);
  REQUIRE(s.call("POST", "/requests/" + request + "/booking", s.token("council"), json{{"week", "2011-06-13"}}).status == 201);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(deliveries(s, id, "", 0).size() == 5);
  CHECK(s.call("DELETE", "/webhooks/" + std::to_string(id), office).status == 204);
  CHECK(s.call("GET", "/webhooks/" + std::to_string(id), office).status == 404);

  Answer audit = s.call("GET", "/audit?limit=1000", office);
  CHECK(audit.text.find("add webhook " + url) != std::string::npos);
  CHECK(audit.text.find(secret) == std::string::npos);
}

TEST_CASE("service: an endpoint that answers 410 Gone is turned off, and once on again its failed delivery is sent again", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  std::string scenario = peerslot::e2e::write_file(dir, "scenario.json", peerslot::e2e::small_scenario(3, 6, 2, 5).dump());
  ServiceProcess s(dir + "/gone.db", {"--seed-scenario", scenario, "--solve-seconds", "0", "--mail-poll-seconds", "1"});
  const std::string& office = s.token("office");
  int port = peerslot::e2e::free_port();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  Answer made = s.call("POST", "/webhooks", office, json{{"url", url}, {"types", {"webhook.test"}}});
  REQUIRE(made.status == 201);
  std::int64_t id = made.body["id"];
  std::string hook = "/webhooks/" + std::to_string(id);
  std::string log = dir + "/received.jsonl";
  LocalServer receiver({"/usr/bin/python3", PEERSLOT_TEST_DIR "/e2e/webhook_receiver.py", std::to_string(port),
                        made.body["secret"].get<std::string>(), log, "1", "410"},
                       port);

  // The first post is answered 410 Gone: that delivery fails at once and the endpoint is off.
  Answer test = s.call("POST", hook + "/tests", office);
  REQUIRE(test.status == 202);
  std::string delivery = std::to_string(test.body["id"].get<std::int64_t>());
  json dead = deliveries(s, id, "dead", 1);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0]["attempts"] == 1);
  CHECK(dead[0]["response_status"] == 410);
  CHECK(s.call("GET", hook, office).body["disabled"] == true);
  CHECK(s.call("GET", "/audit?actor=webhook%20sender", office).body["entries"].size() == 1);

  // Sent again once it is on: queued as new, then delivered with the same webhook-id.
  CHECK(s.call("POST", hook + "/deliveries/999999/attempts", office).body["field"] == "delivery");
  CHECK(s.call("POST", hook + "/deliveries/first/attempts", office).status == 404);
  CHECK(s.call("POST", hook + "/deliveries/" + delivery + "/attempts", s.token("council")).status == 403);
  REQUIRE(s.call("PATCH", hook, office, json{{"disabled", false}}).status == 200);
  Answer again = s.call("POST", hook + "/deliveries/" + delivery + "/attempts", office);
  REQUIRE(again.status == 202);
  CHECK(again.body["status"] == "queued");
  CHECK(again.body["attempts"] == 0);
  json delivered = deliveries(s, id, "delivered", 1);
  REQUIRE(delivered.size() == 1);
  CHECK(std::to_string(delivered[0]["id"].get<std::int64_t>()) == delivery);
  CHECK(delivered[0]["response_status"] == 200);
  std::vector<json> posts = received(log);
  REQUIRE(posts.size() == 2);
  CHECK(posts[0]["status"] == 410);
  CHECK(posts[1]["status"] == 200);
  CHECK(posts[1]["id"] == posts[0]["id"]);
  Answer twice = s.call("POST", hook + "/deliveries/" + delivery + "/attempts", office);
  CHECK(twice.status == 409);
  CHECK(twice.body["field"] == "delivery");
}
