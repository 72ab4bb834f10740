// Calendar replies by mail: the mail layer finds each ATTENDEE's answer in
// an iMIP REPLY (GMime and libical), and the service records an accept or
// a decline only from the peer it answers for, on the team, for the latest
// version of the invitation; anything else is refused in words.
#include "mail/calendar_replies.h"
#include "mail/imap_mailbox.h"
#include "service/mail_message.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using namespace peerslot::service;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;
using Code = Status::Code;

namespace {

std::string reply_calendar(const std::string& attendee, const std::string& partstat, int sequence,
                           const std::string& method = "REPLY") {
  return "BEGIN:VCALENDAR\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\nMETHOD:" + method +
         "\r\nBEGIN:VEVENT\r\nATTENDEE;PARTSTAT=" + partstat + ";CN=\"Bloggs, Jo\":MAILTO:" + attendee +
         "\r\nUID:challenge-R0012@peerslot\r\nSEQUENCE:" + std::to_string(sequence) +
         "\r\nDTSTAMP:20110601T100000Z\r\nDTSTART;VALUE=DATE:20110711\r\nSUMMARY:Accepted: peer challenge\r\n"
         "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

// As Outlook sends it: multipart/alternative, the calendar in base64.
std::string reply_mail(const std::string& from, const std::string& calendar) {
  Mail mail{"office@peerslot.example.org", "Programme office", "Accepted: peer challenge", "Jo has accepted.", calendar,
            "REPLY", "reply"};
  return rfc5322_message(mail, {from, "Jo Bloggs", "1@mail.example.org", 1306922400});
}

Scenario programme() {
  ScenarioBuilder b("2011-05-02", "2012-09-28");
  b.council("C0007", "Labour", 54.57, -1.32).name = "Stockton-on-Tees Borough Council";
  b.council("C0008", "Labour", 54.69, -1.21).name = "Hartlepool Borough Council";
  b.peer("P0101", Role::kMember, "C0008", 53.0, -2.0, "Labour").name = "Jo Bloggs";
  b.peer("P0102", Role::kChiefExecutive, "C0008", 53.0, -2.0).name = "Sam Patel";
  b.peer("P0103", Role::kOfficer, "C0008", 53.0, -2.0).name = "Kim Lee";
  b.request("R0012", "C0007", 3, {1, 1, 0, 0, 0}).kind = "corporate";
  return b.build();
}

User peer_user(const std::string& name, const std::string& email, const std::string& peer) {
  return User{0, name, email, "peer", peer, false, 0, {}};
}

// A service whose R0012 was booked in June, then moved to July: the
// invitation's sequence is 1.
std::unique_ptr<Service> moved_once() {
  auto opened = Service::open(std::move(store::SqliteStore::open(":memory:")).value());
  REQUIRE(opened.is_ok());
  std::unique_ptr<Service> service = std::move(opened).value();
  REQUIRE(service->seed(programme(), {}).is_ok());
  REQUIRE(service->create_user(peer_user("Jo Bloggs", "jo@example.org", "P0101"), "office (test)", false).is_ok());
  REQUIRE(service->create_user(peer_user("Sam Patel", "sam@example.org", "P0102"), "office (test)", false).is_ok());
  REQUIRE(service->create_user(peer_user("Kim Lee", "kim@example.org", "P0103"), "office (test)", false).is_ok());
  for (const char* week : {"2011-06-13", "2011-07-11"}) {
    auto booked = service->change("office (test)", "book", [&](Draft& d) {
      d.book({"R0012", day(week), {"P0101", "P0102"}});
      return Status::ok();
    }, [](const State&) { return Reply{}; });
    REQUIRE(booked.is_ok());
  }
  REQUIRE(service->state()->plan.assignments.size() == 1);
  return service;
}

CalendarReply reply(const std::string& sender, const std::string& attendee, const std::string& partstat, int sequence) {
  return {sender, "challenge-R0012@peerslot", sequence, attendee, partstat};
}

}  // namespace

TEST_CASE("calendar_replies reads the sender, UID, SEQUENCE, attendee and answer of an Outlook reply", "[mailbox]") {
  auto replies = mail::calendar_replies(reply_mail("Jo@Example.org", reply_calendar("Jo@Example.ORG", "ACCEPTED", 3)));
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].sender == "jo@example.org");
  CHECK(replies[0].uid == "challenge-R0012@peerslot");
  CHECK(replies[0].sequence == 3);
  CHECK(replies[0].attendee == "jo@example.org");
  CHECK(replies[0].partstat == "ACCEPTED");
}

