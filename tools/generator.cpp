// Design: a Generator object holds the random engine and builds the scenario
// in three passes — councils (copies of the reference councils, with their
// real changes of control and blackouts), peers (per council: members,
// chief executives, officers; plus outside experts of each sector and the
// programme office's peer challenge managers), then requests (one
// corporate per council, most followed by a progress review; some subject
// challenges; member peer support after each real change of control). All
// randomness comes from
// one std::mt19937_64 seeded by the caller, and passes run in a fixed order,
// so a seed always gives the same scenario.
#include "tools/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>

namespace peerslot {

namespace {

namespace greg = boost::gregorian;

const std::vector<std::string> kSkills = {
    "leadership",        "finance",           "governance",      "performance",
    "partnerships",      "economic_growth",   "housing",         "adult_social_care",
    "childrens_services", "transformation",   "community_engagement", "planning"};

const std::vector<std::string> kMainParties = {"Conservative", "Labour", "Liberal Democrat"};

const std::vector<std::string> kSectors = {"business", "voluntary", "public", kCivilServiceSector};

const DateRange kWindow{Date(2011, 4, 1), Date(2014, 3, 31)};
constexpr int kPreElectionDays = 42;
// Peer challenge managers of the programme office, per copy of the
// councils, and the on-site days a year each can give.
constexpr int kManagers = 15;
constexpr int kManagerDaysPerYear = 60;
// A progress review about 10 months after the challenge (36..56 weeks).
constexpr int kReviewMinWeeks = 36;
constexpr int kReviewMaxWeeks = 56;
// The programme's budget for 2011/12 (the LGA's figure); no other year's
// is published here, so only FY2011 has one.
constexpr std::int64_t kBudget2011 = 2600000;

std::string numbered(char prefix, int n, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c%0*d", prefix, width, n);
  return buffer;
}

class Generator {
 public:
  Generator(const ReferenceData& data, const GenerateOptions& options)
      : data_(data), scale_(std::max(1, options.scale)), random_(options.seed), calendar_(data.bank_holidays) {}

  Scenario run() {
    Scenario s;
    s.window = kWindow;
    for (Date d : data_.bank_holidays)
      if (kWindow.contains(d)) s.bank_holidays.push_back(d);
    s.pre_election_days = kPreElectionDays;
    s.max_challenges_per_week = 6 * scale_;
    s.finance = finance();
    add_councils(s);
    add_peers(s);
    add_requests(s);
    s.reindex();
    return s;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }
  double jitter(double size) { return std::uniform_real_distribution<double>(-size, size)(random_); }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[uniform(0, static_cast<int>(items.size()) - 1)]; }

  std::vector<std::string> pick_skills(int count) {
    std::vector<std::string> skills = kSkills;
    std::shuffle(skills.begin(), skills.end(), random_);
    skills.resize(count);
    std::sort(skills.begin(), skills.end());
    return skills;
  }

  // Illustrative rates (member and expert peers are paid a day rate, the
  // others give their time), the HMRC approved mileage rate of 45p a mile
  // as 28p a km, and the 2011/12 budget.
  static Finance finance() {
    Finance f;
    f.day_rate[static_cast<int>(Role::kMember)] = 300;
    f.day_rate[static_cast<int>(Role::kExpert)] = 500;
    f.mileage_pence_per_km = 28;
    f.subject_fee_per_day = 1200;
    f.budgets.push_back({2011, kBudget2011});
    return f;
  }

  void add_councils(Scenario& s) {
    for (int copy = 1; copy <= scale_; ++copy) {
      for (const CouncilRecord& r : data_.councils) {
        Council c;
        c.id = copy == 1 ? r.code : r.code + "-" + std::to_string(copy);
        c.name = copy == 1 ? r.name : r.name + " (copy " + std::to_string(copy) + ")";
        c.type = r.type;
        c.region = r.region;
        c.control = r.control;
        for (const ControlChangeRecord& change : r.control_changes) c.control_changes.push_back({change.date, change.control});
        double spread = copy == 1 ? 0 : 0.05;
        c.location = GeoPoint{r.lat + jitter(spread), r.lon + jitter(spread)};
        for (Date d : r.polling_days)
          if (d >= kWindow.start && d <= kWindow.end + greg::days(s.pre_election_days)) c.elections.push_back(d);
        add_blackouts(c);
        s.councils.push_back(std::move(c));
      }
    }
  }

