// Design: the constructor runs a handful of build passes, each filling one
// flat table. Names (regions, parties, focus skills) become small integers so
// that the hot loops of the team matcher compare ints and test bits instead
// of strings. Only skills that some request asks for get an id: a peer's
// other skills can never matter to a rule or the cost.
//
// Tables are flat vectors indexed [peer * width + column] to keep the ×10
// scenario (12,000 peers, 160 weeks, 3,760 councils) small: one byte of
// availability per (peer, week). Distances are not tabled (a peer x council
// table grows with the square of the scale): km() computes one on demand and
// NearbyPeers keeps, per council, the nearest eligible peers of each role.
#include "engine/problem.h"

#include "engine/cost_model.h"
#include "engine/internal/nearby_peers.h"

#include <algorithm>

namespace peerslot {

namespace greg = boost::gregorian;

Problem::Problem(const Scenario& scenario) : scenario_(&scenario), calendar_(scenario.bank_holidays) {
  build_weeks();
  build_peers();
  build_requests();
  link_follows();
  build_availability();
  build_km();
}

Date Problem::monday(int week) const { return first_monday_ + greg::days(7 * week); }

int Problem::week_of(Date day) const {
  long offset = (monday_of(day) - first_monday_).days();
  if (offset < 0 || offset / 7 >= week_count_) return kNoIndex;
  return static_cast<int>(offset / 7);
}

void Problem::build_weeks() {
  first_monday_ = monday_of(scenario_->window.start);
  week_count_ = static_cast<int>((monday_of(scenario_->window.end) - first_monday_).days() / 7 + 1);
  first_year_ = financial_year(first_monday_);
  year_count_ = financial_year(monday(week_count_ - 1) + greg::days(4)) - first_year_ + 1;
  on_site_.resize(static_cast<std::size_t>(week_count_) * 5);
  for (int w = 0; w < week_count_; ++w) {
    for (int days = 1; days <= 5; ++days) {
      std::vector<Date> dates = calendar_.on_site_days(monday(w), days);
      OnSite& site = on_site_[w * 5 + days - 1];
      site.usable = static_cast<int>(dates.size()) == days;
      if (!site.usable) continue;
      site.first = dates.front();
      site.last = dates.back();
      site.fy[0] = site.fy[1] = financial_year(dates.front()) - first_year_;
      for (Date d : dates) {
        int slot = financial_year(d) - first_year_ == site.fy[0] ? 0 : 1;
        site.fy[slot] = financial_year(d) - first_year_;
        ++site.count[slot];
      }
    }
  }
}

int Problem::intern(std::vector<std::string>& names, const std::string& name) {
  int found = find_name(names, name);
  if (found != kNoIndex) return found;
  names.push_back(name);
  return static_cast<int>(names.size()) - 1;
}

int Problem::find_name(const std::vector<std::string>& names, const std::string& name) const {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? kNoIndex : static_cast<int>(it - names.begin());
}

void Problem::build_peers() {
  for (const Council& c : scenario_->councils) council_region_.push_back(intern(regions_, c.region));
  for (const Request& r : scenario_->requests)
    for (const std::string& f : r.focus) intern(skills_names_, f);
  skill_words_ = std::max<int>(1, (static_cast<int>(skills_names_.size()) + 63) / 64);
  skills_.assign(scenario_->peers.size() * skill_words_, 0);
  for (const Peer& source : scenario_->peers) {
    ProblemPeer p;
    p.role = source.role;
    auto home = scenario_->council_index.find(source.council);
    p.council = home == scenario_->council_index.end() ? kNoIndex : home->second;
    p.region = intern(regions_, source.region);
    if (source.role == Role::kMember && !source.party.empty()) p.party = intern(parties_, source.party);
    p.cap = source.max_days_per_year ? *source.max_days_per_year : -1;
    p.civil_servant = source.role == Role::kExpert && source.sector == kCivilServiceSector;
    for (const std::string& id : source.conflicts) {
      auto it = scenario_->council_index.find(id);
      if (it != scenario_->council_index.end()) p.conflicts.push_back(it->second);
    }
    int index = static_cast<int>(peers_.size());
    for (const std::string& s : source.skills) {
      int skill = find_name(skills_names_, s);
      if (skill != kNoIndex) skills_[static_cast<std::size_t>(index) * skill_words_ + skill / 64] |= 1ULL << (skill % 64);
    }
    by_role_[static_cast<int>(p.role)].push_back(index);
    peers_.push_back(std::move(p));
  }
}

bool Problem::week_usable(const Request& request, const Council& council, const OnSite& site) const {
  if (!site.usable) return false;
  const DateRange& window = scenario_->window;
  if (site.first < window.start || site.last > window.end) return false;
  if (request.earliest && site.first < *request.earliest) return false;
  if (request.latest && site.last > *request.latest) return false;
  // Blackouts and pre-election periods are whole ranges, on-site days are
  // consecutive working days: test each on-site day to be exact.
  for (Date d = site.first; d <= site.last; d += greg::days(1)) {
    if (!calendar_.is_working_day(d)) continue;
    for (const DateRange& b : council.blackouts)
      if (b.contains(d)) return false;
    if (scenario_->pre_election_days <= 0) continue;
    for (Date poll : council.elections)
      if (pre_election_period(poll, scenario_->pre_election_days).contains(d)) return false;
  }
  return true;
}

void Problem::build_requests() {
  const Weights& weights = scenario_->weights;
  for (const Request& source : scenario_->requests) {
    ProblemRequest r;
    r.council = scenario_->council_index.at(source.council);
    const Council& council = scenario_->councils[r.council];
    r.days = source.days;
    r.priority = source.priority;
    r.team = source.team;
    r.team_size = source.team_size();
    r.civil_servants = source.civil_servants;
    build_parties(r, source, council);
    for (const std::string& f : source.focus) {
      int skill = find_name(skills_names_, f);
      if (std::find(r.focus.begin(), r.focus.end(), skill) == r.focus.end()) r.focus.push_back(skill);
    }
    for (int w = 0; w < week_count_; ++w) {
      const OnSite& site = on_site(w, r.days);
      if (!week_usable(source, council, site)) continue;
      r.weeks.push_back(w);
      r.preference.push_back(weights.preference * weeks_off(source, site.first));
    }
    if (source.pinned) {
      r.pinned = true;
      r.pinned_week = week_of(source.pinned->week);
      for (const std::string& id : source.pinned->peers) r.pinned_peers.push_back(scenario_->peer_index.at(id));
    }
    for (const std::string& id : source.declined) r.declined.push_back(scenario_->peer_index.at(id));
    std::sort(r.declined.begin(), r.declined.end());
    requests_.push_back(std::move(r));
  }
}

// H5 reads the control in force on the first on-site day, so a council
// whose control changes gets the party per week.
void Problem::build_parties(ProblemRequest& r, const Request& source, const Council& council) {
  if (source.team[static_cast<int>(Role::kMember)] == 0) return;
  auto party_of = [&](const std::string& control) { return is_party(control) ? intern(parties_, control) : kNoIndex; };
  r.party = party_of(council.control);
  if (council.control_changes.empty()) return;
  r.party_by_week.resize(week_count_);
  for (int w = 0; w < week_count_; ++w) {
    const OnSite& site = on_site(w, source.days);
    r.party_by_week[w] = site.usable ? party_of(council.control_on(site.first)) : r.party;
  }
}

void Problem::link_follows() {
  for (int r = 0; r < request_count(); ++r) {
    const std::optional<Follows>& follows = scenario_->requests[r].follows;
    if (!follows) continue;
    ProblemRequest& request = requests_[r];
    request.follows = scenario_->request_index.at(follows->request);
    request.min_weeks = follows->min_weeks;
    request.max_weeks = follows->max_weeks;
    requests_[request.follows].followers.push_back(r);
  }
}

// The working days each (week, days) needs, as bits Monday..Friday: the
// same for every peer, so found once.
std::vector<unsigned> Problem::needed_days() const {
  std::vector<unsigned> needed(static_cast<std::size_t>(week_count_) * 5, 0);
  for (int w = 0; w < week_count_; ++w)
    for (int days = 1; days <= 5; ++days) {
      const OnSite& site = on_site(w, days);
      for (int i = 0; site.usable && i < 5; ++i) {
        Date d = monday(w) + greg::days(i);
        if (d >= site.first && d <= site.last && calendar_.is_working_day(d)) needed[w * 5 + days - 1] |= 1u << i;
      }
    }
  return needed;
}

void Problem::build_availability() {
  std::size_t n = peers_.size();
  availability_.assign(n * week_count_, 0);
  std::vector<unsigned> needed = needed_days();
  for (std::size_t p = 0; p < n; ++p) {
    const std::vector<DateRange>& ranges = scenario_->peers[p].available;
    for (int w = 0; w < week_count_; ++w) {
      unsigned free_days = 0;  // bit i: the peer is available on monday + i
      for (int i = 0; i < 5; ++i) {
        Date d = monday(w) + greg::days(i);
        if (std::any_of(ranges.begin(), ranges.end(), [&](const DateRange& a) { return a.contains(d); })) free_days |= 1u << i;
      }
      std::uint8_t bits = 0;
      for (int days = 1; days <= 5; ++days) {
        unsigned need = needed[w * 5 + days - 1];
        if (on_site(w, days).usable && (need & free_days) == need) bits |= static_cast<std::uint8_t>(1u << (days - 1));
      }
      availability_[static_cast<std::size_t>(w) * n + p] = bits;
    }
  }
}

// After the requests: the nearest-peer lists keep only peers eligible for
// some request of the council.
void Problem::build_km() { nearby_ = std::make_shared<const NearbyPeers>(*this); }

std::int64_t Problem::km(int p, int council) const { return nearby_->km(p, council); }

bool Problem::eligible(int p, int r) const {
  const ProblemPeer& peer = peers_[p];
  const ProblemRequest& request = requests_[r];
  if (request.team[static_cast<int>(peer.role)] == 0) return false;
  if (peer.council == request.council) return false;
  if (scenario_->exclude_same_region && peer.region == council_region_[request.council]) return false;
  if (std::find(peer.conflicts.begin(), peer.conflicts.end(), request.council) != peer.conflicts.end()) return false;
  if (peer.civil_servant && !request.civil_servants) return false;
  return !declined(p, r);
}

bool Problem::could_take(int p, int r, int w) const {
  if (!eligible(p, r) || !available(p, w, requests_[r].days)) return false;
  int cap = peers_[p].cap;
  const OnSite& site = on_site(w, requests_[r].days);
  return cap < 0 || (site.count[0] <= cap && site.count[1] <= cap);
}

bool Problem::follow_possible(int r, int w) const {
  int leader = requests_[r].follows;
  if (leader == kNoIndex) return true;
  const ProblemRequest& followed = requests_[leader];
  if (followed.pinned) return followed.pinned_week != kNoIndex && follow_gap_ok(r, followed.pinned_week, w);
  return std::any_of(followed.weeks.begin(), followed.weeks.end(), [&](int wl) { return follow_gap_ok(r, wl, w); });
}

int Problem::requirement_count(int r, int w) const {
  return (party(r, w) != kNoIndex ? 1 : 0) + static_cast<int>(requests_[r].focus.size());
}

unsigned Problem::requirements_met(int p, int r, int w) const {
  unsigned mask = 0;
  int bit = 0;
  if (int wanted = party(r, w); wanted != kNoIndex) {
    if (peers_[p].role == Role::kMember && peers_[p].party == wanted) mask |= 1u;
    bit = 1;
  }
  for (int skill : requests_[r].focus) {
    if (has_skill(p, skill)) mask |= 1u << bit;
    ++bit;
  }
  return mask;
}

bool Problem::declined(int p, int r) const {
  const std::vector<int>& declined = requests_[r].declined;
  return std::binary_search(declined.begin(), declined.end(), p);
}

int Problem::usable_position(int r, int week) const {
  const std::vector<int>& weeks = requests_[r].weeks;
  auto it = std::lower_bound(weeks.begin(), weeks.end(), week);
  return it != weeks.end() && *it == week ? static_cast<int>(it - weeks.begin()) : kNoIndex;
}

std::int64_t Problem::preference_cost(int r, int week) const {
  int position = usable_position(r, week);
  if (position != kNoIndex) return requests_[r].preference[position];
  // An unusable week (only ever a broken pin): compute it directly.
  const OnSite& site = on_site(week, requests_[r].days);
  if (!site.usable) return 0;
  return scenario_->weights.preference * weeks_off(scenario_->requests[r], site.first);
}

int Problem::peer_index(const std::string& id) const {
  auto it = scenario_->peer_index.find(id);
  return it == scenario_->peer_index.end() ? kNoIndex : it->second;
}

int Problem::request_index(const std::string& id) const {
  auto it = scenario_->request_index.find(id);
  return it == scenario_->request_index.end() ? kNoIndex : it->second;
}

}  // namespace peerslot
