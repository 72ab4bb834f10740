// Design: one pass per assignment checks the rules that concern a single
// assignment (H2..H8, H12 partly), then whole-plan passes check the rules
// that couple assignments: H1 (repeats), H9 (a peer twice in a week), H10
// (financial-year caps), H11 (weekly capacity), H12 (pins honoured) and
// H13 (follow-ups after the request they follow).
// Each check appends Violations; nothing short-circuits, so every broken rule
// is named.
#include "engine/checker.h"

#include "engine/cost_model.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

namespace peerslot {

namespace {

namespace greg = boost::gregorian;

class Checker {
 public:
  Checker(const Scenario& s, const Plan& p) : s_(s), plan_(p), calendar_(s.bank_holidays) {}

  std::vector<Violation> run() {
    check_listing();
    for (const Assignment& a : plan_.assignments) check_assignment(a);
    check_peer_weeks();
    check_year_caps();
    check_capacity();
    check_pins();
    check_follows();
    return std::move(out_);
  }

 private:
  void add(const std::string& rule, const std::string& request, const std::string& peer, std::string detail) {
    out_.push_back({rule, request, peer, std::move(detail)});
  }

  // H1 and the "every request exactly once" shape rule.
  void check_listing() {
    std::map<std::string, int> assigned;
    std::set<std::string> unscheduled;
    for (const Assignment& a : plan_.assignments) ++assigned[a.request];
    for (const auto& [id, n] : assigned)
      if (n > 1) add("H1", id, "", "assigned " + std::to_string(n) + " times");
    for (const Unscheduled& u : plan_.unscheduled) {
      if (!unscheduled.insert(u.request).second) add("PLAN", u.request, "", "listed twice as unscheduled");
      if (assigned.count(u.request)) add("PLAN", u.request, "", "both assigned and unscheduled");
    }
    for (const Request& r : s_.requests)
      if (!assigned.count(r.id) && !unscheduled.count(r.id)) add("PLAN", r.id, "", "neither assigned nor unscheduled");
  }

  void check_assignment(const Assignment& a) {
    if (!s_.find_request(a.request)) return add("PLAN", a.request, "", "unknown request");
    const Request& r = *s_.find_request(a.request);
    const Council& c = *s_.find_council(r.council);
    std::vector<Date> days = calendar_.on_site_days(a.week, r.days);
    check_week(a, r, days);
    check_council_dates(r, c, days);
    std::vector<const Peer*> team = team_of(a);
    check_team_shape(r, team);
    check_party(r, c.control_on(days.empty() ? a.week : days.front()), team);
    check_focus(r, team);
    for (const Peer* p : team) {
      check_peer_conflicts(r, c, *p);
      check_peer_available(r, *p, days);
    }
  }

  // The assignment's known peers; each unknown id is reported as PLAN.
  std::vector<const Peer*> team_of(const Assignment& a) {
    std::vector<const Peer*> team;
    for (const std::string& id : a.peers) {
      if (const Peer* p = s_.find_peer(id)) team.push_back(p);
      else add("PLAN", a.request, id, "unknown peer");
    }
    return team;
  }

  // H2: a Monday, enough working days, on-site days inside window and earliest..latest.
  void check_week(const Assignment& a, const Request& r, const std::vector<Date>& days) {
    if (!is_monday(a.week)) add("H2", r.id, "", "week " + to_iso(a.week) + " is not a Monday");
    if (static_cast<int>(days.size()) < r.days)
      add("H2", r.id, "", "week " + to_iso(a.week) + " has " + std::to_string(calendar_.working_days_in_week(a.week)) +
                              " working days, needs " + std::to_string(r.days));
    for (Date d : days) {
      if (!s_.window.contains(d)) add("H2", r.id, "", "on-site day " + to_iso(d) + " is outside the window");
      if (r.earliest && d < *r.earliest) add("H2", r.id, "", "on-site day " + to_iso(d) + " is before earliest " + to_iso(*r.earliest));
      if (r.latest && d > *r.latest) add("H2", r.id, "", "on-site day " + to_iso(d) + " is after latest " + to_iso(*r.latest));
    }
  }