  // Christmas and New Year every year; budget-setting weeks for some.
  void add_blackouts(Council& c) {
    for (int year = 2011; year <= 2013; ++year) c.blackouts.push_back({Date(year, 12, 19), Date(year + 1, 1, 3)});
    if (!chance(0.5)) return;
    for (int year = 2012; year <= 2014; ++year) c.blackouts.push_back({Date(year, 2, 13), Date(year, 2, 28)});
  }

  // The party a member peer from this council belongs to.
  std::string member_party(const Council& home) {
    if (home.controlled_by_party() && chance(0.7)) return home.control;
    return pick(kMainParties);
  }

  // A made-up person's name for peer number n, from common English and
  // Welsh given names and surnames: distinct for the first 2,400 peers, and
  // drawn without touching the random stream, so the rest of the demo is
  // the same whatever the names.
  static std::string person_name(int n) {
    static const char* const kGiven[] = {
        "Sarah", "David", "Emma", "James", "Rachel", "Mohammed", "Claire", "Gareth", "Helen", "Rhys",
        "Priya", "Andrew", "Fiona", "Thomas", "Nia", "Peter", "Joanne", "Daniel", "Angela", "Owen",
        "Aisha", "Michael", "Karen", "Simon", "Lucy", "Dafydd", "Sian", "Robert", "Hannah", "Imran",
        "Louise", "Paul", "Catherine", "Martin", "Zoe", "Richard", "Ffion", "Stephen", "Amira", "Neil"};
    static const char* const kSurname[] = {
        "Jones", "Smith", "Williams", "Taylor", "Davies", "Brown", "Evans", "Wilson", "Thomas", "Roberts",
        "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Hughes", "Edwards", "Green",
        "Hall", "Khan", "Wright", "Clarke", "Jackson", "Hill", "Patel", "Morgan", "Turner", "Harris",
        "Cooper", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Ali",
        "Price", "Bennett", "Griffiths", "Young", "Allen", "Mitchell", "Kelly", "Shaw", "Owen", "Ahmed",
        "Parry", "Rees", "Martin", "Cook", "Begum", "Pritchard", "Chapman", "Lloyd", "Howells", "Singh"};
    constexpr int kGivenCount = sizeof kGiven / sizeof *kGiven, kSurnameCount = sizeof kSurname / sizeof *kSurname;
    return std::string(kGiven[n % kGivenCount]) + " " + kSurname[(n / kGivenCount) % kSurnameCount];
  }

  Peer make_peer(Role role, const Council* home) {
    Peer p;
    int number = next_peer_++;
    p.id = numbered('P', number, scale_ >= 10 ? 6 : 5);
    p.role = role;
    const Council& place = home ? *home : *councils_[uniform(0, static_cast<int>(councils_.size()) - 1)];
    p.council = home ? home->id : "";
    p.region = place.region;
    p.location = GeoPoint{place.location->lat + jitter(0.05), place.location->lon + jitter(0.05)};
    p.name = std::string(role == Role::kMember ? "Cllr " : "") + person_name(number);
    if (role == Role::kMember) p.party = member_party(place);
    if (role == Role::kExpert) p.sector = pick(kSectors);
    p.skills = pick_skills(uniform(2, 3));
    if (role == Role::kChiefExecutive && std::find(p.skills.begin(), p.skills.end(), "leadership") == p.skills.end())
      p.skills.push_back("leadership");
    p.available = availability();
    if (!chance(0.2)) p.max_days_per_year = uniform(10, 24);
    if (chance(0.1)) p.conflicts = nearest_councils(place, uniform(1, 2));
    return p;
  }

  // One to three ranges of 4..14 months inside the window.
  std::vector<DateRange> availability() {
    std::vector<DateRange> ranges;
    int count = uniform(1, 3);
    int span = static_cast<int>((kWindow.end - kWindow.start).days());
    for (int i = 0; i < count; ++i) {
      Date start = kWindow.start + greg::days(uniform(0, span - 120));
      Date end = std::min(kWindow.end, start + greg::days(uniform(120, 420)));
      ranges.push_back({start, end});
    }
    std::sort(ranges.begin(), ranges.end(), [](const DateRange& a, const DateRange& b) { return a.start < b.start; });
    return ranges;
  }

