// Notifications of a change: the events between two States, the iTIP
// invitations and notices each person gets, the signed Accept and Decline
// links, and the iCalendar text as a real parser reads it.
#include "service/challenge_events.h"
#include "service/invitation_calendar.h"
#include "service/notifications.h"
#include "service/signed_link.h"
#include "service/state.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <unistd.h>

using namespace peerslot;
using namespace peerslot::service;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;

namespace {

// Ids that look like ids, so that a leak into text meant for people shows.
Scenario programme() {
  ScenarioBuilder b("2011-05-02", "2011-09-30");
  b.council("C0007", "Labour", 54.57, -1.32).name = "Stockton-on-Tees Borough Council";
  b.council("C0008", "Labour", 54.69, -1.21).name = "Hartlepool Borough Council";
  b.council("C0009", "Conservative", 54.52, -1.55).name = "Darlington Borough Council";
  b.peer("P0101", Role::kMember, "X", 53.0, -2.0, "Labour").name = "Jo Bloggs";
  b.peer("P0102", Role::kChiefExecutive, "X", 53.0, -2.0).name = "Sam Patel";
  b.peer("P0103", Role::kOfficer, "X", 53.0, -2.0).name = "Alex Kay";
  b.request("R0012", "C0007", 3, {1, 1, 0, 0, 0});
  b.request("R0013", "C0008", 3, {1, 1, 0, 0, 0});
  b.request("R0014", "C0009", 3, {1, 1, 0, 0, 0}).kind = "subject";
  return b.build();
}

const Date kJune13 = day("2011-06-13");
const Date kJuly11 = day("2011-07-11");

State booked(std::vector<Assignment> bookings, Acceptances accepted = {}) {
  return with_bookings(make_state(programme(), {}, {}, {}), std::move(bookings), std::move(accepted), {});
}

NoticeSettings settings() { return {"peerslot programme office", "office@peerslot.example.org", "http://127.0.0.1:8080", "k3y-secret", 1307955600}; }

std::vector<Recipient> everyone() {
  return {{"Jo Bloggs", "jo@example.org", "peer", "P0101", {}},
          {"Sam Patel", "sam@example.org", "peer", "P0102", {}},
          {"Alex Kay", "alex@example.org", "peer", "P0103", {}},
          {"Stockton Chief", "chief@stockton.example.org", "council", "C0007", {}},
          {"Stockton Deputy", "deputy@stockton.example.org", "council", "C0007", {}},
          {"Hartlepool Lead", "lead@hartlepool.example.org", "council", "C0008", {}},
          {"Labour Group Office", "labour@example.org", "group", "Labour", {}},
          {"Conservative Group Office", "tories@example.org", "group", "Conservative", {}}};
}

std::vector<Mail> to(const std::vector<Mail>& mails, const std::string& address) {
  std::vector<Mail> out;
  for (const Mail& m : mails)
    if (m.to == address) out.push_back(m);
  return out;
}

std::string unfolded(std::string text) {
  for (std::size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
  return text;
}

// The values of every content line named `name` (parameters skipped), unfolded.
std::vector<std::string> values(const std::string& calendar, const std::string& name) {
  std::vector<std::string> out;
  std::string text = unfolded(calendar);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find("\r\n", start);
    std::string line = text.substr(start, end - start);
    if (line.rfind(name + ":", 0) == 0 || line.rfind(name + ";", 0) == 0) out.push_back(line.substr(line.find(':') + 1));
    start = end + 2;
  }
  return out;
}

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string without_links(const std::string& text) { return std::regex_replace(text, std::regex("https?://[^ \\n\\\\]*"), ""); }

}  // namespace

TEST_CASE("events_between: a new booking is booked and proposes its whole team", "[notices]") {
  auto events = events_between(booked({}), booked({{"R0012", kJune13, {"P0102", "P0101"}}}));
  REQUIRE(events.size() == 3);
  CHECK(events[0] == ChallengeEvent{"booked", "R0012", "", std::nullopt, kJune13});
  CHECK(events[1] == ChallengeEvent{"peer_proposed", "R0012", "P0101", std::nullopt, kJune13});
  CHECK(events[2] == ChallengeEvent{"peer_proposed", "R0012", "P0102", std::nullopt, kJune13});
}

