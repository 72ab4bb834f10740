// milestone_notices.h — the reminders a council gets as the steps around
// its peer challenge come due: the scoping meeting, the position statement,
// the report and the progress review (milestones.h), each once, when its
// start is at most kMilestoneNoticeDays days away.
//
// Who hears what: each user of the booked challenge's council (role
// council) gets one plain message per call listing every step of theirs
// now due, in words (the challenge, its council, the step and its dates);
// nobody who muted kMilestoneDueKind, or has no address.
// Sent once: each step is known by a key of its request, kind and start
// date, so a step already in `sent` is not sent again, while a booking that
// moved has new dates and so new keys (its steps are told again).
// Guarantees: pure; mail in the order of `people`, steps in date order.
// Cost: O(bookings × people) plus the text.
// Thread-safety: pure function of an immutable State.
#pragma once

#include "service/mail.h"
#include "service/notifications.h"
#include "service/state.h"

#include <set>
#include <string>
#include <vector>

namespace peerslot::service {

inline constexpr const char* kMilestoneDueKind = "milestone due";
inline constexpr int kMilestoneNoticeDays = 14;

struct DueMilestones {
  std::vector<Mail> mail;
  std::vector<std::string> keys;  // the steps told now, to add to `sent`
};

DueMilestones due_milestone_notices(const State& state, Date today, const std::vector<Recipient>& people,
                                    const NoticeSettings& settings, const std::set<std::string>& sent);

}  // namespace peerslot::service
