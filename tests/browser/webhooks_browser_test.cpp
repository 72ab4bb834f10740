// The programme office's webhook pages in a real browser: add an endpoint
// (errors first), see its secret once, send a test event to a receiver that
// verifies its signature and answers it 410 Gone, read the failed delivery
// in the log, turn the endpoint on, send the delivery again and see it
// delivered, turn it off, remove it.
#include "tests/browser/page_checks.h"
#include "tests/e2e/local_server.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using peerslot::test::Browser;
using peerslot::test::check_page;
using peerslot::test::free_port;
using peerslot::test::Reader;
using peerslot::test::ServedDemo;

TEST_CASE("the office adds a webhook endpoint, sends it a test event, reads its delivery log and sends a failed delivery again", "[browser]") {
  ServedDemo demo;
  int port = free_port();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  Browser office(free_port(), 1280, 1000);
  office.go(demo.url("office"));
  office.wait_for("#solve");
  office.click("#webhooks-link");
  office.wait_for("#webhooks-empty");
  check_page(office, "webhooks-1-none", Reader::kOffice);

  office.click("#add-webhook");
  office.wait_for("#webhook-form");
  office.click("#add");
  office.wait_for("#error-summary");
  CHECK(office.text("#url-error").find("Enter the address") != std::string::npos);
  CHECK(office.text("#types-error").find("Select at least one") != std::string::npos);
  check_page(office, "webhooks-2-add-errors", Reader::kOffice);
  office.type("#url", url);
  office.type("#description", "Finance system");
  office.click("label[for='types-1']");  // a challenge is booked
  office.click("label[for='types-8']");  // a test from the office
  office.click("#add");
  std::string secret = office.wait_for_text("#webhook-secret", "whsec_");
  REQUIRE(secret.rfind("whsec_", 0) == 0);
  check_page(office, "webhooks-3-secret", Reader::kOffice);

  // The receiver answers the first post 410 Gone, and takes the rest.
  peerslot::e2e::LocalServer receiver({"/usr/bin/python3", PEERSLOT_WEB_SOURCE_DIR "/../tests/e2e/webhook_receiver.py",
                                       std::to_string(port), secret, demo.db() + "-received.jsonl", "1", "410"},
                                      port);
  office.click("#see-deliveries");
  office.wait_for("#deliveries-empty");
  office.click("#send-test");
  office.wait_for_text("#flash", "test event");
  office.wait_for("#deliveries-table");
  auto& service = demo.service();
  std::string id = std::to_string(service.call("GET", "/webhooks", service.token("office")).body["webhooks"][0]["id"].get<int>());
  auto wait_until = [&](const std::string& status) {
    for (int i = 0; i < 150; ++i) {
      auto found = service.call("GET", "/webhooks/" + id + "/deliveries?status=" + status, service.token("office"));
      if (!found.body["deliveries"].empty()) return found.body["deliveries"][0];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("no delivery became " << status);
    return nlohmann::json();
  };
  auto reopen = [&] {  // the list, then the endpoint again: its log as it is now
    office.click("a.govuk-back-link");
    office.wait_for("#webhooks-table");
    office.click("[data-webhook='" + url + "']");
  };
  std::string delivery = std::to_string(wait_until("dead")["id"].get<int>());
  reopen();
  office.wait_for_text("#deliveries-table", "Failed");
  CHECK(office.text("#deliveries-table").find("Answered 410") != std::string::npos);
  CHECK(office.text("main").find("Off: sent no new events") != std::string::npos);
  check_page(office, "webhooks-4-gone", Reader::kOffice);

  // Turned on again, the failed delivery is sent again and delivered.
  office.click("#toggle-webhook");
  office.wait_for_text("#flash", "is on");
  office.wait_for("[data-resend='" + delivery + "']");
  office.click("[data-resend='" + delivery + "']");
  office.wait_for_text("#flash", "on its way again");
  wait_until("delivered");
  reopen();
  office.wait_for_text("#deliveries-table", "Delivered");
  std::string log = office.text("#deliveries-table");
  CHECK(log.find("Answered 200") != std::string::npos);
  CHECK(log.find("A test the programme office sends") != std::string::npos);
  CHECK(office.run_script("return document.querySelectorAll('[data-resend]').length;") == 0);
  check_page(office, "webhooks-5-log", Reader::kOffice);

  office.click("#toggle-webhook");
  office.wait_for_text("#flash", "is off");
  CHECK(office.text("main").find("Off: sent no new events") != std::string::npos);
  office.click("#remove-webhook");
  office.wait_for("#confirm-remove");
  check_page(office, "webhooks-6-remove", Reader::kOffice);
  office.click("#confirm-remove");
  office.wait_for_text("#flash", "is removed");
  office.wait_for("#webhooks-empty");
}
