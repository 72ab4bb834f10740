// invitation_calendar.h — iTIP (RFC 5546) scheduling objects for invitations
// sent by mail (iMIP, RFC 6047): a REQUEST that invites or updates, a
// CANCEL that takes an event back. One all-day VEVENT per challenge.
//
// Guarantees: the VCALENDAR holds PRODID, VERSION:2.0 and METHOD; each
// VEVENT holds what RFC 5546 requires of its method — REQUEST (3.2.2):
// ATTENDEE, DTSTAMP, DTSTART, ORGANIZER, SEQUENCE, SUMMARY, UID; CANCEL
// (3.2.5): ATTENDEE (those the event is taken from), DTSTAMP, ORGANIZER,
// SEQUENCE, UID, STATUS:CANCELLED — and also DTSTART;VALUE=DATE (the first
// day), DTEND;VALUE=DATE (the day after the last, as RFC 5545 3.6.1 has it
// for all-day events), SUMMARY, LOCATION, DESCRIPTION, STATUS
// (CONFIRMED for a REQUEST) and TRANSP:OPAQUE. Text is escaped, CN quoted
// when needed, lines folded at 75 octets with CRLF ends (ical_text.h).
// Several VEVENTs share one VCALENDAR only when they share its METHOD.
// Cost: linear in the text. Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

struct Attendee {
  std::string name, email;
  std::string partstat;  // NEEDS-ACTION | ACCEPTED | DECLINED
  bool rsvp = false;     // whether the organizer asks for a reply
};

struct Invitation {
  std::string method;  // REQUEST | CANCEL
  std::string uid;     // stable for the life of the event
  int sequence = 0;    // raised with every update and cancellation
  Date first_day, last_day;
  std::string summary, location, description;
  std::string organizer_name, organizer_email;
  std::vector<Attendee> attendees;
  std::int64_t stamp = 0;  // Unix seconds, UTC: when the message was made
};

// The UID of a challenge's events: "challenge-<request>@peerslot".
std::string invitation_uid(const std::string& request_id);
// The request an invitation_uid() names; nullopt for any other UID.
std::optional<std::string> request_of_uid(const std::string& uid);

// A VCALENDAR of one VEVENT.
std::string invitation_calendar(const Invitation& invitation);
// A VCALENDAR of one VEVENT per invitation, in order, with the first's
// METHOD. REQUIRES: not empty; every invitation has the same method and a
// different uid.
std::string invitation_calendar(const std::vector<Invitation>& invitations);

}  // namespace peerslot::service
