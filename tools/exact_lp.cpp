// Design: one pass builds the variable lists per (request, week) and per
// (peer, week) and per (peer, year) from the compiled Problem, then writes
// rows. Terms are written a few per line, as the LP format allows.
#include "tools/exact_lp.h"

#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace peerslot {

namespace {

class LpWriter {
 public:
  explicit LpWriter(const Problem& problem) : problem_(problem) {}

  ExactModel run() {
    collect();
    std::ostringstream out;
    out << "Minimize\n obj:";
    objective(out);
    out << "\nSubject To\n";
    rows(out);
    out << "Bounds\n";
    for (const auto& [key, count] : year_slots_)
      for (int k = 1; k <= count; ++k) out << " 0 <= " << u(key.first, key.second, k) << " <= 1\n";
    for (const auto& [f, p] : kept_) out << " 0 <= " << kname(f, p) << " <= 1\n";
    out << "Binary\n";
    for (const auto& [r, w] : z_) out << " " << z(r, w) << "\n";
    for (const Y& y : y_) out << " " << yname(y) << "\n";
    out << "End\n";
    return {out.str(), constant_};
  }

 private:
  struct Y {
    int r, w, p;
  };

  static std::string z(int r, int w) { return "z_" + std::to_string(r) + "_" + std::to_string(w); }
  static std::string yname(const Y& y) { return "y_" + std::to_string(y.r) + "_" + std::to_string(y.w) + "_" + std::to_string(y.p); }
  static std::string u(int p, int f, int k) { return "u_" + std::to_string(p) + "_" + std::to_string(f) + "_" + std::to_string(k); }
  static std::string kname(int f, int p) { return "k_" + std::to_string(f) + "_" + std::to_string(p); }

  void collect() {
    const Weights& weights = problem_.scenario().weights;
    for (int r = 0; r < problem_.request_count(); ++r) {
      const ProblemRequest& request = problem_.request(r);
      constant_ += weights.unscheduled * request.priority;
      for (int w : request.weeks) {
        if (!problem_.follow_possible(r, w)) continue;  // H13 whatever the plan
        z_.push_back({r, w});
        for (int p = 0; p < problem_.peer_count(); ++p) {
          if (!problem_.eligible(p, r) || !problem_.available(p, w, request.days)) continue;
          y_.push_back({r, w, p});
          const OnSite& site = problem_.on_site(w, request.days);
          for (int i = 0; i < 2; ++i) {
            if (site.count[i] == 0) continue;
            int& slots = year_slots_[{p, site.fy[i]}];
            slots += site.count[i];
          }
        }
      }
    }
    for (auto& [key, slots] : year_slots_)
      if (problem_.peer(key.first).cap >= 0 && slots > problem_.peer(key.first).cap) slots = problem_.peer(key.first).cap;
    for (const Y& y : y_) {
      int leader = problem_.request(y.r).follows;
      if (leader != kNoIndex) kept_.insert({y.r, y.p});
    }
  }

  void term(std::ostream& out, std::int64_t coefficient, const std::string& name) {
    out << (coefficient < 0 ? " - " : " + ") << (coefficient < 0 ? -coefficient : coefficient) << " " << name;
    if (++terms_ % 6 == 0) out << "\n ";
  }

  void objective(std::ostream& out) {
    const Weights& weights = problem_.scenario().weights;
    for (const auto& [r, w] : z_)
      term(out, problem_.preference_cost(r, w) - weights.unscheduled * problem_.request(r).priority, z(r, w));
    for (const Y& y : y_) {
      std::int64_t continuity = problem_.request(y.r).follows != kNoIndex ? weights.continuity : 0;
      term(out, problem_.km(y.p, problem_.request(y.r).council) * weights.travel_km + continuity, yname(y));
    }
    for (const auto& [f, p] : kept_) term(out, -weights.continuity, kname(f, p));
    for (const auto& [key, count] : year_slots_)
      for (int k = 1; k <= count; ++k) term(out, weights.load * (2 * k - 1), u(key.first, key.second, k));
  }

  void row(std::ostream& out, const std::string& sense, std::int64_t rhs) {
    out << " " << sense << " " << rhs << "\n";
    terms_ = 0;
  }

