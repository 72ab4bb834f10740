// party_report.h — the councillor-peer days each party's peers have given,
// against the party's proportional share, for each financial year of the
// programme: what the four political group offices share out.
//
// The proportional share of a party in a year is its share of the
// programme's councils under its control on 1 April of that year (or on
// the programme's first day, if later), among the councils under one
// party's control; councils with no overall control are left out. (The
// scenario has no councillor numbers, which is what the group offices'
// own proportionality counts.) Days are on-site days of booked teams,
// split over financial years as the load cost splits them.
// Cost: O(bookings × team + councils × years).
// Thread-safety: pure function of an immutable State.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

namespace peerslot::service {

// {"basis": "<the sentence above, for people>",
//  "years": [{"year": "2012/13", "parties": [{"party", "group", "days",
//  "share", "councils", "proportional_share"}]}]}; shares are fractions
// (0 when nothing is counted), parties sorted by name.
nlohmann::json party_report(const State& state);

}  // namespace peerslot::service
