// Design: an unscheduled request is examined week by week. A week of the
// request's range is either unusable for calendar reasons (H2/H3: too few
// working days, window, earliest/latest, blackout, pre-election period), or
// gets a key naming the first thing that stops a team there, asked in this
// order so that a reason never blames the plan for what no plan could
// change:
//   1. whatever the plan ("never:..."): no week the followed request could
//      have is the allowed gap before it (H13); some requirement has fewer
//      peers who could ever take part than seats (Problem::could_take:
//      role, H5 party in control that week, H6 focus, with H7, H8 and the
//      request's own days against H10); or not even an empty plan has a
//      team meeting them all at once;
//   2. as the plan stands: the week is full (H11); the followed request is
//      not scheduled or not the allowed gap before (H13), or a follow-up
//      would be out of its gap; a requirement has fewer free peers than
//      seats (H4, H5, H6 with H9/H10); or no single team meets them all.
// Weeks are grouped by key and each group becomes one reason, the
// whatever-the-plan ones first, then the largest. For a requirement, the
// "nearest" peer is the one that meets it, is eligible (H7: own council,
// conflicts, region, declines, civil servants), and is blocked in the
// fewest of the failing weeks (ties: fewest km); the reason names what
// blocks it (H8, H9 or H10) and when. When every peer meeting it is
// excluded by H7, the reason names a few of them and why (e.g. "P0044
// declined this challenge (H7)").
#include "engine/internal/explainer.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

