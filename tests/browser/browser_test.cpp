// Browser tests: the real `peerslot serve` on a free port with a fresh
// database, driven through headless Debian chromium by chromedriver. Each
// role's main flow is done with clicks only; screenshots of every page are
// saved under the build's tests/artifacts/ directory.
#include "tests/browser/webdriver.h"
#include "tests/e2e/service_harness.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using peerslot::test::Browser;

namespace {

namespace fs = std::filesystem;

// A port nobody listens on now: bind port 0 on loopback, read it, close.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

// `peerslot serve` on a fresh database seeded with the national demo.
class ServedDemo {
 public:
  ServedDemo() : service_(peerslot::e2e::temp_dir() + "/demo.db", {"--solve-seconds", "2"}) {}
  std::string url(const std::string& role) const {
    return "http://127.0.0.1:" + std::to_string(service_.port()) + "/#token=" + service_.token(role);
  }

 private:
  peerslot::e2e::ServiceProcess service_;
};

std::string artifact(const std::string& name) {
  fs::create_directories(PEERSLOT_ARTIFACT_DIR);
  return std::string(PEERSLOT_ARTIFACT_DIR) + "/" + name;
}

}  // namespace

TEST_CASE("a council books a week with the mouse and sees its booking", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  browser.go(demo.url("council"));
  CHECK(browser.wait_for_text("#booking-state", "Not booked").find("Not booked") != std::string::npos);
  std::string week = browser.run_script("return document.querySelector('[data-book]').dataset.book;").get<std::string>();
  browser.screenshot(artifact("council-before.png"));
  browser.click("[data-book]");
  browser.click("#confirm-ok");
  std::string state = browser.wait_for_text("#booking-state", "Booked for the week of ");
  CHECK(state.find(" 20") != std::string::npos);  // "Monday 12 November 2012": the date in words
  CHECK(state.find(week) == std::string::npos);   // never the bare ISO date
  CHECK(browser.text("#status").find("booked for the week of") != std::string::npos);
  CHECK(browser.text("#team").find("(proposed)") != std::string::npos);
  CHECK(browser.text("#milestones").find("Scoping meeting") != std::string::npos);
  CHECK(browser.run_script("return document.querySelector('button.week.booked').dataset.week;") == week);
  // Nothing a council reads names a rule or shows a cost.
  std::string page = browser.text("#page");
  CHECK(page.find("cost") == std::string::npos);
  CHECK(page.find("(H") == std::string::npos);
  browser.screenshot(artifact("council-booked.png"));
}

TEST_CASE("the council page works at phone width", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 390, 844);
  browser.go(demo.url("council"));
  browser.wait_for_text("#booking-state", "Not booked");
  auto overflow = browser.run_script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
  CHECK(overflow == false);
  browser.screenshot(artifact("council-phone.png"));
}

TEST_CASE("a peer withdraws an offered week by clicking it", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1000);
  browser.go(demo.url("peer"));
  browser.wait_for(".week.offered");
  // An offered week with no challenge in it (the assignments table lists those weeks).
  std::string week = browser.run_script(R"(
    const busy = new Set([...document.querySelectorAll('td[data-week]')].map((td) => td.dataset.week));
    const free = [...document.querySelectorAll('.week.offered')].find((b) => !busy.has(b.dataset.week));
    return free ? free.dataset.week : '';)").get<std::string>();
  REQUIRE_FALSE(week.empty());
  browser.screenshot(artifact("peer-before.png"));
  browser.click(".week[data-week='" + week + "']");
  std::string label = browser.wait_for_text("#status", "withdrawn");
  CHECK(label.rfind("Week of Monday ", 0) == 0);
  browser.wait_for(".week.not-offered[data-week='" + week + "']");
  CHECK(browser.run_script("return document.querySelector(\".week[data-week='" + week + "']\").getAttribute('aria-pressed');") ==
        "false");
  browser.screenshot(artifact("peer-withdrawn.png"));
}

TEST_CASE("the office runs a full solve and sees progress reach 100%", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 1200);
  browser.go(demo.url("office"));
  browser.wait_for("#solve");
  std::string money = browser.text("#finance");
  CHECK(money.find("2011/12") != std::string::npos);
  CHECK(money.find("£2,600,000") != std::string::npos);  // the demo's budget for 2011/12
  CHECK(browser.text("#unscheduled").find("(H") == std::string::npos);
  browser.screenshot(artifact("office-dashboard.png"));
  browser.run_script("document.querySelector('#solve-seconds').value = '2';");
  browser.click("#solve");
  std::string done = browser.wait_for_text("#solve-state", "100%", 60);
  CHECK(done.rfind("100% — done", 0) == 0);
  CHECK(browser.run_script("return document.querySelector('#solve-progress').value;") == 100);
  browser.screenshot(artifact("office-solved.png"));
}

TEST_CASE("a wrong token is refused on the sign-in page", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 1280, 800);
  std::string url = demo.url("office");
  browser.go(url.substr(0, url.find('#')));
  browser.type("#token", "not-a-token");
  browser.click("#sign-in-form button");
  CHECK(browser.wait_for_text("#status", "Sign-in failed").rfind("Sign-in failed", 0) == 0);
  browser.screenshot(artifact("sign-in-refused.png"));
}
