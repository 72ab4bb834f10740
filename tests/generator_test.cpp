// The demo generator makes valid, deterministic national and scaled
// programmes from the reference data.
#include "tools/generator.h"

#include "engine/scenario_json.h"

#include <catch2/catch.hpp>

#include <set>

using namespace peerslot;

namespace {

ReferenceData reference() {
  auto data = load_reference_data(default_data_dir());
  REQUIRE(data.is_ok());
  return data.value();
}

}  // namespace

TEST_CASE("the national scenario is valid and covers every council", "[generator]") {
  ReferenceData data = reference();
  Scenario s = generate_scenario(data, {1, 7});
  auto reparsed = scenario_from_json(scenario_to_json(s));
  INFO(reparsed.status().message());
  REQUIRE(reparsed.is_ok());
  CHECK(s.councils.size() == data.councils.size());
  std::set<std::string> corporate;
  std::set<std::string> kinds;
  for (const Request& r : s.requests) {
    kinds.insert(r.kind);
    if (r.kind == "corporate") CHECK(corporate.insert(r.council).second);
  }
  CHECK(corporate.size() == data.councils.size());
  CHECK(kinds == std::set<std::string>{"corporate", "subject", "support", "review"});
  std::set<int> roles;
  for (const Peer& p : s.peers) roles.insert(static_cast<int>(p.role));
  CHECK(roles.size() == kRoleCount);
}

TEST_CASE("the national scenario uses version 2: managers, reviews, civil servants, changes of control", "[generator]") {
  Scenario s = generate_scenario(reference(), {1, 1});
  int reviews = 0, corporate = 0;
  for (const Request& r : s.requests) {
    if (r.kind == "corporate") {
      ++corporate;
      CHECK(r.team[static_cast<int>(Role::kManager)] == 1);
    }
    if (r.kind != "review") continue;
    ++reviews;
    REQUIRE(r.follows);
    const Request* followed = s.find_request(r.follows->request);
    REQUIRE(followed);
    CHECK(followed->kind == "corporate");
    CHECK(followed->council == r.council);
  }
  CHECK(reviews > corporate / 3);
  CHECK(std::any_of(s.peers.begin(), s.peers.end(), [](const Peer& p) { return p.sector == kCivilServiceSector; }));
  const Council* birmingham = s.find_council("E08000025");
  REQUIRE(birmingham);
  CHECK(birmingham->control_on(Date(2012, 5, 2)) == "NOC");
  CHECK(birmingham->control_on(Date(2012, 5, 3)) == "Labour");
  int support = static_cast<int>(std::count_if(s.requests.begin(), s.requests.end(), [](const Request& r) { return r.kind == "support"; }));
  int changes = 0;
  for (const Council& c : s.councils)
    for (const ControlChange& change : c.control_changes) changes += s.window.contains(change.date) ? 1 : 0;
  CHECK(support == changes);
}

TEST_CASE("every controlling party has member peers", "[generator]") {
  Scenario s = generate_scenario(reference(), {1, 3});
  for (const Council& c : s.councils) {
    if (!c.controlled_by_party()) continue;
    INFO(c.control);
    CHECK(std::any_of(s.peers.begin(), s.peers.end(),
                      [&](const Peer& p) { return p.role == Role::kMember && p.party == c.control; }));
  }
}

TEST_CASE("the same seed gives the same scenario, another seed another", "[generator]") {
  ReferenceData data = reference();
  auto a = scenario_to_json(generate_scenario(data, {1, 42}));
  CHECK(a == scenario_to_json(generate_scenario(data, {1, 42})));
  CHECK(a != scenario_to_json(generate_scenario(data, {1, 43})));
}

TEST_CASE("scale multiplies councils, peers and requests", "[generator]") {
  ReferenceData data = reference();
  Scenario one = generate_scenario(data, {1, 1});
  Scenario ten = generate_scenario(data, {10, 1});
  CHECK(ten.councils.size() == 10 * one.councils.size());
  CHECK(ten.peers.size() > 9 * one.peers.size());
  CHECK(ten.requests.size() > 9 * one.requests.size());
  CHECK(scenario_from_json(scenario_to_json(ten)).is_ok());
}
