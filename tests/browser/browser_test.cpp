// Browser tests: the real `peerslot serve` on a free port with a fresh
// database, driven through headless Debian chromium by chromedriver. Each
// role's journey goes through every page; on every page axe-core (from
// web/node_modules, injected into the page) must find no serious or
// critical violation, a council's or peer's page must show no rule id, cost
// number, bare id or ISO date, and a screenshot is saved under the build's
// tests/artifacts/ directory.
#include "tests/browser/page_checks.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <httplib.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using peerslot::test::Browser;
using peerslot::test::check_page;
using peerslot::test::free_port;
using peerslot::test::Reader;
using peerslot::test::ServedDemo;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

// `peerslot serve` started again on a database and port (as an operator
// restarts a stopped service); stopped with SIGTERM at the end.
class Restarted {
 public:
  Restarted(const std::string& db, int port) {
    pid_ = fork();
    if (pid_ == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      std::string p = std::to_string(port);
      execl(PEERSLOT_BINARY, PEERSLOT_BINARY, "serve", "--db", db.c_str(), "--port", p.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    httplib::Client client("127.0.0.1", port);
    for (int i = 0; i < 300 && !client.Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~Restarted() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  Restarted(const Restarted&) = delete;
  Restarted& operator=(const Restarted&) = delete;

 private:
  pid_t pid_ = -1;
};

int calls(Browser& browser, const std::string& method, const std::string& path_end) {
  return browser.run_script("return window.peerslotCalls.filter((c) => c.method === arguments[0] && c.path.endsWith(arguments[1])).length;",
                            json::array({method, path_end})).get<int>();
}

// The ranked options of a request, as the council sees them.
json options_of(ServedDemo& demo, const std::string& request) {
  auto weeks = demo.service().call("GET", "/requests/" + request + "/weeks", demo.service().token("council"));
  REQUIRE(weeks.status == 200);
  return weeks.body;
}

// A peer with a few challenges, the fewest of those with at least three
// (the seeded plan varies from run to run).
std::string peer_with_a_few_challenges(ServedDemo& demo) {
  std::map<std::string, int> challenges;
  auto plan = demo.service().call("GET", "/plan", demo.service().token("office"));
  for (const auto& a : plan.body["assignments"])
    for (const auto& p : a["peers"]) ++challenges[p.get<std::string>()];
  std::string peer;
  for (const auto& [id, n] : challenges)
    if (n >= 3 && (peer.empty() || n < challenges.at(peer))) peer = id;
  REQUIRE_FALSE(peer.empty());
  return peer;
}

// Signs the council in and waits for its start page.
void council_start(Browser& browser, ServedDemo& demo) {
  browser.go(demo.url("council"));
  browser.wait_for("#start-now");
  CHECK(browser.text("#who") == "Signed in as Hartlepool Borough Council");
}

}  // namespace

TEST_CASE("a council books through every page to the confirmation then moves and cancels", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  council_start(browser, demo);
  std::string start = browser.text("main");
  CHECK(start.find("scoping meeting") != std::string::npos);
  CHECK(start.find("position statement") != std::string::npos);
  CHECK(start.find("progress review") != std::string::npos);
  check_page(browser, "council-1-start");

  // (a) the request: the demo council has a corporate challenge and its progress review.
  browser.click("#start-now");
  browser.wait_for("#request-form");
  browser.click("#continue");  // nothing chosen: an error summary and a message at the field
  browser.wait_for("#error-summary");
  CHECK(browser.text("#request-error").find("Select the peer challenge") != std::string::npos);
  check_page(browser, "council-2-request-error");
  browser.click("label[for='request']");
  browser.click("#continue");

  // (b) the week: the month of the best option, with the next usable week preselected.
  browser.wait_for("#week-form");
  json weeks = options_of(demo, "R00001");
  std::string best = weeks["options"][0]["week"];
  CHECK(browser.run_script("return document.querySelector('input[name=week]:checked').value;") == best);
  check_page(browser, "council-3-week");
  // A blocked week says why at the radio (hint text, read out with it), and choosing it says why at the field.
  std::string blocked, reason;
  for (const auto& w : weeks["weeks"])
    if (w["status"] == "blocked" || w["status"] == "full") {
      blocked = w["week"];
      reason = w["reason"];
      break;
    }
  REQUIRE_FALSE(blocked.empty());
  browser.go(demo.base() + "#/book/R00001/week/" + blocked.substr(0, 7));
  browser.wait_for("input[value='" + blocked + "']");
  // With the keyboard alone: Tab into the weeks, the arrow keys reach the blocked week, which says why.
  auto active = [&](const std::string& what) { return browser.run_script("return document.activeElement." + what + " || '';"); };
  for (int i = 0; i < 30 && active("name") != "week"; ++i) browser.press(Browser::kTab);
  REQUIRE(active("name") == "week");
  for (int i = 0; i < 6 && active("value") != blocked; ++i) browser.press(Browser::kArrowDown);
  REQUIRE(active("value") == blocked);
  if (!browser.run_script("return document.activeElement.checked;").get<bool>()) browser.press(" ");  // no week was preselected
  std::string heard = browser.run_script("return document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent;");
  CHECK(heard.rfind("Cannot be booked: ", 0) == 0);
  browser.press(Browser::kEnter);
  std::string said = browser.wait_for_text("main", "You cannot book");
  INFO(said);
  CHECK(said.find("You cannot book") != std::string::npos);
  browser.go(demo.base() + "#/");
  browser.wait_for("#start-now");
  browser.go(demo.base() + "#/book/R00001/week/" + blocked.substr(0, 7));
  browser.wait_for("input[value='" + blocked + "']");
  std::string hint = browser.run_script(R"(
    const input = document.querySelector(`input[value='${arguments[0]}']`);
    return document.getElementById(input.getAttribute('aria-describedby')).textContent;)", json::array({blocked}));
  CHECK(hint.rfind("Cannot be booked: ", 0) == 0);
  CHECK(hint.find(reason.substr(1)) != std::string::npos);
  browser.click("label[for='" + browser.run_script("return document.querySelector(`input[value='" + blocked + "']`).id;").get<std::string>() + "']");
  browser.click("#continue");
  browser.wait_for("#error-summary");
  CHECK(browser.wait_for_text("#week-error", "You cannot book").find("You cannot book the week commencing") != std::string::npos);
  check_page(browser, "council-4-week-blocked");

  // The ranked options, with reasons in words: choose the best.
  CHECK(browser.text("#options").find("Choose this week") != std::string::npos);
  browser.click("[data-option='" + best + "']");

  // (c) check your answers.
  browser.wait_for("#answers");
  std::string answers = browser.text("#answers");
  CHECK(answers.find("Week commencing Monday") != std::string::npos);
  CHECK(answers.find("Tuesday") != std::string::npos);  // the days on site, as dates
  CHECK(answers.find("Councillor peer") != std::string::npos);
  CHECK(answers.find("Change") != std::string::npos);
  check_page(browser, "council-5-check");
  browser.click("#confirm");

  // (d) the confirmation panel, "Add to calendar" and what happens next.
  browser.wait_for("#confirmation-panel");
  CHECK_FALSE(browser.text("#reference").empty());
  CHECK(browser.text("#milestones").find("Scoping meeting") != std::string::npos);
  check_page(browser, "council-6-confirmation");
  auto booked = demo.service().call("GET", "/requests/R00001", demo.service().token("office"));
  REQUIRE(booked.body["booking"].is_object());
  CHECK(booked.body["booking"]["week"] == best);
  CHECK(browser.text("#reference") == booked.body["booking"]["reference"].get<std::string>());
  browser.click("#add-to-calendar");
  browser.wait_for("#add-to-calendar[data-downloaded='true']");
  CHECK(calls(browser, "GET", "/booking.ics") == 1);

  // The request's page: move to another week, then cancel (on its own page).
  browser.go(demo.base() + "#/requests/R00001");
  browser.wait_for("#change-week");
  check_page(browser, "council-7-request");
  browser.click("#change-week");
  browser.wait_for("[data-option]");
  std::string other = browser.run_script("return document.querySelector('[data-option]').dataset.option;");
  CHECK(other != best);  // the booked week is not offered back
  browser.click("[data-option]");
  browser.wait_for_text("#confirm", "Confirm the new week");
  check_page(browser, "council-8-check-move");
  browser.click("#confirm");
  browser.wait_for("#confirmation-panel");
  CHECK(demo.service().call("GET", "/requests/R00001", demo.service().token("office")).body["booking"]["week"] == other);
  browser.go(demo.base() + "#/requests/R00001/cancel");
  browser.wait_for("#confirm-cancel");
  CHECK(browser.text(".govuk-warning-text").find("Warning") != std::string::npos);
  check_page(browser, "council-9-cancel");
  browser.click("#confirm-cancel");
  CHECK(browser.wait_for_text("#flash", "is cancelled").find("is cancelled") != std::string::npos);
  CHECK(browser.text("#booking-state") == "Not booked yet.");
  check_page(browser, "council-10-cancelled");
  CHECK(demo.service().call("GET", "/requests/R00001", demo.service().token("office")).body["booking"].is_null());

  // Dates the council cannot host: date inputs, with an error summary and messages at the fields.
  browser.go(demo.base() + "#/blackouts");
  browser.wait_for("#period-form");
  browser.type("#start-day", "31");
  browser.type("#start-month", "2");
  browser.type("#start-year", "2012");
  browser.click("#add-period");
  browser.wait_for("#error-summary");
  CHECK(browser.text("#start-error").find("must be a real date") != std::string::npos);
  CHECK(browser.text("#end-error").find("Enter the last day") != std::string::npos);
  check_page(browser, "council-11-blackouts-error");
  browser.run_script("document.querySelector('#start-day').value = '6';");
  for (auto [field, value] : {std::pair{"#end-day", "10"}, {"#end-month", "2"}, {"#end-year", "2012"}}) browser.type(field, value);
  browser.click("#add-period");
  CHECK(browser.wait_for_text("#flash", "added").find("Monday 6 February 2012 to Friday 10 February 2012 added") != std::string::npos);
  check_page(browser, "council-12-blackouts");
  auto council = demo.service().call("GET", "/councils/E06000001", demo.service().token("office"));
  CHECK(council.body["blackouts"].dump().find("2012-02-06") != std::string::npos);
}

TEST_CASE("the council's booking pages work at phone width and a double click books once", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 390, 844);
  council_start(browser, demo);
  REQUIRE(browser.run_script("return window.innerWidth;") == 390);
  check_page(browser, "council-phone-1-start");
  browser.go(demo.base() + "#/book/R00001/week");
  browser.wait_for("#week-form");
  check_page(browser, "council-phone-2-week");
  browser.click("[data-option]");
  browser.wait_for("#answers");
  check_page(browser, "council-phone-3-check");
  // Three quick clicks on Confirm booking: the first disables the button, so one booking request is sent.
  browser.run_script("const b = document.querySelector('#confirm'); b.click(); b.click(); b.click();");
  browser.wait_for("#confirmation-panel");
  check_page(browser, "council-phone-4-confirmation");
  CHECK(calls(browser, "POST", "/requests/R00001/booking") == 1);
  auto audit = demo.service().call("GET", "/audit?action=book%20R00001%20&limit=1000", demo.service().token("office"));
  int bookings = 0;
  for (const auto& entry : audit.body["entries"])
    if (entry.value("action", "").rfind("book R00001 ", 0) == 0) ++bookings;  // "book R00001 in 2012-11-12"
  CHECK(bookings == 1);
}

TEST_CASE("a conflict shows an error summary with the refreshed calendar and the next usable weeks", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  council_start(browser, demo);
  std::string best = options_of(demo, "R00001")["options"][0]["week"];
  browser.go(demo.base() + "#/book/R00001/check/" + best);
  browser.wait_for("#confirm");
  // Meanwhile the office moves another council's challenge into that week: its last place is taken.
  auto& service = demo.service();
  auto plan = service.call("GET", "/plan", service.token("office"));
  bool full = false;
  for (const auto& a : plan.body["assignments"]) {
    if (a["week"] == best) continue;
    auto moved = service.call("PUT", "/requests/" + a["request"].get<std::string>() + "/booking", service.token("office"),
                              json{{"week", best}});
    if (moved.status == 200) {
      auto weeks = options_of(demo, "R00001");
      for (const auto& w : weeks["weeks"]) full = full || (w["week"] == best && w["status"] != "free");
      if (full) break;
    }
  }
  REQUIRE(full);
  browser.click("#confirm");
  std::string summary = browser.wait_for_text("#error-summary", "every challenge place is taken");
  CHECK(summary.find("every challenge place is taken") != std::string::npos);
  CHECK(summary.find("H11") == std::string::npos);
  // The calendar as it is now: the week says why it cannot be booked; the next usable weeks are offered.
  std::string hint = browser.run_script(R"(
    const input = document.querySelector(`input[value='${arguments[0]}']`);
    return input ? document.getElementById(input.getAttribute('aria-describedby')).textContent : '';)", json::array({best}));
  CHECK(hint.rfind("Cannot be booked", 0) == 0);
  CHECK(browser.text("#options-title") == "The next usable weeks");
  CHECK(browser.run_script("return document.querySelector(`[data-option='${arguments[0]}']`) === null;", json::array({best})) == true);
  check_page(browser, "conflict-week");
}

TEST_CASE("a peer accepts and declines at phone width with no sideways scrolling", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 390, 844);
  auto& service = demo.service();
  std::string peer = peer_with_a_few_challenges(demo);
  browser.go(demo.base() + "#token=" + service.user_token("peer", peer));
  browser.wait_for("#challenges");
  REQUIRE(browser.run_script("return window.innerWidth;") == 390);
  check_page(browser, "peer-1-home-phone");
  int proposed = browser.run_script("return document.querySelectorAll('[data-accept]').length;").get<int>();
  REQUIRE(proposed >= 2);
  std::string first = browser.run_script("return document.querySelector('[data-accept]').dataset.accept;");
  browser.click("[data-accept='" + first + "']");
  CHECK(browser.wait_for_text("#flash", "You accepted").find("You accepted") != std::string::npos);
  check_page(browser, "peer-2-accepted-phone");
  std::string second = browser.run_script("return document.querySelector('[data-decline]').dataset.decline;");
  browser.click("[data-decline='" + second + "']");
  browser.wait_for("#confirm-decline");
  check_page(browser, "peer-3-decline-phone");
  browser.click("#confirm-decline");
  CHECK(browser.wait_for_text("#flash", "You declined").find("You declined") != std::string::npos);
  CHECK(browser.run_script("return document.querySelector(`[data-request='${arguments[0]}']`) === null;", json::array({second})) == true);
  check_page(browser, "peer-4-declined-phone");
  // The weeks offered, a month at a time; the day cap and skills; the calendar feed.
  browser.click("#change-weeks");
  browser.wait_for("#weeks-form");
  check_page(browser, "peer-5-weeks-phone");
  std::string week = browser.run_script("return document.querySelector('input[name=week]').value;");
  bool was = browser.run_script("return document.querySelector('input[name=week]').checked;").get<bool>();
  browser.click("label[for='week-1']");
  browser.click("#save-weeks");
  browser.wait_for_text("#flash", "are saved");
  CHECK(browser.run_script("return document.querySelector(`input[value='${arguments[0]}']`).checked;", json::array({week})) == !was);
  browser.go(demo.base() + "#/details");
  browser.wait_for("#details-form");
  browser.run_script("document.querySelector('#cap').value = 'lots';");
  browser.click("#save-details");
  browser.wait_for("#error-summary");
  CHECK(browser.text("#cap-error").find("whole number") != std::string::npos);
  check_page(browser, "peer-6-details-error-phone");
  browser.go(demo.base() + "#/");
  browser.wait_for("#feed");
  browser.click("#feed");
  CHECK(browser.wait_for_text("#feed-url", "/calendar/").find("/calendar/") != std::string::npos);
  check_page(browser, "peer-7-feed-phone");
}

TEST_CASE("the office runs a full solve and sees progress reach 100%", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1200);
  browser.go(demo.url("office"));
  browser.wait_for("#solve");
  CHECK(browser.text("#who") == "Signed in as Programme office");
  if (browser.run_script("return document.querySelector('#finance') !== null;").get<bool>()) {
    std::string money = browser.text("#finance");
    CHECK(money.find("2011/12") != std::string::npos);
    CHECK(money.find("£2,600,000") != std::string::npos);  // the demo's budget for 2011/12
  }
  CHECK(browser.text("#unscheduled").find("(H") == std::string::npos);
  check_page(browser, "office-1-dashboard", Reader::kOffice);
  browser.run_script("document.querySelector('#solve-seconds').value = '2';");
  browser.click("#solve");
  std::string done = browser.wait_for_text("#solve-state", "100%", 60);
  CHECK(done.rfind("100%: done", 0) == 0);
  CHECK(browser.run_script("return document.querySelector('#solve-progress').value;") == 100);
  // A preview (the demo council's requests are not booked), then the office applies it.
  CHECK(browser.wait_for_text("#preview-title", "The solve would book").rfind("The solve would book", 0) == 0);
  CHECK(browser.text("#preview-table").find("Hartlepool Borough Council") != std::string::npos);
  check_page(browser, "office-2-solved", Reader::kOffice);
  browser.click("#apply-solve");
  CHECK(browser.wait_for_text("#flash", "booked", 30).find("challenges booked") != std::string::npos);
  browser.wait_for("#solve");

