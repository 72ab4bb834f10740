// calendar_replies.h — the calendar answers in one mail message as it
// arrives in the programme office's mailbox: each text/calendar part
// (RFC 6047, iMIP) whose METHOD is REPLY (RFC 5546 3.2.3), read with GMime
// (MIME structure, transfer encodings) and libical (iCalendar), both from
// Debian, so an Outlook, Google or Thunderbird reply reads as it was meant.
//
// Guarantees: one CalendarReply per ATTENDEE of each VEVENT of each such
// part, in the order they appear, with the message's first From address;
// addresses lower case with "mailto:" taken off; a part that does not
// parse, or another METHOD (REQUEST, COUNTER, ...), gives nothing. Never
// throws; any bytes may be passed.
// Thread-safety: may be called from any thread (GMime is set up once per
// process, the first time).
// Cost: linear in the message's size.
#pragma once

#include "service/calendar_reply.h"

#include <string>
#include <vector>

namespace peerslot::mail {

std::vector<service::CalendarReply> calendar_replies(const std::string& message);

}  // namespace peerslot::mail
