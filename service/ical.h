// ical.h — iCalendar (RFC 5545) feeds of challenge days for one council or
// one peer, for Outlook, Google Calendar and Thunderbird to subscribe to.
//
// Guarantees: one all-day VEVENT per on-site day (bank holidays skipped, as
// the time model says), with a UID stable across fetches
// (request-peer-or-council-date@peerslot), and one free-time VEVENT per
// milestone before and after (scoping meeting, position statement, report,
// progress review: service/milestones.h; UID request-owner-kind@peerslot); CRLF line ends, never a bare CR
// or LF; text escaped per RFC 5545 (\\ ; , and a line feed as \n; CR and
// other control characters dropped; invalid UTF-8 replaced by U+FFFD); lines
// folded so that none exceeds 75 octets before its CRLF, never inside a
// UTF-8 sequence, so every line is valid UTF-8.
// The council or peer id must be one of the State's scenario.
// Thread-safety: pure functions of an immutable State.
#pragma once

#include "service/state.h"

#include <string>

namespace peerslot::service {

std::string council_calendar(const State& state, const std::string& council_id);
std::string peer_calendar(const State& state, const std::string& peer_id);
// One request's booking (on-site days and milestones) as a file to add to
// a calendar; no events when it is not booked. The request must be one of
// the State's scenario.
std::string booking_calendar(const State& state, const std::string& request_id);

}  // namespace peerslot::service