TEST_CASE("calendar_replies reads a calendar that is the whole message, and a decline", "[mailbox]") {
  std::string message = "From: Sam Patel <sam@example.org>\r\nTo: office@peerslot.example.org\r\nSubject: Declined\r\n"
                        "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY; charset=utf-8\r\n\r\n" +
                        reply_calendar("sam@example.org", "DECLINED", 0);
  auto replies = mail::calendar_replies(message);
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].sender == "sam@example.org");
  CHECK(replies[0].partstat == "DECLINED");
  CHECK(replies[0].sequence == 0);
}

TEST_CASE("calendar_replies leaves no mailto: in an attendee that repeats the scheme", "[mailbox]") {
  // Found by fuzz_calendar_reply: "MAILTO:mailto:…" left "mailto:" in the address.
  auto replies = mail::calendar_replies(reply_mail("jo@example.org", reply_calendar("mailto:Jo@example.org", "ACCEPTED", 0)));
  REQUIRE(replies.size() == 1);
  CHECK(replies[0].attendee == "jo@example.org");
}

TEST_CASE("calendar_replies finds nothing in an invitation, a person's mail or broken bytes", "[mailbox]") {
  CHECK(mail::calendar_replies(reply_mail("jo@example.org", reply_calendar("jo@example.org", "ACCEPTED", 0, "REQUEST"))).empty());
  CHECK(mail::calendar_replies("From: jo@example.org\r\nSubject: about next week\r\n\r\nSee you there.\r\n").empty());
  CHECK(mail::calendar_replies(reply_mail("jo@example.org", "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEV")).empty());
  CHECK(mail::calendar_replies(std::string("\0\xff\r\n\r\n--", 7)).empty());
  CHECK(mail::calendar_replies("").empty());
}

TEST_CASE("a peer's calendar reply is recorded as theirs: accept, then decline", "[mailbox]") {
  auto service = moved_once();
  auto accepted = service->take_reply(reply("jo@example.org", "jo@example.org", "ACCEPTED", 1));
  REQUIRE(accepted.is_ok());
  CHECK(accepted.value() == "Jo Bloggs accepted the corporate peer challenge at Stockton-on-Tees Borough Council");
  CHECK(has_accepted(*service->state(), "R0012", "P0101"));
  auto again = service->take_reply(reply("jo@example.org", "jo@example.org", "ACCEPTED", 1));
  REQUIRE(again.is_ok());
  CHECK(again.value().find("had already accepted") != std::string::npos);

  auto declined = service->take_reply(reply("sam@example.org", "sam@example.org", "DECLINED", 2));
  REQUIRE(declined.is_ok());
  const Request* request = service->state()->scenario->find_request("R0012");
  CHECK(std::count(request->declined.begin(), request->declined.end(), "P0102") == 1);
  const Assignment* booking = find_booking(*service->state(), "R0012");
  CHECK((!booking || std::count(booking->peers.begin(), booking->peers.end(), "P0102") == 0));
  auto audit = service->audit({}, {});
  REQUIRE(audit.is_ok());
  CHECK(audit.value().items.back().actor.find("Sam Patel") != std::string::npos);
  CHECK(audit.value().items.back().actor.find("by a reply from their calendar") != std::string::npos);
}

