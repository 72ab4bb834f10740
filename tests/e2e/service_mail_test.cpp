// service_mail_test.cpp — accounts, sign-in by email and the mail people
// get, end to end: the real `peerslot serve` writes to its outbox folder or
// to a real SMTP server (aiosmtpd), and every message is read back by
// Python's email package and its calendar part by the icalendar package
// (read_mail.py), not by our own code.
#include "imap_server.h"
#include "service_harness.h"
#include "smtp_server.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace {

using peerslot::e2e::Answer;
using peerslot::e2e::ServiceProcess;
using json = nlohmann::json;
namespace fs = std::filesystem;

bool parsers_available() {
  return std::system("/usr/bin/python3 -c 'import email, icalendar' >/dev/null 2>&1") == 0;
}

// What the command prints; the test fails unless it exits 0.
std::string output_of(const std::string& command) {
  int status = 0;
  std::string out = peerslot::e2e::command_output(command, &status);
  INFO(command);
  REQUIRE(status == 0);
  return out;
}

// Every message in the files, as read_mail.py reads them.
json read_mail(const std::vector<fs::path>& files) {
  if (files.empty()) return json::array();
  std::string command = "/usr/bin/python3 " PEERSLOT_TEST_DIR "/e2e/read_mail.py";
  for (const fs::path& file : files) command += " '" + file.string() + "'";
  return json::parse(output_of(command));
}

