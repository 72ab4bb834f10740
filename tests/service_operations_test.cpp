// service_operations_test.cpp — the service's operations in process, with no
// server and no database: each operation on a Draft of a small programme,
// its effect and each of its refusals (with the Status code and field the
// HTTP layer maps), then the Service's writer over an in-memory SQLite
// store: judging, idempotent replay, and only touched rows written.
#include "engine/checker.h"
#include "service/booking_cache.h"
#include "service/council_operations.h"
#include "service/draft.h"
#include "service/finance_report.h"
#include "service/office_operations.h"
#include "service/peer_operations.h"
#include "service/precondition.h"
#include "service/representations.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

namespace {

using namespace peerslot;
using namespace peerslot::service;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;
using Code = Status::Code;

const User kOffice{1, "Programme office", "", "office", "", false, 0, {}};
const User kCouncil1{2, "C1", "", "council", "C1", false, 0, {}};
const User kCouncil2{3, "C2", "", "council", "C2", false, 0, {}};
const User kPeer1{4, "P1", "", "peer", "P1", false, 0, {}};
const Precondition kAny{};

// Two councils with a request each (one officer, two days), three officers;
// 13 weeks from 2012-04-02; C1 has a blackout in its second week.
Scenario programme() {
  ScenarioBuilder b("2012-04-02", "2012-06-29");
  b.council("C1", "NOC", 53.0, -2.0).blackouts = {{day("2012-04-09"), day("2012-04-13")}};
  b.council("C2", "NOC", 53.1, -2.1);
  for (const char* id : {"P1", "P2", "P3"}) b.peer(id, Role::kOfficer, "X", 53.0, -2.0);
  b.request("R1", "C1", 2, {0, 0, 1, 0});
  b.request("R2", "C2", 2, {0, 0, 1, 0});
  return b.build();
}

// A Draft's result must keep every rule, as the Service will check.
void require_clean(const Draft& d) { REQUIRE(violations(d.build()).empty()); }

State booked_state() {
  State base = make_state(programme(), {}, {}, {});
  Draft d(base);
  REQUIRE(book(d, kCouncil1, "R1", day("2012-04-02"), kAny).is_ok());
  return d.build();
}

}  // namespace

TEST_CASE("operations: book places the request with the engine's team, and refuses with a typed reason", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  Draft d(base);
  REQUIRE(book(d, kCouncil1, "R1", day("2012-04-16"), kAny).is_ok());
  REQUIRE(d.booking("R1"));
  CHECK(d.booking("R1")->week == day("2012-04-16"));
  CHECK(d.booking("R1")->peers.size() == 1);
  require_clean(d);

  Draft other(base);
  Status s = book(other, kCouncil2, "R1", day("2012-04-16"), kAny);
  CHECK(s.code() == Code::kForbidden);
  s = book(other, kCouncil1, "R9", day("2012-04-16"), kAny);
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.field() == "id");
  s = book(other, kCouncil1, "R1", day("2012-07-09"), kAny);
  CHECK(s.code() == Code::kInvalid);
  CHECK(s.field() == "week");
  s = book(other, kCouncil1, "R1", day("2012-04-09"), kAny);  // the blackout week
  CHECK(s.code() == Code::kConflict);
  CHECK(s.field() == "week");
  CHECK(s.message() == "week: The week of Monday 9 April 2012 cannot be booked: the council cannot host a challenge from 9 April to 13 April 2012");
  CHECK(s.reason_code() == "blackout");
  CHECK(s.rule() == "H3");
  s = book(other, kCouncil1, "R1", day("2012-04-16"), Precondition{"\"stale\""});
  CHECK(s.code() == Code::kPreconditionFailed);
  CHECK(s.field() == "If-Match");
  CHECK(other.bookings().empty());
}

TEST_CASE("operations: book refuses a booked or pinned request; If-Match with the current ETag passes", "[operations]") {
  State booked = booked_state();
  Draft d(booked);
  Status s = book(d, kCouncil1, "R1", day("2012-04-16"), kAny);
  CHECK(s.code() == Code::kConflict);
  CHECK(s.field() == "booking");
  Precondition current{etag_of(request_json(booked, *booked.scenario->find_request("R1")))};
  REQUIRE(reschedule(d, kCouncil1, "R1", day("2012-04-16"), current).is_ok());
  CHECK(d.booking("R1")->week == day("2012-04-16"));

  Draft pinned(booked);
  REQUIRE(pin(pinned, kOffice, "R1").is_ok());
  State with_pin = pinned.build();
  Draft again(with_pin);
  s = cancel(again, kCouncil1, "R1", kAny);
  CHECK(s.code() == Code::kConflict);
  CHECK(s.reason_code() == "pinned");
}

