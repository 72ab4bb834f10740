// Webhooks: the Standard Webhooks signature against the standard's own
// example, what an endpoint may be, the events of a change, the service's
// queue (one delivery per event and endpoint, signed per attempt, retried
// with backoff, a dead letter at last), and the libcurl transport against a
// real HTTP server in this process.
#include "mail/webhook_sender.h"
#include "mail/webhook_transport.h"
#include "service/service.h"
#include "service/webhook_endpoint.h"
#include "service/webhook_events.h"
#include "service/webhook_signature.h"
#include "store/sqlite_store.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <thread>
#include <utility>

using namespace peerslot;
using namespace peerslot::service;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;
using Code = Status::Code;

namespace {

Scenario programme() {
  ScenarioBuilder b("2011-05-02", "2011-09-30");
  b.council("C0007", "Labour", 54.57, -1.32).name = "Stockton-on-Tees Borough Council";
  b.council("C0008", "Labour", 54.69, -1.21).name = "Hartlepool Borough Council";
  b.peer("P0101", Role::kMember, "C0008", 53.0, -2.0, "Labour").name = "Jo Bloggs";
  b.peer("P0102", Role::kChiefExecutive, "C0008", 53.0, -2.0).name = "Sam Patel";
  b.request("R0012", "C0007", 3, {1, 1, 0, 0, 0});
  return b.build();
}

const Date kJune13 = day("2011-06-13");
const Date kJuly11 = day("2011-07-11");

State booked(std::vector<Assignment> bookings) {
  return with_bookings(make_state(programme(), {}, {}, {}), std::move(bookings), {}, {});
}

Webhook endpoint(std::string url, std::set<std::string> types) {
  Webhook w;
  w.url = std::move(url);
  w.types = std::move(types);
  return w;
}

// A seeded service on an in-memory store whose clock the test sets.
struct Fixture {
  std::int64_t clock = 1307955600;
  std::unique_ptr<Service> service;
  Fixture() {
    ServiceOptions options;
    options.clock = [this] { return clock; };
    auto opened = Service::open(std::move(store::SqliteStore::open(":memory:")).value(), options);
    REQUIRE(opened.is_ok());
    service = std::move(opened).value();
    REQUIRE(service->seed(programme(), {}).is_ok());
  }
  Status book(Date week) {
    auto render = [](const State&) { return Reply{201, nlohmann::json::object()}; };
    auto operation = [week](Draft& d) {
      d.cancel("R0012");
      d.book({"R0012", week, {"P0101", "P0102"}});
      return Status::ok();
    };
    auto changed = service->change("office (test)", "book R0012", operation, render);
    return changed.is_ok() ? Status::ok() : changed.status();
  }
};

// An endpoint for bookings and moves, and the delivery that booking R0012
// in June queues for it.
std::pair<Webhook, std::int64_t> booked_endpoint(Fixture& f) {
  auto hook = f.service->create_webhook(endpoint("https://a.example.org/", {"challenge.booked", "challenge.moved"}), "office (test)");
  REQUIRE(hook.is_ok());
  REQUIRE(f.book(kJune13).is_ok());
  return {hook.value(), f.service->due_webhooks(f.clock, 10).value().at(0).delivery_id};
}

}  // namespace