  // H3: blackouts and pre-election periods of the council.
  void check_council_dates(const Request& r, const Council& c, const std::vector<Date>& days) {
    for (Date d : days) {
      for (const DateRange& b : c.blackouts)
        if (b.contains(d)) add("H3", r.id, "", "on-site day " + to_iso(d) + " is in blackout " + to_iso(b.start) + ".." + to_iso(b.end));
      for (Date poll : c.elections) {
        DateRange period = pre_election_period(poll, s_.pre_election_days);
        if (s_.pre_election_days > 0 && period.contains(d))
          add("H3", r.id, "", "on-site day " + to_iso(d) + " is in the pre-election period " + to_iso(period.start) + ".." +
                                  to_iso(period.end));
      }
    }
  }

  // H4: exactly team[role] peers of each role, each peer once.
  void check_team_shape(const Request& r, const std::vector<const Peer*>& team) {
    TeamShape counts{};
    std::set<std::string> seen;
    for (const Peer* p : team) {
      ++counts[static_cast<int>(p->role)];
      if (!seen.insert(p->id).second) add("H4", r.id, p->id, "is in the team more than once");
    }
    for (int i = 0; i < kRoleCount; ++i) {
      if (counts[i] != r.team[i])
        add("H4", r.id, "", "team has " + std::to_string(counts[i]) + " " + kRoleNames[i] + " peers, needs " +
                                std::to_string(r.team[i]));
    }
  }

  // H5: when a party is in control on the first on-site day and the team
  // has a member, a member of that party.
  void check_party(const Request& r, const std::string& control, const std::vector<const Peer*>& team) {
    if (!is_party(control)) return;
    bool has_member = false, matched = false;
    for (const Peer* p : team) {
      if (p->role != Role::kMember) continue;
      has_member = true;
      matched = matched || p->party == control;
    }
    if (has_member && !matched) add("H5", r.id, "", "no member peer of the controlling party " + control);
  }

  // H6: every focus area is a skill of some team peer.
  void check_focus(const Request& r, const std::vector<const Peer*>& team) {
    for (const std::string& focus : r.focus) {
      bool covered = std::any_of(team.begin(), team.end(), [&](const Peer* p) {
        return std::find(p->skills.begin(), p->skills.end(), focus) != p->skills.end();
      });
      if (!covered) add("H6", r.id, "", "focus \"" + focus + "\" is not a skill of any team peer");
    }
  }

  // H7: no own council, no declared conflict, optionally no same region, no
  // peer who declined the request, civil servants only where consented.
  void check_peer_conflicts(const Request& r, const Council& c, const Peer& p) {
    if (p.council == c.id) add("H7", r.id, p.id, "would challenge its own council " + c.id);
    if (std::find(p.conflicts.begin(), p.conflicts.end(), c.id) != p.conflicts.end())
      add("H7", r.id, p.id, "has a declared conflict with " + c.id);
    if (s_.exclude_same_region && p.region == c.region)
      add("H7", r.id, p.id, "is from the council's own region " + c.region);
    if (std::find(r.declined.begin(), r.declined.end(), p.id) != r.declined.end())
      add("H7", r.id, p.id, "declined this challenge");
    if (p.role == Role::kExpert && p.sector == kCivilServiceSector && !r.civil_servants)
      add("H7", r.id, p.id, "is a civil servant and the council has not asked for civil servants");
  }

  // H8: every on-site day inside one of the peer's available ranges.
  void check_peer_available(const Request& r, const Peer& p, const std::vector<Date>& days) {
    for (Date d : days) {
      bool free = std::any_of(p.available.begin(), p.available.end(), [&](const DateRange& a) { return a.contains(d); });
      if (!free) add("H8", r.id, p.id, "not available on " + to_iso(d));
    }
  }

  // H9: at most one challenge per peer per week.
  void check_peer_weeks() {
    std::unordered_map<std::string, std::map<Date, std::string>> first;  // peer -> week -> request
    for (const Assignment& a : plan_.assignments) {
      for (auto peer_it = a.peers.begin(); peer_it != a.peers.end(); ++peer_it) {
        const std::string& peer = *peer_it;
        if (std::find(a.peers.begin(), peer_it, peer) != peer_it) continue;  // a repeat is H4's
        auto [it, fresh] = first[peer].emplace(monday_of(a.week), a.request);
        if (!fresh)
          add("H9", a.request, peer, "already in " + it->second + " in the week of " + to_iso(monday_of(a.week)));
      }
    }
  }

