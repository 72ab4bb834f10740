// Design: one small table per (financial year, role); pooled_for() reads
// the relaxed solution once and counts, per role and year, the peers
// available in at least one week that starts in that year.
#include "engine/internal/seat_load.h"

#include <cmath>

namespace peerslot {

SeatLoad::SeatLoad(const Problem& problem)
    : weight_(problem.scenario().weights.load),
      pools_(static_cast<std::size_t>(problem.year_count()) * kRoleCount) {}

namespace {

// Peers per (year, role) who could have a day in that financial year:
// available (H8) for a challenge of some length in a week whose on-site
// days reach into the year. Counting too many only weakens the floor; too
// few would break it.
std::vector<std::int64_t> head_counts(const Problem& problem) {
  std::vector<std::int64_t> heads(static_cast<std::size_t>(problem.year_count()) * kRoleCount, 0);
  for (int role = 0; role < kRoleCount; ++role)
    for (int p : problem.peers_with_role(static_cast<Role>(role))) {
      std::vector<bool> seen(problem.year_count(), false);
      for (int w = 0; w < problem.week_count(); ++w)
        for (int days = 1; days <= 5; ++days) {
          const OnSite& site = problem.on_site(w, days);
          if (!site.usable || !problem.available(p, w, days)) continue;
          for (int i = 0; i < 2; ++i)
            if (site.count[i] > 0) seen[site.fy[i]] = true;
        }
      for (int year = 0; year < problem.year_count(); ++year)
        if (seen[year]) ++heads[static_cast<std::size_t>(year) * kRoleCount + role];
    }
  return heads;
}

}  // namespace

SeatLoad SeatLoad::pooled_for(const Problem& problem, const std::vector<int>& weeks) {
  SeatLoad loads(problem);
  std::size_t cells = loads.pools_.size();
  std::vector<std::int64_t> days(cells, 0), alone(cells, 0);
  for (int r = 0; r < problem.request_count(); ++r) {
    if (weeks[r] == kNoIndex) continue;
    const ProblemRequest& request = problem.request(r);
    const OnSite& site = problem.on_site(weeks[r], request.days);
    for (int role = 0; role < kRoleCount; ++role)
      for (int i = 0; i < 2; ++i) {
        std::size_t cell = static_cast<std::size_t>(site.fy[i]) * kRoleCount + role;
        days[cell] += static_cast<std::int64_t>(request.team[role]) * site.count[i];
        alone[cell] += static_cast<std::int64_t>(request.team[role]) * site.count[i] * site.count[i];
      }
  }
  std::vector<std::int64_t> heads = head_counts(problem);
  for (int role = 0; role < kRoleCount; ++role) {
    std::int64_t role_days = 0, role_heads = 0;
    for (int year = 0; year < problem.year_count(); ++year) {
      role_days += days[static_cast<std::size_t>(year) * kRoleCount + role];
      role_heads += heads[static_cast<std::size_t>(year) * kRoleCount + role];
    }
    if (role_heads == 0) continue;
    std::int64_t lambda = std::llround(static_cast<double>(role_days) / static_cast<double>(role_heads));
    for (int year = 0; year < problem.year_count(); ++year) {
      std::size_t cell = static_cast<std::size_t>(year) * kRoleCount + role;
      if (heads[cell] > 0 && 2 * lambda * days[cell] - lambda * lambda * heads[cell] > alone[cell])
        loads.pools_[cell] = {lambda, heads[cell]};
    }
  }
  return loads;
}

std::int64_t SeatLoad::seat_days(int role, int year, std::int64_t days) const {
  const Pool& p = pool(role, year);
  return p.lambda < 0 ? days * days : 2 * p.lambda * days;
}

std::int64_t SeatLoad::team_load(const ProblemRequest& request, const OnSite& site) const {
  std::int64_t load = 0;
  for (int role = 0; role < kRoleCount; ++role)
    for (int i = 0; i < 2; ++i)
      if (site.count[i] > 0) load += request.team[role] * seat_days(role, site.fy[i], site.count[i]);
  return load * weight_;
}

std::int64_t SeatLoad::constant() const {
  std::int64_t total = 0;
  for (const Pool& p : pools_)
    if (p.lambda >= 0) total += p.lambda * p.lambda * p.peers;
  return total * weight_;
}

bool SeatLoad::any_pooled() const {
  for (const Pool& p : pools_)
    if (p.lambda >= 0) return true;
  return false;
}

}  // namespace peerslot