  std::vector<std::string> nearest_councils(const Council& from, int count) {
    std::vector<std::pair<double, const Council*>> by_distance;
    for (const Council* c : councils_) {
      if (c->id == from.id) continue;
      double dlat = c->location->lat - from.location->lat, dlon = c->location->lon - from.location->lon;
      by_distance.push_back({dlat * dlat + dlon * dlon, c});
    }
    std::partial_sort(by_distance.begin(), by_distance.begin() + count, by_distance.end());
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) ids.push_back(by_distance[i].second->id);
    return ids;
  }

  void add_peers(Scenario& s) {
    for (Council& c : s.councils) councils_.push_back(&c);
    std::set<std::string> parties_with_members;
    for (const Council* c : councils_) {
      if (chance(0.9)) s.peers.push_back(make_peer(Role::kMember, c));
      if (chance(0.5)) s.peers.push_back(make_peer(Role::kChiefExecutive, c));
      for (int i = chance(0.3) ? 2 : 1; i > 0; --i) s.peers.push_back(make_peer(Role::kOfficer, c));
      if (chance(0.4)) s.peers.push_back(make_peer(Role::kExpert, nullptr));
    }
    add_managers(s);
    add_minor_party_members(s);
  }

  // Programme office staff: no home council, free all through the window,
  // with a day cap.
  void add_managers(Scenario& s) {
    for (int i = 0; i < kManagers * scale_; ++i) {
      Peer p = make_peer(Role::kManager, nullptr);
      p.available = {kWindow};
      p.max_days_per_year = kManagerDaysPerYear;
      p.conflicts.clear();
      s.peers.push_back(std::move(p));
    }
  }

  // Every party that controls a council at some time gets member peers of
  // its own, drawn from councils it controls, so its councils can be
  // matched (H5).
  void add_minor_party_members(Scenario& s) {
    std::map<std::string, std::vector<const Council*>> controlled;
    for (const Council* c : councils_) {
      if (c->controlled_by_party()) controlled[c->control].push_back(c);
      for (const ControlChange& change : c->control_changes)
        if (is_party(change.control)) controlled[change.control].push_back(c);
    }
    for (const auto& [party, councils] : controlled) {
      int have = static_cast<int>(std::count_if(s.peers.begin(), s.peers.end(), [&](const Peer& p) {
        return p.role == Role::kMember && p.party == party;
      }));
      for (int need = 3 * scale_ - have; need > 0; --need) {
        Peer p = make_peer(Role::kMember, pick(councils));
        p.party = party;
        s.peers.push_back(std::move(p));
      }
    }
  }

  Request make_request(const Council& c, const std::string& kind) {
    Request r;
    r.id = numbered('R', next_request_++, scale_ >= 10 ? 6 : 5);
    r.council = c.id;
    r.kind = kind;
    return r;
  }

  // A date range of `months` months starting at a random point in the window.
  DateRange random_span(int months) {
    int span = static_cast<int>((kWindow.end - kWindow.start).days()) - months * 30;
    Date start = kWindow.start + greg::days(uniform(0, std::max(0, span)));
    return {start, std::min(kWindow.end, start + greg::days(months * 30))};
  }

  void add_corporate(Scenario& s, const Council& c) {
    Request r = make_request(c, "corporate");
    bool large = c.type != "district";
    r.days = large ? uniform(4, 5) : uniform(3, 4);
    DateRange span = random_span(uniform(9, 24));
    r.earliest = span.start;
    r.latest = span.end;
    if (chance(0.6)) r.preferred.push_back(random_inside(span, uniform(1, 3)));
    r.focus = pick_skills(uniform(1, 2));
    r.team = {1, 1, large ? 2 : 1, chance(0.3) ? 1 : 0, 1};
    r.civil_servants = chance(0.3);
    r.priority = 2;
    if (chance(0.02)) pin_week(r, c);
    bool review = chance(0.75) && *r.latest + greg::days(7 * kReviewMinWeeks + 7) <= kWindow.end;
    std::string id = r.id;
    s.requests.push_back(std::move(r));
    if (review) add_review(s, c, id);
  }

