// ical.h — iCalendar (RFC 5545) feeds of challenge days for one council or
// one peer, for Outlook, Google Calendar and Thunderbird to subscribe to.
//
// Guarantees: one all-day VEVENT per on-site day (bank holidays skipped, as
// the time model says), with a UID stable across fetches
// (request-peer-or-council-date@peerslot); CRLF line ends; text escaped
// (\\ ; , and newlines) and lines folded at 75 octets.
// Thread-safety: pure functions of an immutable State.
#pragma once

#include "http/state.h"

#include <string>

namespace peerslot::http {

std::string council_calendar(const State& state, const std::string& council_id);
std::string peer_calendar(const State& state, const std::string& peer_id);

}  // namespace peerslot::http