TEST_CASE("events_between: a move keeps the peers who stay on the team", "[notices]") {
  auto events = events_between(booked({{"R0012", kJune13, {"P0101", "P0102"}}}),
                               booked({{"R0012", kJuly11, {"P0101", "P0102"}}}));
  REQUIRE(events.size() == 1);
  CHECK(events[0] == ChallengeEvent{"moved", "R0012", "", kJune13, kJuly11});
}

TEST_CASE("events_between: a cancelled booking removes its team", "[notices]") {
  auto events = events_between(booked({{"R0012", kJune13, {"P0101"}}}), booked({}));
  REQUIRE(events.size() == 2);
  CHECK(events[0] == ChallengeEvent{"cancelled", "R0012", "", kJune13, std::nullopt});
  CHECK(events[1] == ChallengeEvent{"peer_removed", "R0012", "P0101", kJune13, std::nullopt});
}

TEST_CASE("events_between: team changes, a decline and an acceptance, in a stable order", "[notices]") {
  State before = booked({{"R0012", kJune13, {"P0101", "P0102"}}, {"R0013", kJune13, {"P0103"}}});
  Scenario declined = *before.scenario;
  declined.requests[0].declined.push_back("P0102");
  State after = make_state(declined, {{"R0012", kJune13, {"P0101", "P0103"}}, {"R0013", kJune13, {"P0103"}}},
                           {{"R0012", {"P0101"}}, {"R0013", {"P0103"}}}, {});
  auto events = events_between(before, after);
  std::vector<std::string> seen;
  for (const ChallengeEvent& e : events) seen.push_back(e.request + " " + e.kind + " " + e.peer);
  CHECK(seen == std::vector<std::string>{"R0012 peer_accepted P0101", "R0012 peer_declined P0102",
                                         "R0012 peer_proposed P0103", "R0013 peer_accepted P0103"});
  // Without the declined list the same change is a removal.
  auto removal = events_between(before, booked({{"R0012", kJune13, {"P0101", "P0103"}}}));
  CHECK(removal[0].kind == "peer_proposed");
  CHECK(removal[1] == ChallengeEvent{"peer_removed", "R0012", "P0102", kJune13, kJune13});
  CHECK(events_between(after, after).empty());
}

TEST_CASE("an invitation, then a move: same UID, SEQUENCE 0 then 1", "[notices]") {
  Sequences sequences;
  State none = booked({});
  State first = booked({{"R0012", kJune13, {"P0101", "P0102"}}});
  auto mails = notices_for_change(none, first, everyone(), settings(), &sequences);
  auto jo = to(mails, "jo@example.org");
  REQUIRE(jo.size() == 1);
  CHECK(jo[0].kind == "invitation");
  CHECK(jo[0].calendar_method == "REQUEST");
  CHECK(jo[0].subject == "Invitation: corporate peer challenge at Stockton-on-Tees Borough Council, 13\xE2\x80\x93" "15 June 2011");
  CHECK(jo[0].text.find("Monday 13 June 2011 to Wednesday 15 June 2011") != std::string::npos);
  CHECK(jo[0].text.find("as councillor peer") != std::string::npos);
  CHECK(jo[0].text.find("http://127.0.0.1:8080" + rsvp_path("k3y-secret", "R0012", "P0101") + "?answer=accept") !=
        std::string::npos);
  CHECK(jo[0].text.find("?answer=decline") != std::string::npos);
  CHECK(values(jo[0].calendar, "UID") == std::vector<std::string>{"challenge-R0012@peerslot"});
  CHECK(values(jo[0].calendar, "SEQUENCE") == std::vector<std::string>{"0"});
  CHECK(values(jo[0].calendar, "DTSTART") == std::vector<std::string>{"20110613"});
  CHECK(values(jo[0].calendar, "DTEND") == std::vector<std::string>{"20110616"});
  CHECK(values(jo[0].calendar, "ATTENDEE") == std::vector<std::string>{"mailto:jo@example.org"});
  CHECK(unfolded(jo[0].calendar).find("PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Jo Bloggs:mailto:") != std::string::npos);
  CHECK(sequences == Sequences{{"R0012", 0}});

  // Jo accepts (no calendar goes out, so the SEQUENCE stays), then the booking moves.
  State accepted = booked({{"R0012", kJune13, {"P0101", "P0102"}}}, {{"R0012", {"P0101"}}});
  auto on_accept = notices_for_change(first, accepted, everyone(), settings(), &sequences);
  CHECK(to(on_accept, "jo@example.org").empty());
  CHECK(to(on_accept, "chief@stockton.example.org").at(0).kind == "team changed");
  CHECK(sequences == Sequences{{"R0012", 0}});

  State moved = booked({{"R0012", kJuly11, {"P0101", "P0102"}}}, {{"R0012", {"P0101"}}});
  auto again = to(notices_for_change(accepted, moved, everyone(), settings(), &sequences), "jo@example.org");
  REQUIRE(again.size() == 1);
  CHECK(again[0].calendar_method == "REQUEST");
  CHECK(values(again[0].calendar, "UID") == std::vector<std::string>{"challenge-R0012@peerslot"});
  CHECK(values(again[0].calendar, "SEQUENCE") == std::vector<std::string>{"1"});
  CHECK(values(again[0].calendar, "DTSTART") == std::vector<std::string>{"20110711"});
  CHECK(unfolded(again[0].calendar).find("PARTSTAT=ACCEPTED") != std::string::npos);
  CHECK(again[0].text.find("no longer Monday 13 June 2011") != std::string::npos);
  CHECK(sequences == Sequences{{"R0012", 1}});
}