TEST_CASE("the signature matches the Standard Webhooks reference libraries' example", "[webhooks]") {
  CHECK(webhook_signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                          "{\"test\": 2432232314}") == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(webhook_signature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                        "{\"test\": 2432232314}") == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  // Any change to the id, the time or the body changes it.
  CHECK(webhook_signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331,
                          "{\"test\": 2432232314}") != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST_CASE("new webhook secrets carry 24 random bytes, and message ids have no full stop", "[webhooks]") {
  std::string a = new_webhook_secret(), b = new_webhook_secret();
  CHECK(a != b);
  CHECK(a.rfind("whsec_", 0) == 0);
  CHECK(a.size() == 6 + 32);  // base64 of 24 bytes
  std::string id = new_message_id();
  CHECK(id.rfind("msg_", 0) == 0);
  CHECK(id.find('.') == std::string::npos);
  CHECK(id != new_message_id());
}

TEST_CASE("an endpoint needs an http or https address with a host, no password, and known kinds of event", "[webhooks]") {
  CHECK(check_webhook(endpoint("https://finance.example.org/hooks/peerslot?x=1", {"challenge.booked"})).is_ok());
  CHECK(check_webhook(endpoint("http://127.0.0.1:9000/", {"team.peer_declined", "webhook.test"})).is_ok());
  for (const char* bad : {"", "ftp://example.org/", "example.org/hook", "https://", "https:///path", "https://user:pw@example.org/",
                          "https://example.org/a b", "https://example.org/#top", "https://example.org/\n"}) {
    Status refused = check_webhook(endpoint(bad, {"challenge.booked"}));
    INFO(bad);
    CHECK(refused.code() == Code::kInvalid);
    CHECK(refused.field() == "url");
  }
  CHECK(check_webhook(endpoint("https://example.org/", {})).field() == "types");
  CHECK(check_webhook(endpoint("https://example.org/", {"booking.made"})).field() == "types");
  Webhook long_description = endpoint("https://example.org/", {"challenge.booked"});
  long_description.description = std::string(201, 'x');
  CHECK(check_webhook(long_description).field() == "description");
}

TEST_CASE("webhook events: a booking and its team, then a move, with names, weeks and the reference", "[webhooks]") {
  State none = booked({});
  State first = booked({{"R0012", kJune13, {"P0101", "P0102"}}});
  auto events = webhook_events(none, first);
  REQUIRE(events.size() == 3);
  CHECK(events[0].type == "challenge.booked");
  CHECK(events[0].data["council"] == "C0007");
  CHECK(events[0].data["council_name"] == "Stockton-on-Tees Borough Council");
  CHECK(events[0].data["week"] == "2011-06-13");
  CHECK(events[0].data["week_before"].is_null());
  CHECK(events[0].data["reference"] == booking_reference("R0012", kJune13));
  CHECK(events[1].type == "team.peer_proposed");
  CHECK(events[1].data["peer"]["name"] == "Jo Bloggs");

  auto moved = webhook_events(first, booked({{"R0012", kJuly11, {"P0101", "P0102"}}}));
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].type == "challenge.moved");
  CHECK(moved[0].data["week_before"] == "2011-06-13");
  CHECK(moved[0].data["week"] == "2011-07-11");

  auto cancelled = webhook_events(first, none);
  CHECK(cancelled[0].type == "challenge.cancelled");
  CHECK(cancelled[0].data["reference"].is_null());
  CHECK(cancelled[0].data["week"] == "2011-06-13");

  nlohmann::json body = nlohmann::json::parse(webhook_body(events[0], 1307955600));
  CHECK(body["type"] == "challenge.booked");
  CHECK(body["timestamp"] == "2011-06-13T09:00:00Z");
  CHECK(body["data"] == events[0].data);
  for (const auto& e : events) CHECK(is_webhook_event_type(e.type));
}

