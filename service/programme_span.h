// programme_span.h — the dates a council or peer may speak of: from the
// Monday of the window's first week to the Sunday of its last (people edit
// whole weeks), and the check that a list of ranges stays inside it.
// Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"

#include <string>
#include <vector>

namespace peerslot::service {

DateRange programme_span(const DateRange& window);
// Whether every date of `ranges` lies in `span`: invalid naming the date's
// field otherwise. `field` names the list ("blackouts" gives
// "blackouts[2].end"), or is empty for one range sent as "start" and "end".
Status check_in_span(const std::vector<DateRange>& ranges, const DateRange& span, const std::string& field);

}  // namespace peerslot::service
