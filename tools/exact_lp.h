// exact_lp.h — the whole scheduling problem as a mixed-integer program in
// CPLEX LP format, for solving small scenarios exactly with GLPK's glpsol
// (benchmark use only: the engine never calls an external solver).
//
// Variables: z[r,w] (request r in usable week w), y[r,w,p] (peer p on that
// team), u[p,f,k] in [0,1] (the k-th on-site day of peer p in year f, which
// costs load x (2k-1): summed, k = 1..d gives d^2; convex, so the
// relaxation fills them in order), k[f,p] in [0,1] (peer p is on follow-up
// f and on the team it follows: continuity counts f's peers minus these).
// Constraints: each request at most once (H1), seats per role (H4), the
// party in control that week (H5), focus (H6), one challenge per peer per
// week (H9), yearly caps (H10, by the number of u variables), weekly
// capacity (H11), a follow-up only in a week the allowed gap after a week of
// the request it follows (H13), and k[f,p] at most p's seat on either team.
// H2, H3, H7 and H8 are in which variables exist. Pins are not modelled
// (use scenarios without pins).
//
// The LP objective omits the constant sum of all unscheduled penalties:
// plan cost = objective + `constant`.
#pragma once

#include "engine/problem.h"

#include <cstdint>
#include <string>

namespace peerslot {

struct ExactModel {
  std::string lp_text;
  std::int64_t constant = 0;
};

ExactModel exact_model(const Problem& problem);

}  // namespace peerslot
