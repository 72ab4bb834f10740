// scenario.h — the in-memory form of a peer-challenge programme and its plan.
//
// These are plain data mirroring the scenario and plan documents of
// docs/scenario-format.md: all of `peerslot-scenario/1` and
// `peerslot-plan/1` and, of version 2, a request's `declined` peers; see
// scenario_json.h for reading and writing them. Ids are strings as in the
// documents. A Scenario that scenario_from_json() returned keeps the
// invariants below:
//   - ids are unique within councils, peers and requests;
//   - every request's council, every pinned peer and every declined peer
//     exists;
//   - days is 1..5, team counts are >= 0, dates are real dates, ranges have
//     start <= end;
//   - the lookup maps (council_index, peer_index, request_index) match the
//     vectors; call Scenario::reindex() after editing the vectors by hand.
// A peer's home `council` and its `conflicts` may name councils that are
// not in the scenario (councils not in membership are simply absent).
//
// Thread-safety: plain values; safe to share read-only.
#pragma once

#include "engine/calendar.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace peerslot {

enum class Role { kMember = 0, kChiefExecutive = 1, kOfficer = 2, kExpert = 3 };
constexpr int kRoleCount = 4;
constexpr std::array<const char*, kRoleCount> kRoleNames = {"member", "chief_executive", "officer",
                                                            "expert"};
inline const char* role_name(Role r) { return kRoleNames[static_cast<int>(r)]; }
std::optional<Role> role_from_name(const std::string& name);

constexpr const char* kNoOverallControl = "NOC";

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Weights {
  std::int64_t unscheduled = 1000000;
  std::int64_t preference = 100;
  std::int64_t travel_km = 1;
  std::int64_t load = 10;
};

struct Council {
  std::string id;
  std::string name;
  std::string type;
  std::string region;
  std::string control;  // a party name or "NOC"
  std::optional<GeoPoint> location;
  std::vector<Date> elections;  // polling days
  std::vector<DateRange> blackouts;

  bool controlled_by_party() const { return control != kNoOverallControl; }
};

struct Peer {
  std::string id;
  std::string name;
  Role role = Role::kOfficer;
  std::string party;    // members only
  std::string council;  // home council; empty for outside experts
  std::string region;
  std::optional<GeoPoint> location;
  std::vector<std::string> skills;
  std::vector<DateRange> available;
  std::optional<int> max_days_per_year;  // nullopt: no cap
  std::vector<std::string> conflicts;
};

struct Pin {
  Date week;
  std::vector<std::string> peers;
};

using TeamShape = std::array<int, kRoleCount>;  // seats per Role

struct Request {
  std::string id;
  std::string council;
  std::string kind;  // corporate | subject | support
  int days = 1;
  std::optional<Date> earliest;
  std::optional<Date> latest;
  std::vector<DateRange> preferred;
  std::vector<std::string> focus;
  TeamShape team{};
  int priority = 1;
  std::optional<Pin> pinned;
  std::vector<std::string> declined;  // peers who declined it: never on its team (H7)

  int team_size() const { return team[0] + team[1] + team[2] + team[3]; }
};

struct Scenario {
  DateRange window;
  std::vector<Date> bank_holidays;
  int pre_election_days = 42;
  std::optional<int> max_challenges_per_week;  // nullopt: unlimited
  bool exclude_same_region = false;
  Weights weights;
  std::vector<Council> councils;
  std::vector<Peer> peers;
  std::vector<Request> requests;

  std::unordered_map<std::string, int> council_index;
  std::unordered_map<std::string, int> peer_index;
  std::unordered_map<std::string, int> request_index;

  void reindex();
  const Council* find_council(const std::string& id) const;
  const Peer* find_peer(const std::string& id) const;
  const Request* find_request(const std::string& id) const;
};

struct Assignment {
  std::string request;
  Date week;
  std::vector<std::string> peers;
};

struct Unscheduled {
  std::string request;
  std::vector<std::string> reasons;
};

struct Cost {
  std::int64_t total = 0;
  std::int64_t unscheduled = 0;
  std::int64_t preference = 0;
  std::int64_t travel = 0;
  std::int64_t load = 0;
  bool operator==(const Cost&) const = default;
};

struct Plan {
  std::vector<Assignment> assignments;
  std::vector<Unscheduled> unscheduled;
  Cost cost;
};

}  // namespace peerslot
