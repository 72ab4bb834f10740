// problem.h — the scenario compiled once into an index-based model that the
// solver, the explainer, booking options and repair all work on.
//
// Everything the rules H2, H3, H5, H7 and H8 decide without looking at a
// plan is settled here, once: the window's week Mondays; per request the
// usable weeks (Monday with >= days working days, on-site days inside the
// window and earliest..latest, none in a blackout or pre-election period)
// with their preference cost, its declined peers, the party its member seat
// must match in each week (the control in force on the first on-site day),
// and its place in the follows links (H13); per (week, days) the on-site days
// split by financial year; per (peer, week) a bitmask of the `days` values
// for which the peer is available on every on-site day; integer ids for
// councils, regions, parties and focus skills; and the peer-to-council
// distances (NearbyPeers, engine/internal/nearby_peers.h): km(p, c) computed
// on demand (travel_km of cost_model.h, so rounding is identical to the
// checker's) and, per council, lists of the nearest eligible peers of each
// role. There is no peer x council table.
//
// Guarantees: the constructor builds every table and nothing changes them
// afterwards; the Problem keeps a pointer to the scenario (scenario()), so
// the scenario must outlive it and stay unchanged while it lives; indices
// are dense (0..n-1) and follow the scenario's vector order; memory is
// O(peers x weeks + councils x 128) bytes, about 20 MB at ten times national
// scale.
// Thread-safety: const after construction; share freely between threads.
#pragma once

#include "engine/calendar.h"
#include "engine/scenario.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace peerslot {

constexpr int kNoIndex = -1;

class NearbyPeers;

// The on-site days of a request of some `days` in one week, split over at
// most two financial years (a week can straddle 31 March).
struct OnSite {
  bool usable = false;    // the week has enough working days
  Date first;             // first on-site day
  Date last;              // last on-site day
  int fy[2] = {0, 0};     // financial-year indices (into Problem's years)
  int count[2] = {0, 0};  // on-site days in each; count[1] is 0 when one year
};

struct ProblemPeer {
  Role role = Role::kOfficer;
  int council = kNoIndex;  // home council, kNoIndex if not in the scenario
  int region = kNoIndex;
  int party = kNoIndex;
  int cap = -1;                // max on-site days per FY, -1 for no cap
  bool civil_servant = false;  // an expert of the civil_service sector (H7)
  std::vector<int> conflicts;  // council indices
};

struct ProblemRequest {
  int council = 0;
  int days = 1;
  int priority = 1;
  TeamShape team{};
  int team_size = 0;
  // H5: the party a member seat must match, or none; when the council's
  // control changes during the window, party_by_week holds it per week
  // index (use Problem::party()).
  int party = kNoIndex;
  std::vector<int> party_by_week;
  std::vector<int> focus;         // focus skill ids (H6)
  std::vector<int> weeks;         // usable week indices, ascending (H2, H3)
  std::vector<std::int64_t> preference;  // weight x weeks_off, parallel to weeks
  int pinned_week = kNoIndex;     // week index of the pin (even if unusable)
  bool pinned = false;
  std::vector<int> pinned_peers;  // peer indices
  std::vector<int> declined;      // peer indices, ascending (H7)
  bool civil_servants = false;    // civil-service experts may sit on it (H7)
  // H13: the request this one follows (kNoIndex if none) and the weeks
  // allowed between them; the requests that follow this one.
  int follows = kNoIndex;
  int min_weeks = 0;
  int max_weeks = 0;
  std::vector<int> followers;
};

class Problem {
 public:
  explicit Problem(const Scenario& scenario);

  const Scenario& scenario() const { return *scenario_; }
  const Calendar& calendar() const { return calendar_; }

  int week_count() const { return week_count_; }
  int year_count() const { return year_count_; }
  int peer_count() const { return static_cast<int>(peers_.size()); }
  int request_count() const { return static_cast<int>(requests_.size()); }
  int council_count() const { return static_cast<int>(scenario_->councils.size()); }

  Date monday(int week) const;
  // Week index of a Monday, kNoIndex if outside the window's weeks.
  int week_of(Date monday) const;
  int first_year() const { return first_year_; }  // FY of year index 0
  const OnSite& on_site(int week, int days) const { return on_site_[week * 5 + days - 1]; }