namespace peerslot {

namespace {

namespace greg = boost::gregorian;

std::string role_words(Role role) {
  std::string name = role_name(role);
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

std::string range_text(Date a, Date b) { return to_iso(a) + ".." + to_iso(b); }

void add_unique(std::vector<std::string>& items, std::string item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(std::move(item));
}

// Calendar reasons (H2/H3) why week w is unusable for r; empty if usable.
std::vector<std::string> calendar_problems(const Problem& problem, int r, int w) {
  std::vector<std::string> items;
  const Scenario& s = problem.scenario();
  const Request& request = s.requests[r];
  const Council& council = s.councils[problem.request(r).council];
  const OnSite& site = problem.on_site(w, request.days);
  if (!site.usable) {
    std::vector<std::string> holidays;
    for (int i = 0; i < 5; ++i)
      if (problem.calendar().is_bank_holiday(problem.monday(w) + greg::days(i)))
        holidays.push_back(to_iso(problem.monday(w) + greg::days(i)));
    std::string text = "the week of " + to_iso(problem.monday(w)) + " has fewer than " + std::to_string(request.days) + " working days";
    if (!holidays.empty()) text += " (bank holiday " + holidays.front() + (holidays.size() > 1 ? " and more)" : ")");
    items.push_back(text);
    return items;
  }
  if (site.first < s.window.start || site.last > s.window.end) items.push_back("window " + range_text(s.window.start, s.window.end));
  if (request.earliest && site.first < *request.earliest) items.push_back("earliest " + to_iso(*request.earliest));
  if (request.latest && site.last > *request.latest) items.push_back("latest " + to_iso(*request.latest));
  for (Date d = site.first; d <= site.last; d += greg::days(1)) {
    if (!problem.calendar().is_working_day(d)) continue;
    for (const DateRange& b : council.blackouts)
      if (b.contains(d)) add_unique(items, "blackout " + range_text(b.start, b.end));
    if (s.pre_election_days <= 0) continue;
    for (Date poll : council.elections) {
      DateRange period = pre_election_period(poll, s.pre_election_days);
      if (period.contains(d)) add_unique(items, "pre-election period " + range_text(period.start, period.end));
    }
  }
  return items;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

// One requirement of the team in one week: which peers meet it, how many
// seats.
struct Requirement {
  std::string key;    // groups weeks
  std::string what;   // "Labour member peer", "officer peer", "peer with skill \"finance\""
  std::string rule;   // "H4", "H5", "H6"
  int needed = 1;
  std::function<bool(int)> meets;  // static property of a peer
};

std::vector<Requirement> requirements_of(const Problem& problem, int r, int w) {
  const ProblemRequest& request = problem.request(r);
  std::vector<Requirement> list;
  for (int role = 0; role < kRoleCount; ++role) {
    if (request.team[role] == 0) continue;
    Role rl = static_cast<Role>(role);
    list.push_back({"role:" + std::to_string(role), role_words(rl) + " peer", "H4", request.team[role],
                    [&problem, rl](int p) { return problem.peer(p).role == rl; }});
  }
  if (int party = problem.party(r, w); party != kNoIndex) {
    list.push_back({"party:" + std::to_string(party), problem.party_name(party) + " member peer", "H5", 1, [&problem, party](int p) {
                      return problem.peer(p).role == Role::kMember && problem.peer(p).party == party;
                    }});
  }
  for (int skill : request.focus) {
    list.push_back({"focus:" + std::to_string(skill), "peer with the skill \"" + problem.skill_name(skill) + "\"", "H6", 1,
                    [&problem, &request, skill](int p) {
                      return request.team[static_cast<int>(problem.peer(p).role)] > 0 && problem.has_skill(p, skill);
                    }});
  }
  return list;
}

const Requirement* find_requirement(const std::vector<Requirement>& reqs, const std::string& key) {
  for (const Requirement& req : reqs)
    if (req.key == key) return &req;
  return nullptr;
}

// Peers meeting the requirement who can join r in w as the plan stands...
int free_count(const ScheduleState& state, const Requirement& req, int r, int w) {
  int count = 0;
  for (int p = 0; p < state.problem().peer_count() && count < req.needed; ++p)
    if (req.meets(p) && state.can_take(p, r, w)) ++count;
  return count;
}

// ...and who could in some plan (Problem::could_take).
int possible_count(const Problem& problem, const Requirement& req, int r, int w) {
  int count = 0;
  for (int p = 0; p < problem.peer_count() && count < req.needed; ++p)
    if (req.meets(p) && problem.could_take(p, r, w)) ++count;
  return count;
}

std::string weeks_text(const Problem& problem, const std::vector<int>& weeks) {
  return range_text(problem.monday(weeks.front()), problem.monday(weeks.back()));
}

std::string gap_text(const ProblemRequest& request) {
  return std::to_string(request.min_weeks) + " to " + std::to_string(request.max_weeks) + " weeks";
}

// "nearest: P0412 (cap of 12 days in FY2012 reached, H10)", or why no peer
// meets the requirement at all.
std::string nearest(const ScheduleState& state, const Requirement& req, int r, const std::vector<int>& weeks) {
  const Problem& problem = state.problem();
  int best = kNoIndex, best_blocked = 0, any = 0;
  std::vector<std::string> excluded;
  for (int p = 0; p < problem.peer_count(); ++p) {
    if (!req.meets(p)) continue;
    ++any;
    if (!problem.eligible(p, r)) {
      if (excluded.size() < 3) excluded.push_back(problem.scenario().peers[p].id + " " + explain_peer(state, p, r, weeks.front()));
      continue;
    }
    int blocked = 0;
    for (int w : weeks) blocked += state.can_take(p, r, w) ? 0 : 1;
    if (best == kNoIndex || blocked < best_blocked ||
        (blocked == best_blocked && problem.km(p, problem.request(r).council) < problem.km(best, problem.request(r).council))) {
      best = p;
      best_blocked = blocked;
    }
  }
  if (any == 0) return "the scenario has no " + req.what;
  if (best == kNoIndex) return "every " + req.what + " is excluded (H7): " + join(excluded, "; ");
  // Name what blocks it most often over these weeks.
  std::map<ScheduleState::Block, int> kinds;
  for (int w : weeks) ++kinds[state.block(best, r, w)];
  kinds.erase(ScheduleState::Block::kOk);
  if (kinds.empty()) return "nearest: " + problem.scenario().peers[best].id;
  auto most = std::max_element(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (int w : weeks)
    if (state.block(best, r, w) == most->first)
      return "nearest: " + problem.scenario().peers[best].id + " (" + explain_peer(state, best, r, w) + ")";
  return "nearest: " + problem.scenario().peers[best].id;
}

constexpr const char* kNever = "never:";

bool is_never(const std::string& key) { return key.rfind(kNever, 0) == 0; }

// Why request r cannot go in a week, as a key that groups weeks: first what
// no plan could change ("never:..."), then what the plan blocks. Holds an
// empty plan, made on first use, for the question "is a team possible at
// all in this week?".
class WeekJudge {
 public:
  WeekJudge(const ScheduleState& state, TeamMatcher& matcher, int r) : state_(state), matcher_(matcher), r_(r) {}

  std::string key(int w) {
    const Problem& problem = state_.problem();
    std::vector<Requirement> reqs = requirements_of(problem, r_, w);
    if (!problem.follow_possible(r_, w)) return std::string(kNever) + "follows";
    for (const Requirement& req : reqs)
      if (possible_count(problem, req, r_, w) < req.needed) return kNever + req.key;
    std::string blocked = blocking_key(reqs, w);
    if (blocked == "combination" && !matcher_.best_team(empty(), r_, w, problem.request(r_).pinned_peers))
      return std::string(kNever) + "combination";
    return blocked;
  }

  // The plan with nothing in it.
  const ScheduleState& empty() {
    if (!empty_) empty_ = std::make_unique<ScheduleState>(state_.problem());
    return *empty_;
  }

 private:
  std::string blocking_key(const std::vector<Requirement>& reqs, int w) {
    if (state_.week_full(w)) return "capacity";
    if (!state_.follows_ok(r_, w)) return "follows";
    if (!state_.followers_ok(r_, w)) return "followers";
    for (const Requirement& req : reqs)
      if (free_count(state_, req, r_, w) < req.needed) return req.key;
    return matcher_.best_team(state_, r_, w, state_.problem().request(r_).pinned_peers) ? "" : "combination";
  }

  const ScheduleState& state_;
  TeamMatcher& matcher_;
  int r_;
  std::unique_ptr<ScheduleState> empty_;
};

// H13 as the plan stands, in words: why r cannot follow, or be followed, in w.
std::string follows_text(const ScheduleState& state, int r, int w) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  const ProblemRequest& request = problem.request(r);
  if (request.follows != kNoIndex && !state.follows_ok(r, w)) {
    int leader = request.follows;
    if (!state.scheduled(leader)) return "it follows " + s.requests[leader].id + ", which is not scheduled (H13)";
    return "it must be " + gap_text(request) + " after " + s.requests[leader].id + ", in the week of " +
           to_iso(problem.monday(state.week(leader))) + " (H13)";
  }
  for (int f : request.followers) {
    const ProblemRequest& follower = problem.request(f);
    int fixed = state.scheduled(f) ? state.week(f) : follower.pinned_week;
    if (fixed == kNoIndex || problem.follow_gap_ok(f, w, fixed)) continue;
    return "its follow-up " + s.requests[f].id + " is in the week of " + to_iso(problem.monday(fixed)) + ", which must be " +
           gap_text(follower) + " after it (H13)";
  }
  return "";
}

std::string group_reason(WeekJudge& judge, const ScheduleState& state, int r, const std::string& key,
                         const std::vector<int>& weeks, int usable) {
  const Problem& problem = state.problem();
  std::string scope = static_cast<int>(weeks.size()) == usable
                          ? "in any of the " + std::to_string(usable) + " usable weeks (" + weeks_text(problem, weeks) + ")"
                          : "in " + std::to_string(weeks.size()) + " of the " + std::to_string(usable) + " usable weeks (" +
                                weeks_text(problem, weeks) + ")";
  const Scenario& s = problem.scenario();
  const ProblemRequest& request = problem.request(r);
  if (key == "capacity")
    return "every challenge slot is taken " + scope + ": capacity " + std::to_string(*s.max_challenges_per_week) +
           " challenges per week (H11)";
  if (key == "follows" || key == "followers") return follows_text(state, r, weeks.front()) + ", " + scope;
  if (key == "combination")
    return "no single team meets every requirement at once " + scope +
           " (the peers who could meet the party and focus requirements are busy or capped together, H5/H6)";
  if (key == std::string(kNever) + "follows")
    return "no week " + scope + " is " + gap_text(request) + " after a week " + s.requests[request.follows].id +
           " could have, whatever the rest of the plan (H13)";
  if (key == std::string(kNever) + "combination")
    return "no team meets every requirement at once " + scope +
           ", whatever the rest of the plan: the peers who meet the party and focus requirements cannot fill the seats together (H4/H5/H6)";
  std::string requirement = is_never(key) ? key.substr(std::string(kNever).size()) : key;
  std::vector<Requirement> reqs = requirements_of(problem, r, weeks.front());
  const Requirement* req = find_requirement(reqs, requirement);
  if (!req) return "no team " + scope;
  std::string subject = req->needed > 1 ? "fewer than " + std::to_string(req->needed) + " " + req->what + "s are" : "no " + req->what + " is";
  if (is_never(key))
    return subject + " eligible and available " + scope + ", whatever the rest of the plan (" + req->rule + "); " +
           nearest(judge.empty(), *req, r, weeks);
  return subject + " free " + scope + " (" + req->rule + "); " + nearest(state, *req, r, weeks);
}

std::vector<std::string> explain_no_usable_week(const Problem& problem, int r) {
  const Scenario& s = problem.scenario();
  const Request& request = s.requests[r];
  Date from = std::max(s.window.start, request.earliest.value_or(s.window.start));
  Date to = std::min(s.window.end, request.latest.value_or(s.window.end));
  if (from > to)
    return {"earliest..latest " + to_iso(request.earliest.value_or(from)) + ".." + to_iso(request.latest.value_or(to)) +
            " does not overlap the window " + range_text(s.window.start, s.window.end) + " (H2)"};
  std::vector<std::string> items;
  for (int w = std::max(0, problem.week_of(from)); w != kNoIndex && w < problem.week_count() && problem.monday(w) <= to; ++w)
    for (std::string& item : calendar_problems(problem, r, w)) add_unique(items, std::move(item));
  return {"no usable week between " + to_iso(from) + " and " + to_iso(to) + " for " + std::to_string(request.days) +
          " on-site days (H2/H3): " + join(items, ", ")};
}

std::vector<std::string> explain_pin(const ScheduleState& state, TeamMatcher& matcher, int r) {
  const Problem& problem = state.problem();
  const Request& request = problem.scenario().requests[r];
  std::string head = "pinned to the week of " + to_iso(request.pinned->week) + " but the pin cannot be kept (H12): ";
  int w = problem.request(r).pinned_week;
  if (w == kNoIndex) return {head + "the week is outside the window"};
  std::vector<std::string> dates = calendar_problems(problem, r, w);
  if (!dates.empty()) return {head + "the week is not usable: " + join(dates, ", ")};
  for (int p : problem.request(r).pinned_peers) {
    std::string why = explain_peer(state, p, r, w);
    if (!why.empty()) return {head + "pinned peer " + problem.scenario().peers[p].id + " " + why};
  }
  return {head + explain_week(state, matcher, r, w)};
}

}  // namespace

std::string explain_peer(const ScheduleState& state, int p, int r, int w) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  const Peer& peer = s.peers[p];
  const Council& council = s.councils[problem.request(r).council];
  switch (state.block(p, r, w)) {
    case ScheduleState::Block::kOk:
      return "";
    case ScheduleState::Block::kIneligible:
      if (problem.request(r).team[static_cast<int>(peer.role)] == 0) return "the team has no " + role_words(peer.role) + " seat (H4)";
      if (peer.council == council.id) return "would challenge its own council " + council.id + " (H7)";
      if (s.exclude_same_region && peer.region == council.region) return "is from the council's own region " + council.region + " (H7)";
      if (problem.peer(p).civil_servant && !problem.request(r).civil_servants)
        return "is a civil servant and the council has not asked for civil servants (H7)";
      return "has a declared conflict with " + council.id + " (H7)";
    case ScheduleState::Block::kDeclined:
      return "declined this challenge (H7)";
    case ScheduleState::Block::kUnavailable: {
      for (Date d : problem.calendar().on_site_days(problem.monday(w), problem.request(r).days)) {
        bool free = std::any_of(peer.available.begin(), peer.available.end(), [&](const DateRange& a) { return a.contains(d); });
        if (!free) return "not available on " + to_iso(d) + " (H8)";
      }
      return "not available in the week of " + to_iso(problem.monday(w)) + " (H8)";
    }
    case ScheduleState::Block::kBusy:
      return "already on " + s.requests[state.busy(p, w)].id + " in the week of " + to_iso(problem.monday(w)) + " (H9)";
    case ScheduleState::Block::kCap: {
      const OnSite& site = problem.on_site(w, problem.request(r).days);
      int fy = problem.first_year() + site.fy[0];
      for (int i = 0; i < 2; ++i)
        if (site.count[i] > 0 && state.year_days(p, site.fy[i]) + site.count[i] > problem.peer(p).cap)
          fy = problem.first_year() + site.fy[i];
      return "cap of " + std::to_string(problem.peer(p).cap) + " days in FY" + std::to_string(fy) + " reached (" +
             std::to_string(state.year_days(p, fy - problem.first_year())) + " booked, H10)";
    }
  }
  return "";
}

std::string explain_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w) {
  const Problem& problem = state.problem();
  const ProblemRequest& request = problem.request(r);
  std::vector<std::string> dates = calendar_problems(problem, r, w);
  if (!dates.empty()) return "unusable (H2/H3): " + join(dates, ", ");
  if (request.pinned && w != request.pinned_week)
    return "the request is pinned to the week of " + to_iso(problem.scenario().requests[r].pinned->week) + " (H12)";
  WeekJudge judge(state, matcher, r);
  std::string key = judge.key(w);
  if (key.empty()) return "";
  if (key == "capacity")
    return "full: " + std::to_string(state.week_load(w)) + " challenges, capacity " +
           std::to_string(*problem.scenario().max_challenges_per_week) + " (H11)";
  if (key == "follows" || key == "followers") return follows_text(state, r, w);
  if (key == "combination") return "no single team meets every requirement at once (H5/H6 with H9/H10)";
  if (key == std::string(kNever) + "follows")
    return "not " + gap_text(request) + " after any week " + problem.scenario().requests[request.follows].id + " could have (H13)";
  if (key == std::string(kNever) + "combination")
    return "no team meets every requirement at once in this week, whatever the rest of the plan (H4/H5/H6)";
  std::vector<Requirement> reqs = requirements_of(problem, r, w);
  std::string requirement = is_never(key) ? key.substr(std::string(kNever).size()) : key;
  const Requirement* req = find_requirement(reqs, requirement);
  if (!req) return "no team";
  std::string count = "fewer than " + std::to_string(req->needed) + " " + req->what + (req->needed > 1 ? "s" : "");
  if (is_never(key))
    return count + " eligible and available, whatever the rest of the plan (" + req->rule + "); " + nearest(judge.empty(), *req, r, {w});
  return count + " free (" + req->rule + "); " + nearest(state, *req, r, {w});
}

std::vector<std::string> explain_unscheduled(const ScheduleState& state, TeamMatcher& matcher, int r) {
  const Problem& problem = state.problem();
  const ProblemRequest& request = problem.request(r);
  if (request.pinned) return explain_pin(state, matcher, r);
  if (request.weeks.empty()) return explain_no_usable_week(problem, r);
  WeekJudge judge(state, matcher, r);
  std::map<std::string, std::vector<int>> groups;
  std::vector<int> open;
  for (int w : request.weeks) {
    std::string key = judge.key(w);
    if (key.empty()) open.push_back(w);
    else groups[key].push_back(w);
  }
  // What no plan could change first, then the largest groups.
  std::vector<std::pair<std::string, std::vector<int>>> ordered(groups.begin(), groups.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    if (is_never(a.first) != is_never(b.first)) return is_never(a.first);
    return a.second.size() > b.second.size();
  });
  std::vector<std::string> reasons;
  int usable = static_cast<int>(request.weeks.size());
  for (const auto& [key, weeks] : ordered) reasons.push_back(group_reason(judge, state, r, key, weeks, usable));
  if (!open.empty())
    reasons.push_back("a team is possible in " + std::to_string(open.size()) + " week(s) from " + to_iso(problem.monday(open.front())) +
                      " but the search stopped before placing it; solve again or book it with `peerslot options`");
  return reasons;
}

}  // namespace peerslot
