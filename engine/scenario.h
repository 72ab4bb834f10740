// scenario.h — the in-memory form of a peer-challenge programme and its plan.
//
// These are plain data mirroring the scenario and plan documents of
// docs/scenario-format.md, version 2 (a version 1 document is the version 2
// document that uses none of its additions); see scenario_json.h for reading
// and writing them. Ids are strings as in the documents. A Scenario that
// scenario_from_json() returned keeps the invariants below:
//   - ids are unique within councils, peers and requests;
//   - every request's council, every pinned peer and every declined peer
//     exists; a request's `follows` names another request of the same
//     council, and no chain of follows comes back to where it started;
//   - days is 1..5, team counts are >= 0, dates are real dates, ranges have
//     start <= end; a council's control_changes are in strictly increasing
//     date order;
//   - the lookup maps (council_index, peer_index, request_index) match the
//     vectors; call Scenario::reindex() after editing the vectors by hand.
// A peer's home `council` and its `conflicts` may name councils that are
// not in the scenario (councils not in membership are simply absent).
//
// Thread-safety: plain values; safe to share read-only.
#pragma once

#include "engine/calendar.h"
#include "engine/reason.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace peerslot {

enum class Role { kMember = 0, kChiefExecutive = 1, kOfficer = 2, kExpert = 3, kManager = 4 };
constexpr int kRoleCount = 5;
// Version 1 of the contract has the first four roles only.
constexpr int kRoleCountV1 = 4;
constexpr std::array<const char*, kRoleCount> kRoleNames = {"member", "chief_executive", "officer",
                                                            "expert", "manager"};
inline const char* role_name(Role r) { return kRoleNames[static_cast<int>(r)]; }
std::optional<Role> role_from_name(const std::string& name);

constexpr const char* kNoOverallControl = "NOC";
inline bool is_party(const std::string& control) { return control != kNoOverallControl; }
// The expert sector whose peers sit only on requests with civil_servants (H7).
constexpr const char* kCivilServiceSector = "civil_service";
constexpr std::array<const char*, 4> kSectorNames = {"business", "voluntary", "public", kCivilServiceSector};
constexpr std::array<const char*, 4> kRequestKinds = {"corporate", "subject", "support", "review"};

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Weights {
  std::int64_t unscheduled = 1000000;
  std::int64_t preference = 100;
  std::int64_t travel_km = 1;
  std::int64_t load = 10;
  std::int64_t continuity = 300;
};

// A change of political control, in force from `date` on.
struct ControlChange {
  Date date;
  std::string control;  // a party name or "NOC"
};

struct Council {
  std::string id;
  std::string name;
  std::string type;
  std::string region;
  std::string control;  // a party name or "NOC": the control at the window's start
  std::vector<ControlChange> control_changes;  // strictly increasing dates
  std::optional<GeoPoint> location;
  std::vector<Date> elections;  // polling days
  std::vector<DateRange> blackouts;

  // The control in force on `day`: the last change on or before it, else
  // `control`.
  const std::string& control_on(Date day) const;
  // The control at the window's start is a party.
  bool controlled_by_party() const { return is_party(control); }
};

struct Peer {
  std::string id;
  std::string name;
  Role role = Role::kOfficer;
  std::string party;    // members only
  std::string sector;   // experts only, optional: one of kSectorNames
  std::string council;  // home council; empty for outside experts and managers
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

// A follow-up's link to the request it follows (H13).
struct Follows {
  std::string request;
  int min_weeks = 1;
  int max_weeks = 1;
};

struct Request {
  std::string id;
  std::string council;
  std::string kind;  // one of kRequestKinds
  int days = 1;
  std::optional<Date> earliest;
  std::optional<Date> latest;
  std::vector<DateRange> preferred;
  std::vector<std::string> focus;
  TeamShape team{};
  int priority = 1;
  std::optional<Pin> pinned;
  std::vector<std::string> declined;  // peers who declined it: never on its team (H7)
  bool civil_servants = false;        // civil-service experts may sit on it (H7)
  std::optional<Follows> follows;     // H13 and the continuity cost

  int team_size() const;
};

// The informational finance block: read and written, never used by a rule
// or a cost term.
struct Finance {
  std::string currency = "GBP";
  std::array<std::int64_t, kRoleCount> day_rate{};  // per on-site day, by Role
  std::int64_t mileage_pence_per_km = 0;
  std::int64_t subject_fee_per_day = 0;
  struct Budget {
    int year = 0;  // financial year
    std::int64_t amount = 0;
  };
  std::vector<Budget> budgets;
};

struct Scenario {
  DateRange window;
  std::vector<Date> bank_holidays;
  int pre_election_days = 42;
  std::optional<int> max_challenges_per_week;  // nullopt: unlimited
  bool exclude_same_region = false;
  Weights weights;
  std::optional<Finance> finance;
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
  std::vector<Reason> reasons;  // the document holds each as Reason::with_rule()
};

struct Cost {
  std::int64_t total = 0;
  std::int64_t unscheduled = 0;
  std::int64_t preference = 0;
  std::int64_t travel = 0;
  std::int64_t load = 0;
  std::int64_t continuity = 0;
  bool operator==(const Cost&) const = default;
};

struct Plan {
  std::vector<Assignment> assignments;
  std::vector<Unscheduled> unscheduled;
  Cost cost;
};

}  // namespace peerslot
