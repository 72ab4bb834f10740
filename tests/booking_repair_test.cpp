// Booking options and repair: every option is feasible when applied, repair
// keeps untouched assignments, and every plan passes the checker.
#include "engine/booking_options.h"
#include "engine/checker.h"
#include "engine/repair.h"
#include "engine/scenario_json.h"
#include "engine/solver.h"
#include "engine/words.h"
#include "tests/test_scenarios.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace peerslot;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;
using peerslot::test::load_fixture;
using peerslot::test::plan_of;
using peerslot::test::scenario_of;

namespace {

Plan solved(const Scenario& s, std::uint64_t seed = 1) {
  SolveOptions options;
  options.iterations = 2000;
  options.seed = seed;
  return solve(s, options).value().plan;
}

Plan with_assignment(const Scenario& s, Plan plan, const std::string& request, const BookingOption& option) {
  plan.unscheduled.erase(std::remove_if(plan.unscheduled.begin(), plan.unscheduled.end(),
                                        [&](const Unscheduled& u) { return u.request == request; }),
                         plan.unscheduled.end());
  plan.assignments.erase(std::remove_if(plan.assignments.begin(), plan.assignments.end(),
                                        [&](const Assignment& a) { return a.request == request; }),
                         plan.assignments.end());
  plan.assignments.push_back({request, option.week, option.peers});
  plan.cost = check_plan(s, plan).recomputed;
  return plan;
}

std::map<std::string, Assignment> by_request(const Plan& plan) {
  std::map<std::string, Assignment> map;
  for (const Assignment& a : plan.assignments) map[a.request] = a;
  return map;
}

// The plan puts the peer on the request's team.
bool seats(const Plan& plan, const std::string& request, const std::string& peer) {
  return std::any_of(plan.assignments.begin(), plan.assignments.end(), [&](const Assignment& a) {
    return a.request == request && std::count(a.peers.begin(), a.peers.end(), peer) > 0;
  });
}

}  // namespace

TEST_CASE("every booking option is feasible and its delta is the exact cost change") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Scenario s = test::random_scenario(seed, {6, 40, 14, 4, 2, 0});
    Plan plan = solved(s, seed);
    Problem problem(s);
    BookingOptions booking(problem);
    REQUIRE(booking.load_plan(plan).is_ok());
    for (const Request& r : s.requests) {
      auto answer = booking.options(r.id, 3);
      REQUIRE(answer.is_ok());
      CHECK(answer.value().options.size() <= 3);
      for (const BookingOption& option : answer.value().options) {
        Plan changed = with_assignment(s, plan, r.id, option);
        CheckReport report = check_plan(s, changed);
        INFO("seed " << seed << " " << r.id << " week " << to_iso(option.week));
        for (const Violation& v : report.violations) INFO(v.line());
        CHECK(report.violations.empty());
        CHECK(changed.cost.total - plan.cost.total == option.delta);
      }
      for (const BlockedWeek& b : answer.value().blocked) {
        CHECK(!b.reason.code.empty());
        CHECK(!b.reason.text.empty());
        CHECK(b.reason.text.find("(H") == std::string::npos);  // rule ids are for programs, in `rule`
      }
    }
  }
}

TEST_CASE("options name a full week and ask nothing of other bookings") {
  ScenarioBuilder b("2012-04-02", "2012-04-20");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 53.0, -2.0);
  b.peer("P1", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("P2", Role::kOfficer, "X", 53.0, -2.0);
  b.request("R1", "C1", 1, {0, 0, 1, 0}).pinned = Pin{day("2012-04-09"), {"P1"}};
  b.request("R2", "C2", 1, {0, 0, 1, 0});
  Scenario s = b.build();
  Plan plan;
  plan.assignments.push_back({"R1", day("2012-04-09"), {"P1"}});
  plan.unscheduled.push_back({"R2", {{"", "", "not yet booked", ""}}});
  Problem problem(s);
  BookingOptions booking(problem);
  REQUIRE(booking.load_plan(plan).is_ok());
  BookingAnswer answer = booking.options("R2", 5).value();
  REQUIRE(answer.options.size() == 2);
  for (const BookingOption& o : answer.options) CHECK(o.week != day("2012-04-09"));
  REQUIRE(answer.blocked.size() == 1);
  CHECK(answer.blocked[0].week == day("2012-04-09"));
  CHECK(answer.blocked[0].reason.code == "week_full");
  CHECK(answer.blocked[0].reason.rule == "H11");
  CHECK(answer.blocked[0].reason.text == "Every challenge place is taken this week");
  CHECK_FALSE(booking.options("NOPE", 5).is_ok());
}