TEST_CASE("a peer taken off the team gets a CANCEL, and only that peer", "[notices]") {
  Sequences sequences{{"R0012", 4}};
  State before = booked({{"R0012", kJune13, {"P0101", "P0102"}}});
  State after = booked({{"R0012", kJune13, {"P0101", "P0103"}}});
  auto mails = notices_for_change(before, after, everyone(), settings(), &sequences);
  auto sam = to(mails, "sam@example.org");
  REQUIRE(sam.size() == 1);
  CHECK(sam[0].kind == "invitation cancelled");
  CHECK(sam[0].calendar_method == "CANCEL");
  CHECK(values(sam[0].calendar, "METHOD") == std::vector<std::string>{"CANCEL"});
  CHECK(values(sam[0].calendar, "STATUS") == std::vector<std::string>{"CANCELLED"});
  CHECK(values(sam[0].calendar, "SEQUENCE") == std::vector<std::string>{"5"});
  CHECK(values(sam[0].calendar, "ATTENDEE") == std::vector<std::string>{"mailto:sam@example.org"});
  CHECK(to(mails, "jo@example.org").empty());
  CHECK(to(mails, "alex@example.org").at(0).calendar_method == "REQUEST");
  for (const Mail& m : mails) CHECK((m.calendar_method != "CANCEL" || m.to == "sam@example.org"));
  auto chief = to(mails, "chief@stockton.example.org");
  REQUIRE(chief.size() == 1);
  CHECK(chief[0].kind == "team changed");
  CHECK(chief[0].calendar.empty());
  CHECK(chief[0].text.find("Alex Kay (officer peer) is invited to join it.") != std::string::npos);
  CHECK(chief[0].text.find("Sam Patel (chief executive peer) is no longer on it.") != std::string::npos);
  CHECK(sequences == Sequences{{"R0012", 5}});
}

TEST_CASE("every user of a council gets a message of their own", "[notices]") {
  auto mails = notices_for_change(booked({}), booked({{"R0012", kJune13, {"P0101", "P0102"}}}), everyone(),
                                  settings(), nullptr);
  auto chief = to(mails, "chief@stockton.example.org");
  auto deputy = to(mails, "deputy@stockton.example.org");
  REQUIRE(chief.size() == 1);
  REQUIRE(deputy.size() == 1);
  CHECK(chief[0].kind == "booking");
  CHECK(chief[0].to_name == "Stockton Chief");
  CHECK(deputy[0].to_name == "Stockton Deputy");
  CHECK(values(deputy[0].calendar, "ATTENDEE") == std::vector<std::string>{"mailto:deputy@stockton.example.org"});
  CHECK(unfolded(chief[0].calendar).find("PARTSTAT=ACCEPTED;RSVP=FALSE") != std::string::npos);
  CHECK(chief[0].text.find("Jo Bloggs (councillor peer), invited, not yet answered") != std::string::npos);
  CHECK(chief[0].text.find("Scoping meeting with the leader and chief executive") != std::string::npos);
  CHECK(to(mails, "lead@hartlepool.example.org").empty());
  // The councillor peer's group office is asked to approve; the other party's is not told.
  auto labour = to(mails, "labour@example.org");
  REQUIRE(labour.size() == 1);
  CHECK(labour[0].kind == "approval needed");
  CHECK(labour[0].text.find("Jo Bloggs, councillor peer") != std::string::npos);
  CHECK(to(mails, "tories@example.org").empty());
}