  // The progress review, ideally with the same team: the member, the chief
  // executive and the manager go back for two days.
  void add_review(Scenario& s, const Council& c, const std::string& corporate) {
    Request r = make_request(c, "review");
    r.days = 2;
    r.team = {1, 1, 0, 0, 1};
    r.priority = 1;
    r.follows = Follows{corporate, kReviewMinWeeks, kReviewMaxWeeks};
    s.requests.push_back(std::move(r));
  }

  DateRange random_inside(const DateRange& span, int months) {
    int room = std::max(0, static_cast<int>((span.end - span.start).days()) - months * 30);
    Date start = span.start + greg::days(uniform(0, room));
    return {start, std::min(span.end, start + greg::days(months * 30))};
  }

  // Pins a corporate request to a usable week in its range where enough
  // peers of every role are free, if there is one.
  void pin_week(Request& r, const Council& c) {
    std::vector<Date> usable;
    for (Date m = monday_of(*r.earliest) + greg::days(7); m + greg::days(4) <= *r.latest; m += greg::days(7))
      if (week_usable(r, c, m) && peers_plentiful(r, c, m)) usable.push_back(m);
    if (!usable.empty()) r.pinned = Pin{pick(usable), {}};
  }

  // At least two free peers per seat of every role, and a member of the
  // controlling party among them (caps and other bookings are ignored).
  bool peers_plentiful(const Request& r, const Council& c, Date monday) {
    std::vector<Date> days = calendar_.on_site_days(monday, r.days);
    TeamShape free{};
    bool party_member = !c.controlled_by_party();
    for (const Peer& p : *peers_) {
      if (p.council == c.id || !available_on(p, days)) continue;
      ++free[static_cast<int>(p.role)];
      party_member = party_member || (p.role == Role::kMember && p.party == c.control);
    }
    for (int i = 0; i < kRoleCount; ++i)
      if (free[i] < 2 * r.team[i]) return false;
    return party_member;
  }

  static bool available_on(const Peer& p, const std::vector<Date>& days) {
    return std::all_of(days.begin(), days.end(), [&](Date d) {
      return std::any_of(p.available.begin(), p.available.end(), [&](const DateRange& a) { return a.contains(d); });
    });
  }

  bool week_usable(const Request& r, const Council& c, Date monday) {
    std::vector<Date> days = calendar_.on_site_days(monday, r.days);
    if (static_cast<int>(days.size()) < r.days) return false;
    for (Date d : days) {
      for (const DateRange& b : c.blackouts)
        if (b.contains(d)) return false;
      for (Date poll : c.elections)
        if (pre_election_period(poll, kPreElectionDays).contains(d)) return false;
    }
    return true;
  }

  void add_subject(Scenario& s, const Council& c) {
    Request r = make_request(c, "subject");
    r.days = uniform(2, 3);
    DateRange span = random_span(uniform(4, 12));
    r.earliest = span.start;
    r.latest = span.end;
    r.focus = pick_skills(1);
    r.team = {chance(0.5) ? 1 : 0, 0, 2, 0, 0};
    r.priority = 1;
    s.requests.push_back(std::move(r));
  }

  // Member peer support (up to 5 days) in the months after an election
  // that changed control.
  void add_support(Scenario& s, const Council& c, Date polling_day) {
    Request r = make_request(c, "support");
    r.days = uniform(2, 5);
    r.earliest = polling_day + greg::days(7);
    r.latest = std::min(kWindow.end, polling_day + greg::days(150));
    if (*r.latest <= *r.earliest) return;
    r.team = {1, 0, 0, 0, 0};
    r.priority = 3;
    s.requests.push_back(std::move(r));
  }

  void add_requests(Scenario& s) {
    peers_ = &s.peers;
    for (const Council* c : councils_) {
      add_corporate(s, *c);
      if (chance(0.15)) add_subject(s, *c);
      for (const ControlChange& change : c->control_changes) add_support(s, *c, change.date);
    }
  }

  const ReferenceData& data_;
  int scale_;
  std::mt19937_64 random_;
  Calendar calendar_;
  std::vector<const Council*> councils_;
  const std::vector<Peer>* peers_ = nullptr;
  int next_peer_ = 1;
  int next_request_ = 1;
};

}  // namespace

Scenario generate_scenario(const ReferenceData& data, const GenerateOptions& options) {
  return Generator(data, options).run();
}

}  // namespace peerslot