namespace {

void check_same_option(const BookingOption& got, const BookingOption& expected) {
  CHECK(got.week == expected.week);
  CHECK(got.delta == expected.delta);
  CHECK(got.preference == expected.preference);
  CHECK(got.peers == expected.peers);
}

const BlockedWeek* blocked_in(const BookingAnswer& answer, Date week) {
  for (const BlockedWeek& b : answer.blocked)
    if (b.week == week) return &b;
  return nullptr;
}

}  // namespace

TEST_CASE("place_in_week gives, for every week, what options() gives for it") {
  int options = 0, conflicts = 0, booked = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    Scenario s = test::random_scenario(seed, {6, 40, 14, 4, 2, 1});
    Plan plan = solved(s, seed);
    Problem problem(s);
    BookingOptions booking(problem);
    REQUIRE(booking.load_plan(plan).is_ok());
    for (const Request& r : s.requests) {
      BookingAnswer answer = booking.options(r.id, problem.week_count()).value();
      if (answer.current_week) ++booked;
      for (int w = 0; w < problem.week_count(); ++w) {
        Date week = problem.monday(w);
        INFO("seed " << seed << " " << r.id << " week " << to_iso(week));
        auto placed = booking.place_in_week(r.id, week);
        auto option = std::find_if(answer.options.begin(), answer.options.end(),
                                   [&](const BookingOption& o) { return o.week == week; });
        if (option != answer.options.end()) {
          REQUIRE(placed.is_ok());
          check_same_option(placed.value(), *option);
          ++options;
          continue;
        }
        REQUIRE_FALSE(placed.is_ok());
        CHECK(placed.status().code() == Status::Code::kConflict);
        std::string head = "week: The week of " + day_words(week) + " cannot be booked: ";
        CHECK(placed.status().message().rfind(head, 0) == 0);
        CHECK(placed.status().message().size() > head.size());
        CHECK_FALSE(placed.status().reason_code().empty());
        if (const BlockedWeek* b = blocked_in(answer, week)) {
          CHECK(placed.status().message() == head + uncapitalised(b->reason.text));
          CHECK(placed.status().reason_code() == b->reason.code);
        }
        ++conflicts;
      }
      // The questions left the plan as it was.
      BookingAnswer again = booking.options(r.id, problem.week_count()).value();
      REQUIRE(again.options.size() == answer.options.size());
      for (std::size_t i = 0; i < again.options.size(); ++i) check_same_option(again.options[i], answer.options[i]);
      CHECK(again.current_week == answer.current_week);
    }
  }
  CHECK(options > 50);
  CHECK(conflicts > 50);
  CHECK(booked > 10);
}

TEST_CASE("place_in_week refuses unknown requests, other days than Monday and weeks outside the window") {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  Problem problem(s);
  BookingOptions booking(problem);
  REQUIRE(booking.load_plan(plan_of(load_fixture("rules_plan.json"), s)).is_ok());
  auto unknown = booking.place_in_week("NOPE", day("2011-09-12"));
  CHECK(unknown.status().code() == Status::Code::kNotFound);
  CHECK(unknown.status().message() == "unknown request NOPE");
  CHECK(booking.place_in_week("R2", day("2011-09-13")).status().message() ==
        "week: Tuesday 13 September 2011 is not a Monday: a week is named by its Monday");
  CHECK(booking.place_in_week("R2", day("2012-04-09")).status().message() ==
        "week: The week of Monday 9 April 2012 cannot be booked: it is outside the programme's dates, 1 April 2011 to 31 March 2012");
  auto blackout = booking.place_in_week("R1", day("2011-12-19"));
  CHECK(blackout.status().code() == Status::Code::kConflict);
  CHECK(blackout.status().message() ==
        "week: The week of Monday 19 December 2011 cannot be booked: the council cannot host a challenge from 19 December 2011 to 6 "
        "January 2012");
  // R1 is booked in 2011-09-12: asking for its own week gives it back, at no cost.
  auto own = booking.place_in_week("R1", day("2011-09-12"));
  REQUIRE(own.is_ok());
  CHECK(own.value().delta == 0);
}

