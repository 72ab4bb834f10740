// test_scenarios.h — small scenarios built in code for the scheduler tests:
// a builder for hand-made cases whose optimum is known by hand, and a
// seeded random generator of small but non-trivial programmes.
#pragma once

#include "engine/scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace peerslot::test {

Date day(const std::string& iso);

class ScenarioBuilder {
 public:
  // Window start..end; no bank holidays unless added.
  ScenarioBuilder(const std::string& start, const std::string& end);

  Council& council(const std::string& id, const std::string& control, double lat, double lon,
                   const std::string& region = "North West");
  // A peer available over the whole window, with no cap.
  Peer& peer(const std::string& id, Role role, const std::string& home, double lat, double lon,
             const std::string& party = "", std::vector<std::string> skills = {});
  // A request over the whole window with the given team.
  Request& request(const std::string& id, const std::string& council, int days, TeamShape team);
  Scenario& scenario() { return s_; }
  Scenario build();

 private:
  Scenario s_;
};

struct RandomShape {
  int councils = 6;
  int peers = 40;
  int requests = 10;
  int months = 4;
  int capacity = 2;  // max challenges per week, 0 for unlimited
  int pins = 1;
};

// A random programme starting 2012-04-02: parties, focus areas, blackouts,
// an election, caps, availability gaps and some pins (each pin is a usable
// week with one eligible peer, though not necessarily a completable team).
Scenario random_scenario(std::uint64_t seed, const RandomShape& shape = {});

}  // namespace peerslot::test