TEST_CASE("operations: reschedule and cancel need a booking; a move drops acceptances, the same week keeps them", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  Draft d(base);
  CHECK(reschedule(d, kCouncil1, "R1", day("2012-04-16"), kAny).code() == Code::kNotFound);
  CHECK(cancel(d, kCouncil1, "R1", kAny).field() == "booking");

  State booked = booked_state();
  std::string peer = booked.plan.assignments.at(0).peers.at(0);
  Draft accepting(booked);
  User me{9, peer, "", "peer", peer, false, 0, {}};
  REQUIRE(accept(accepting, me, peer, "R1").is_ok());
  State accepted = accepting.build();
  REQUIRE(has_accepted(accepted, "R1", peer));

  Draft same_week(accepted);
  same_week.book(*find_booking(accepted, "R1"));
  CHECK(same_week.accepted("R1", peer));
  Draft moved(accepted);
  REQUIRE(reschedule(moved, kOffice, "R1", day("2012-04-23"), kAny).is_ok());
  CHECK_FALSE(moved.accepted("R1", peer));
  Draft cancelled(accepted);
  REQUIRE(cancel(cancelled, kCouncil1, "R1", kAny).is_ok());
  CHECK_FALSE(cancelled.booking("R1"));
  CHECK_FALSE(cancelled.accepted("R1", peer));
}

TEST_CASE("operations: blackouts and preferred periods must lie inside the programme's weeks", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  Draft d(base);
  Status s = set_blackouts(d, kCouncil1, "C1", {{day("2012-03-01"), day("2012-03-02")}}, kAny);
  CHECK(s.code() == Code::kInvalid);
  CHECK(s.field() == "blackouts[0].start");
  CHECK(set_blackouts(d, kCouncil2, "C1", {}, kAny).code() == Code::kForbidden);
  REQUIRE(set_blackouts(d, kCouncil1, "C1", {}, kAny).is_ok());
  CHECK(d.scenario().find_council("C1")->blackouts.empty());

  RequestEdit late;
  late.preferred = std::vector<DateRange>{{day("2012-06-25"), day("2012-07-31")}};
  s = edit_request(d, kCouncil1, "R1", late, kAny);
  CHECK(s.field() == "preferred[0].end");
  RequestEdit focus;
  focus.focus = std::vector<std::string>{"finance"};
  REQUIRE(edit_request(d, kCouncil1, "R1", focus, kAny).is_ok());
  CHECK(d.scenario().find_request("R1")->focus == std::vector<std::string>{"finance"});
}

TEST_CASE("operations: a peer edits only itself; availability merges on offer and splits on withdrawal", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  Draft d(base);
  DateRange april{day("2012-04-02"), day("2012-04-30")};
  CHECK(offer_availability(d, kPeer1, "P2", april, kAny).code() == Code::kForbidden);
  CHECK(offer_availability(d, kPeer1, "P9", april, kAny).code() == Code::kNotFound);
  CHECK(withdraw_availability(d, kPeer1, "P1", {day("2012-04-10"), day("2012-04-09")}, kAny).field() == "end");
  CHECK(withdraw_availability(d, kPeer1, "P1", {day("2012-04-10"), day("2013-04-09")}, kAny).field() == "end");
  REQUIRE(withdraw_availability(d, kPeer1, "P1", {day("2012-04-10"), day("2012-04-20")}, kAny).is_ok());
  const Peer* p1 = d.scenario().find_peer("P1");
  REQUIRE(p1->available.size() == 2);
  CHECK(p1->available[0].end == day("2012-04-09"));
  CHECK(p1->available[1].start == day("2012-04-21"));
  REQUIRE(offer_availability(d, kPeer1, "P1", {day("2012-04-10"), day("2012-04-20")}, kAny).is_ok());
  CHECK(d.scenario().find_peer("P1")->available.size() == 1);

  PeerEdit cap;
  cap.max_days_per_year = std::optional<int>(3);
  REQUIRE(edit_peer(d, kPeer1, "P1", cap, kAny).is_ok());
  CHECK(d.scenario().find_peer("P1")->max_days_per_year == 3);
  CHECK(edit_peer(d, kPeer1, "P1", cap, Precondition{"W/\"weak\""}).code() == Code::kPreconditionFailed);
}