TEST_CASE("repair after a withdrawal keeps every untouched assignment") {
  int kept = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    Scenario s = test::random_scenario(seed, {6, 40, 14, 4, 2, 0});
    Plan plan = solved(s, seed);
    // Withdraw the busiest peer from the middle of the window.
    std::map<std::string, int> load;
    for (const Assignment& a : plan.assignments)
      for (const std::string& p : a.peers) ++load[p];
    REQUIRE_FALSE(load.empty());
    std::string busiest = std::max_element(load.begin(), load.end(), [](auto& x, auto& y) { return x.second < y.second; })->first;
    RepairChange change;
    change.peer = busiest;
    change.from = s.window.start + boost::gregorian::days(30);
    RepairResult result = repair(s, plan, change).value();
    INFO("seed " << seed << " withdraw " << busiest);
    CheckReport report = check_plan(result.changed, result.plan);
    for (const Violation& v : report.violations) INFO(v.line());
    CHECK(report.violations.empty());
    CHECK(report.cost_matches);
    CHECK(check_plan(s, result.plan).ok());
    auto before = by_request(plan);
    auto after = by_request(result.plan);
    std::set<std::string> moved;
    for (const RepairMove& m : result.moves) moved.insert(m.request);
    // Every assignment the repair does not name is exactly as it was.
    for (const auto& [id, a] : before) {
      if (moved.count(id)) continue;
      INFO(id << " is not among the moves");
      REQUIRE(after.count(id));
      CHECK(after[id].week == a.week);
      CHECK(after[id].peers == a.peers);
      ++kept;
    }
    for (const auto& [id, a] : after) {
      INFO(id << " is newly assigned");
      if (!before.count(id)) CHECK(moved.count(id));
    }
    // The assignments that need the withdrawn peer from `from` on are the broken ones.
    Calendar calendar(s.bank_holidays);
    int broken = 0;
    for (const auto& [id, a] : before) {
      std::vector<Date> days = calendar.on_site_days(a.week, s.find_request(id)->days);
      if (!std::count(a.peers.begin(), a.peers.end(), busiest) || days.back() < *change.from) continue;
      ++broken;
      CHECK(moved.count(id));
    }
    CHECK(result.broken == broken);
    // Each move says what changed, and why.
    for (const RepairMove& m : result.moves) {
      INFO("move of " << m.request);
      CHECK(!m.why.empty());
      CHECK(m.old_week == (before.count(m.request) ? std::optional<Date>(before[m.request].week) : std::nullopt));
      CHECK(m.new_week == (after.count(m.request) ? std::optional<Date>(after[m.request].week) : std::nullopt));
      CHECK(m.old_peers == (before.count(m.request) ? before[m.request].peers : std::vector<std::string>{}));
      CHECK(m.new_peers == (after.count(m.request) ? after[m.request].peers : std::vector<std::string>{}));
    }
  }
  CHECK(kept > 50);
}

TEST_CASE("repair replaces only the withdrawn peer when a replacement exists") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("A", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("B", Role::kOfficer, "X", 53.1, -2.0);
  b.peer("C", Role::kOfficer, "X", 53.5, -2.0);
  b.request("R1", "C1", 2, {0, 0, 2, 0});
  Scenario s = b.build();
  Plan plan;
  plan.assignments.push_back({"R1", day("2012-04-16"), {"A", "B"}});
  plan.cost = check_plan(s, plan).recomputed;
  RepairChange change;
  change.peer = "A";
  RepairResult result = repair(s, plan, change).value();
  REQUIRE(result.plan.assignments.size() == 1);
  const Assignment& a = result.plan.assignments[0];
  CHECK(a.week == day("2012-04-16"));
  CHECK(std::count(a.peers.begin(), a.peers.end(), "B") == 1);
  CHECK(std::count(a.peers.begin(), a.peers.end(), "C") == 1);
  CHECK(result.others_moved == 0);
  CHECK(check_plan(s, result.plan).ok());
}

