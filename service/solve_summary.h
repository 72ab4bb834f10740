// solve_summary.h — what the programme office is told when a solve is
// applied: one plain message to each office user, counting in words what
// the solve did (challenges booked, moved and cancelled; peers invited
// onto teams and taken off them). The councils and peers concerned get the
// change's usual notices (notifications.h), each person one message however
// many of their bookings moved.
// Guarantees: pure; one Mail per office user with an address who did not
// mute kSolveAppliedKind, in the order of `people`; none when the solve
// changed nothing.
// Cost: O(events). Thread-safety: pure function of immutable States.
#pragma once

#include "service/mail.h"
#include "service/notifications.h"
#include "service/state.h"

#include <vector>

namespace peerslot::service {

inline constexpr const char* kSolveAppliedKind = "solve applied";
// The action of the change that applies a solve job, followed by its number.
inline constexpr const char* kApplySolveAction = "apply solve job ";

std::vector<Mail> solve_summary(const State& before, const State& after, const std::vector<Recipient>& people,
                                const NoticeSettings& settings);

}  // namespace peerslot::service
