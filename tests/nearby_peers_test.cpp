// Distances without a peer x council table (NearbyPeers) and the team
// matcher's scan in km order: km on demand equals the checker's for every
// pair, the lists are the nearest eligible peers, and the matcher returns
// exactly the team of the scan of every peer, as the construction evolves.
#include "engine/cost_model.h"
#include "engine/internal/nearby_peers.h"
#include "engine/internal/team_matcher.h"
#include "engine/problem.h"
#include "tools/generator.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace peerslot;

namespace {

Scenario national(int scale = 1, std::uint64_t seed = 1) {
  auto data = load_reference_data(default_data_dir());
  REQUIRE(data.is_ok());
  return generate_scenario(data.value(), {scale, seed});
}

// Some peers and one council lose their location (km 0 to everyone).
Scenario with_unlocated(Scenario s) {
  for (std::size_t p = 0; p < s.peers.size(); p += 37) s.peers[p].location.reset();
  s.councils[5].location.reset();
  return s;
}

// Runs a construction: each request in turn, every usable week asked of
// both matchers (the answers must be equal), placed in the cheapest of its
// first three feasible weeks. Returns how many (request, week) were asked.
int compare_matchers(const Problem& problem) {
  ScheduleState state(problem);
  TeamMatcher fast(problem);
  TeamMatcher exhaustive(problem, true);
  int asked = 0;
  for (int r = 0; r < problem.request_count(); ++r) {
    const ProblemRequest& request = problem.request(r);
    std::optional<std::pair<int, Team>> best;
    int feasible = 0;
    for (int w : request.weeks) {
      if (state.week_full(w)) continue;
      std::optional<Team> a = fast.best_team(state, r, w, request.pinned_peers);
      std::optional<Team> b = exhaustive.best_team(state, r, w, request.pinned_peers);
      ++asked;
      INFO("request " << problem.scenario().requests[r].id << " week " << w);
      REQUIRE(a.has_value() == b.has_value());
      if (!a) continue;
      CHECK(a->peers == b->peers);
      CHECK(a->cost == b->cost);
      if (!best || a->cost < best->second.cost) best = {{w, *a}};
      if (++feasible == 3) break;
    }
    if (best) state.assign(r, best->first, best->second.peers);
  }
  return asked;
}

}  // namespace

TEST_CASE("km on demand equals the checker's travel_km for every pair", "[nearby]") {
  Scenario s = with_unlocated(national());
  Problem problem(s);
  for (int c = 0; c < problem.council_count(); ++c)
    for (int p = 0; p < problem.peer_count(); ++p) {
      if (problem.km(p, c) == travel_km(s.peers[p], s.councils[c])) continue;
      FAIL("peer " << s.peers[p].id << " council " << s.councils[c].id << ": " << problem.km(p, c) << " km, checker "
                   << travel_km(s.peers[p], s.councils[c]));
    }
}

TEST_CASE("the lists are the nearest eligible peers of each group, in km order", "[nearby]") {
  Scenario s = with_unlocated(national());
  s.exclude_same_region = true;
  Problem problem(s);
  for (int length : {8, 128}) {
    NearbyPeers nearby(problem, length);
    int lists = 0, complete = 0, truncated = 0;
    for (int c = 0; c < problem.council_count(); ++c) {
      std::vector<int> requests;
      for (int r = 0; r < problem.request_count(); ++r)
        if (problem.request(r).council == c) requests.push_back(r);
      std::vector<int> groups;
      for (int role = 0; role < kRoleCount; ++role) groups.push_back(NearbyPeers::role_group(static_cast<Role>(role)));
      for (int r : requests)
        if (nearby.party_group(problem.request(r).party) != NearbyPeers::kNoGroup)
          groups.push_back(nearby.party_group(problem.request(r).party));
      for (int group : groups) {
        if (!nearby.has_list(c, group)) continue;
        ++lists;
        std::vector<std::pair<std::int64_t, int>> expected;
        for (int p : nearby.members(group))
          if (std::any_of(requests.begin(), requests.end(), [&](int r) { return problem.eligible(p, r); }))
            expected.push_back({problem.km(p, c), p});
        std::sort(expected.begin(), expected.end());
        std::span<const NearbyPeers::Entry> list = nearby.nearest(c, group);
        INFO("council " << s.councils[c].id << " group " << group << " length " << length);
        REQUIRE(list.size() == std::min<std::size_t>(expected.size(), length));
        for (std::size_t i = 0; i < list.size(); ++i) {
          CHECK(list[i].peer == expected[i].second);
          CHECK(list[i].km == expected[i].first);
        }
        if (nearby.complete(c, group)) {
          ++complete;
          CHECK(list.size() == expected.size());
        } else {
          ++truncated;
          CHECK(list.size() == static_cast<std::size_t>(length));
        }
        // The grid's bound never exceeds the true distance.
        for (int p : nearby.members(group)) CHECK(nearby.min_km(p, c) <= problem.km(p, c));
      }
    }
    CHECK(lists > 0);
    CHECK(truncated > 0);
    if (length == 128) CHECK(complete > 0);  // the party lists of rare parties
  }
}

TEST_CASE("the matcher's scan in km order returns the team of the scan of every peer", "[nearby]") {
  SECTION("national") {
    Scenario s = national();
    Problem problem(s);
    CHECK(compare_matchers(problem) > 1000);
  }
  SECTION("travel alone, load alone, no weight at all (every cost ties: peer index decides)") {
    for (auto [travel, load] : {std::pair{1, 0}, std::pair{0, 10}, std::pair{0, 0}}) {
      Scenario s = national(1, 3);
      s.weights.travel_km = travel;
      s.weights.load = load;
      Problem problem(s);
      INFO("travel " << travel << " load " << load);
      CHECK(compare_matchers(problem) > 1000);
    }
  }
  SECTION("a continuity weight far above travel (a follow-up's old team saves more than any distance)") {
    Scenario s = national(1, 4);
    s.weights.continuity = 50000;
    Problem problem(s);
    CHECK(compare_matchers(problem) > 1000);
  }
  SECTION("twice national, some peers and a council without a location, own region excluded") {
    Scenario s = with_unlocated(national(2, 5));
    s.exclude_same_region = true;
    Problem problem(s);
    CHECK(compare_matchers(problem) > 1000);
  }
}