TEST_CASE("a change queues a delivery per event for each enabled endpoint that chose it, signed at each attempt", "[webhooks]") {
  Fixture f;
  auto all = f.service->create_webhook(endpoint("https://a.example.org/", {"challenge.booked", "team.peer_proposed"}), "office (test)");
  auto moves = f.service->create_webhook(endpoint("https://b.example.org/", {"challenge.moved"}), "office (test)");
  Webhook off = endpoint("https://c.example.org/", {"challenge.booked"});
  auto disabled = f.service->create_webhook(off, "office (test)");
  REQUIRE(all.is_ok());
  REQUIRE(moves.is_ok());
  REQUIRE(disabled.is_ok());
  off = disabled.value();
  off.disabled = true;
  REQUIRE(f.service->update_webhook(off, "office (test)").is_ok());
  CHECK(f.service->webhook(off.id)->secret == disabled.value().secret);  // a change keeps the secret

  REQUIRE(f.book(kJune13).is_ok());
  auto due = f.service->due_webhooks(f.clock, 100);
  REQUIRE(due.is_ok());
  REQUIRE(due.value().size() == 3);  // booked and two proposals, to the first endpoint only
  const WebhookPost& post = due.value()[0];
  CHECK(post.url == "https://a.example.org/");
  std::map<std::string, std::string> headers(post.headers.begin(), post.headers.end());
  CHECK(headers["Content-Type"] == "application/json");
  CHECK(headers["webhook-timestamp"] == std::to_string(f.clock));
  CHECK(headers["webhook-signature"] == webhook_signature(all.value().secret, headers["webhook-id"], f.clock, post.body));
  CHECK(nlohmann::json::parse(post.body)["type"] == "challenge.booked");

  // A retry is signed again at its own time, with the same id.
  f.clock += 100;
  auto again = f.service->due_webhooks(f.clock, 1);
  std::map<std::string, std::string> later(again.value()[0].headers.begin(), again.value()[0].headers.end());
  CHECK(later["webhook-id"] == headers["webhook-id"]);
  CHECK(later["webhook-timestamp"] == std::to_string(f.clock));

  REQUIRE(f.book(kJuly11).is_ok());
  auto log = f.service->webhook_deliveries(moves.value().id, "", {"", 10});
  REQUIRE(log.is_ok());
  REQUIRE(log.value().items.size() == 1);
  CHECK(log.value().items[0].type == "challenge.moved");
  CHECK(f.service->webhook_deliveries(off.id, "", {"", 10}).value().items.empty());
}

TEST_CASE("a delivery that fails is retried after a doubling backoff, then delivered or kept as a dead letter", "[webhooks]") {
  Fixture f;
  auto [hook, id] = booked_endpoint(f);

  REQUIRE(f.service->webhook_answered(id, {500, std::string(5000, 'e')}, f.clock).is_ok());
  WebhookDelivery d = f.service->webhook_deliveries(hook.id, "", {"", 1}).value().items.at(0);
  CHECK(d.status == "queued");
  CHECK(d.attempts == 1);
  CHECK(d.response_status == 500);
  CHECK(d.response_body.size() == kWebhookResponseKept);
  CHECK(d.last_error == "the endpoint answered 500");
  CHECK(d.next_attempt_at == f.clock + 60);
  CHECK(f.service->due_webhooks(f.clock + 59, 10).value().empty());
  REQUIRE(f.service->due_webhooks(f.clock + 60, 10).value().size() == 1);

  REQUIRE(f.service->webhook_failed(id, "connection refused", f.clock + 60).is_ok());
  d = f.service->webhook_deliveries(hook.id, "", {"", 1}).value().items.at(0);
  CHECK(d.next_attempt_at == f.clock + 60 + 120);
  CHECK(d.response_status == 0);

  REQUIRE(f.service->webhook_answered(id, {204, ""}, f.clock + 200).is_ok());
  d = f.service->webhook_deliveries(hook.id, "delivered", {"", 1}).value().items.at(0);
  CHECK(d.delivered_at == f.clock + 200);
  CHECK(d.last_error.empty());
  CHECK(f.service->due_webhooks(f.clock + 100000, 10).value().empty());

  REQUIRE(f.book(kJuly11).is_ok());  // a move
  auto due = f.service->due_webhooks(f.clock, 10).value();
  REQUIRE(due.size() == 1);
  for (int attempt = 0; attempt < kWebhookAttempts; ++attempt)
    REQUIRE(f.service->webhook_failed(due[0].delivery_id, "refused", f.clock).is_ok());
  CHECK(f.service->webhook_deliveries(hook.id, "dead", {"", 10}).value().items.size() == 1);
  CHECK(f.service->due_webhooks(f.clock + 100000, 10).value().empty());
}