  void rows(std::ostream& out) {
    std::map<int, std::vector<int>> weeks_of_request;
    std::map<std::pair<int, int>, std::vector<int>> peers_of;  // (r, w) -> peers
    std::map<std::pair<int, int>, std::vector<int>> requests_of_peer_week;
    std::map<int, std::vector<int>> requests_of_week;
    for (const auto& [r, w] : z_) {
      weeks_of_request[r].push_back(w);
      requests_of_week[w].push_back(r);
    }
    for (const Y& y : y_) {
      peers_of[{y.r, y.w}].push_back(y.p);
      requests_of_peer_week[{y.p, y.w}].push_back(y.r);
    }
    int n = 0;
    for (const auto& [r, weeks] : weeks_of_request) {  // H1
      out << " c" << ++n << ":";
      for (int w : weeks) term(out, 1, z(r, w));
      row(out, "<=", 1);
    }
    for (const auto& [r, w] : z_) {
      const ProblemRequest& request = problem_.request(r);
      const std::vector<int>& peers = peers_of[{r, w}];
      for (int role = 0; role < kRoleCount; ++role) {  // H4
        out << " c" << ++n << ":";
        for (int p : peers)
          if (static_cast<int>(problem_.peer(p).role) == role) term(out, 1, yname({r, w, p}));
        term(out, -request.team[role], z(r, w));
        row(out, "=", 0);
      }
      if (int party = problem_.party(r, w); party != kNoIndex) {  // H5
        out << " c" << ++n << ":";
        for (int p : peers)
          if (problem_.peer(p).role == Role::kMember && problem_.peer(p).party == party) term(out, 1, yname({r, w, p}));
        term(out, -1, z(r, w));
        row(out, ">=", 0);
      }
      for (int skill : request.focus) {  // H6
        out << " c" << ++n << ":";
        for (int p : peers)
          if (problem_.has_skill(p, skill)) term(out, 1, yname({r, w, p}));
        term(out, -1, z(r, w));
        row(out, ">=", 0);
      }
    }
    for (const auto& [key, rs] : requests_of_peer_week) {  // H9
      out << " c" << ++n << ":";
      for (int r : rs) term(out, 1, yname({r, key.second, key.first}));
      row(out, "<=", 1);
    }
    std::map<std::pair<int, int>, std::vector<std::pair<int, Y>>> days_of_peer_year;
    for (const Y& y : y_) {
      const OnSite& site = problem_.on_site(y.w, problem_.request(y.r).days);
      for (int i = 0; i < 2; ++i)
        if (site.count[i] > 0) days_of_peer_year[{y.p, site.fy[i]}].push_back({site.count[i], y});
    }
    for (const auto& [key, list] : days_of_peer_year) {  // load definition and H10
      out << " c" << ++n << ":";
      for (const auto& [days, y] : list) term(out, days, yname(y));
      for (int k = 1; k <= year_slots_[key]; ++k) term(out, -1, u(key.first, key.second, k));
      row(out, "=", 0);
    }
    follow_rows(out, n, weeks_of_request);
    if (problem_.scenario().max_challenges_per_week) {  // H11
      for (const auto& [w, rs] : requests_of_week) {
        out << " c" << ++n << ":";
        for (int r : rs) term(out, 1, z(r, w));
        row(out, "<=", *problem_.scenario().max_challenges_per_week);
      }
    }
  }

  // H13: z[f,wf] <= sum of z[l,wl] over the weeks wl it may follow; and
  // k[f,p] <= p's seat on f, k[f,p] <= p's seat on l.
  void follow_rows(std::ostream& out, int& n, std::map<int, std::vector<int>>& weeks_of_request) {
    for (const auto& [f, w] : z_) {
      int leader = problem_.request(f).follows;
      if (leader == kNoIndex) continue;
      out << " c" << ++n << ":";
      term(out, 1, z(f, w));
      for (int wl : weeks_of_request[leader])
        if (problem_.follow_gap_ok(f, wl, w)) term(out, -1, z(leader, wl));
      row(out, "<=", 0);
    }
    std::map<std::pair<int, int>, std::vector<int>> weeks_of_seat;  // (r, p) -> weeks with y
    for (const Y& y : y_) weeks_of_seat[{y.r, y.p}].push_back(y.w);
    for (const auto& [f, p] : kept_) {
      for (int r : {f, problem_.request(f).follows}) {
        out << " c" << ++n << ":";
        term(out, 1, kname(f, p));
        for (int w : weeks_of_seat[{r, p}]) term(out, -1, yname({r, w, p}));
        row(out, "<=", 0);
      }
    }
  }

  const Problem& problem_;
  std::set<std::pair<int, int>> kept_;  // (follow-up, peer) -> k variable
  std::vector<std::pair<int, int>> z_;
  std::vector<Y> y_;
  std::map<std::pair<int, int>, int> year_slots_;  // (peer, year) -> u variables
  std::int64_t constant_ = 0;
  int terms_ = 0;
};

}  // namespace

ExactModel exact_model(const Problem& problem) { return LpWriter(problem).run(); }

}  // namespace peerslot