TEST_CASE("a solve booking three challenges for one peer sends that peer one REQUEST with three VEVENTs", "[notices]") {
  State after = booked({{"R0012", kJune13, {"P0101"}}, {"R0013", kJuly11, {"P0101"}}, {"R0014", day("2011-08-08"), {"P0101"}}});
  Sequences sequences{{"R0013", 2}};
  auto jo = to(notices_for_change(booked({}), after, everyone(), settings(), &sequences), "jo@example.org");
  REQUIRE(jo.size() == 1);
  CHECK(count_of(jo[0].calendar, "BEGIN:VEVENT") == 3);
  CHECK(count_of(jo[0].calendar, "METHOD:") == 1);
  CHECK(values(jo[0].calendar, "UID") ==
        std::vector<std::string>{"challenge-R0012@peerslot", "challenge-R0013@peerslot", "challenge-R0014@peerslot"});
  CHECK(values(jo[0].calendar, "SEQUENCE") == std::vector<std::string>{"0", "3", "0"});
  CHECK(jo[0].subject ==
        "Invitations to 3 peer challenges: Stockton-on-Tees Borough Council, Hartlepool Borough Council and "
        "Darlington Borough Council");
  CHECK(count_of(jo[0].text, "?answer=accept") == 3);
  CHECK(jo[0].text.find("subject peer challenge at Darlington Borough Council") != std::string::npos);
  CHECK(sequences == Sequences{{"R0012", 0}, {"R0013", 3}, {"R0014", 0}});
}

TEST_CASE("a muted kind and a missing address get nothing", "[notices]") {
  std::vector<Recipient> people = everyone();
  people[0].muted = {"invitation"};
  people[3].muted = {"team changed"};
  people[4].email.clear();
  State before = booked({{"R0012", kJune13, {"P0101", "P0102"}}});
  State after = booked({{"R0012", kJuly11, {"P0101", "P0103"}}});
  auto mails = notices_for_change(before, after, people, settings(), nullptr);
  CHECK(to(mails, "jo@example.org").empty());
  auto chief = to(mails, "chief@stockton.example.org");
  REQUIRE(chief.size() == 1);  // the moved booking, not the team change
  CHECK(chief[0].kind == "booking");
  for (const Mail& m : mails) CHECK(!m.to.empty());
  people[0].muted = {"booking"};  // not one of a peer's kinds: changes nothing
  CHECK(to(notices_for_change(before, after, people, settings(), nullptr), "jo@example.org").size() == 1);
  REQUIRE(notice_kinds().size() == 7);
  for (const std::string& kind : notice_kinds()) CHECK(!notice_kind_sentence(kind).empty());
  CHECK(notice_kind_sentence("R0012").empty());
}