TEST_CASE("an endpoint that answers 410 Gone is disabled, its delivery not retried, and nothing new is queued for it", "[webhooks]") {
  Fixture f;
  auto [hook, id] = booked_endpoint(f);

  REQUIRE(f.service->webhook_answered(id, {410, "unsubscribed"}, f.clock).is_ok());
  WebhookDelivery d = f.service->webhook_deliveries(hook.id, "", {"", 1}).value().items.at(0);
  CHECK(d.status == "dead");
  CHECK(d.attempts == 1);
  CHECK(d.response_status == 410);
  CHECK(d.last_error == "the endpoint answered 410 Gone: it asked for no more messages, so it is now disabled");
  CHECK(f.service->due_webhooks(f.clock + 100000, 10).value().empty());
  CHECK(f.service->webhook(hook.id)->disabled);
  auto audit = f.service->audit({"webhook sender", "410 Gone"}, {"", 10});
  REQUIRE(audit.is_ok());
  CHECK(audit.value().items.size() == 1);

  REQUIRE(f.book(kJuly11).is_ok());  // a move: nothing for a disabled endpoint
  CHECK(f.service->webhook_deliveries(hook.id, "", {"", 10}).value().items.size() == 1);

  Webhook enabled = *f.service->webhook(hook.id);
  enabled.disabled = false;
  REQUIRE(f.service->update_webhook(enabled, "office (test)").is_ok());
  REQUIRE(f.book(kJune13).is_ok());  // moved back: sent again once enabled
  CHECK(f.service->webhook_deliveries(hook.id, "queued", {"", 10}).value().items.size() == 1);
}

TEST_CASE("a failed delivery is sent again as if new, with its webhook-id, and only a failed one", "[webhooks]") {
  Fixture f;
  auto [hook, id] = booked_endpoint(f);
  auto other = f.service->create_webhook(endpoint("https://b.example.org/", {"webhook.test"}), "office (test)");
  REQUIRE(other.is_ok());
  CHECK(f.service->resend_delivery(hook.id, id).status().code() == Code::kConflict);  // queued still
  CHECK(f.service->resend_delivery(hook.id, id).status().field() == "delivery");
  CHECK(f.service->resend_delivery(other.value().id, id).status().code() == Code::kNotFound);  // another endpoint's
  CHECK(f.service->resend_delivery(hook.id, id + 100).status().field() == "delivery");
  CHECK(f.service->resend_delivery(hook.id + 100, id).status().field() == "id");

  for (int attempt = 0; attempt < kWebhookAttempts; ++attempt)
    REQUIRE(f.service->webhook_failed(id, "refused", f.clock).is_ok());
  WebhookDelivery dead = f.service->webhook_deliveries(hook.id, "dead", {"", 1}).value().items.at(0);
  REQUIRE(dead.id == id);

  f.clock += 3600;
  auto resent = f.service->resend_delivery(hook.id, id);
  REQUIRE(resent.is_ok());
  CHECK(resent.value().status == "queued");
  CHECK(resent.value().attempts == 0);
  CHECK(resent.value().last_error.empty());
  auto due = f.service->due_webhooks(f.clock, 10).value();
  REQUIRE(due.size() == 1);
  CHECK(due[0].delivery_id == id);
  CHECK(std::count(due[0].headers.begin(), due[0].headers.end(), std::pair<std::string, std::string>{"webhook-id", dead.message_id}) == 1);

  REQUIRE(f.service->webhook_failed(id, "refused again", f.clock).is_ok());  // retried on the usual schedule
  WebhookDelivery again = f.service->webhook_deliveries(hook.id, "", {"", 1}).value().items.at(0);
  CHECK(again.status == "queued");
  CHECK(again.next_attempt_at == f.clock + 60);
  REQUIRE(f.service->webhook_answered(id, {200, "ok"}, f.clock + 60).is_ok());
  CHECK(f.service->resend_delivery(hook.id, id).status().code() == Code::kConflict);  // delivered
}

