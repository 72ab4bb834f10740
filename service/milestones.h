// milestones.h — the steps of a peer challenge around its week on site, as
// the programme runs them: a scoping meeting with the leader and chief
// executive 4 to 6 months before; the council's position statement and
// papers 2 to 3 weeks before; the days on site, ending with the feedback
// presentation; the report and action plan within about 3 months; and, for
// a corporate challenge, a progress review about 10 months later (9 to 11
// months after the last day on site).
//
// Which steps a challenge has depends on its kind: corporate — all six;
// subject — all but the progress review; review and support — the days on
// site and the feedback only.
//
// Guarantees: pure; milestones are in date order of their start; each has
// start <= end (equal for a single day).
// Cost: O(days on site).
// Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"
#include "engine/scenario.h"

#include <string>
#include <vector>

namespace peerslot::service {

struct Milestone {
  std::string kind;   // scoping_meeting, position_statement, on_site, feedback, report, progress_review
  std::string title;  // "Scoping meeting with the leader and chief executive"
  Date start;
  Date end;
};

// REQUIRES: on_site holds the request's on-site days, in order, not empty.
std::vector<Milestone> milestones_of(const Request& request, const std::vector<Date>& on_site);

}  // namespace peerslot::service
