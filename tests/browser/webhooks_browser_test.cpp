// The programme office's webhook pages in a real browser: add an endpoint
// (errors first), see its secret once, send a test event to a receiver that
// verifies its signature, read the delivery log, turn it off, remove it.
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

TEST_CASE("the office adds a webhook endpoint, sends it a test event and reads its delivery log", "[browser]") {
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

  peerslot::e2e::LocalServer receiver({"/usr/bin/python3", PEERSLOT_WEB_SOURCE_DIR "/../tests/e2e/webhook_receiver.py",
                                       std::to_string(port), secret, demo.db() + "-received.jsonl", "0"},
                                      port);
  office.click("#see-deliveries");
  office.wait_for("#deliveries-empty");
  office.click("#send-test");
  office.wait_for_text("#flash", "test event");
  office.wait_for("#deliveries-table");
  auto& service = demo.service();
  std::string id = std::to_string(service.call("GET", "/webhooks", service.token("office")).body["webhooks"][0]["id"].get<int>());
  for (int i = 0; i < 150; ++i) {
    auto delivered = service.call("GET", "/webhooks/" + id + "/deliveries?status=delivered", service.token("office"));
    if (!delivered.body["deliveries"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  office.click("a.govuk-back-link");  // the list, then the endpoint again: its log as it is now
  office.wait_for("#webhooks-table");
  office.click("[data-webhook='" + url + "']");
  office.wait_for_text("#deliveries-table", "Delivered");
  std::string log = office.text("#deliveries-table");
  CHECK(log.find("Delivered") != std::string::npos);
  CHECK(log.find("Answered 200") != std::string::npos);
  CHECK(log.find("A test the programme office sends") != std::string::npos);
  check_page(office, "webhooks-4-log", Reader::kOffice);

  office.click("#toggle-webhook");
  office.wait_for_text("#flash", "is off");
  CHECK(office.text("main").find("Off: sent no new events") != std::string::npos);
  office.click("#remove-webhook");
  office.wait_for("#confirm-remove");
  check_page(office, "webhooks-5-remove", Reader::kOffice);
  office.click("#confirm-remove");
  office.wait_for_text("#flash", "is removed");
  office.wait_for("#webhooks-empty");
}
