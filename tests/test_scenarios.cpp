#include "tests/test_scenarios.h"

#include <random>

namespace peerslot::test {

Date day(const std::string& iso) { return *parse_iso_date(iso); }

ScenarioBuilder::ScenarioBuilder(const std::string& start, const std::string& end) {
  s_.window = {day(start), day(end)};
}

Council& ScenarioBuilder::council(const std::string& id, const std::string& control, double lat, double lon,
                                  const std::string& region) {
  Council c;
  c.id = id;
  c.name = id;
  c.type = "district";
  c.region = region;
  c.control = control;
  c.location = GeoPoint{lat, lon};
  s_.councils.push_back(c);
  return s_.councils.back();
}

Peer& ScenarioBuilder::peer(const std::string& id, Role role, const std::string& home, double lat, double lon,
                            const std::string& party, std::vector<std::string> skills) {
  Peer p;
  p.id = id;
  p.name = id;
  p.role = role;
  p.party = party;
  p.council = home;
  p.region = "Elsewhere";
  p.location = GeoPoint{lat, lon};
  p.skills = std::move(skills);
  p.available = {s_.window};
  s_.peers.push_back(p);
  return s_.peers.back();
}

Request& ScenarioBuilder::request(const std::string& id, const std::string& council, int days, TeamShape team) {
  Request r;
  r.id = id;
  r.council = council;
  r.kind = "corporate";
  r.days = days;
  r.team = team;
  s_.requests.push_back(r);
  return s_.requests.back();
}

Scenario ScenarioBuilder::build() {
  s_.reindex();
  return s_;
}

namespace {

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : rng_(seed) {}
  int below(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  double between(double a, double b) { return a + (b - a) * static_cast<double>(rng_() % 10000) / 10000.0; }

 private:
  std::mt19937_64 rng_;
};

const std::vector<std::string> kParties = {"Conservative", "Labour", "Liberal Democrat"};
const std::vector<std::string> kSkills = {"finance", "leadership", "housing", "children", "planning"};

}  // namespace

Scenario random_scenario(std::uint64_t seed, const RandomShape& shape) {
  Dice dice(seed);
  Date start = day("2012-04-02");
  Date end = start + boost::gregorian::days(30 * shape.months);
  ScenarioBuilder b(to_iso(start), to_iso(end));
  Scenario& s = b.scenario();
  s.bank_holidays = {day("2012-05-07"), day("2012-06-04"), day("2012-06-05"), day("2012-08-27")};
  if (shape.capacity > 0) s.max_challenges_per_week = shape.capacity;
  for (int i = 0; i < shape.councils; ++i) {
    std::string control = dice.chance(25) ? "NOC" : kParties[dice.below(3)];
    Council& c = b.council("C" + std::to_string(i), control, dice.between(50.5, 54.5), dice.between(-3.0, 0.5));
    if (dice.chance(30)) c.elections.push_back(start + boost::gregorian::days(7 * (2 + dice.below(shape.months * 4))));
    if (dice.chance(30)) {
      Date from = start + boost::gregorian::days(dice.below(30 * shape.months));
      c.blackouts.push_back({from, from + boost::gregorian::days(5 + dice.below(20))});
    }
  }
  for (int i = 0; i < shape.peers; ++i) {
    Role role = static_cast<Role>(i % kRoleCountV1 == 3 && dice.chance(50) ? 2 : i % kRoleCountV1);  // the version 1 roles
    std::string home = "C" + std::to_string(dice.below(shape.councils));
    std::string party = role == Role::kMember ? kParties[dice.below(3)] : "";
    std::vector<std::string> skills;
    for (const std::string& skill : kSkills)
      if (dice.chance(30)) skills.push_back(skill);
    Peer& p = b.peer("P" + std::to_string(i), role, role == Role::kExpert ? "" : home, dice.between(50.5, 54.5),
                     dice.between(-3.0, 0.5), party, skills);
    if (dice.chance(30)) p.max_days_per_year = 3 + dice.below(8);
    if (dice.chance(20)) {
      Date gap = start + boost::gregorian::days(dice.below(30 * shape.months));
      p.available = {{start, gap}, {gap + boost::gregorian::days(10 + dice.below(30)), end}};
    }
    if (dice.chance(10)) p.conflicts.push_back("C" + std::to_string(dice.below(shape.councils)));
  }
  for (int i = 0; i < shape.requests; ++i) {
    TeamShape team{1 + dice.below(2), dice.below(2), 1 + dice.below(2), dice.below(2)};
    Request& r = b.request("R" + std::to_string(i), "C" + std::to_string(dice.below(shape.councils)), 1 + dice.below(4), team);
    r.priority = 1 + dice.below(2);
    if (dice.chance(50)) r.focus.push_back(kSkills[dice.below(5)]);
    if (dice.chance(50)) {
      Date from = start + boost::gregorian::days(dice.below(30 * shape.months));
      r.preferred.push_back({from, from + boost::gregorian::days(14)});
    }
  }
  // Pins: a Monday week and one peer of a needed role from another council.
  for (int i = 0; i < shape.pins && i < shape.requests; ++i) {
    Request& r = s.requests[i];
    Date monday = start + boost::gregorian::days(7 * dice.below(shape.months * 4 - 1));
    for (const Peer& p : s.peers) {
      if (p.council == r.council || r.team[static_cast<int>(p.role)] == 0 || p.available.size() > 1) continue;
      r.pinned = Pin{monday, {p.id}};
      break;
    }
  }
  return b.build();
}

}  // namespace peerslot::test
