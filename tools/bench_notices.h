// bench_notices.h — the `notices` part of `peerslot bench`: what the mail
// of one change costs (notifications.h's notices_for_change over every
// person of a national programme), beside the whole-plan check each change
// also makes, so the ratio shows what the notices add.
// Thread-safety: single-threaded; prints Markdown to stdout.
#pragma once

#include "engine/scenario.h"

namespace peerslot {

// REQUIRES: `plan` is a plan of `national` with at least two bookings.
void bench_notices(const Scenario& national, const Plan& plan);

}  // namespace peerslot