std::vector<fs::path> eml_files(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The messages to `address`, waiting up to 20 s until there are at least `count`.
json mail_to(const std::function<std::vector<fs::path>()>& files, const std::string& address, std::size_t count) {
  json found = json::array();
  for (int i = 0; i < 200; ++i) {
    found = json::array();
    for (const json& m : read_mail(files()))
      if (m["to"].get<std::string>().find(address) != std::string::npos) found.push_back(m);
    if (found.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return found;
}

std::string sign_in_secret(const json& message) {
  std::string text = message["text"];
  std::size_t at = text.find("#sign-in=");
  REQUIRE(at != std::string::npos);
  return text.substr(at + 9, 64);
}

std::string scenario_file(const std::string& dir) {
  return peerslot::e2e::write_file(dir, "scenario.json", peerslot::e2e::small_scenario(3, 6, 2, 5).dump());
}

std::string email_of_peer(const ServiceProcess& s, const std::string& peer) {
  Answer users = s.call("GET", "/users?role=peer&subject=" + peer, s.token("office"));
  REQUIRE(users.body["users"].size() == 1);
  return users.body["users"][0]["email"];
}

std::map<std::string, std::string> with_cookie(const std::string& cookie, const std::string& csrf = "") {
  std::map<std::string, std::string> headers = {{"Cookie", "peerslot_session=" + cookie}};
  if (!csrf.empty()) headers["X-CSRF-Token"] = csrf;
  return headers;
}

std::string cookie_value(const Answer& answer) {
  std::string header = answer.headers.at("Set-Cookie");
  std::size_t start = header.find('=') + 1;
  return header.substr(start, header.find(';') - start);
}

}  // namespace

TEST_CASE("service: an invited council officer signs in from the emailed link, books, and the peers get invitations", "[service]") {
  if (!parsers_available()) {
    WARN("skipped: /usr/bin/python3 cannot import icalendar");
    return;
  }
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/mail.db", {"--seed-scenario", scenario_file(dir), "--solve-seconds", "0", "--mail-poll-seconds", "1"});
  fs::path outbox = dir + "/mail-outbox";
  CHECK(s.log().find("mail goes to the folder " + outbox.string()) != std::string::npos);
  auto files = [&] { return eml_files(outbox); };
  const std::string& office = s.token("office");

  json jo = {{"name", "Jo Bloggs"}, {"email", "Jo.Bloggs@C01.example.org"}, {"role", "council"}, {"subject", "C01"}};
  Answer made = s.call("POST", "/users", office, jo);
  REQUIRE(made.status == 201);
  CHECK(made.body["email"] == "jo.bloggs@c01.example.org");
  json welcome = mail_to(files, "jo.bloggs@c01.example.org", 1);
  REQUIRE(welcome.size() == 1);
  CHECK(welcome[0]["subject"] == "Sign in to peer challenge bookings");
  std::string link = sign_in_secret(welcome[0]);

  // The link opens a session once; the cookie is HttpOnly and SameSite=Strict.
  Answer session = s.call("POST", "/sessions", "", json{{"link", link}});
  REQUIRE(session.status == 201);
  std::string set_cookie = session.headers.at("Set-Cookie");
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Secure") == std::string::npos);  // served over plain HTTP
  std::string cookie = cookie_value(session);
  std::string csrf = session.body["csrf"];
  Answer replayed = s.call("POST", "/sessions", "", json{{"link", link}});
  CHECK(replayed.status == 401);
  CHECK(replayed.body["field"] == "link");

  Answer me = s.call("GET", "/me", "", std::string(), with_cookie(cookie));
  REQUIRE(me.status == 200);
  CHECK(me.body["role"] == "council");
  CHECK(me.body["email"] == "jo.bloggs@c01.example.org");
  CHECK(me.body["csrf"] == csrf);

  // A change with the cookie needs the CSRF token.
  json week = {{"week", "2011-06-06"}};
  Answer forged = s.call("POST", "/requests/Q01/booking", "", week, with_cookie(cookie));
  CHECK(forged.status == 403);
  CHECK(forged.body["field"] == "X-CSRF-Token");
  Answer booked = s.call("POST", "/requests/Q01/booking", "", week, with_cookie(cookie, csrf));
  REQUIRE(booked.status == 201);
  std::vector<std::string> team;
  json request = s.call("GET", "/requests/Q01", office).body;  // kept: a range-for over a temporary's member dangles
  for (const json& peer : request["booking"]["peers"]) team.push_back(peer["id"]);
  REQUIRE(team.size() == 2);

  // Each peer gets an iTIP REQUEST: stable UID, SEQUENCE 0, the days on site.
  std::string uid;
  for (const std::string& peer : team) {
    json invitations = mail_to(files, email_of_peer(s, peer), 1);
    REQUIRE(invitations.size() == 1);
    const json& calendar = invitations[0]["calendar"];
    REQUIRE(calendar.is_object());
    CHECK(calendar["method"] == "REQUEST");
    CHECK(calendar["content_type_method"] == "REQUEST");
    REQUIRE(calendar["events"].size() == 1);
    const json& event = calendar["events"][0];
    CHECK(event["sequence"] == 0);
    CHECK(event["dtstart"] == "2011-06-06");
    CHECK(event["organizer"] == "mailto:peer-challenge@example.org");
    uid = event["uid"];
    CHECK(invitations[0]["text"].get<std::string>().find("?answer=accept") != std::string::npos);
  }
  json council_mail = mail_to(files, "jo.bloggs@c01.example.org", 2);
  REQUIRE(council_mail.size() == 2);
  CHECK(council_mail[1]["calendar"]["method"] == "REQUEST");
  CHECK(council_mail[1]["calendar"]["events"][0]["uid"] == uid);

  // The first peer accepts through the signed link in the message: the
  // page shows the invitation, the form answers it; a tampered link does nothing.
  std::string text = mail_to(files, email_of_peer(s, team[0]), 1)[0]["text"];
  std::size_t at = text.find("/invitations/");
  std::string accept = text.substr(at, text.find("?answer=accept", at) - at);
  Answer page = s.call("GET", accept, "");
  CHECK(page.status == 200);
  CHECK(page.text.find("Accept") != std::string::npos);
  std::map<std::string, std::string> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
  std::string tampered = accept.substr(0, accept.size() - 1) + (accept.back() == '0' ? "1" : "0");
  CHECK(s.call("POST", tampered, "", std::string("answer=accept"), form).status == 404);
  Answer accepted = s.call("POST", accept, "", std::string("answer=accept"), form);
  CHECK(accepted.status == 200);
  CHECK(accepted.text.find("Invitation accepted") != std::string::npos);
  json seats = s.call("GET", "/requests/Q01", office).body["booking"]["peers"];
  CHECK(seats[0]["status"] == "accepted");

  // A move sends an updated REQUEST (same UID, SEQUENCE 1); a cancellation a CANCEL.
  REQUIRE(s.call("PUT", "/requests/Q01/booking", "", json{{"week", "2011-06-13"}}, with_cookie(cookie, csrf)).status == 200);
  json moved = mail_to(files, email_of_peer(s, team[0]), 2);
  REQUIRE(moved.size() == 2);
  CHECK(moved[1]["calendar"]["method"] == "REQUEST");
  CHECK(moved[1]["calendar"]["events"][0]["uid"] == uid);
  CHECK(moved[1]["calendar"]["events"][0]["sequence"] == 1);
  CHECK(moved[1]["calendar"]["events"][0]["dtstart"] == "2011-06-13");
  REQUIRE(s.call("DELETE", "/requests/Q01/booking", "", std::string(), with_cookie(cookie, csrf)).status == 200);
  json cancelled = mail_to(files, email_of_peer(s, team[0]), 3);
  REQUIRE(cancelled.size() == 3);
  CHECK(cancelled[2]["calendar"]["method"] == "CANCEL");
  CHECK(cancelled[2]["calendar"]["events"][0]["uid"] == uid);
  CHECK(cancelled[2]["calendar"]["events"][0]["sequence"] == 2);

  // The audit log names the person; signing out ends the session at once.
  json audit = s.call("GET", "/audit?limit=1000", office).body["entries"];
  bool named = false;
  for (const json& entry : audit) named = named || entry["actor"].get<std::string>().find("Jo Bloggs <jo.bloggs@c01.example.org>") != std::string::npos;
  CHECK(named);
  CHECK(s.call("DELETE", "/sessions/current", "", std::string(), with_cookie(cookie, csrf)).status == 204);
  CHECK(s.call("GET", "/me", "", std::string(), with_cookie(cookie)).status == 401);
}

TEST_CASE("service: sign-in links expire and are rate-limited, and revoked tokens and disabled users get 401 at once", "[service]") {
  if (!parsers_available()) {
    WARN("skipped: /usr/bin/python3 cannot import icalendar");
    return;
  }
  std::string dir = peerslot::e2e::temp_dir();
  ServiceProcess s(dir + "/links.db", {"--seed-scenario", scenario_file(dir), "--solve-seconds", "0",
                                      "--sign-in-link-seconds", "2", "--mail-poll-seconds", "1"});
  auto files = [&] { return eml_files(dir + "/links-outbox"); };
  const std::string& office = s.token("office");
  Answer made = s.call("POST", "/users", office,
                       json{{"name", "Sam Patel"}, {"email", "sam@c02.example.org"}, {"role", "council"}, {"subject", "C02"}, {"welcome", false}});
  REQUIRE(made.status == 201);
  std::string id = std::to_string(made.body["id"].get<int>());

  // Asking says nothing about who has an account; the sixth ask in the window is refused.
  CHECK(s.call("POST", "/sign-in", "", json{{"email", "nobody@example.org"}}).status == 202);
  CHECK(s.call("POST", "/sign-in", "", json{{"email", "not an address"}}).status == 422);
  for (int i = 0; i < 5; ++i) CHECK(s.call("POST", "/sign-in", "", json{{"email", "sam@c02.example.org"}}).status == 202);
  Answer limited = s.call("POST", "/sign-in", "", json{{"email", "SAM@c02.example.org"}});
  CHECK(limited.status == 429);
  CHECK(limited.body["field"] == "email");

  // A link past its 2 seconds opens nothing.
  json links = mail_to(files, "sam@c02.example.org", 5);
  REQUIRE(links.size() == 5);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(s.call("POST", "/sessions", "", json{{"link", sign_in_secret(links[0])}}).status == 401);

  // Tokens: shown once, work until revoked, then 401 on the very next call.
  Answer token = s.call("POST", "/users/" + id + "/tokens", office, json{{"name", "spreadsheet"}, {"days", 30}});
  REQUIRE(token.status == 201);
  std::string secret = token.body["token"];
  CHECK(s.call("GET", "/me", secret).status == 200);
  Answer listed = s.call("GET", "/me/tokens", secret);
  REQUIRE(listed.body["tokens"].size() == 1);
  CHECK_FALSE(listed.body["tokens"][0].contains("token"));
  CHECK(listed.body["tokens"][0]["name"] == "spreadsheet");
  Answer second = s.call("POST", "/me/tokens", secret, json{{"name", "second"}});
  REQUIRE(second.status == 201);
  std::string other = second.body["token"];
  CHECK(s.call("DELETE", "/tokens/" + std::to_string(token.body["id"].get<int>()), other).status == 204);
  CHECK(s.call("GET", "/me", secret).status == 401);
  CHECK(s.call("GET", "/me", other).status == 200);
  CHECK(s.call("DELETE", "/tokens/" + std::to_string(second.body["id"].get<int>()), s.token("council")).status == 403);

  // Disabling the user refuses all their credentials at once; enabling restores them.
  CHECK(s.call("PATCH", "/users/" + id, office, json{{"disabled", true}}).status == 200);
  CHECK(s.call("GET", "/me", other).status == 401);
  CHECK(s.call("PATCH", "/users/" + id, office, json{{"disabled", false}}).status == 200);
  CHECK(s.call("GET", "/me", other).status == 200);
  CHECK(s.call("PATCH", "/users/" + id, office, json{{"email", "not an address"}}).body["field"] == "email");
  CHECK(s.call("GET", "/users", s.token("council")).status == 403);
}

TEST_CASE("service: mail goes to a real SMTP server, waits while it is down, and arrives when it is back", "[service]") {
  if (!peerslot::e2e::aiosmtpd_available() || !parsers_available()) {
    WARN("skipped: /usr/bin/python3 cannot import aiosmtpd and icalendar");
    return;
  }
  std::string dir = peerslot::e2e::temp_dir();
  auto smtp = std::make_unique<peerslot::e2e::SmtpServer>(fs::path(dir) / "maildir");
  int port = smtp->port();
  ServiceProcess s(dir + "/smtp.db", {"--seed-scenario", scenario_file(dir), "--solve-seconds", "0", "--smtp",
                                      "smtp://127.0.0.1:" + std::to_string(port) + "?timeout=5",
                                      "--mail-retry-seconds", "1", "--mail-poll-seconds", "1"});
  CHECK(s.log().find("mail goes to the SMTP server 127.0.0.1:" + std::to_string(port)) != std::string::npos);
  auto delivered = [&] { return smtp ? smtp->delivered_files() : std::vector<fs::path>{}; };
  const std::string& office = s.token("office");
  json ann = {{"name", "Ann Lee"}, {"email", "ann@c03.example.org"}, {"role", "council"}, {"subject", "C03"}};
  REQUIRE(s.call("POST", "/users", office, ann).status == 201);
  json arrived = mail_to(delivered, "ann@c03.example.org", 1);
  REQUIRE(arrived.size() == 1);
  CHECK(arrived[0]["subject"] == "Sign in to peer challenge bookings");

  // With the server down the message waits in the outbox, with the reason.
  smtp->stop();
  json bo = {{"name", "Bo Chan"}, {"email", "bo@c03.example.org"}, {"role", "council"}, {"subject", "C03"}};
  REQUIRE(s.call("POST", "/users", office, bo).status == 201);
  json waiting;
  for (int i = 0; i < 100; ++i) {
    waiting = s.call("GET", "/outbox?status=queued", office).body["messages"];
    if (!waiting.empty() && waiting[0]["attempts"].get<int>() >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0]["to"] == "bo@c03.example.org");
  CHECK(waiting[0]["attempts"].get<int>() >= 1);
  CHECK_FALSE(waiting[0]["last_error"].get<std::string>().empty());

  // Back up on the same port: the retry delivers it.
  smtp = std::make_unique<peerslot::e2e::SmtpServer>(fs::path(dir) / "maildir", port);
  json late = mail_to(delivered, "bo@c03.example.org", 1);
  REQUIRE(late.size() == 1);
  CHECK(s.call("GET", "/outbox?status=queued", office).body["messages"].empty());
}

namespace {

// imap_client.py against the test's mailbox; what it prints.
std::string mailbox(const peerslot::e2e::ImapServer& imap, const std::string& args) {
  return output_of("/usr/bin/python3 " PEERSLOT_TEST_DIR "/e2e/imap_client.py " + std::to_string(imap.port()) + " " +
                   peerslot::e2e::ImapServer::kUser + " " + peerslot::e2e::ImapServer::kPassword + " " + args);
}

bool has_flag(const json& flags, const std::string& flag) { return std::count(flags.begin(), flags.end(), flag) > 0; }

// Each message's flags by sender, once peerslot has read every message (up to 20 s).
json flags_once_read(const peerslot::e2e::ImapServer& imap) {
  json flags;
  for (int i = 0; i < 100; ++i) {
    flags = json::parse(mailbox(imap, "flags"));
    bool all_read = true;
    for (const json& f : flags) all_read = all_read && has_flag(f, "PeerslotRead");
    if (all_read) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return flags;
}

// The seat's status, waiting up to 20 s for it to become `want` ("" when the peer left the team).
std::string seat_status(const ServiceProcess& s, const std::string& peer, const std::string& want) {
  std::string status;
  for (int i = 0; i < 100; ++i) {
    json request = s.call("GET", "/requests/Q01", s.token("office")).body;
    status = "";
    for (const json& seat : request["booking"]["peers"])
      if (seat["id"] == peer) status = seat["status"];
    if (status == want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return status;
}

}  // namespace

TEST_CASE("service: a peer's calendar client answers by mail, and the reply read from a real IMAP mailbox is recorded", "[service]") {
  if (!peerslot::e2e::dovecot_available() || !parsers_available()) {
    WARN("skipped: needs /usr/sbin/dovecot (dovecot-imapd) and python3-icalendar");
    return;
  }
  peerslot::e2e::ImapServer imap;
  std::string dir = peerslot::e2e::temp_dir();
  std::string password = peerslot::e2e::write_file(dir, "mailbox-password", std::string(peerslot::e2e::ImapServer::kPassword) + "\n");
  ServiceProcess s(dir + "/replies.db", {"--seed-scenario", scenario_file(dir), "--solve-seconds", "0", "--mail-poll-seconds", "1",
                                         "--mailbox", imap.url(), "--mailbox-password-file", password, "--mailbox-poll-seconds", "1"});
  CHECK(s.log().find("calendar replies are read from the mailbox INBOX at 127.0.0.1:" + std::to_string(imap.port())) != std::string::npos);
  auto files = [&] { return eml_files(dir + "/replies-outbox"); };
  const std::string& office = s.token("office");
  REQUIRE(s.call("POST", "/requests/Q01/booking", office, json{{"week", "2011-06-06"}}).status == 201);
  json request = s.call("GET", "/requests/Q01", office).body;
  std::vector<std::string> team;
  for (const json& peer : request["booking"]["peers"]) team.push_back(peer["id"]);
  REQUIRE(team.size() == 2);
  std::string first = email_of_peer(s, team[0]), second = email_of_peer(s, team[1]);
  std::string invitation = mail_to(files, first, 1).at(0)["file"];

  // A forged reply (From someone else) and a person's own message are read
  // but change nothing and stay unread for people; the peer's own is recorded.
  mailbox(imap, "reply '" + invitation + "' ACCEPTED mallory@example.net");
  mailbox(imap, "note kim@example.org 'About the dates'");
  mailbox(imap, "reply '" + invitation + "' ACCEPTED " + first);
  CHECK(seat_status(s, team[0], "accepted") == "accepted");
  json flags = flags_once_read(imap);
  REQUIRE(flags.size() == 3);
  for (const auto& [sender, marks] : flags.items()) {
    CHECK(has_flag(marks, "PeerslotRead"));
    CHECK(has_flag(marks, "\\Seen") == (sender == first));  // only the recorded reply counts as seen
  }
  CHECK(s.log().find("a calendar reply from mallory@example.net was not recorded") != std::string::npos);
  json audit = s.call("GET", "/audit?limit=1000", office).body["entries"];
  bool by_calendar = false;
  for (const json& entry : audit) by_calendar = by_calendar || entry["actor"].get<std::string>().find("by a reply from their calendar") != std::string::npos;
  CHECK(by_calendar);

  // A decline by mail takes the second peer off the team for good.
  std::string second_invitation = mail_to(files, second, 1).at(0)["file"];
  mailbox(imap, "reply '" + second_invitation + "' DECLINED " + second);
  CHECK(seat_status(s, team[1], "") == "");
  CHECK(seat_status(s, team[0], "accepted") == "accepted");
}