TEST_CASE("signed links: a signature round trips and a tampered one is refused", "[notices]") {
  std::string signature = link_signature("key", "text");
  CHECK(signature.size() == 64);
  CHECK(signature.find_first_not_of("0123456789abcdef") == std::string::npos);
  // RFC 4231 test case 2.
  CHECK(link_signature("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(signature_matches("key", "text", signature));
  std::string tampered = signature;
  tampered[10] = tampered[10] == '0' ? '1' : '0';
  CHECK_FALSE(signature_matches("key", "text", tampered));
  CHECK_FALSE(signature_matches("key", "text", signature.substr(0, 63)));
  CHECK_FALSE(signature_matches("other key", "text", signature));
  CHECK_FALSE(signature_matches("", "text", link_signature("", "text")));

  std::string path = rsvp_path("key", "R0012", "P0101");
  CHECK(path.rfind("/invitations/R0012/P0101/", 0) == 0);
  std::string sig = path.substr(path.rfind('/') + 1);
  CHECK(rsvp_signature_ok("key", "R0012", "P0101", sig));
  CHECK_FALSE(rsvp_signature_ok("key", "R0012", "P0102", sig));
  CHECK_FALSE(rsvp_signature_ok("key", "R0013", "P0101", sig));
  CHECK(rsvp_path("key", "R 1/2", "P").rfind("/invitations/R%201%2F2/P/", 0) == 0);
}

TEST_CASE("the invitation parses with python icalendar as sent", "[notices]") {
  if (access("/usr/bin/python3", X_OK) != 0 ||
      std::system("/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1") != 0) {
    WARN("python3-icalendar is missing: not checked");
    return;
  }
  State after = booked({{"R0012", kJune13, {"P0101"}}, {"R0013", kJuly11, {"P0101"}}});
  auto jo = to(notices_for_change(booked({}), after, everyone(), settings(), nullptr), "jo@example.org");
  REQUIRE(jo.size() == 1);
  char path[] = "/tmp/peerslot-notices-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path, std::ios::binary) << jo[0].calendar;
  // One line per VEVENT: UID, SEQUENCE, DTSTART, DTEND, PARTSTAT, ORGANIZER, DTSTAMP.
  std::string script =
      "import sys, icalendar\n"
      "c = icalendar.Calendar.from_ical(open(sys.argv[1], \"rb\").read())\n"
      "print(\"METHOD\", c[\"METHOD\"])\n"
      "for e in c.walk(\"VEVENT\"):\n"
      "    print(e[\"UID\"], e[\"SEQUENCE\"], e.decoded(\"DTSTART\").isoformat(), e.decoded(\"DTEND\").isoformat(),\n"
      "          e[\"ATTENDEE\"].params[\"PARTSTAT\"], str(e[\"ORGANIZER\"]), e[\"DTSTAMP\"].dt.isoformat())\n";
  std::string command = "/usr/bin/python3 -c '" + script + "' " + path + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  int status = pclose(pipe);
  std::remove(path);
  INFO(out);
  CHECK(status == 0);
  CHECK(out ==
        "METHOD REQUEST\n"
        "challenge-R0012@peerslot 0 2011-06-13 2011-06-16 NEEDS-ACTION mailto:office@peerslot.example.org "
        "2011-06-13T09:00:00+00:00\n"
        "challenge-R0013@peerslot 0 2011-07-11 2011-07-14 NEEDS-ACTION mailto:office@peerslot.example.org "
        "2011-06-13T09:00:00+00:00\n");
}

TEST_CASE("no iCalendar line of an invitation exceeds 75 octets, and CN is quoted when it must be", "[notices]") {
  Invitation i{"REQUEST", "challenge-R0012@peerslot", 2, kJune13, day("2011-06-15"),
               std::string(40, 'a') + "\xE2\x82\xAC" + std::string(80, 'b'), "Ynys M\xC3\xB4n", "One; two, three\nfour",
               "Office: peers, \"the\" best", "office@example.org", {{"Jo \xC3\xA9" + std::string(90, 'x'), "jo@example.org", "NEEDS-ACTION", true}}, 0};
  std::string calendar = invitation_calendar(i);
  for (std::size_t start = 0; start < calendar.size();) {
    std::size_t end = calendar.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    std::string line = calendar.substr(start, end - start);
    INFO(line);
    CHECK(line.size() <= 75);
    CHECK(line.find_first_of("\r\n") == std::string::npos);
    start = end + 2;
  }
  std::string text = unfolded(calendar);
  CHECK(text.find("ORGANIZER;CN=\"Office: peers, the best\":mailto:office@example.org\r\n") != std::string::npos);
  CHECK(text.find("DESCRIPTION:One\\; two\\, three\\nfour\r\n") != std::string::npos);
  CHECK(text.find("DTSTAMP:19700101T000000Z\r\n") != std::string::npos);
  CHECK(text.find("STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\n") != std::string::npos);
  CHECK(text.rfind("BEGIN:VCALENDAR\r\nPRODID:", 0) == 0);
}

TEST_CASE("no id appears in text meant for people", "[notices]") {
  Scenario s = programme();
  Scenario declined = s;
  declined.requests[0].declined.push_back("P0102");
  State before = make_state(s, {{"R0012", kJune13, {"P0101", "P0102"}}, {"R0013", kJune13, {"P0103"}}}, {}, {});
  State after = make_state(declined, {{"R0012", kJuly11, {"P0101", "P0103"}}, {"R0014", kJune13, {"P0102"}}},
                           {{"R0012", {"P0101"}}}, {});
  auto mails = notices_for_change(before, after, everyone(), settings(), nullptr);
  CHECK(mails.size() >= 8);
  std::regex id("[RCP]0[0-9]{3}");
  for (const Mail& m : mails) {
    INFO(m.subject << "\n" << m.text);
    CHECK_FALSE(std::regex_search(m.subject, id));
    CHECK_FALSE(std::regex_search(without_links(m.text), id));
    for (const char* name : {"SUMMARY", "LOCATION", "DESCRIPTION"})
      for (const std::string& value : values(m.calendar, name)) CHECK_FALSE(std::regex_search(without_links(value), id));
  }
}