TEST_CASE("a decline replaces only the declining peer and leaves the rest of the plan") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 54.5, -2.1);
  b.peer("A", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("B", Role::kOfficer, "X", 53.1, -2.0);
  b.peer("C", Role::kOfficer, "X", 53.5, -2.0);
  b.peer("D", Role::kOfficer, "X", 54.5, -2.1);
  b.request("R1", "C1", 2, {0, 0, 2, 0});
  b.request("R2", "C2", 2, {0, 0, 2, 0});
  Scenario s = b.build();
  Plan plan;
  plan.assignments.push_back({"R1", day("2012-04-16"), {"A", "B"}});
  plan.assignments.push_back({"R2", day("2012-04-09"), {"A", "D"}});
  plan.cost = check_plan(s, plan).recomputed;
  RepairChange change;
  change.kind = RepairChange::Kind::kDeclineChallenge;
  change.request = "R1";
  change.peer = "A";
  RepairResult result = repair(s, plan, change).value();
  auto after = by_request(result.plan);
  REQUIRE(after.count("R1"));
  CHECK(after["R1"].week == day("2012-04-16"));
  CHECK(std::count(after["R1"].peers.begin(), after["R1"].peers.end(), "A") == 0);
  CHECK(std::count(after["R1"].peers.begin(), after["R1"].peers.end(), "B") == 1);
  CHECK(std::count(after["R1"].peers.begin(), after["R1"].peers.end(), "C") == 1);
  REQUIRE(after.count("R2"));
  CHECK(after["R2"].week == day("2012-04-09"));
  CHECK(after["R2"].peers == std::vector<std::string>{"A", "D"});
  CHECK(result.broken == 1);
  CHECK(result.others_moved == 0);
  REQUIRE(result.moves.size() == 1);
  CHECK(result.moves[0].why == "replacement in the same week");
  CheckReport report = check_plan(s, result.plan);
  for (const Violation& v : report.violations) INFO(v.line());
  CHECK(report.violations.empty());
  CHECK(report.cost_matches);

  change.peer = "C";
  CHECK(!repair(s, plan, change).is_ok());
}

TEST_CASE("after a decline the declining peer is never proposed for that request again") {
  int declines = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Scenario s = test::random_scenario(seed, {6, 40, 14, 4, 2, 0});
    Plan plan = solved(s, seed);
    for (std::size_t i = 0; i < plan.assignments.size() && i < 3; ++i) {
      const Assignment& target = plan.assignments[i];
      RepairChange change;
      change.kind = RepairChange::Kind::kDeclineChallenge;
      change.request = target.request;
      change.peer = target.peers.front();
      INFO("seed " << seed << " " << change.peer << " declines " << change.request);
      RepairResult result = repair(s, plan, change).value();
      ++declines;
      const Request& changed = *result.changed.find_request(change.request);
      CHECK(changed.declined == std::vector<std::string>{change.peer});
      CheckReport report = check_plan(result.changed, result.plan);
      for (const Violation& v : report.violations) INFO(v.line());
      CHECK(report.violations.empty());
      CHECK(report.cost_matches);
      CHECK_FALSE(seats(result.plan, change.request, change.peer));
      // Neither booking options nor a new solve of the changed scenario offer it.
      Problem problem(result.changed);
      BookingOptions booking(problem);
      REQUIRE(booking.load_plan(result.plan).is_ok());
      auto answer = booking.options(change.request, problem.week_count());
      REQUIRE(answer.is_ok());
      for (const BookingOption& o : answer.value().options) CHECK(std::count(o.peers.begin(), o.peers.end(), change.peer) == 0);
      CHECK_FALSE(seats(solved(result.changed, seed), change.request, change.peer));
    }
  }
  CHECK(declines >= 12);
}

TEST_CASE("a decline already in the scenario while the plan still seats the peer vacates the seat") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 54.5, -2.1);
  b.peer("A", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("B", Role::kOfficer, "X", 53.1, -2.0);
  b.peer("C", Role::kOfficer, "X", 53.5, -2.0);
  b.peer("D", Role::kOfficer, "X", 54.5, -2.1);
  b.request("R1", "C1", 2, {0, 0, 2, 0});
  b.request("R2", "C2", 2, {0, 0, 2, 0});
  Scenario before = b.build();
  Plan plan;
  plan.assignments.push_back({"R1", day("2012-04-16"), {"A", "B"}});
  plan.assignments.push_back({"R2", day("2012-04-09"), {"A", "D"}});
  plan.cost = check_plan(before, plan).recomputed;
  Scenario recorded = before;  // as the service stores it before repairing
  recorded.requests[0].declined = {"A"};
  RepairChange change;
  change.kind = RepairChange::Kind::kDeclineChallenge;
  change.request = "R1";
  change.peer = "A";
  RepairResult fresh = repair(before, plan, change).value();
  RepairResult again = repair(recorded, plan, change).value();
  CHECK(again.changed.requests[0].declined == std::vector<std::string>{"A"});
  CHECK(plan_to_json(again.plan) == plan_to_json(fresh.plan));
  CHECK(again.broken == 1);
  CHECK(again.others_moved == 0);
  auto after = by_request(again.plan);
  CHECK(after["R1"].week == day("2012-04-16"));
  CHECK(after["R1"].peers == std::vector<std::string>{"B", "C"});
  CHECK(after["R2"].peers == std::vector<std::string>{"A", "D"});
  CHECK(check_plan(again.changed, again.plan).ok());

  SECTION("any other change mends the seat of a declined peer too") {
    RepairChange cancel;
    cancel.kind = RepairChange::Kind::kCancelRequest;
    cancel.request = "R2";
    RepairResult cancelled = repair(recorded, plan, cancel).value();
    CheckReport report = check_plan(cancelled.changed, cancelled.plan);
    for (const Violation& v : report.violations) INFO(v.line());
    CHECK(report.violations.empty());
    CHECK(by_request(cancelled.plan).count("R1"));
    CHECK_FALSE(seats(cancelled.plan, "R1", "A"));
  }
}

