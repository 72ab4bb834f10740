// council_operations.h — what a council does to its programme: set its
// blackouts, edit its requests' preferred periods and focus areas, book a
// week, reschedule, cancel. The office may do all of it for any council.
//
// Each operation edits a Draft of the current State and returns a Status:
// not_found or forbidden for what the caller may not touch (access.h),
// precondition_failed when `expected` no longer matches the resource, an
// invalid field for input outside what the programme allows, and a
// conflict for what the programme's state refuses (already booked, pinned,
// a week that is not possible). The Service then judges the whole result
// with the checker, so an operation can never break a rule H1..H13.
//
// Booking asks the State's BookingCache for the one week (the engine's
// place_in_week): the week must be a feasible option as the plan stands,
// which also proposes the team. The first booking of a corporate challenge
// also adds its progress review (a "review" request that follows it by 36
// to 56 weeks, same team shape, 2 days), unless it has one already or the
// programme ends first; a challenge whose review is booked cannot be
// cancelled before the review. Refusals say why in words and carry a
// reason code (Status::reason_code()).
// Thread-safety: operations touch only their Draft; run them in the writer.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"
#include "service/draft.h"
#include "service/precondition.h"
#include "service/records.h"

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

Status set_blackouts(Draft& draft, const User& who, const std::string& council_id, const std::vector<DateRange>& blackouts,
                     const Precondition& expected);

struct RequestEdit {
  std::optional<std::vector<DateRange>> preferred;  // unset: unchanged
  std::optional<std::vector<std::string>> focus;
};
Status edit_request(Draft& draft, const User& who, const std::string& request_id, const RequestEdit& edit,
                    const Precondition& expected);

// REQUIRES: `week` is a Monday. Cost: one team matching for that week (or a
// cache lookup), then the Service's whole-plan check.
Status book(Draft& draft, const User& who, const std::string& request_id, Date week, const Precondition& expected);
Status reschedule(Draft& draft, const User& who, const std::string& request_id, Date week, const Precondition& expected);
Status cancel(Draft& draft, const User& who, const std::string& request_id, const Precondition& expected);

}  // namespace peerslot::service
