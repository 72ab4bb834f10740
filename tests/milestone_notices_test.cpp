// Milestone reminders: a council's users are told of each step of its
// challenge (scoping, position statement, report, progress review) once,
// when it is at most two weeks away; a moved booking's new dates are told
// again; a muted kind gets nothing; the service records what it told. And
// the office's one summary of a solve applied (solve_summary.h).
#include "service/milestone_notices.h"
#include "service/milestones.h"
#include "service/service.h"
#include "service/solve_summary.h"
#include "store/sqlite_store.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace peerslot;
using namespace peerslot::service;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;

namespace {

Scenario programme() {
  ScenarioBuilder b("2011-05-02", "2012-09-28");
  b.council("C0007", "Labour", 54.57, -1.32).name = "Stockton-on-Tees Borough Council";
  b.council("C0008", "Labour", 54.69, -1.21).name = "Hartlepool Borough Council";
  b.peer("P0101", Role::kMember, "C0008", 53.0, -2.0, "Labour").name = "Jo Bloggs";
  b.peer("P0102", Role::kChiefExecutive, "C0008", 53.0, -2.0).name = "Sam Patel";
  b.request("R0012", "C0007", 3, {1, 1, 0, 0, 0}).kind = "corporate";
  return b.build();
}

const Date kJune13 = day("2011-06-13");
const Date kJuly11 = day("2011-07-11");

State booked(Date week) { return with_bookings(make_state(programme(), {}, {}, {}), {{"R0012", week, {"P0101", "P0102"}}}, {}, {}); }

Milestone step(const State& state, const std::string& kind) {
  const Request& r = *state.scenario->find_request("R0012");
  std::vector<Date> days = state.problem->calendar().on_site_days(state.plan.assignments.front().week, r.days);
  for (const Milestone& m : milestones_of(r, days))
    if (m.kind == kind) return m;
  FAIL("no " << kind);
  return {};
}

std::vector<Recipient> people() {
  return {{"Stockton Chief", "chief@stockton.example.org", "council", "C0007", {}},
          {"Stockton Deputy", "deputy@stockton.example.org", "council", "C0007", {kMilestoneDueKind}},
          {"Hartlepool Lead", "lead@hartlepool.example.org", "council", "C0008", {}},
          {"Jo Bloggs", "jo@example.org", "peer", "P0101", {}}};
}

NoticeSettings settings() { return {"peerslot programme office", "office@peerslot.example.org", "http://127.0.0.1:8080", "k", 0}; }

}  // namespace

TEST_CASE("a step two weeks away is told to its council's users once, in words", "[notices]") {
  State state = booked(kJune13);
  Milestone statement = step(state, "position_statement");
  Date today = statement.start - boost::gregorian::days(kMilestoneNoticeDays);
  DueMilestones due = due_milestone_notices(state, today, people(), settings(), {});
  REQUIRE(due.keys == std::vector<std::string>{"R0012/position_statement/" + to_iso(statement.start)});
  REQUIRE(due.mail.size() == 1);  // the deputy muted it, Hartlepool's challenge is not booked, peers are not told
  const Mail& mail = due.mail.front();
  CHECK(mail.to == "chief@stockton.example.org");
  CHECK(mail.kind == kMilestoneDueKind);
  CHECK(mail.subject == "A step of your peer challenge is coming up: Stockton-on-Tees Borough Council");
  CHECK(mail.text.find(statement.title) != std::string::npos);
  CHECK(mail.text.find("on site from Monday 13 June 2011") != std::string::npos);
  CHECK(mail.text.find("R0012") == std::string::npos);
  CHECK(mail.text.find("2011-") == std::string::npos);

  std::set<std::string> sent(due.keys.begin(), due.keys.end());
  CHECK(due_milestone_notices(state, today + boost::gregorian::days(1), people(), settings(), sent).mail.empty());
  // A day too early, or once the step has begun, it is not told.
  CHECK(due_milestone_notices(state, today - boost::gregorian::days(1), people(), settings(), {}).keys.empty());
  auto begun = due_milestone_notices(state, statement.start + boost::gregorian::days(1), people(), settings(), {}).keys;
  CHECK(std::count(begun.begin(), begun.end(), due.keys.front()) == 0);
}

TEST_CASE("a moved booking's steps have new dates and are told again", "[notices]") {
  State first = booked(kJune13);
  Milestone before = step(first, "position_statement");
  Date today = before.start - boost::gregorian::days(3);
  DueMilestones told = due_milestone_notices(first, today, people(), settings(), {});
  REQUIRE(told.keys.size() == 1);
  std::set<std::string> sent(told.keys.begin(), told.keys.end());
  State moved = booked(kJuly11);
  Milestone after = step(moved, "position_statement");
  Date later = after.start - boost::gregorian::days(5);
  DueMilestones again = due_milestone_notices(moved, later, people(), settings(), sent);
  REQUIRE(again.keys == std::vector<std::string>{"R0012/position_statement/" + to_iso(after.start)});
  CHECK(again.mail.size() == 1);
}

TEST_CASE("the service sends each due step once and records it with its mail", "[notices]") {
  std::int64_t clock = 0;
  ServiceOptions options;
  options.clock = [&clock] { return clock; };
  auto opened = Service::open(std::move(store::SqliteStore::open(":memory:")).value(), options);
  REQUIRE(opened.is_ok());
  Service& service = *opened.value();
  State state = booked(kJune13);
  REQUIRE(service.seed(programme(), state.plan.assignments).is_ok());
  User chief;
  chief.name = "Stockton Chief";
  chief.email = "chief@stockton.example.org";
  chief.role = "council";
  chief.subject = "C0007";
  REQUIRE(service.create_user(chief, "office (test)", false).is_ok());
  Milestone statement = step(state, "position_statement");
  clock = (statement.start - Date(1970, 1, 1)).days() * 86400 - 7 * 86400 + 3600;  // a week before, 1am
  auto queued = service.send_due_milestone_notices();
  REQUIRE(queued.is_ok());
  CHECK(queued.value() == 1);
  clock += 3600;
  CHECK(service.send_due_milestone_notices().value() == 0);
  auto outbox = service.outbox("queued", {"", 10});
  REQUIRE(outbox.is_ok());
  REQUIRE(outbox.value().items.size() == 1);
  CHECK(outbox.value().items[0].kind == kMilestoneDueKind);
  CHECK(outbox.value().items[0].recipient == "chief@stockton.example.org");
}

TEST_CASE("a solve applied tells each office user once what it did, counted in words", "[notices]") {
  State none = with_bookings(make_state(programme(), {}, {}, {}), {}, {}, {});
  State solved = booked(kJune13);
  std::vector<Recipient> office = {{"Pat Office", "pat@example.org", "office", "", {}},
                                   {"Lee Office", "lee@example.org", "office", "", {kSolveAppliedKind}},
                                   {"Stockton Chief", "chief@stockton.example.org", "council", "C0007", {}}};
  std::vector<Mail> told = solve_summary(none, solved, office, settings());
  REQUIRE(told.size() == 1);
  CHECK(told[0].to == "pat@example.org");
  CHECK(told[0].subject == "Solve applied: 1 challenge booked, 0 bookings moved");
  CHECK(told[0].text.find("invited 2 peers onto teams") != std::string::npos);
  CHECK(solve_summary(solved, solved, office, settings()).empty());
}