TEST_CASE("repair after a cancellation and a blocked week") {
  Scenario s = test::random_scenario(3, {6, 40, 14, 4, 2, 0});
  Plan plan = solved(s);
  REQUIRE(!plan.assignments.empty());
  const Assignment target = plan.assignments.front();
  RepairChange cancel;
  cancel.kind = RepairChange::Kind::kCancelRequest;
  cancel.request = target.request;
  RepairResult cancelled = repair(s, plan, cancel).value();
  CHECK(check_plan(s, cancelled.plan).ok());
  CHECK(!by_request(cancelled.plan).count(target.request));
  CHECK(cancelled.others_moved == 0);

  RepairChange block;
  block.kind = RepairChange::Kind::kBlockWeek;
  block.council = s.find_request(target.request)->council;
  block.monday = target.week;
  RepairResult blocked = repair(s, plan, block).value();
  CheckReport report = check_plan(blocked.changed, blocked.plan);
  CHECK(report.ok());
  // The request leaves the blocked week for another one, and the repair says so.
  auto move = std::find_if(blocked.moves.begin(), blocked.moves.end(),
                           [&](const RepairMove& m) { return m.request == target.request; });
  REQUIRE(move != blocked.moves.end());
  CHECK(move->old_week == target.week);
  REQUIRE(move->new_week.has_value());
  CHECK(*move->new_week != target.week);
  auto after = by_request(blocked.plan);
  REQUIRE(after.count(target.request));
  CHECK(after[target.request].week == *move->new_week);
}

TEST_CASE("why_peer_cannot_join says why a nominee cannot sit on a booked team, the request itself set aside") {
  ScenarioBuilder b("2012-04-16", "2012-04-27");
  b.council("C1", "Labour", 52, -1);
  b.council("C2", "Labour", 53, -1);
  b.peer("M1", Role::kMember, "C9", 52, -1, "Labour");
  b.peer("M2", Role::kMember, "C9", 52, -1, "Labour");
  b.peer("M3", Role::kMember, "C1", 52, -1, "Labour");  // from C1 itself
  b.peer("M4", Role::kMember, "C9", 52, -1, "Labour").max_days_per_year = 2;
  b.request("R1", "C1", 3, {1, 0, 0, 0, 0});
  b.request("R2", "C2", 3, {1, 0, 0, 0, 0});
  Scenario s = b.build();
  Problem problem(s);
  BookingOptions booking(problem);
  Plan plan;
  plan.assignments = {{"R1", day("2012-04-16"), {"M1"}}, {"R2", day("2012-04-16"), {"M2"}}};
  REQUIRE(booking.load_plan(plan).is_ok());
  auto ask = [&](const std::string& peer) { return booking.why_peer_cannot_join("R1", peer, day("2012-04-16")).value(); };
  CHECK(ask("M1").code.empty());  // its own seat does not count against it
  Reason busy = ask("M2");
  CHECK(busy.code == "busy");
  CHECK(busy.rule == "H9");
  CHECK(busy.text == "is already on a challenge at C2 that week");
  CHECK(ask("M3").code == "own_council");
  CHECK(ask("M4").code == "day_cap");
  CHECK(booking.why_peer_cannot_join("R1", "NOPE", day("2012-04-16")).status().code() == Status::Code::kNotFound);
  CHECK(booking.why_peer_cannot_join("R1", "M1", day("2013-04-15")).status().field() == "week");
}
