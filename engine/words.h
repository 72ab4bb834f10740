// words.h — how the engine writes dates, weeks, financial years, roles and
// kinds of challenge for people to read: "Monday 7 May 2012", "2012/13",
// "councillor peer", "progress review". Every sentence a council, a peer or
// the programme office reads is built from these, so a date or a role reads
// the same on every page, in every reason and in every calendar entry.
//
// Guarantees: pure functions of their arguments; English (en-GB) words,
// day-month-year order, no leading zero on the day.
// Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"
#include "engine/scenario.h"

#include <string>

namespace peerslot {

// "7 May 2012".
std::string date_words(Date d);
// "Monday 7 May 2012".
std::string day_words(Date d);
// "the week of Monday 7 May 2012" (REQUIRES: monday is a Monday).
std::string week_words(Date monday);
// "7 May to 28 May 2012", "20 December 2011 to 6 January 2012", "7 May 2012".
std::string range_words(Date first, Date last);
// Financial year FY2012 as "2012/13".
std::string year_words(int financial_year);
// "councillor peer", "chief executive peer", "officer peer", "expert peer",
// "peer challenge manager".
std::string role_words(Role role);
// "corporate peer challenge", "subject peer challenge", "member peer
// support", "progress review"; the kind itself for an unknown kind.
std::string kind_words(const std::string& kind);
// The same words with the first letter in capitals: "Councillor peer".
std::string capitalised(std::string text);
// And with the first letter in lower case, for a sentence put after a colon.
std::string uncapitalised(std::string text);

}  // namespace peerslot