TEST_CASE("a removed endpoint takes its log with it, and the audit log never shows a secret", "[webhooks]") {
  Fixture f;
  auto hook = f.service->create_webhook(endpoint("https://a.example.org/", {"challenge.booked"}), "Jo Office <jo@example.org> (office)");
  REQUIRE(hook.is_ok());
  REQUIRE(f.book(kJune13).is_ok());
  REQUIRE(f.service->remove_webhook(hook.value().id, "Jo Office <jo@example.org> (office)").is_ok());
  CHECK_FALSE(f.service->webhook(hook.value().id));
  CHECK(f.service->due_webhooks(f.clock, 10).value().empty());
  CHECK(f.service->webhook_deliveries(hook.value().id, "", {"", 10}).status().code() == Code::kNotFound);
  CHECK(f.service->remove_webhook(hook.value().id, "office").code() == Code::kNotFound);
  auto audit = f.service->audit({}, {});
  REQUIRE(audit.is_ok());
  for (const AuditRecord& entry : audit.value().items) {
    CHECK(entry.before.dump().find("whsec_") == std::string::npos);
    CHECK(entry.after.dump().find("whsec_") == std::string::npos);
  }
  CHECK(f.service->create_webhook(endpoint("mailto:x@example.org", {"challenge.booked"}), "office").status().field() == "url");
}

TEST_CASE("the webhook transport posts the body and headers, keeps the answer and follows no redirect", "[webhooks]") {
  httplib::Server receiver;
  std::string got_body, got_signature;
  receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    got_body = req.body;
    got_signature = req.get_header_value("webhook-signature");
    res.status = 503;
    res.set_content(std::string(3000, 'x'), "text/plain");
  });
  receiver.Post("/moved", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/hook"); });
  int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { receiver.listen_after_bind(); });
  while (!receiver.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::string base = "http://127.0.0.1:" + std::to_string(port);

  mail::CurlWebhookTransport transport(5);
  auto answer = transport.post({1, base + "/hook", {{"Content-Type", "application/json"}, {"webhook-signature", "v1,abc="}}, "{\"a\":1}"});
  REQUIRE(answer.is_ok());
  CHECK(answer.value().status == 503);
  CHECK(answer.value().body.size() == kWebhookResponseKept);
  CHECK(got_body == "{\"a\":1}");
  CHECK(got_signature == "v1,abc=");

  got_body.clear();
  auto redirected = transport.post({1, base + "/moved", {}, "{}"});
  REQUIRE(redirected.is_ok());
  CHECK(redirected.value().status == 302);
  CHECK(got_body.empty());
  receiver.stop();
  serving.join();

  auto refused = transport.post({1, base + "/hook", {}, "{}"});
  CHECK(refused.status().code() == Code::kIOError);
  CHECK(refused.status().message().find(base + "/hook did not answer") == 0);
}

TEST_CASE("the webhook sender reports answers and failures to the queue", "[webhooks]") {
  struct Queue : WebhookQueue {
    std::vector<std::string> seen;
    Result<std::vector<WebhookPost>> due_webhooks(std::int64_t, int) override {
      return std::vector<WebhookPost>{{1, "http://a/", {}, "{}"}, {2, "http://b/", {}, "{}"}, {3, "http://c/", {}, "{}"}};
    }
    Status webhook_answered(std::int64_t id, const WebhookAnswer& a, std::int64_t) override {
      seen.push_back(std::to_string(id) + " answered " + std::to_string(a.status));
      return Status::ok();
    }
    Status webhook_failed(std::int64_t id, const std::string& error, std::int64_t) override {
      seen.push_back(std::to_string(id) + " failed " + error);
      return Status::ok();
    }
  } queue;
  struct Transport : WebhookTransport {
    Result<WebhookAnswer> post(const WebhookPost& p) override {
      if (p.url == "http://a/") return WebhookAnswer{200, "ok"};
      if (p.url == "http://b/") return WebhookAnswer{410, ""};
      return Status::io_error("http://c/ did not answer: refused");
    }
  } transport;
  mail::WebhookSender sender(queue, transport, {1, 20, [] { return std::int64_t{5}; }, {}});
  CHECK(sender.deliver_due(5) == 1);
  CHECK(queue.seen == std::vector<std::string>{"1 answered 200", "2 answered 410", "3 failed http://c/ did not answer: refused"});
}