TEST_CASE("operations: accept needs a seat; a decline is kept and the peer is never proposed again", "[operations]") {
  State booked = booked_state();
  std::string peer = booked.plan.assignments.at(0).peers.at(0);
  User me{9, peer, "", "peer", peer, false, 0, {}};
  Draft d(booked);
  std::string other = peer == "P1" ? "P2" : "P1";
  User someone{10, other, "", "peer", other, false, 0, {}};
  Status s = accept(d, someone, other, "R1");
  CHECK(s.code() == Code::kNotFound);
  CHECK(s.field() == "request");
  CHECK(accept(d, someone, peer, "R1").code() == Code::kForbidden);

  REQUIRE(decline(d, me, peer, "R1").is_ok());
  const Request& r1 = *d.scenario().find_request("R1");
  CHECK(std::count(r1.declined.begin(), r1.declined.end(), peer) == 1);
  require_clean(d);
  if (const Assignment* a = d.booking("R1")) CHECK(std::count(a->peers.begin(), a->peers.end(), peer) == 0);

  // Rebooking after a cancel still never proposes the peer who declined.
  State after = d.build();
  Draft rebook(after);
  if (rebook.booking("R1")) REQUIRE(cancel(rebook, kOffice, "R1", kAny).is_ok());
  State cancelled = rebook.build();
  for (Date week : {day("2012-04-16"), day("2012-04-23"), day("2012-05-07")}) {
    Draft again(cancelled);
    REQUIRE(book(again, kCouncil1, "R1", week, kAny).is_ok());
    CHECK(std::count(again.booking("R1")->peers.begin(), again.booking("R1")->peers.end(), peer) == 0);
  }
}

TEST_CASE("operations: only the office pins, imports and vets users", "[operations]") {
  State booked = booked_state();
  Draft d(booked);
  CHECK(pin(d, kCouncil1, "R1").code() == Code::kForbidden);
  CHECK(pin(d, kOffice, "R2").code() == Code::kConflict);
  CHECK(pin(d, kOffice, "R9").field() == "id");
  REQUIRE(pin(d, kOffice, "R1").is_ok());
  REQUIRE(d.scenario().find_request("R1")->pinned);
  CHECK(d.scenario().find_request("R1")->pinned->week == find_booking(booked, "R1")->week);
  REQUIRE(unpin(d, kOffice, "R1").is_ok());
  CHECK_FALSE(d.scenario().find_request("R1")->pinned);

  int added = -1;
  nlohmann::json councils = nlohmann::json::array({{{"id", "C3"}, {"name", "Three"}, {"type", "district"},
                                                    {"region", "North West"}, {"control", "NOC"}}});
  CHECK(import_entities(d, kCouncil1, "councils", councils, &added).code() == Code::kForbidden);
  REQUIRE(import_entities(d, kOffice, "councils", councils, &added).is_ok());
  CHECK(added == 1);
  CHECK(d.scenario().find_council("C3"));
  nlohmann::json broken = nlohmann::json::array({{{"id", "C4"}}});
  CHECK(import_entities(d, kOffice, "councils", broken, &added).code() == Code::kInvalid);

  CHECK(check_new_user(*booked.scenario, {0, "x", "x@example.org", "mayor", "", false, 0, {}}).field() == "role");
  CHECK(check_new_user(*booked.scenario, {0, "x", "x@example.org", "peer", "C1", false, 0, {}}).field() == "subject");
  CHECK(check_new_user(*booked.scenario, {0, "x", "x@example.org", "council", "C1", false, 0, {}}).is_ok());
}

TEST_CASE("operations: an import replaces the whole programme and its bookings, for the office only", "[operations]") {
  State booked = booked_state();
  Scenario next = programme();
  next.requests.pop_back();  // R2 goes
  next.reindex();
  std::vector<Assignment> bookings = {{"R1", day("2012-05-07"), {"P3"}}};
  Draft refused(booked);
  CHECK(import_scenario(refused, kCouncil1, next, bookings).code() == Code::kForbidden);
  Draft d(booked);
  REQUIRE(import_scenario(d, kOffice, next, bookings).is_ok());
  State imported = d.build();
  CHECK_FALSE(imported.scenario->find_request("R2"));
  REQUIRE(imported.plan.assignments.size() == 1);
  CHECK(imported.plan.assignments[0].week == day("2012-05-07"));
  CHECK(imported.accepted.empty());
  ChangeSet change = d.changes(imported);
  bool removes_r2 = std::any_of(change.rows.begin(), change.rows.end(),
                                [](const RowChange& r) { return r.table == "requests" && r.id == "R2" && r.after.is_null(); });
  CHECK(removes_r2);
}