  // Search and filter over councils, peers and requests.
  browser.click("#search-link");
  browser.wait_for("#search-form");
  check_page(browser, "office-3-search", Reader::kOffice);
  browser.type("#q", "Hartlepool");
  browser.click("label[for='type-2']");  // councils
  browser.click("#search");
  CHECK(browser.wait_for_text("#results", "1 councils matching").find("Hartlepool Borough Council") != std::string::npos);
  browser.run_script("document.querySelector('#q').value = '';");
  browser.click("label[for='type']");     // requests
  browser.click("label[for='booked-3']");  // not booked
  browser.click("#search");
  std::string unbooked = browser.wait_for_text("#results caption", "requests");
  auto report = demo.service().call("GET", "/reports/unscheduled", demo.service().token("office"));
  CHECK(unbooked.rfind(std::to_string(report.body.size()) + " requests", 0) == 0);
  check_page(browser, "office-4-search-results", Reader::kOffice);
}

TEST_CASE("a wrong token is refused on the sign-in page and an expired one returns there with a message", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 800);
  browser.go(demo.base());
  browser.wait_for("#sign-in-form");
  check_page(browser, "sign-in");
  browser.click("#sign-in-button");  // empty
  CHECK(browser.wait_for_text("#token-error", "Enter your access token").find("Enter your access token") != std::string::npos);
  browser.type("#token", "not-a-token");
  browser.click("#sign-in-button");
  CHECK(browser.wait_for_text("#error-summary", "not recognised").find("not recognised") != std::string::npos);
  CHECK(browser.text("#token-error").find("not recognised") != std::string::npos);
  check_page(browser, "sign-in-refused");
  browser.type("#token", demo.service().token("council"));
  browser.run_script("document.querySelector('#token').value = arguments[0];", json::array({demo.service().token("council")}));
  browser.click("#sign-in-button");
  browser.wait_for("#start-now");

  // The token stops being accepted (as an expired or revoked one does): the next page the council opens says so.
  browser.run_script("sessionStorage.setItem('peerslot-token', 'revoked-token');");
  browser.click("#start-now");
  std::string said = browser.wait_for_text("#flash", "Sign in again");
  CHECK(said.find("Your sign-in has expired or been revoked. Sign in again.") != std::string::npos);
  browser.wait_for("#sign-in-form");
  CHECK(browser.text("#who").empty());
  check_page(browser, "sign-in-expired");
}

