// ical_text.h — the text layer of iCalendar (RFC 5545) shared by the
// calendar feeds (ical.h) and the invitations sent by mail
// (invitation_calendar.h): TEXT escaping, parameter values, content lines
// folded at 75 octets, and DATE and UTC DATE-TIME values.
//
// Guarantees: escaped_text() escapes \\ ; , and writes a line feed as \n,
// drops CR and every other control character and replaces invalid UTF-8 by
// U+FFFD (RFC 5545 3.3.11); parameter_value() is a valid param-value (3.1),
// quoted when it holds , ; or :; content_line() ends in CRLF, never holds a
// bare CR or LF of its own making, and folds so that no physical line
// exceeds 75 octets before its CRLF (a continuation's leading space counts),
// never inside a UTF-8 sequence.
// Cost: linear in the text. Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"

#include <cstdint>
#include <string>

namespace peerslot::service {

// A TEXT value, escaped.
std::string escaped_text(const std::string& text);
// A parameter value such as a CN: control characters and double quotes
// dropped, invalid UTF-8 replaced, then quoted when it holds , ; or :.
std::string parameter_value(const std::string& text);
// One content line (name, parameters, ':' and value), folded, with its CRLF.
// The content must hold no CR or LF (escaped text never does).
std::string content_line(const std::string& content);
// A DATE value: "20110614".
std::string date_value(Date day);
// A UTC DATE-TIME value of Unix seconds: "20110614T093000Z".
std::string utc_date_time(std::int64_t unix_seconds);

}  // namespace peerslot::service