TEST_CASE("operations: apply_solve adds what still fits and drops what the bookings made meanwhile took", "[operations]") {
  State booked = booked_state();
  const Assignment& r1 = *find_booking(booked, "R1");
  Plan solved;
  solved.assignments = {{"R1", day("2012-05-07"), {"P3"}}, {"R2", r1.week, r1.peers}};  // R2 clashes with R1's peer
  Draft d(booked);
  AppliedSolve applied;
  REQUIRE(apply_solve(d, solved, &applied).is_ok());
  CHECK(applied.booked == 0);
  CHECK(applied.dropped == 1);  // R2; R1 was booked already
  CHECK(d.booking("R1")->week == r1.week);  // a booking is never overridden
  CHECK_FALSE(d.booking("R2"));

  solved.assignments = {{"R2", r1.week, {r1.peers[0] == "P1" ? "P2" : "P1"}}};
  Draft fits(booked);
  REQUIRE(apply_solve(fits, solved, &applied).is_ok());
  CHECK(applied.booked == 1);
  CHECK(applied.dropped == 0);
  require_clean(fits);
}

TEST_CASE("service: a change is judged whole, saved with only its rows, and replayed by its key", "[operations]") {
  auto store = store::SqliteStore::open(":memory:");
  REQUIRE(store.is_ok());
  auto opened = Service::open(std::move(store).value());
  REQUIRE(opened.is_ok());
  Service& service = *opened.value();
  REQUIRE_FALSE(service.seeded());
  REQUIRE(service.seed(programme(), {}).is_ok());

  auto render = [](const State& s) { return Reply{201, {{"bookings", s.plan.assignments.size()}}}; };
  auto book_r1 = [](Draft& d) { return book(d, kCouncil1, "R1", day("2012-04-16"), kAny); };
  User officer = kCouncil1;
  officer.email = "officer@c1.example.org";
  auto user = service.create_user(officer, "office (test)", false);
  REQUIRE(user.is_ok());
  IdempotencyKey key{user.value().id, "k1", "POST /requests/R1/booking\n{}"};
  auto first = service.change("council C1", "book R1", book_r1, render, key);
  REQUIRE(first.is_ok());
  auto retry = service.change("council C1", "book R1", book_r1, render, key);
  REQUIRE(retry.is_ok());
  CHECK(retry.value().status == 201);
  CHECK(retry.value().body == first.value().body);
  CHECK(service.state()->plan.assignments.size() == 1);

  auto audit = service.audit({}, {});
  REQUIRE(audit.is_ok());
  REQUIRE(audit.value().items.size() == 3);  // the seed, the user and the booking, not the replay
  CHECK(audit.value().items.back().after.size() == 1);
  CHECK(audit.value().items.back().after.contains("bookings/R1"));

  // An operation that breaks a rule is refused whole: nothing published or saved.
  service::StatePtr before = service.state();
  auto double_booked = [](Draft& d) {
    const Assignment* r1 = d.booking("R1");
    d.book({"R2", r1->week, r1->peers});
    return Status::ok();
  };
  auto refused = service.change("office", "break H9", double_booked, render);
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().code() == Code::kConflict);
  CHECK(refused.status().reason_code() == "rule_broken");
  CHECK((refused.status().rule() == "H9" || refused.status().rule() == "H11"));
  CHECK(refused.status().message().find("This change cannot be made: ") == 0);
  CHECK(refused.status().message().find("[H") == std::string::npos);
  CHECK(service.state() == before);
  CHECK(service.audit({}, {}).value().items.size() == 3);
}

