// notifications.h — the mail one change to the programme sends: after every
// change the service passes the State before and after it and the people
// who may hear of it, and queues what comes back in the same transaction.
//
// Who hears what (the events are challenge_events.h's):
//   - a peer invited onto a team gets an invitation (iTIP REQUEST, RSVP
//     asked) naming the council, the days on site, the seat, with Accept and
//     Decline links (signed_link.h); when the booking moves while the peer
//     stays, an updated REQUEST (PARTSTAT ACCEPTED once they accepted); when
//     they leave the team, decline or the booking is cancelled, a CANCEL;
//   - each user of a council (a council may have several) gets a REQUEST when
//     its challenge is booked or moved, describing the team and the
//     milestones; a CANCEL when it is cancelled; a plain notice of team
//     changes on a booking that was not newly booked. A council user is an
//     ATTENDEE with RSVP=FALSE and PARTSTAT=ACCEPTED: the booking is the
//     council's own request and it has nothing to answer (a REPLY from its
//     calendar would change nothing);
//   - a political group office gets a plain notice when one of its party's
//     councillor peers is invited, saying its approval is awaited.
// Told once: for one change each person gets at most one message per METHOD
// (REQUEST, CANCEL) and at most one plain notice; several challenges share
// the message, one VEVENT each in its one VCALENDAR (see
// notifications.cpp for RFC 5546 on this).
// Every challenge's event has the UID "challenge-<request id>@peerslot"
// forever; its SEQUENCE is 0 the first time anything about it goes out and
// one more in every later change that sends anything about it (booked,
// moved, team changed, cancelled), so calendars apply updates in order.
// Text names councils, peers, seats and dates in words, never an id (ids
// appear only inside the links and the UID).
// A recipient without an email address, or who muted the message's kind,
// gets nothing of it.
//
// Guarantees: pure apart from *sequences; output is in the order of
// `people`, then REQUEST, CANCEL, plain notice.
// Cost: O(events × team + people) plus the text (each person looks only at
// the changes that may concern them). Thread-safety: pure function of
// immutable States; *sequences belongs to the caller's transaction.
#pragma once

#include "service/mail.h"
#include "service/records.h"
#include "service/state.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace peerslot::service {

// Who may be told: the user accounts as notifications see them.
struct Recipient {
  std::string name, email;
  std::string role;     // council | peer | group | office
  std::string subject;  // council id, peer id or (group) party name
  std::set<std::string> muted;  // kinds of notice (notice_kinds()) they do not want
};

struct NoticeSettings {
  std::string organizer_name, organizer_email;  // the programme office, sender and ORGANIZER
  std::string public_url;  // where people reach the service, e.g. "http://127.0.0.1:8080" (no trailing slash)
  std::string link_key;    // the key of the Accept and Decline links (signed_link.h)
  std::int64_t now = 0;    // Unix seconds, UTC: the DTSTAMP
};

// The mail for the change from `before` to `after`. `sequences` is read and
// updated for every challenge whose event goes out; it may be nullptr (every
// challenge then counts as never sent).
std::vector<Mail> notices_for_change(const State& before, const State& after, const std::vector<Recipient>& people,
                                     const NoticeSettings& settings, Sequences* sequences);

// The kinds of Mail a person can mute, in the order a settings page lists
// them: invitation, invitation cancelled, booking, team changed, approval
// needed, milestone due (milestone_notices.h), solve applied (solve_summary.h).
const std::vector<std::string>& notice_kinds();
// One sentence for a settings page, e.g. "When you are invited onto the team
// of a peer challenge, or its dates change."; empty for an unknown kind.
std::string notice_kind_sentence(const std::string& kind);

}  // namespace peerslot::service