TEST_CASE("a stopped service shows a retry banner and not a dead page", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 900);
  council_start(browser, demo);
  demo.service().stop();
  browser.click("#start-now");
  std::string said = browser.wait_for_text("#unreachable", "The service is not responding");
  CHECK(said.find("The service is not responding. Retry") != std::string::npos);
  check_page(browser, "unreachable");
  int before = browser.run_script("return window.peerslotCalls.length;").get<int>();
  browser.click("#retry");
  browser.wait_for("#retry");  // still down: the banner comes back with its Retry button
  browser.wait_for_text("#unreachable", "not responding");
  CHECK(browser.run_script("return window.peerslotCalls.length;").get<int>() > before);  // Retry tried again
  // The service is started again: Retry shows the page that was asked for.
  Restarted again(demo.db(), demo.service().port());
  browser.click("#retry");
  browser.wait_for("#request-form");
  CHECK(browser.run_script("return document.querySelector('#unreachable') === null;") == true);
  check_page(browser, "unreachable-retried");
}

// --- the keyboard alone -------------------------------------------------------

namespace {

// The text of `css` as it is now ('' when it is not on the page), read in one script (never a stale element).
std::string page_text(Browser& browser, const std::string& css) {
  return browser.run_script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", json::array({css}));
}

bool focused_matches(Browser& browser, const std::string& css) {
  return browser.run_script("return document.activeElement !== null && document.activeElement.matches(arguments[0]);",
                            json::array({css})).get<bool>();
}

// Presses Tab (Shift+Tab when `back`) until the focused element matches
// `css`, as a person moves through a page; fails after `most` presses.
void tab_to(Browser& browser, const std::string& css, bool back = false, int most = 60) {
  for (int i = 0; i < most && !focused_matches(browser, css); ++i) {
    if (back) browser.chord(Browser::kShift, Browser::kTab);
    else browser.press(Browser::kTab);
  }
  std::string where = browser.run_script(
      "const e = document.activeElement; return e ? `${e.tagName} #${e.id} ${(e.textContent || '').trim().slice(0, 40)}` : 'nothing';");
  INFO((back ? "Shift+Tab" : "Tab") << " did not reach " << css << "; focus is on " << where);
  REQUIRE(focused_matches(browser, css));
  // What has focus can be seen: GOV.UK Frontend's focus style (yellow, or a ring) is on it or, for a radio, its label.
  bool seen = browser.run_script(R"(
    const e = document.activeElement;
    const styled = (x, pseudo) => { const s = getComputedStyle(x, pseudo);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)'; };
    const label = e.id && document.querySelector(`label[for='${e.id}']`);
    return styled(e) || (label && (styled(label, '::before') || styled(label, '::after')));)").get<bool>();
  INFO("the focused " << css << " shows no focus style");
  CHECK(seen);
}

}  // namespace

