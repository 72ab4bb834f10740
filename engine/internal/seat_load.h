// seat_load.h — what one seat's on-site days add to the load term in the
// lower bound's relaxation (lower_bound.h), where every challenge is
// priced on its own.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// The load term is weight x sum over (peer, financial year) of x^2, x the
// peer's days that year. Two floors of it can be priced seat by seat:
//   - alone (the default): a peer's days are a sum of challenges, and
//     (a + b)^2 >= a^2 + b^2, so each seat costs weight x d^2 for its d
//     days in a year;
//   - pooled, for a role and year whose days are crowded onto few peers
//     (the peer challenge managers): the n peers of the role who can work
//     that year hold its D seat-days, so sum x_p^2 >= D^2 / n (Cauchy-
//     Schwarz) >= 2 lambda D - lambda^2 n for every lambda (the tangent
//     at D = lambda n). Each seat-day then costs 2 lambda x weight, and
//     weight x lambda^2 n is taken off the bound once (constant()).
// Each (role, year) uses one of the two, so their sum stays a lower bound on
// the load term of every plan, whatever lambda is: the relaxation only
// gets weaker or stronger, never wrong.
//
// Cost: team_load() O(roles); pooled_for() O(peers x weeks) for
// the head counts plus O(requests).
// Thread-safety: a plain value.
#pragma once

#include "engine/problem.h"

#include <cstdint>
#include <vector>

namespace peerslot {

class SeatLoad {
 public:
  // Alone everywhere.
  explicit SeatLoad(const Problem& problem);

  // Pooled floors from a relaxed solution's days (per request its week,
  // kNoIndex for none): per role one lambda, its days per peer and year
  // over all years (rounded; one value for all years, so the relaxation
  // gains nothing by moving challenges between years), and a (role, year)
  // is pooled where that floor beats the alone one on those days.
  static SeatLoad pooled_for(const Problem& problem, const std::vector<int>& weeks);

  // The load floor of r's team in week w (site = its on-site days there).
  std::int64_t team_load(const ProblemRequest& request, const OnSite& site) const;
  // Taken off the bound once: weight x lambda^2 n over the pooled ones.
  std::int64_t constant() const;
  bool any_pooled() const;

 private:
  struct Pool {
    std::int64_t lambda = -1;  // -1: alone
    std::int64_t peers = 0;
  };
  const Pool& pool(int role, int year) const { return pools_[static_cast<std::size_t>(year) * kRoleCount + role]; }
  std::int64_t seat_days(int role, int year, std::int64_t days) const;

  std::int64_t weight_;
  std::vector<Pool> pools_;  // year x role
};

}  // namespace peerslot