TEST_CASE("service: a decline is kept in the store and survives a restart", "[operations]") {
  std::string db = (std::filesystem::temp_directory_path() / ("peerslot-decline-" + std::to_string(::getpid()) + ".db")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  State booked = booked_state();
  std::string peer = booked.plan.assignments.at(0).peers.at(0);
  {
    auto opened = Service::open(std::move(store::SqliteStore::open(db)).value());
    REQUIRE(opened.is_ok());
    REQUIRE(opened.value()->seed(*booked.scenario, booked.plan.assignments).is_ok());
    User me{0, peer, "", "peer", peer, false, 0, {}};
    auto declined = opened.value()->change("peer " + peer, "decline R1", [&](Draft& d) { return decline(d, me, peer, "R1"); },
                                           [](const State&) { return Reply{200, nullptr}; });
    REQUIRE(declined.is_ok());
  }
  auto reopened = Service::open(std::move(store::SqliteStore::open(db)).value());
  REQUIRE(reopened.is_ok());
  const Request& r1 = *reopened.value()->state()->scenario->find_request("R1");
  CHECK(r1.declined == std::vector<std::string>{peer});
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}

TEST_CASE("booking cache: a State's weeks page is computed once and shared; a new State computes its own", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  int renders = 0;
  auto render = [&](const BookingAnswer& a) { return std::to_string(++renders) + ":" + std::to_string(a.options.size()); };
  auto first = base.booking_cache->rendered_weeks(base, "R1", "council", render);
  auto again = base.booking_cache->rendered_weeks(base, "R1", "council", render);
  REQUIRE(first.is_ok());
  REQUIRE(again.is_ok());
  CHECK(first.value() == again.value());
  CHECK(renders == 1);
  auto office = base.booking_cache->rendered_weeks(base, "R1", "office", render);  // another audience: its own text
  REQUIRE(office.is_ok());
  CHECK(*office.value() != *first.value());
  CHECK(renders == 2);
  CHECK(base.booking_cache->rendered_weeks(base, "R9", "council", render).status().code() == Code::kNotFound);

  Draft d(base);
  REQUIRE(book(d, kCouncil1, "R1", day("2012-04-16"), kAny).is_ok());
  State booked = d.build();
  auto page = booked.booking_cache->weeks(booked, "R1");
  REQUIRE(page.is_ok());
  REQUIRE(page.value()->current_week);
  CHECK(*page.value()->current_week == day("2012-04-16"));
  auto week = booked.booking_cache->option_in_week(booked, "R1", day("2012-04-09"));
  CHECK(week.status().field() == "week");
}

TEST_CASE("finance report: peer days by role, mileage and subject fees by financial year, against the budget", "[operations]") {
  ScenarioBuilder b("2014-03-24", "2014-04-11");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("M1", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("X1", Role::kExpert, "X", 54.0, -2.0);  // 111 km north
  b.request("R1", "C1", 3, {1, 0, 0, 1, 0}).kind = "subject";
  Finance finance;
  finance.day_rate[static_cast<int>(Role::kMember)] = 300;
  finance.day_rate[static_cast<int>(Role::kExpert)] = 500;
  finance.mileage_pence_per_km = 28;
  finance.subject_fee_per_day = 1200;
  finance.budgets = {{2013, 10000}};
  b.scenario().finance = finance;
  // On site Monday 31 March 2014 (FY2013) and 1-2 April (FY2014).
  State state = make_state(b.build(), {{"R1", day("2014-03-31"), {"M1", "X1"}}}, {}, {});
  nlohmann::json report = finance_report(state);
  CHECK(report["currency"] == "GBP");
  REQUIRE(report["years"].size() == 2);
  const nlohmann::json& first = report["years"][0];
  CHECK(first["label"] == "2013/14");
  CHECK(first["peer_days"] == 2);
  CHECK(first["day_costs"] == 800);
  CHECK(first["mileage"] == 31);  // 111 km x 28p, counted in the year of the first day
  CHECK(first["fees"] == 1200);
  CHECK(first["net"] == 800 + 31 - 1200);
  CHECK(first["budget"] == 10000);
  CHECK(first["remaining"] == 10000 - (800 + 31 - 1200));
  const nlohmann::json& second = report["years"][1];
  CHECK(second["year"] == 2014);
  CHECK(second["peer_days"] == 4);
  CHECK(second["day_costs"] == 1600);
  CHECK(second["mileage"] == 0);
  CHECK(second["fees"] == 2400);
  CHECK(second["budget"].is_null());
  CHECK(request_fee(*state.scenario, state.scenario->requests[0]) == 3600);
  CHECK(request_json(state, state.scenario->requests[0])["fee"] == 3600);
}

TEST_CASE("operations: apply_solve drops a solved assignment when the rule names the booking made meanwhile", "[operations]") {
  State base = make_state(programme(), {}, {}, {});
  Draft meanwhile(base);
  REQUIRE(book(meanwhile, kCouncil2, "R2", day("2012-04-16"), kAny).is_ok());
  State booked = meanwhile.build();
  const Assignment& r2 = *find_booking(booked, "R2");
  Plan solved;
  solved.assignments = {{"R1", r2.week, r2.peers}};  // H9 names R2, the later request in the plan
  Draft d(booked);
  AppliedSolve applied;
  REQUIRE(apply_solve(d, solved, &applied).is_ok());
  CHECK(applied.booked == 0);
  CHECK(applied.dropped == 1);
  CHECK_FALSE(d.booking("R1"));
  CHECK(d.booking("R2")->week == r2.week);
}
