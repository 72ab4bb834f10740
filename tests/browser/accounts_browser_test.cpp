// Browser tests of accounts: the office invites a person on the People
// page; the sign-in link in the email (read from the outbox folder of the
// real `peerslot serve`) signs them in by session cookie in a fresh
// browser; "Your account" saves notice choices and makes and revokes an API
// token; a used link is refused with the words people read; the email form
// of the sign-in page works at phone width. Every page state passes axe-core
// (no serious or critical violation) and is saved as a screenshot under the
// build's tests/artifacts/ directory.
#include "tests/browser/page_checks.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

using peerslot::test::Browser;
using peerslot::test::check_page;
using peerslot::test::free_port;
using peerslot::test::read_text;
using peerslot::test::Reader;
using peerslot::test::ServedDemo;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

// A quoted-printable body as text: soft line breaks joined, =3D as "=".
std::string unquote(std::string text) {
  text = std::regex_replace(text, std::regex("=\r?\n"), "");
  return std::regex_replace(text, std::regex("=3D"), "=");
}

// The sign-in link of the newest message to `address` in the outbox folder
// written after `after` messages to it; waits for the mail sender.
std::string sign_in_link(ServedDemo& demo, const std::string& address, std::size_t after = 0) {
  for (int i = 0; i < 300; ++i) {
    std::vector<std::pair<fs::file_time_type, std::string>> mine;
    if (fs::exists(demo.outbox()))
      for (const auto& entry : fs::directory_iterator(demo.outbox())) {
        if (entry.path().extension() != ".eml") continue;
        std::string text = read_text(entry.path());
        if (text.find("<" + address + ">") != std::string::npos && text.find("#sign-in=3D") != std::string::npos)
          mine.emplace_back(entry.last_write_time(), text);
      }
    if (mine.size() > after) {
      std::sort(mine.begin(), mine.end());
      std::smatch link;
      std::string body = unquote(mine.back().second);
      REQUIRE(std::regex_search(body, link, std::regex(R"(https?://\S+/#sign-in=[A-Za-z0-9_-]+)")));
      return link.str();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("no sign-in link for " << address << " reached " << demo.outbox());
  return "";
}

// The user of `email`, as the office reads them.
json user_of(ServedDemo& demo, const std::string& email) {
  auto users = demo.service().call("GET", "/users?name=" + email, demo.service().token("office"));
  REQUIRE(users.status == 200);
  for (const auto& u : users.body["users"])
    if (u["email"] == email) return u;
  FAIL("no user " << email);
  return nullptr;
}

// Chooses the option of a <select> by the name people read.
std::string choose(Browser& browser, const std::string& select, const std::string& name) {
  json value = browser.run_script(R"(
    const option = [...document.querySelectorAll(arguments[0] + ' option')].find((o) => o.textContent === arguments[1]);
    if (!option) return null;
    option.selected = true;
    option.parentElement.dispatchEvent(new Event('change', { bubbles: true }));
    return option.value;)", json::array({select, name}));
  INFO(select << " has no option " << name);
  REQUIRE(value.is_string());
  return value.get<std::string>();
}

void set_value(Browser& browser, const std::string& css, const std::string& value) {
  browser.run_script("document.querySelector(arguments[0]).value = arguments[1];", json::array({css, value}));
}

const char* kRefused = "This sign-in link has expired or has been used. Ask for a new one";

}  // namespace

TEST_CASE("the office invites a council officer who signs in with the emailed link and runs their account", "[browser]") {
  ServedDemo demo;
  const std::string email = "alex.example@example.org";
  {
    Browser office(free_port(), 1280, 1000);
    office.go(demo.url("office"));
    office.wait_for("#solve");
    office.click("#people-link");
    office.wait_for("#people-table");
    CHECK(office.text("#people-table caption").find("newest") != std::string::npos);
    check_page(office, "accounts-office-1-people", Reader::kOffice);
    // Filter by role: council officers, with the council they act for by name.
    choose(office, "#role-filter", "Council officers");
    office.click("#filter-people");
    office.wait_for_text("#people-table caption", "council officers");
    CHECK(office.text("#people-table").find("Hartlepool Borough Council") != std::string::npos);
    CHECK(office.text("#people-table").find("Group office") == std::string::npos);
    choose(office, "#role-filter", "Group offices");
    office.click("#filter-people");
    office.wait_for_text("#people-table caption", "group offices");
    CHECK(office.text("#people-table").find("Council officer") == std::string::npos);
    check_page(office, "accounts-office-2-people-groups", Reader::kOffice);

    // Disable a group office after a confirmation page, then enable it again: a success banner each time.
    const std::string labour = "labour.group@example.org";
    office.click("[data-person='" + labour + "']");
    office.wait_for("#confirm-change");
    CHECK(office.text("main").find("Labour group") != std::string::npos);
    CHECK(office.text(".govuk-warning-text").find("will not be able to sign in") != std::string::npos);
    check_page(office, "accounts-office-2a-disable", Reader::kOffice);
    office.click("#confirm-change");
    CHECK(office.wait_for_text("#flash", "is disabled").find("account is disabled") != std::string::npos);
    office.wait_for("#people-table");
    CHECK(user_of(demo, labour)["disabled"] == true);
    CHECK(office.text("#people-table").find("Disabled") != std::string::npos);
    check_page(office, "accounts-office-2b-disabled", Reader::kOffice);
    office.click("[data-person='" + labour + "']");
    office.wait_for_text("#confirm-change", "Enable");
    office.click("#confirm-change");
    CHECK(office.wait_for_text("#flash", "is enabled").find("account is enabled") != std::string::npos);
    CHECK(user_of(demo, labour)["disabled"] == false);

    // Invite: nothing typed gives an error summary and messages at the fields.
    office.click("#invite-link");
    office.wait_for("#invite-form");
    office.click("#invite");
    office.wait_for("#error-summary");
    CHECK(office.text("#name-error").find("Enter the person") != std::string::npos);
    CHECK(office.text("#role-error").find("Select what they do") != std::string::npos);
    check_page(office, "accounts-office-3-invite-errors", Reader::kOffice);
    office.type("#name", "Alex Example");
    office.type("#email", email);
    office.click("label[for='role']");  // Council officer: the choice of council appears
    office.wait_for("#conditional-council:not(.govuk-radios__conditional--hidden) #council");
    std::string council = choose(office, "#council", "Hartlepool Borough Council");
    check_page(office, "accounts-office-4-invite", Reader::kOffice);
    office.click("#invite");
    CHECK(office.wait_for_text("#flash", "is invited").find("Alex Example is invited") != std::string::npos);
    office.wait_for("#people-table");
    std::string listed = office.text("#people-table");
    CHECK(listed.find("Alex Example") != std::string::npos);
    check_page(office, "accounts-office-5-invited", Reader::kOffice);
    json made = user_of(demo, email);
    CHECK(made["role"] == "council");
    CHECK(made["council"] == council);

    // The outbox lists the welcome message, its status in words.
    office.click("#outbox-link");
    office.wait_for("#outbox-table");
    CHECK(office.text("#outbox-table").find(email) != std::string::npos);
    check_page(office, "accounts-office-6-outbox", Reader::kOffice);
    choose(office, "#status-filter", "Sent");
    office.click("#filter-outbox");
    office.wait_for_text("h1", "Outbox");
    office.wait_for("#outbox-table, #outbox-empty");
    check_page(office, "accounts-office-7-outbox-sent", Reader::kOffice);
  }

  // The email's link, opened in a fresh browser: signed in on the council's home page.
  std::string link = sign_in_link(demo, email);
  std::string secret = link.substr(link.find("#sign-in=") + 9);
  Browser person(free_port(), 1280, 1000);
  person.go(link);
  person.wait_for("#start-now");
  CHECK(person.text("#who").find("Signed in as") != std::string::npos);
  CHECK(person.run_script("return location.href;").get<std::string>().find(secret) == std::string::npos);
  CHECK(person.run_script("return sessionStorage.getItem('peerslot-token');").is_null());
  // The office's pages are not offered to a council.
  CHECK(person.run_script("return document.querySelector('#people-link').offsetParent === null && "
                          "document.querySelector('#outbox-link').offsetParent === null;").get<bool>());
  check_page(person, "accounts-council-1-home");

  // Your account: name and email; mute one kind of notice and save.
  person.click("#account-link");
  person.wait_for("#notices-form");
  CHECK(person.text("#account-name").find("Alex Example") != std::string::npos);
  CHECK(person.text("#account-email").find(email) != std::string::npos);
  check_page(person, "accounts-council-2-account");
  std::string box = person.run_script("return document.querySelector('input[name=notices][value=booking]').id;");
  REQUIRE(person.run_script("return document.getElementById(arguments[0]).checked;", json::array({box})).get<bool>());
  person.click("label[for='" + box + "']");
  person.click("#save-notices");
  CHECK(person.wait_for_text("#flash", "saved").find("Your email choices are saved") != std::string::npos);
  CHECK_FALSE(person.run_script("return document.getElementById(arguments[0]).checked;", json::array({box})).get<bool>());
  CHECK(user_of(demo, email)["muted"] == json::array({"booking"}));
  // Signed in by the session cookie: no bearer token; changes carried the CSRF token (else the service says 403).
  CHECK(person.run_script("return window.peerslotCalls.filter((c) => c.status === 403).length;") == 0);
  check_page(person, "accounts-council-3-notices-saved");

  // An API token: made with a name and days, the secret shown once; it works; then revoked.
  person.type("#token-name", "Finance spreadsheet");
  set_value(person, "#token-days", "30");
  person.click("#create-token");
  person.wait_for("#token-panel");
  std::string token = person.text("#token-secret");
  REQUIRE(token.size() >= 20);
  CHECK(person.run_script("return getComputedStyle(document.querySelector('#token-secret')).color;") == "rgb(11, 12, 12)");
  CHECK(person.text(".govuk-warning-text").find("shown only this once") != std::string::npos);
  check_page(person, "accounts-council-4-token-created");
  CHECK(demo.service().call("GET", "/me", token).status == 200);
  person.click("#token-done");
  person.wait_for("#tokens-table");
  std::string tokens = person.text("#tokens-table");
  CHECK(tokens.find("Finance spreadsheet") != std::string::npos);
  CHECK(tokens.find(token) == std::string::npos);  // never shown again
  CHECK(std::regex_search(tokens, std::regex(R"(\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4})")));
  check_page(person, "accounts-council-5-tokens");
  person.click("[data-revoke='Finance spreadsheet']");
  person.wait_for("#confirm-revoke");
  check_page(person, "accounts-council-6-revoke");
  person.click("#confirm-revoke");
  CHECK(person.wait_for_text("#flash", "is revoked").find("The token Finance spreadsheet is revoked") != std::string::npos);
  CHECK(demo.service().call("GET", "/me", token).status == 401);
  person.wait_for("#notices-form");
  CHECK(person.run_script("return document.querySelector('#tokens-table') === null || "
                          "!document.querySelector('#tokens-table').textContent.includes('Finance spreadsheet');").get<bool>());
  check_page(person, "accounts-council-7-revoked");

  // Sign out ends the session: after a reload the sign-in page shows.
  person.click("#sign-out");
  CHECK(person.wait_for_text("#flash", "signed out").find("You have signed out") != std::string::npos);
  person.wait_for("#email-sign-in-form");
  person.run_script("location.reload();");
  person.wait_for("#email-sign-in-form");
  CHECK(person.text("#who").empty());

  // (b) The same link again: refused, with the words to ask for a new one and the email form.
  person.go(link);
  CHECK(person.wait_for_text("#error-summary", "Ask for a new one").find(kRefused) != std::string::npos);
  person.wait_for("#email-sign-in-form");
  CHECK(person.run_script("return location.href;").get<std::string>().find(secret) == std::string::npos);
  check_page(person, "accounts-council-8-link-used");
}

TEST_CASE("the sign-in page emails a link at phone width, and a used link is refused", "[browser]") {
  ServedDemo demo;
  Browser browser(free_port(), 390, 844);
  browser.go(demo.base());
  browser.wait_for("#email-sign-in-form");
  REQUIRE(browser.run_script("return window.innerWidth;") == 390);
  CHECK(browser.run_script("return document.querySelector('#email').autocomplete;") == "email");
  CHECK(browser.run_script("return document.querySelector('#email').getAttribute('spellcheck');") == "false");
  CHECK(browser.text("main").find("Sign in with an access token") != std::string::npos);
  check_page(browser, "accounts-phone-1-sign-in");
  browser.click("#email-link-button");  // empty
  CHECK(browser.wait_for_text("#email-error", "Enter your email address").find("Enter your email address") != std::string::npos);
  check_page(browser, "accounts-phone-2-sign-in-error");
  const std::string email = "e06000001@example.org";  // the demo council's officer
  browser.type("#email", email);
  browser.click("#email-link-button");
  browser.wait_for("#link-sent");
  CHECK(browser.text("main").find("within 15 minutes") != std::string::npos);
  check_page(browser, "accounts-phone-3-check-email");

  std::string link = sign_in_link(demo, email);
  browser.go(link);
  browser.wait_for("#start-now");
  CHECK(browser.text("#who") == "Signed in as Hartlepool Borough Council");
  check_page(browser, "accounts-phone-4-signed-in");
  browser.go(demo.base() + "#/sign-out");
  browser.wait_for("#email-sign-in-form");
  browser.go(link);
  CHECK(browser.wait_for_text("#error-summary", "Ask for a new one").find(kRefused) != std::string::npos);
  check_page(browser, "accounts-phone-5-link-used");
}
