// cost_model.h — the spec's cost terms, computed exactly as the contract says.
//
//   total       = unscheduled + preference + travel + load + continuity
//   unscheduled = weights.unscheduled x sum of priority of unscheduled requests
//   preference  = weights.preference  x sum of weeks_off(request)
//   travel      = weights.travel_km   x sum over (assignment, peer) of km
//   load        = weights.load        x sum over peers and FYs of days^2
//   continuity  = weights.continuity  x sum over assigned follow-ups of the
//                 peers not on the team of the request they follow
//
// These functions are the single definition of each term: the checker, the
// solver's incremental evaluation and the benchmarks all call them, so they
// cannot drift apart. Everything is whole-number arithmetic.
//
// Thread-safety: pure functions.
#pragma once

#include "engine/scenario.h"

#include <cstdint>
#include <numbers>
#include <vector>

namespace peerslot {

// The radius of the sphere every distance is measured on, in km.
constexpr double kEarthRadiusKm = 6371.0;
constexpr double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

// A distance in km to the nearest whole km, halves up: 12.5 -> 13,
// 12.4999 -> 12. Every distance of the cost goes through it.
std::int64_t round_km(double km);
// Great-circle distance on a sphere of radius 6371.0 km, rounded by
// round_km().
std::int64_t great_circle_km(const GeoPoint& a, const GeoPoint& b);
// The same distance from points prepared once (the cosine of the latitude
// is the costly part), for callers that compute many distances; the result
// is identical to great_circle_km(), which calls it.
struct SpherePoint {
  double lat_radians = 0;
  double lon_degrees = 0;
  double cos_lat = 1;
};
SpherePoint sphere_point(const GeoPoint& p);
std::int64_t sphere_km(const SpherePoint& a, const SpherePoint& b);
// 0 when either side has no location.
std::int64_t travel_km(const Peer& peer, const Council& council);

// 0 when there are no preferred ranges or the first on-site day lies in one;
// otherwise ceil(gap / 7) with gap the days to the nearest preferred range.
int weeks_off(const Request& request, Date first_on_site_day);

// Computes every term of a plan's cost. The plan is taken as written (even if
// infeasible): requests not in `assignments` count as unscheduled; on-site
// days are the first `days` working days of each assignment's week.
// Unknown request or peer ids are skipped. A follow-up whose followed
// request is not assigned counts every peer as new.
Cost compute_cost(const Scenario& scenario, const Calendar& calendar, const Plan& plan);

}  // namespace peerslot
