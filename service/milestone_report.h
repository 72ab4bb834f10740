// milestone_report.h — the programme office's overview of milestones: the
// milestones of every booked challenge (milestones.h) that fall in a range
// of dates, in date order, each with its challenge's request, reference and
// council, so the office sees what happens when across the programme.
//
// Guarantees: a milestone is listed when any of its days lies in the range
// (both ends included); the list is sorted by the milestone's first day,
// then by request, then in the challenge's own order of milestones.
// Cost: O(bookings × milestones) plus the sort.
// Thread-safety: a pure function of an immutable State.
#pragma once

#include "engine/calendar.h"
#include "service/state.h"

#include <nlohmann/json.hpp>

namespace peerslot::service {

// [{"date" (a single day) or "start" and "end" (a window), "when" (those
// dates in words), "kind", "what" (the milestone in words), "request",
// "reference", "council", "council_name"}].
nlohmann::json milestone_report(const State& state, DateRange range);

}  // namespace peerslot::service