  // H10: on-site days per financial year within the peer's cap.
  void check_year_caps() {
    struct YearLoad {
      int days = 0;
      std::string last_request;
    };
    std::unordered_map<std::string, std::map<int, YearLoad>> load;  // peer -> financial year -> days
    for (const Assignment& a : plan_.assignments) {
      if (!s_.find_request(a.request)) continue;
      const Request& r = *s_.find_request(a.request);
      for (const auto& [year, n] : days_per_financial_year(calendar_.on_site_days(a.week, r.days))) {
        for (const std::string& peer : a.peers) {
          YearLoad& y = load[peer][year];
          y.days += n;
          y.last_request = r.id;
        }
      }
    }
    std::vector<std::string> peers;
    for (const auto& entry : load) peers.push_back(entry.first);
    std::sort(peers.begin(), peers.end());  // violations in (peer, year) order
    for (const std::string& id : peers) {
      const Peer* p = s_.find_peer(id);
      if (!p || !p->max_days_per_year) continue;
      for (const auto& [year, y] : load[id])
        if (y.days > *p->max_days_per_year)
          add("H10", y.last_request, p->id, std::to_string(y.days) + " on-site days in FY" + std::to_string(year) +
                                                " exceed the cap of " + std::to_string(*p->max_days_per_year));
    }
  }

  // H11: weekly capacity.
  void check_capacity() {
    if (!s_.max_challenges_per_week) return;
    std::map<Date, std::vector<std::string>> weeks;
    for (const Assignment& a : plan_.assignments) weeks[monday_of(a.week)].push_back(a.request);
    for (const auto& [week, requests] : weeks) {
      if (static_cast<int>(requests.size()) > *s_.max_challenges_per_week)
        add("H11", requests.back(), "", "week " + to_iso(week) + " has " + std::to_string(requests.size()) +
                                            " challenges, capacity " + std::to_string(*s_.max_challenges_per_week));
    }
  }

  // H12: pinned requests are in their pinned week with every pinned peer.
  void check_pins() {
    for (const Request& r : s_.requests) {
      if (!r.pinned) continue;
      auto it = std::find_if(plan_.assignments.begin(), plan_.assignments.end(),
                             [&](const Assignment& a) { return a.request == r.id; });
      if (it == plan_.assignments.end()) {
        add("H12", r.id, "", "pinned to " + to_iso(r.pinned->week) + " but not assigned");
        continue;
      }
      if (it->week != r.pinned->week)
        add("H12", r.id, "", "pinned to " + to_iso(r.pinned->week) + " but assigned to " + to_iso(it->week));
      for (const std::string& peer : r.pinned->peers)
        if (std::find(it->peers.begin(), it->peers.end(), peer) == it->peers.end())
          add("H12", r.id, peer, "is pinned to the team but not in it");
    }
  }

  // H13: a follow-up is assigned only after the request it follows, between
  // min_weeks and max_weeks weeks later.
  void check_follows() {
    std::map<std::string, Date> week;  // first assignment of each request
    for (const Assignment& a : plan_.assignments) week.emplace(a.request, a.week);
    for (const auto& [id, follow_up_week] : week) {
      const Request* r = s_.find_request(id);
      if (!r || !r->follows) continue;
      const Follows& f = *r->follows;
      auto followed = week.find(f.request);
      if (followed == week.end()) {
        add("H13", id, "", "follows " + f.request + ", which is not assigned");
        continue;
      }
      long days = (follow_up_week - followed->second).days();
      if (days < 7L * f.min_weeks || days > 7L * f.max_weeks)
        add("H13", id, "", "week " + to_iso(follow_up_week) + " is " + weeks_text(std::labs(days)) + (days < 0 ? " before " : " after ") +
                               f.request + "'s week " +
                               to_iso(followed->second) + ", allowed " + std::to_string(f.min_weeks) + ".." +
                               std::to_string(f.max_weeks));
    }
  }

  static std::string weeks_text(long days) {
    std::string text = std::to_string(days / 7) + " weeks";
    return days % 7 == 0 ? text : text + " and " + std::to_string(days % 7) + " days";
  }

  const Scenario& s_;
  const Plan& plan_;
  Calendar calendar_;
  std::vector<Violation> out_;
};

}  // namespace

std::string Violation::line() const {
  std::string text = rule + " " + request;
  if (!peer.empty()) text += " " + peer;
  return text + " " + detail;
}

std::vector<Violation> find_violations(const Scenario& scenario, const Plan& plan) { return Checker(scenario, plan).run(); }

CheckReport check_plan(const Scenario& scenario, const Plan& plan) {
  CheckReport report;
  report.violations = find_violations(scenario, plan);
  report.recomputed = compute_cost(scenario, Calendar(scenario.bank_holidays), plan);
  report.cost_matches = report.recomputed == plan.cost;
  return report;
}

}  // namespace peerslot
