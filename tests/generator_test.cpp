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
  CHECK(kinds == std::set<std::string>{"corporate", "subject", "support"});
  std::set<int> roles;
  for (const Peer& p : s.peers) roles.insert(static_cast<int>(p.role));
  CHECK(roles.size() == 4);
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
