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
// fewest of the failing weeks (ties: fewest km); the reason's detail names
// them and what blocks them (H8, H9 or H10) and when. When every peer
// meeting it is excluded by H7, the detail names a few of them and why.
//
// Words: a reason's text is said for the council (no peer is named in it);
// its detail, for the programme office, names peers by name and home
// council. Every date, role and kind of challenge comes from words.h.
#include "engine/internal/explainer.h"

#include "engine/words.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>

namespace peerslot {

namespace {

namespace greg = boost::gregorian;

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

void add_unique(std::vector<Reason>& items, Reason item) {
  auto same = [&](const Reason& r) { return r.text == item.text; };
  if (std::none_of(items.begin(), items.end(), same)) items.push_back(std::move(item));
}

std::string peer_words(const Scenario& s, int p) {
  const Peer& peer = s.peers[p];
  std::string name = peer.name.empty() ? peer.id : peer.name;
  const Council* home = peer.council.empty() ? nullptr : s.find_council(peer.council);
  return home ? name + " (" + (home->name.empty() ? home->id : home->name) + ")" : name;
}

std::string council_words(const Council& council) { return council.name.empty() ? council.id : council.name; }

// "the corporate peer challenge".
std::string request_words(const Request& request) { return "the " + kind_words(request.kind); }

// The calendar reasons (H2/H3) why week w is unusable for r, in the order a
// council would look at them; empty if usable.
std::vector<Reason> calendar_problems(const Problem& problem, int r, int w) {
  std::vector<Reason> items;
  const Scenario& s = problem.scenario();
  const Request& request = s.requests[r];
  const Council& council = s.councils[problem.request(r).council];
  const OnSite& site = problem.on_site(w, request.days);
  Date monday = problem.monday(w);
  if (!site.usable) {
    std::string short_week = "this week has fewer than " + std::to_string(request.days) + " working days";
    for (int i = 0; i < 5; ++i)
      if (Date d = monday + greg::days(i); problem.calendar().is_bank_holiday(d))
        return {{"bank_holiday", "H2", "Bank holiday on " + day_words(d) + ": " + short_week, ""}};
    return {{"too_few_working_days", "H2", capitalised(short_week), ""}};
  }
  if (site.first < s.window.start || site.last > s.window.end)
    items.push_back({"outside_programme", "H2", "Outside the programme's dates, " + range_words(s.window.start, s.window.end), ""});
  if (request.earliest && site.first < *request.earliest)
    items.push_back({"before_earliest", "H2", "Before the earliest date for this challenge, " + date_words(*request.earliest), ""});
  if (request.latest && site.last > *request.latest)
    items.push_back({"after_latest", "H2", "After the latest date for this challenge, " + date_words(*request.latest), ""});
  for (Date d = site.first; d <= site.last; d += greg::days(1)) {
    if (!problem.calendar().is_working_day(d)) continue;
    for (const DateRange& b : council.blackouts)
      if (b.contains(d))
        add_unique(items, {"blackout", "H3", "The council cannot host a challenge from " + range_words(b.start, b.end), ""});
    if (s.pre_election_days <= 0) continue;
    for (Date poll : council.elections)
      if (pre_election_period(poll, s.pre_election_days).contains(d))
        add_unique(items, {"pre_election", "H3", "Pre-election period before the poll on " + date_words(poll), ""});
  }
  return items;
}

// One requirement of the team in one week: which peers meet it, how many
// seats.
struct Requirement {
  std::string key;    // groups weeks
  std::string what;   // "Labour councillor peer", "officer peer", "peer with finance skills"
  std::string kind;   // "role", "party", "focus": for the reason's code
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
    list.push_back({"role:" + std::to_string(role), role_words(rl), "role", "H4", request.team[role],
                    [&problem, rl](int p) { return problem.peer(p).role == rl; }});
  }
  if (int party = problem.party(r, w); party != kNoIndex) {
    list.push_back({"party:" + std::to_string(party), problem.party_name(party) + " councillor peer", "party", "H5", 1,
                    [&problem, party](int p) {
                      return problem.peer(p).role == Role::kMember && problem.peer(p).party == party;
                    }});
  }
  for (int skill : request.focus) {
    list.push_back({"focus:" + std::to_string(skill), "peer with " + problem.skill_name(skill) + " skills", "focus", "H6", 1,
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

std::string gap_text(const ProblemRequest& request) {
  return std::to_string(request.min_weeks) + " to " + std::to_string(request.max_weeks) + " weeks";
}

// For the office: the nearest peer meeting the requirement and what stops
// them, or why no peer meets it at all.
std::string nearest(const ScheduleState& state, const Requirement& req, int r, const std::vector<int>& weeks) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  int best = kNoIndex, best_blocked = 0, any = 0;
  std::vector<std::string> excluded;
  for (int p = 0; p < problem.peer_count(); ++p) {
    if (!req.meets(p)) continue;
    ++any;
    if (!problem.eligible(p, r)) {
      if (excluded.size() < 3) excluded.push_back(peer_words(s, p) + " " + explain_peer(state, p, r, weeks.front()).text);
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
  if (any == 0) return "the programme has no " + req.what;
  if (best == kNoIndex) return "every " + req.what + " is ruled out: " + join(excluded, "; ");
  // Name what blocks them most often over these weeks.
  std::map<ScheduleState::Block, int> kinds;
  for (int w : weeks) ++kinds[state.block(best, r, w)];
  kinds.erase(ScheduleState::Block::kOk);
  std::string who = "the nearest is " + peer_words(s, best);
  if (kinds.empty()) return who;
  auto most = std::max_element(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (int w : weeks)
    if (state.block(best, r, w) == most->first) return who + ", who " + explain_peer(state, best, r, w).text;
  return who;
}

constexpr const char* kNever = "never:";
constexpr const char* kThisWeek = "this week";

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

// H13 as the plan stands: why r cannot follow, or be followed, in w; the
// text starts in lower case, for the caller to put after its scope.
Reason follows_reason(const ScheduleState& state, int r, int w) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  const ProblemRequest& request = problem.request(r);
  if (request.follows != kNoIndex && !state.follows_ok(r, w)) {
    int leader = request.follows;
    std::string first = request_words(s.requests[leader]);
    if (!state.scheduled(leader)) return {"follows_not_booked", "H13", first + " that this follows is not booked yet", ""};
    return {"follows_gap", "H13",
            "it must be " + gap_text(request) + " after " + first + ", booked for " + week_words(problem.monday(state.week(leader))),
            ""};
  }
  for (int f : request.followers) {
    const ProblemRequest& follower = problem.request(f);
    int fixed = state.scheduled(f) ? state.week(f) : follower.pinned_week;
    if (fixed == kNoIndex || problem.follow_gap_ok(f, w, fixed)) continue;
    return {"follow_up_gap", "H13",
            request_words(s.requests[f]) + " that follows this is in " + week_words(problem.monday(fixed)) + ", which must be " +
                gap_text(follower) + " after it",
            ""};
  }
  return {};
}

// The reason for a group of weeks with the same key; `scope` is "this
// week" or "in any of the 9 usable weeks (...)". `judge` gives the empty
// plan for what no plan could change.
Reason key_reason(WeekJudge& judge, const ScheduleState& state, int r, const std::string& key, const std::vector<int>& weeks,
                  const std::string& scope) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  const ProblemRequest& request = problem.request(r);
  if (key == "capacity")
    return {"week_full", "H11", "Every challenge place is taken " + scope,
            "the programme takes at most " + std::to_string(*s.max_challenges_per_week) + " challenges a week"};
  if (key == "follows" || key == "followers") {
    Reason why = follows_reason(state, r, weeks.front());
    why.text = scope == kThisWeek ? capitalised(why.text) : capitalised(scope) + ": " + why.text;
    return why;
  }
  if (key == "combination")
    return {"no_team", "H5", "No single team of the peers free " + scope + " meets every need at once",
            "the peers who could meet the party and focus needs are busy or have used their days together"};
  if (key == std::string(kNever) + "follows")
  {
    std::string gap = gap_text(request) + " after any week " + request_words(s.requests[request.follows]) + " could have";
    return {"follows_never", "H13", scope == kThisWeek ? "This week is not " + gap : "No week " + scope + " is " + gap, ""};
  }
  if (key == std::string(kNever) + "combination")
    return {"no_team_possible", "H5", "No team can meet every need at once " + scope + ", whatever else is booked",
            "the peers who meet the party and focus needs cannot fill the places together"};
  std::string requirement = is_never(key) ? key.substr(std::string(kNever).size()) : key;
  std::vector<Requirement> reqs = requirements_of(problem, r, weeks.front());
  const Requirement* req = find_requirement(reqs, requirement);
  if (!req) return {"no_team", "", "No team can be found " + scope, ""};
  std::string subject = req->needed > 1 ? "Fewer than " + std::to_string(req->needed) + " " + req->what + "s are" : "No " + req->what + " is";
  if (is_never(key))
    return {"no_available_" + req->kind + "_peer", req->rule, subject + " available " + scope + ", whatever else is booked",
            nearest(judge.empty(), *req, r, weeks)};
  return {"no_free_" + req->kind + "_peer", req->rule, subject + " free " + scope, nearest(state, *req, r, weeks)};
}

std::string group_scope(const Problem& problem, const std::vector<int>& weeks, int usable) {
  std::string span = range_words(problem.monday(weeks.front()), problem.monday(weeks.back()));
  if (static_cast<int>(weeks.size()) == usable)
    return usable == 1 ? "in the one usable week (" + span + ")"
                       : "in any of the " + std::to_string(usable) + " usable weeks (" + span + ")";
  return "in " + std::to_string(weeks.size()) + " of the " + std::to_string(usable) + " usable weeks (" + span + ")";
}

std::vector<Reason> explain_no_usable_week(const Problem& problem, int r) {
  const Scenario& s = problem.scenario();
  const Request& request = s.requests[r];
  Date from = std::max(s.window.start, request.earliest.value_or(s.window.start));
  Date to = std::min(s.window.end, request.latest.value_or(s.window.end));
  if (from > to)
    return {{"outside_programme", "H2",
             "The dates asked for, " + range_words(request.earliest.value_or(from), request.latest.value_or(to)) +
                 ", are outside the programme's dates, " + range_words(s.window.start, s.window.end),
             ""}};
  std::vector<Reason> items;
  for (int w = std::max(0, problem.week_of(from)); w != kNoIndex && w < problem.week_count() && problem.monday(w) <= to; ++w)
    for (Reason& item : calendar_problems(problem, r, w)) add_unique(items, std::move(item));
  std::vector<std::string> texts;
  for (const Reason& item : items) texts.push_back(item.text);
  std::string rule = std::any_of(items.begin(), items.end(), [](const Reason& i) { return i.rule == "H3"; }) ? "H3" : "H2";
  return {{"no_usable_week", rule,
           "No week between " + date_words(from) + " and " + date_words(to) + " can take " + std::to_string(request.days) +
               " days on site",
           join(texts, "; ")}};
}

std::vector<Reason> explain_pin(const ScheduleState& state, TeamMatcher& matcher, int r) {
  const Problem& problem = state.problem();
  const Request& request = problem.scenario().requests[r];
  std::string head = "This challenge is fixed to " + week_words(request.pinned->week) + ", and that cannot be kept";
  int w = problem.request(r).pinned_week;
  if (w == kNoIndex) return {{"pin_cannot_be_kept", "H12", head, "the week is outside the programme's dates"}};
  std::vector<Reason> dates = calendar_problems(problem, r, w);
  if (!dates.empty()) return {{"pin_cannot_be_kept", "H12", head, dates.front().text}};
  for (int p : problem.request(r).pinned_peers) {
    Reason why = explain_peer(state, p, r, w);
    if (!why.code.empty())
      return {{"pin_cannot_be_kept", "H12", head, peer_words(problem.scenario(), p) + ", fixed to its team, " + why.text}};
  }
  return {{"pin_cannot_be_kept", "H12", head, explain_week(state, matcher, r, w).sentence()}};
}

Reason cap_reason(const ScheduleState& state, int p, int r, int w) {
  const Problem& problem = state.problem();
  const OnSite& site = problem.on_site(w, problem.request(r).days);
  int year = site.fy[0];
  for (int i = 0; i < 2; ++i)
    if (site.count[i] > 0 && state.year_days(p, site.fy[i]) + site.count[i] > problem.peer(p).cap) year = site.fy[i];
  return {"day_cap", "H10",
          "would pass the " + std::to_string(problem.peer(p).cap) + (problem.peer(p).cap == 1 ? " day" : " days") + " a year they give in " +
              year_words(problem.first_year() + year) + " (" + std::to_string(state.year_days(p, year)) + " already booked)",
          ""};
}

}  // namespace

Reason explain_peer(const ScheduleState& state, int p, int r, int w) {
  const Problem& problem = state.problem();
  const Scenario& s = problem.scenario();
  const Peer& peer = s.peers[p];
  const Council& council = s.councils[problem.request(r).council];
  switch (state.block(p, r, w)) {
    case ScheduleState::Block::kOk:
      return {};
    case ScheduleState::Block::kIneligible:
      if (problem.request(r).team[static_cast<int>(peer.role)] == 0)
        return {"no_place_for_role", "H4", "is a " + role_words(peer.role) + ", and the team has no place for one", ""};
      if (peer.council == council.id) return {"own_council", "H7", "is from " + council_words(council) + " itself", ""};
      if (s.exclude_same_region && peer.region == council.region)
        return {"same_region", "H7", "is from the council's own region, " + council.region, ""};
      if (problem.peer(p).civil_servant && !problem.request(r).civil_servants)
        return {"civil_servant", "H7", "is a civil servant, and the council has not asked for civil servants", ""};
      return {"conflict", "H7", "has declared a conflict of interest with " + council_words(council), ""};
    case ScheduleState::Block::kDeclined:
      return {"declined", "H7", "has declined this challenge", ""};
    case ScheduleState::Block::kUnavailable: {
      for (Date d : problem.calendar().on_site_days(problem.monday(w), problem.request(r).days)) {
        bool free = std::any_of(peer.available.begin(), peer.available.end(), [&](const DateRange& a) { return a.contains(d); });
        if (!free) return {"not_offered", "H8", "has not offered " + day_words(d), ""};
      }
      return {"not_offered", "H8", "has not offered " + week_words(problem.monday(w)), ""};
    }
    case ScheduleState::Block::kBusy: {
      const Request& other = s.requests[state.busy(p, w)];
      const Council* at = s.find_council(other.council);
      return {"busy", "H9", "is already on a challenge at " + (at ? council_words(*at) : other.council) + " that week", ""};
    }
    case ScheduleState::Block::kCap:
      return cap_reason(state, p, r, w);
  }
  return {};
}

Reason explain_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w) {
  const Problem& problem = state.problem();
  const ProblemRequest& request = problem.request(r);
  std::vector<Reason> dates = calendar_problems(problem, r, w);
  if (!dates.empty()) {
    Reason first = dates.front();
    for (std::size_t i = 1; i < dates.size(); ++i) first.detail += (i > 1 ? "; " : "") + dates[i].text;
    return first;
  }
  if (request.pinned && w != request.pinned_week)
    return {"pinned_elsewhere", "H12", "This challenge is fixed to " + week_words(problem.scenario().requests[r].pinned->week), ""};
  WeekJudge judge(state, matcher, r);
  std::string key = judge.key(w);
  if (key.empty()) return {};
  return key_reason(judge, state, r, key, {w}, kThisWeek);
}

std::vector<Reason> explain_unscheduled(const ScheduleState& state, TeamMatcher& matcher, int r) {
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
  std::vector<Reason> reasons;
  int usable = static_cast<int>(request.weeks.size());
  for (const auto& [key, weeks] : ordered)
    reasons.push_back(key_reason(judge, state, r, key, weeks, group_scope(problem, weeks, usable)));
  if (!open.empty())
    reasons.push_back({"bookable", "",
                       "It can be booked: a team is possible in " + std::to_string(open.size()) +
                           (open.size() == 1 ? " week" : " weeks") + " from " + week_words(problem.monday(open.front())),
                       "not placed yet: book one of those weeks, or solve again"});
  return reasons;
}

}  // namespace peerslot