  const ProblemPeer& peer(int p) const { return peers_[p]; }
  const ProblemRequest& request(int r) const { return requests_[r]; }
  const std::vector<int>& peers_with_role(Role role) const { return by_role_[static_cast<int>(role)]; }

  // H8: the peer is available on every on-site day of (week, days).
  bool available(int p, int week, int days) const {
    return (availability_[static_cast<std::size_t>(week) * peers_.size() + p] >> (days - 1)) & 1;
  }
  // H7 and role: the peer may sit on this request's team at all.
  bool eligible(int p, int r) const;
  // The peer could sit on r in week w in some plan: eligible (H7, role),
  // available (H8), and r's on-site days alone within its yearly cap (H10).
  bool could_take(int p, int r, int w) const;
  // H7: the peer is in the request's `declined`.
  bool declined(int p, int r) const;
  // H5: the party a member seat of r in week w must match, or kNoIndex.
  int party(int r, int w) const {
    const ProblemRequest& request = requests_[r];
    return request.party_by_week.empty() ? request.party : request.party_by_week[w];
  }
  // The H5/H6 requirements of r's team in week w, as bits: bit 0 the party
  // in control (when a member seat must match one), then one per focus area.
  int requirement_count(int r, int w) const;
  // The requirement bits peer p meets for r in week w.
  unsigned requirements_met(int p, int r, int w) const;
  // H13: follow-up f may be in week wf when the request it follows is in
  // week wl.
  bool follow_gap_ok(int f, int wl, int wf) const {
    int gap = wf - wl;
    return gap >= requests_[f].min_weeks && gap <= requests_[f].max_weeks;
  }
  // H13 whatever the plan: r in week w is the allowed gap after some week
  // the request it follows could have (its usable weeks, or its pinned week
  // if pinned); true when r follows none.
  bool follow_possible(int r, int w) const;
  bool has_skill(int p, int skill) const {
    return (skills_[static_cast<std::size_t>(p) * skill_words_ + skill / 64] >> (skill % 64)) & 1;
  }
  // travel_km(peer, council), computed on demand: O(1), no table.
  std::int64_t km(int p, int council) const;
  // Nearest eligible peers per council and role (engine/internal/nearby_peers.h).
  const NearbyPeers& nearby() const { return *nearby_; }
  // Position of `week` in request r's usable weeks, kNoIndex if unusable.
  int usable_position(int r, int week) const;
  std::int64_t preference_cost(int r, int week) const;

  const std::string& party_name(int party) const { return parties_[party]; }
  const std::string& skill_name(int skill) const { return skills_names_[skill]; }
  int peer_index(const std::string& id) const;
  int request_index(const std::string& id) const;

 private:
  void build_weeks();
  void build_peers();
  void build_requests();
  std::vector<unsigned> needed_days() const;
  void build_availability();
  void build_km();
  void build_parties(ProblemRequest& r, const Request& source, const Council& council);
  void link_follows();
  int intern(std::vector<std::string>& names, const std::string& name);
  int find_name(const std::vector<std::string>& names, const std::string& name) const;
  bool week_usable(const Request& request, const Council& council, const OnSite& on_site) const;

  const Scenario* scenario_;
  Calendar calendar_;
  Date first_monday_;
  int week_count_ = 0;
  int first_year_ = 0;
  int year_count_ = 0;
  std::vector<OnSite> on_site_;  // week x 5
  std::vector<ProblemPeer> peers_;
  std::vector<ProblemRequest> requests_;
  std::vector<int> by_role_[kRoleCount];
  std::vector<std::string> regions_;
  std::vector<std::string> parties_;
  std::vector<std::string> skills_names_;
  std::vector<int> council_region_;
  int skill_words_ = 1;
  std::vector<std::uint64_t> skills_;       // peer x skill_words_
  // Week-major, so the matcher's scan over peers for one week reads memory
  // in order.
  std::vector<std::uint8_t> availability_;  // week x peer, bit d-1 per days
  std::shared_ptr<const NearbyPeers> nearby_;  // km on demand, nearest-peer lists
};

}  // namespace peerslot