TEST_CASE("a forged, stale, tentative, unknown or foreign reply changes nothing and says why", "[mailbox]") {
  auto service = moved_once();
  auto refused = [&](const CalendarReply& r, Code code, const std::string& words) {
    auto taken = service->take_reply(r);
    REQUIRE_FALSE(taken.is_ok());
    CHECK(taken.status().code() == code);
    CHECK(taken.status().message().find(words) != std::string::npos);
    CHECK_FALSE(has_accepted(*service->state(), "R0012", "P0101"));
  };
  refused(reply("mallory@example.net", "jo@example.org", "ACCEPTED", 1), Code::kInvalid, "sent by mallory@example.net");
  refused(reply("jo@example.org", "jo@example.org", "ACCEPTED", 0), Code::kConflict, "an earlier version");
  refused(reply("jo@example.org", "jo@example.org", "TENTATIVE", 1), Code::kInvalid, "maybe");
  refused(reply("lee@example.org", "lee@example.org", "ACCEPTED", 1), Code::kNotFound, "not an enabled peer's address");
  CalendarReply other = reply("jo@example.org", "jo@example.org", "ACCEPTED", 1);
  other.uid = "040000008200E00074C5B7101A82E008@outlook.example.org";
  refused(other, Code::kInvalid, "does not answer a peer challenge invitation");
  other.uid = "challenge-R9999@peerslot";
  refused(other, Code::kNotFound, "no longer in the programme");
  refused(reply("kim@example.org", "kim@example.org", "ACCEPTED", 1), Code::kConflict, "Kim Lee is no longer on the team");
  for (User u : service->users())
    if (u.email == "jo@example.org") {
      u.disabled = true;
      REQUIRE(service->update_user(u, "office (test)").is_ok());
    }
  refused(reply("jo@example.org", "jo@example.org", "ACCEPTED", 1), Code::kNotFound, "not an enabled peer's address");
}

TEST_CASE("imap_settings: a mailbox address taken apart, and bad ones refused in words without the password", "[mailbox]") {
  auto full = mail::imap_settings("imaps://office%40lga:s%40cret@mail.example.org/Peer%20replies?timeout=10&cacert=%2Fetc%2Fca.pem");
  REQUIRE(full.is_ok());
  CHECK(full.value().username == "office@lga");
  CHECK(full.value().password == "s@cret");
  CHECK(full.value().host_and_port == "mail.example.org:993");
  CHECK(full.value().folder == "Peer replies");
  CHECK(full.value().folder_url == "imaps://mail.example.org:993/Peer%20replies");
  CHECK(full.value().timeout_seconds == 10);
  CHECK(full.value().ca_file == "/etc/ca.pem");
  CHECK_FALSE(full.value().starttls);
  mail::ImapMailbox mailbox(full.value());
  CHECK(mailbox.where() == "the mailbox Peer replies at mail.example.org:993");
  auto bare = mail::imap_settings("imap://localhost:1143?starttls=1");
  REQUIRE(bare.is_ok());
  CHECK(bare.value().folder == "INBOX");
  CHECK(bare.value().starttls);
  for (const auto& [url, words] : std::vector<std::pair<std::string, std::string>>{
           {"pop3://office:hunter2@mail.example.org", "imap:// or imaps://"},
           {"imap://office:hunter2@mail.example.org/INBOX;UID=4", "may not hold ';'"},
           {"imap://office:hunter2@mail.example.org/a/b", "name one folder"},
           {"imap://office:hunter2@mail.example.org?timeout=0", "timeout must be"},
           {"imap://office:hunter2@mail.example.org?tls=1", "option \"tls\""},
           {"not a url hunter2", "not a URL"}}) {
    auto parsed = mail::imap_settings(url);
    INFO(url);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().field() == "mailbox");
    CHECK_THAT(parsed.status().message(), Catch::Contains(words));
    CHECK_THAT(parsed.status().message(), !Catch::Contains("hunter2"));
  }
}