TEST_CASE("a council books with the keyboard alone, from the start page to the confirmation", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  council_start(browser, demo);
  check_page(browser, "keyboard-council-1-start");
  // The start page: Tab to Start now; a link that looks like a button answers Space as a button does.
  tab_to(browser, "#start-now");
  browser.press(Browser::kSpace);
  browser.wait_for("#request-form, #week-form");
  if (browser.run_script("return document.querySelector('#request-form') !== null;").get<bool>()) {
    check_page(browser, "keyboard-council-2-request");
    // Tab into the radios, Space chooses one, the arrow keys move between them; Continue with Enter.
    tab_to(browser, "input[name=request]");
    browser.press(Browser::kSpace);
    std::string first = browser.run_script("return document.activeElement.value;");
    if (browser.run_script("return document.querySelectorAll('input[name=request]').length;").get<int>() > 1) {
      browser.press(Browser::kArrowDown);
      CHECK(browser.run_script("return document.activeElement.value;") != first);
      browser.press(Browser::kArrowUp);
    }
    CHECK(browser.run_script("return document.querySelector('input[name=request]:checked').value;") == first);
    tab_to(browser, "#continue");
    tab_to(browser, "input[name=request]", true);  // Shift+Tab goes back to the chosen radio
    tab_to(browser, "#continue");
    browser.press(Browser::kEnter);
  }
  browser.wait_for("#week-form");
  json weeks = options_of(demo, "R00001");
  std::string best = weeks["options"][0]["week"];
  std::string legend = page_text(browser, "#week-hint");  // "... Weeks in May 2012. ..."
  check_page(browser, "keyboard-council-3-week");
  // Another month and back with the month links (Enter on a link), then the weeks with the arrow keys.
  bool has_next = browser.run_script("return document.querySelector('#next-month') !== null;").get<bool>();
  tab_to(browser, has_next ? "#next-month" : "#previous-month");
  browser.press(Browser::kEnter);
  for (int i = 0; i < 50 && page_text(browser, "#week-hint") == legend; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(page_text(browser, "#week-hint") != legend);
  check_page(browser, "keyboard-council-4-other-month");
  tab_to(browser, has_next ? "#previous-month" : "#next-month");
  browser.press(Browser::kEnter);
  for (int i = 0; i < 50 && page_text(browser, "#week-hint") != legend; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(page_text(browser, "#week-hint") == legend);
  tab_to(browser, "input[name=week]");
  CHECK(browser.run_script("return document.activeElement.value;") == best);  // Tab lands on the chosen (best) week
  browser.press(Browser::kArrowDown);
  CHECK(browser.run_script("return document.activeElement.value;") != best);
  browser.press(Browser::kArrowUp);
  CHECK(browser.run_script("return document.querySelector('input[name=week]:checked').value;") == best);
  tab_to(browser, "#week-form #continue");
  browser.press(Browser::kEnter);

  // Check your answers: Tab past the Change links to Confirm booking, Enter.
  browser.wait_for("#answers");
  CHECK(browser.text("#check-week").find("Week commencing") != std::string::npos);
  check_page(browser, "keyboard-council-5-check");
  tab_to(browser, "#confirm");
  browser.press(Browser::kEnter);

  // The confirmation: the reference, what happens next with the progress review and its window.
  browser.wait_for("#confirmation-panel");
  CHECK_FALSE(browser.text("#reference").empty());
  std::string next = browser.text("#milestones");
  INFO(next);
  CHECK(next.find("Progress review") != std::string::npos);
  CHECK(std::regex_search(next, std::regex(R"(Progress review[^\n]*\n?[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} to [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4})")));
  check_page(browser, "keyboard-council-6-confirmation");
  auto booked = demo.service().call("GET", "/requests/R00001", demo.service().token("office"));
  REQUIRE(booked.body["booking"].is_object());
  CHECK(booked.body["booking"]["week"] == best);
  tab_to(browser, "#add-to-calendar");
  browser.press(Browser::kSpace);
  browser.wait_for("#add-to-calendar[data-downloaded='true']");
  // The booking's own page, by a link and Enter: it shows the progress review as well.
  tab_to(browser, "a[href='#/requests/R00001']");
  browser.press(Browser::kEnter);
  browser.wait_for("#change-week");
  CHECK(browser.text("main").find("Progress review") != std::string::npos);
  check_page(browser, "keyboard-council-7-request");
}

TEST_CASE("a peer accepts and declines with the keyboard alone", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  auto& service = demo.service();
  std::string peer = peer_with_a_few_challenges(demo);
  browser.go(demo.base() + "#token=" + service.user_token("peer", peer));
  browser.wait_for("#challenges");
  check_page(browser, "keyboard-peer-1-home");
  std::string first = browser.run_script("return document.querySelector('[data-accept]').dataset.accept;");
  tab_to(browser, "[data-accept='" + first + "']");
  browser.press(Browser::kSpace);
  CHECK(browser.wait_for_text("#flash", "You accepted").find("You accepted") != std::string::npos);
  CHECK(browser.run_script("return document.querySelector(`[data-accept='${arguments[0]}']`) === null;", json::array({first})) == true);
  check_page(browser, "keyboard-peer-2-accepted");
  // Decline (a link that looks like a button) with Space, then the question on its own page: Enter on "Yes, decline".
  std::string second = browser.run_script("return document.querySelector('[data-decline]').dataset.decline;");
  tab_to(browser, "[data-decline='" + second + "']");
  browser.press(Browser::kSpace);
  browser.wait_for("#confirm-decline");
  check_page(browser, "keyboard-peer-3-decline");
  tab_to(browser, "#keep");
  tab_to(browser, "#confirm-decline", true);
  browser.press(Browser::kEnter);
  CHECK(browser.wait_for_text("#flash", "You declined").find("You declined") != std::string::npos);
  CHECK(browser.run_script("return document.querySelector(`[data-request='${arguments[0]}']`) === null;", json::array({second})) == true);
  check_page(browser, "keyboard-peer-4-declined");
  auto answers = service.call("GET", "/peers/" + peer + "/assignments", service.token("office"));
  bool accepted = false;
  for (const auto& a : answers.body["assignments"]) accepted = accepted || (a["request"] == first && a["status"] == "accepted");
  CHECK(accepted);
}

// --- the political group office ---------------------------------------------------

namespace {

// The id of the radio (or checkbox) whose value is `value`, for clicking its label.
std::string input_id(Browser& browser, const std::string& name, const std::string& value) {
  return browser.run_script("const i = document.querySelector(`input[name='${arguments[0]}'][value='${arguments[1]}']`); return i ? i.id : '';",
                            json::array({name, value})).get<std::string>();
}

}  // namespace

TEST_CASE("a political group office approves, vetoes, nominates and reads days by party at phone width", "[browser]") {
  ServedDemo demo;
  auto& service = demo.service();
  const std::string token = service.token("group");
  auto me = service.call("GET", "/me", token);
  REQUIRE(me.status == 200);
  REQUIRE(me.body["role"] == "group");
  const std::string slug = me.body["group"];
  auto view = [&] {
    auto got = service.call("GET", "/groups/" + slug, token);
    REQUIRE(got.status == 200);
    return got.body;
  };
  json group = view();
  REQUIRE(group["peers"].size() > 0);

  Browser browser(free_port(), 390, 844);
  browser.go(demo.url("group"));
  browser.wait_for("#peer-table");
  REQUIRE(browser.run_script("return window.innerWidth;") == 390);
  CHECK(browser.text("#who") == "Signed in as " + me.body["display_name"].get<std::string>());
  check_page(browser, "group-1-home-phone");

  // Find and filter the group's peers: by name, and those waiting for approval.
  std::string someone = group["peers"][0]["name"];
  std::string part = someone.substr(someone.rfind(' ') + 1);
  browser.type("#q", part);
  browser.click("#filter");
  std::string caption = browser.wait_for_text("#peer-table caption", "matching");
  CHECK(caption.find("matching \"" + part + "\"") != std::string::npos);
  CHECK(browser.text("#peer-table").find(someone) != std::string::npos);
  check_page(browser, "group-2-found-phone");
  browser.go(demo.base() + "#/?show=waiting");
  browser.wait_for_text("#peer-table caption", "councillor peers");

  // (a) Approve one assignment.
  std::string approve_peer, approve_request, approve_name;
  for (const auto& p : group["peers"])
    for (const auto& a : p["assignments"])
      if (approve_peer.empty() && !a["approved"].get<bool>()) {
        approve_peer = p["id"];
        approve_name = p["name"];
        approve_request = a["request"];
      }
  REQUIRE_FALSE(approve_peer.empty());
  // The caption above also said "councillor peers": wait until the table is
  // the waiting filter's, not the name search's, before clicking in it.
  for (int i = 0; i < 150 && browser.text("#peer-table caption").find("matching") != std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  browser.wait_for("[data-peer='" + approve_peer + "']");
  browser.click("[data-peer='" + approve_peer + "']");
  browser.wait_for("#assignments");
  CHECK(browser.text("main").find(approve_name) != std::string::npos);
  check_page(browser, "group-3-peer-phone");
  {
    std::string cards = browser.run_script("return [...document.querySelectorAll('[data-request]')].map((e) => e.dataset.request + ': ' + e.textContent).join('\\n');");
    INFO("the assignments shown:\n" << cards << "\nthe one to approve: " << approve_request);
    REQUIRE(browser.run_script("return document.querySelector(`[data-approve='${arguments[0]}']`) !== null;", json::array({approve_request})) == true);
  }
  browser.click("[data-approve='" + approve_request + "']");
  CHECK(browser.wait_for_text("#flash", "You approved").find("You approved " + approve_name) != std::string::npos);
  check_page(browser, "group-4-approved-phone");
  bool approved = false;
  json now = view();
  for (const auto& p : now["peers"])
    for (const auto& a : p["assignments"])
      if (p["id"] == approve_peer && a["request"] == approve_request) approved = a["approved"].get<bool>();
  CHECK(approved);

  // (b) Veto one (on a page of its own), then the new team in a banner.
  auto pinned = [&](const std::string& request) {
    json pin = service.call("GET", "/requests/" + request, service.token("office")).body["pinned"];
    return pin.is_boolean() ? pin.get<bool>() : !pin.is_null();  // false, or null for none
  };
  std::string veto_peer, veto_request, veto_name;
  for (const auto& p : group["peers"])
    for (const auto& a : p["assignments"])
      if (veto_peer.empty() && a["request"] != approve_request && a["status"] == "proposed" && !pinned(a["request"])) {
        veto_peer = p["id"];
        veto_name = p["name"];
        veto_request = a["request"];
      }
  REQUIRE_FALSE(veto_peer.empty());
  auto before = service.call("GET", "/requests/" + veto_request, service.token("office"));
  browser.go(demo.base() + "#/peers/" + veto_peer);
  browser.wait_for("[data-veto='" + veto_request + "']");
  browser.click("[data-veto='" + veto_request + "']");
  browser.wait_for("#confirm-veto");
  CHECK(browser.text("h1").find("veto " + veto_name) != std::string::npos);
  check_page(browser, "group-5-veto-phone");
  browser.click("#confirm-veto");
  CHECK(browser.wait_for_text("#flash", "You vetoed").find("The new team") != std::string::npos);
  std::string banner = browser.text("#new-team");
  CHECK_FALSE(banner.empty());
  CHECK(banner.find(veto_name) == std::string::npos);
  check_page(browser, "group-6-vetoed-phone");
  auto after = service.call("GET", "/requests/" + veto_request, service.token("office"));
  REQUIRE(after.body["booking"].is_object());
  CHECK(after.body["booking"]["peers"].size() == before.body["booking"]["peers"].size());
  for (const auto& p : after.body["booking"]["peers"]) {
    CHECK(p["id"] != veto_peer);
    CHECK(banner.find(p["name"].get<std::string>()) != std::string::npos);  // the banner names the team as it is now
  }

  // (c) Nominate: a peer already on a challenge that week is refused in words; another is nominated.
  group = view();
  std::string challenge, busy_peer;
  std::vector<std::string> hopefuls;
  for (const auto& c : group["challenges"]) {
    if (c["request"] == veto_request || c["request"] == approve_request) continue;
    bool open_seat = false;
    std::set<std::string> members;
    for (const auto& m : c["members"]) {
      open_seat = open_seat || m["status"] == "proposed";
      members.insert(m["id"].get<std::string>());
    }
    if (!open_seat || pinned(c["request"])) continue;
    std::string clash;
    std::vector<std::string> free;
    for (const auto& p : group["peers"]) {
      if (members.count(p["id"].get<std::string>())) continue;
      bool that_week = false;
      for (const auto& a : p["assignments"]) that_week = that_week || a["week"] == c["week"];
      if (that_week && clash.empty()) clash = p["id"];
      if (!that_week) free.push_back(p["id"]);
    }
    if (!clash.empty() && !free.empty()) {
      challenge = c["request"];
      busy_peer = clash;
      hopefuls = free;
      break;
    }
  }
  REQUIRE_FALSE(challenge.empty());
  browser.go(demo.base() + "#/");
  browser.wait_for("#all-challenges");
  browser.click("#all-challenges");
  browser.wait_for("#challenge-filter");
  std::string where;
  for (const auto& c : group["challenges"])
    if (c["request"] == challenge) where = c["council_name"];
  browser.type("#cq", where);
  browser.click("#find-challenge");
  CHECK(browser.wait_for_text("#challenge-table caption", "matching").find("matching \"" + where + "\"") != std::string::npos);
  check_page(browser, "group-7-challenges-found-phone");
  browser.click("[data-challenge='" + challenge + "']");
  browser.wait_for("#nominate-form");
  check_page(browser, "group-7-challenge-nominate-phone");
  browser.click("#nominate");  // nothing chosen
  CHECK(browser.wait_for_text("#peer-error", "Select").find("Select the councillor peer") != std::string::npos);
  check_page(browser, "group-8-nominate-empty-phone");
  browser.click("label[for='" + input_id(browser, "peer", busy_peer) + "']");
  browser.click("#nominate");
  std::string refusal = browser.wait_for_text("#peer-error", "cannot");
  INFO(refusal);
  CHECK(refusal.find("cannot join") != std::string::npos);
  CHECK(browser.text("#error-summary").find(refusal.substr(refusal.find("cannot"))) != std::string::npos);
  CHECK(browser.run_script("return document.activeElement.id;") == "error-summary");
  CHECK(browser.run_script("return document.querySelector('input[name=peer]:checked').value;") == busy_peer);
  check_page(browser, "group-9-nominate-refused-phone");
  // Another of the party's peers, free that week: the first the service takes is nominated.
  bool nominated = false;
  for (size_t i = 0; i < hopefuls.size() && i < 8 && !nominated; ++i) {
    browser.click("label[for='" + input_id(browser, "peer", hopefuls[i]) + "']");
    browser.click("#nominate");
    for (int wait = 0; wait < 100; ++wait) {
      if (browser.run_script("return document.querySelector('#flash') !== null || "
                             "(document.querySelector('#peer-error') !== null && document.querySelector('#nominate').textContent === 'Nominate');").get<bool>())
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    nominated = browser.run_script("return document.querySelector('#flash') !== null;").get<bool>();
    if (nominated) {
      CHECK(browser.text("#flash").find("You nominated") != std::string::npos);
      auto booked = service.call("GET", "/requests/" + challenge, service.token("office"));
      bool on = false;
      for (const auto& p : booked.body["booking"]["peers"]) on = on || p["id"] == hopefuls[i];
      CHECK(on);
      std::string name;
      for (const auto& p : group["peers"])
        if (p["id"] == hopefuls[i]) name = p["name"];
      CHECK(browser.text("#members").find(name) != std::string::npos);  // the page drawn again shows the team with the nominee
    }
  }
  REQUIRE(nominated);
  check_page(browser, "group-10-nominated-phone");

  // (d) Member peer days by party against the proportional share: a chart with axes, the basis and a table.
  browser.go(demo.base() + "#/");
  browser.wait_for("#share-link");
  browser.click("#share-link");
  browser.wait_for("#basis");
  auto parties = service.call("GET", "/reports/parties", token);
  REQUIRE(parties.status == 200);
  CHECK(browser.text("#basis") == parties.body["basis"].get<std::string>());
  REQUIRE(parties.body["years"].size() > 0);
  std::string year = parties.body["years"][0]["year"];
  std::string figures = page_text(browser, "#share-table-" + year.substr(0, 4));  // with its headers, hidden on a phone
  for (const auto& p : parties.body["years"][0]["parties"]) CHECK(figures.find(p["party"].get<std::string>()) != std::string::npos);
  CHECK(figures.find("Proportional share") != std::string::npos);
  CHECK(figures.find("%") != std::string::npos);
  CHECK(browser.text("#share-chart-" + year.substr(0, 4)).find("Share (%)") != std::string::npos);
  check_page(browser, "group-11-share-phone");
}

TEST_CASE("the office reads peer load as histograms with both axes and tables, and the most-loaded peers by name", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1200);
  browser.go(demo.url("office"));
  browser.wait_for("#load");
  auto report = demo.service().call("GET", "/reports/load", demo.service().token("office"));
  std::set<int> years;
  for (const auto& p : report.body["peer_days"]) years.insert(p["fy"].get<int>());
  REQUIRE_FALSE(years.empty());
  for (int fy : years) {
    std::string id = std::to_string(fy);
    INFO("financial year " << fy);
    // Axis titles and numbers on the vertical axis, a label under the bars, an image with a name, the figures as a table.
    CHECK(browser.text("#load-chart-" + id + " .app-bars__y-title") == "Peers");
    CHECK(browser.text("#load-chart-" + id + " .app-bars__x-title").find("Days on site") != std::string::npos);
    json ticks = browser.run_script("return [...document.querySelectorAll(arguments[0])].map((t) => t.textContent);",
                                    json::array({"#load-chart-" + id + " .app-bars__tick"}));
    REQUIRE(ticks.size() >= 2);
    CHECK(ticks[0] == "0");
    CHECK(browser.run_script("return document.querySelector(arguments[0]).getAttribute('aria-label');",
                             json::array({"#load-chart-" + id + " [role=img]"})).get<std::string>().find("table below") != std::string::npos);
    int peers = 0, counted = 0;
    for (const auto& p : report.body["peer_days"]) peers += p["fy"] == fy;
    json cells = browser.run_script("return [...document.querySelectorAll(arguments[0])].map((c) => Number(c.textContent));",
                                    json::array({"#load-table-" + id + " tbody td"}));
    for (const auto& n : cells) counted += n.get<int>();
    CHECK(counted == peers);  // every peer on site that year is in one bar
  }
  browser.click("#load-chart-" + std::to_string(*years.begin()) + " summary");
  check_page(browser, "office-load-histograms", Reader::kOffice);
  // The most-loaded peers by name and home council, never by id.
  std::string most = browser.run_script("return document.querySelector('#most-loaded').textContent;");
  CHECK_FALSE(std::regex_search(most, std::regex(R"(\bP\d{5}\b)")));
  CHECK(most.find("Home council") != std::string::npos);
}

// --- the office at phone width; what is due, election results, import and export ---

namespace {

// Every <details> on the page opened, so what it holds is checked as well.
void open_all_details(Browser& browser) {
  browser.run_script("document.querySelectorAll('details').forEach((d) => { d.open = true; });");
}

// A file under a fresh temporary directory with `text` in it; its path.
std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = peerslot::e2e::temp_dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Waits until the page shows a success banner (#flash) or an error summary; which one.
std::string wait_for_outcome(Browser& browser, double seconds = 30) {
  for (int i = 0; i < seconds * 10; ++i) {
    std::string seen = browser.run_script(
        "return document.querySelector('#flash') ? 'flash' : document.querySelector('#error-summary') ? 'error' : '';");
    if (!seen.empty()) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return "";
}

}  // namespace

TEST_CASE("the office dashboard works at phone width with no sideways scrolling", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 390, 844);
  browser.go(demo.url("office"));
  browser.wait_for("#solve");
  browser.wait_for("#milestones-table");
  REQUIRE(browser.run_script("return window.innerWidth;") == 390);
  check_page(browser, "office-phone-1-dashboard", Reader::kOffice);
  open_all_details(browser);
  check_page(browser, "office-phone-2-figures-open", Reader::kOffice);
  // Wide tables stay inside the page: stacked, or in a scrolling region that the keyboard can reach and that has a name.
  json wide = browser.run_script(R"(
    return [...document.querySelectorAll('main table')].filter((t) => {
      const region = t.closest('.app-table-scroll');
      if (t.classList.contains('app-table--stack')) return false;
      if (region) return !(region.getAttribute('tabindex') === '0' && region.getAttribute('role') === 'region' && region.getAttribute('aria-label'));
      return t.getBoundingClientRect().right > window.innerWidth + 1;
    }).map((t) => t.id || (t.caption && t.caption.textContent) || t.rows[0].textContent);)");
  INFO("tables wider than the phone: " << wide.dump());
  CHECK(wide.empty());
  browser.run_script("document.querySelector('#solve-seconds').value = '1';");
  browser.click("#solve");
  browser.wait_for_text("#solve-state", "100%", 60);
  browser.wait_for("#preview-title");
  check_page(browser, "office-phone-3-solved", Reader::kOffice);
  browser.click("#search-link");
  browser.wait_for("#search-form");
  check_page(browser, "office-phone-4-search", Reader::kOffice);
  browser.click("#search");
  browser.wait_for_text("#results caption", "requests");
  check_page(browser, "office-phone-5-search-results", Reader::kOffice);
}

TEST_CASE("the office reads what is due in a month, records election results and restores an export", "[browser]") {
  ServedDemo demo;
  auto& service = demo.service();
  const std::string office = service.token("office");
  Browser browser(free_port(), 1280, 1200);
  browser.go(demo.url("office"));
  browser.wait_for("#milestone-month");

  // (a) What is due: a month with bookings, chosen with the select and Show.
  const std::string month = "2012-06";
  auto due = service.call("GET", "/reports/milestones?from=2012-06-01&to=2012-06-30", office);
  REQUIRE(due.status == 200);
  REQUIRE(due.body.size() > 0);
  json first = due.body[0];
  int in_month = static_cast<int>(due.body.size());
  browser.run_script("const s = document.querySelector('#milestone-month'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
                     json::array({month}));
  browser.click("#milestone-show");
  std::string caption = browser.wait_for_text("#milestones-table caption", std::to_string(in_month) + " milestone");
  INFO("month " << month << ", caption " << caption);
  CHECK(caption.rfind(std::to_string(in_month) + " milestone", 0) == 0);
  int rows = browser.run_script("return document.querySelectorAll('#milestones-table tbody tr').length;").get<int>();
  CHECK(rows == std::min(in_month, 60));
  CHECK(browser.run_script("return document.querySelector('#milestone-month').value;") == month);
  CHECK(browser.text("#milestones-table").find(first["council_name"].get<std::string>()) != std::string::npos);
  check_page(browser, "office-due-1-month", Reader::kOffice);

  // (b) Election results from a CSV file: a council changes control and is offered member peer support.
  auto scenario = service.call("GET", "/scenario", office);
  REQUIRE(scenario.status == 200);
  json council = scenario.body["councils"][1];
  std::string id = council["id"], was = council.value("control", "");
  std::string next = was == "NOC" ? "Labour" : "NOC";
  json other = scenario.body["councils"][2];
  std::string other_id = other["id"], other_was = other.value("control", "");
  auto control_of = [&](const std::string& c) {
    auto got = service.call("GET", "/councils/" + c, office);
    REQUIRE(got.status == 200);
    return got.body["control_changes"].dump();  // the council's changes of control, dated
  };
  const std::string changes_before = control_of(id), other_before = control_of(other_id);
  // A bad line first: the error summary names it and nothing changes.
  browser.type("#results", temp_file("bad-results.csv", "council,date,control,support_days\n" + other_id + ",2012-05-04," +
                                                        (other_was == "NOC" ? "Labour" : "NOC") + ",2\n" + id + ",2012-13-45," + next + ",2\n"));
  browser.click("#results-button");
  REQUIRE(wait_for_outcome(browser) == "error");
  std::string refused = browser.text("#error-summary");
  INFO(refused);
  CHECK(refused.find("Line 3") != std::string::npos);
  CHECK(control_of(id) == changes_before);
  CHECK(control_of(other_id) == other_before);
  check_page(browser, "office-results-1-bad-line", Reader::kOffice);
  browser.run_script("document.querySelector('#results').value = ''; document.querySelector('#error-summary').remove();");
  browser.type("#results", temp_file("results.csv", "council,date,control,support_days\n" + id + ",2012-05-04," + next + ",2\n"));
  browser.click("#results-button");
  REQUIRE(wait_for_outcome(browser) == "flash");
  std::string banner = browser.text("#flash");
  CHECK(banner.find("1 result recorded.") != std::string::npos);
  CHECK(banner.find("1 council has been offered member peer support.") != std::string::npos);
  const std::string recorded = control_of(id);
  CHECK(recorded.find("{\"control\":\"" + next + "\",\"date\":\"2012-05-04\"}") != std::string::npos);
  check_page(browser, "office-results-2-recorded", Reader::kOffice);

  // (c) Export the scenario and its plan, import both through the page: the same bookings afterwards.
  browser.wait_for("#import");
  auto exported = service.call("GET", "/scenario", office);
  auto plan = service.call("GET", "/plan", office);
  REQUIRE(exported.status == 200);
  REQUIRE(plan.status == 200);
  size_t bookings = plan.body["assignments"].size();
  REQUIRE(bookings > 0);
  browser.type("#import", temp_file("scenario.json", exported.body.dump()));
  browser.type("#import-plan", temp_file("plan.json", plan.body.dump()));
  check_page(browser, "office-import-1-chosen", Reader::kOffice);
  browser.run_script("document.querySelector('#flash')?.remove();");  // the election results' banner
  browser.click("#import-button");
  REQUIRE(wait_for_outcome(browser, 60) == "flash");
  CHECK(browser.text("#flash").find("scenario.json imported with the bookings in plan.json") != std::string::npos);
  check_page(browser, "office-import-2-imported", Reader::kOffice);
  auto after = service.call("GET", "/plan", office);
  CHECK(after.body["assignments"].size() == bookings);
  CHECK(control_of(id) == recorded);
}

TEST_CASE("a political group office finds a peer, approves, vetoes and nominates with the keyboard alone", "[browser]") {
  ServedDemo demo;
  auto& service = demo.service();
  const std::string token = service.token("group");
  auto view = [&] {
    auto got = service.call("GET", "/groups/" + service.call("GET", "/me", token).body["group"].get<std::string>(), token);
    REQUIRE(got.status == 200);
    return got.body;
  };
  json group = view();
  auto pinned = [&](const std::string& request) {
    json pin = service.call("GET", "/requests/" + request, service.token("office")).body["pinned"];
    return pin.is_boolean() ? pin.get<bool>() : !pin.is_null();
  };
  Browser browser(free_port(), 1280, 1000);
  browser.go(demo.url("group"));
  browser.wait_for("#peer-table");
  check_page(browser, "keyboard-group-1-home");

  // (a) Find a peer waiting for approval by name: type into the search box, Enter on Show peers.
  std::string peer, request, name;
  for (const auto& p : group["peers"])
    for (const auto& a : p["assignments"])
      if (peer.empty() && !a["approved"].get<bool>()) {
        peer = p["id"];
        name = p["name"];
        request = a["request"];
      }
  REQUIRE_FALSE(peer.empty());
  std::string part = name.substr(name.rfind(' ') + 1);
  tab_to(browser, "#q");
  browser.press(part);
  tab_to(browser, "#filter");
  browser.press(Browser::kEnter);
  browser.wait_for_text("#peer-table caption", "matching");
  check_page(browser, "keyboard-group-2-found");
  tab_to(browser, "[data-peer='" + peer + "']");
  browser.press(Browser::kEnter);
  browser.wait_for("#assignments");
  CHECK(browser.text("main").find(name) != std::string::npos);
  check_page(browser, "keyboard-group-3-peer");
  // (b) Approve with Space on the button.
  tab_to(browser, "[data-approve='" + request + "']");
  browser.press(Browser::kSpace);
  CHECK(browser.wait_for_text("#flash", "You approved").find("You approved " + name) != std::string::npos);
  check_page(browser, "keyboard-group-4-approved");

  // (c) Veto (a link that looks like a button) with Space, Shift+Tab back from the way out, Enter on "Yes, veto".
  std::string veto_peer, veto_request, veto_name;
  for (const auto& p : group["peers"])
    for (const auto& a : p["assignments"])
      if (veto_peer.empty() && a["request"] != request && a["status"] == "proposed" && !pinned(a["request"])) {
        veto_peer = p["id"];
        veto_name = p["name"];
        veto_request = a["request"];
      }
  REQUIRE_FALSE(veto_peer.empty());
  browser.go(demo.base() + "#/peers/" + veto_peer);
  browser.wait_for("[data-veto='" + veto_request + "']");
  tab_to(browser, "[data-veto='" + veto_request + "']");
  browser.press(Browser::kSpace);
  browser.wait_for("#confirm-veto");
  check_page(browser, "keyboard-group-5-veto");
  tab_to(browser, "#confirm-veto");
  browser.press(Browser::kEnter);
  CHECK(browser.wait_for_text("#flash", "You vetoed").find("The new team") != std::string::npos);
  CHECK(browser.text("#new-team").find(veto_name) == std::string::npos);
  check_page(browser, "keyboard-group-6-vetoed");

  // (d) Nominate: find the challenge by its council, Enter on its link, the arrow keys choose the peer, Enter on Nominate.
  group = view();
  std::string challenge, where;
  std::vector<std::string> hopefuls;
  for (const auto& c : group["challenges"]) {
    if (c["request"] == veto_request || c["request"] == request) continue;
    bool open_seat = false;
    std::set<std::string> members;
    for (const auto& m : c["members"]) {
      open_seat = open_seat || m["status"] == "proposed";
      members.insert(m["id"].get<std::string>());
    }
    if (!open_seat || pinned(c["request"])) continue;
    std::vector<std::string> free;
    for (const auto& p : group["peers"]) {
      if (members.count(p["id"].get<std::string>())) continue;
      bool that_week = false;
      for (const auto& a : p["assignments"]) that_week = that_week || a["week"] == c["week"];
      if (!that_week) free.push_back(p["id"]);
    }
    if (!free.empty()) {
      challenge = c["request"];
      where = c["council_name"];
      hopefuls = free;
      break;
    }
  }
  REQUIRE_FALSE(challenge.empty());
  browser.go(demo.base() + "#/");
  browser.wait_for("#all-challenges");
  tab_to(browser, "#all-challenges", false, 400);  // past every peer in the table
  browser.press(Browser::kEnter);
  browser.wait_for("#challenge-filter");
  tab_to(browser, "#cq");
  browser.press(where);
  browser.press(Browser::kEnter);
  browser.wait_for_text("#challenge-table caption", "matching");
  check_page(browser, "keyboard-group-7-challenges-found");
  tab_to(browser, "[data-challenge='" + challenge + "']");
  browser.press(Browser::kEnter);
  browser.wait_for("#nominate-form");
  check_page(browser, "keyboard-group-8-nominate");
  bool nominated = false;
  for (size_t i = 0; i < hopefuls.size() && i < 8 && !nominated; ++i) {
    tab_to(browser, "input[name=peer]");
    int radios = browser.run_script("return document.querySelectorAll('input[name=peer]').length;").get<int>();
    if (!browser.run_script("return document.querySelector('input[name=peer]:checked') !== null;").get<bool>()) browser.press(Browser::kSpace);
    for (int k = 0; k < radios + 1 && browser.run_script("return document.activeElement.value;") != hopefuls[i]; ++k)
      browser.press(Browser::kArrowDown);
    REQUIRE(browser.run_script("return document.querySelector('input[name=peer]:checked').value;") == hopefuls[i]);
    tab_to(browser, "#nominate");
    browser.press(Browser::kEnter);
    for (int wait = 0; wait < 100; ++wait) {
      if (browser.run_script("return document.querySelector('#flash') !== null || "
                             "(document.querySelector('#peer-error') !== null && document.querySelector('#nominate').textContent === 'Nominate');").get<bool>())
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    nominated = browser.run_script("return document.querySelector('#flash') !== null;").get<bool>();
    if (!nominated && i == 0) check_page(browser, "keyboard-group-9-nominate-refused");
  }
  REQUIRE(nominated);
  CHECK(browser.text("#flash").find("You nominated") != std::string::npos);
  check_page(browser, "keyboard-group-10-nominated");
}
