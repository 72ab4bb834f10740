// calendar_reply.h — a peer's answer to an invitation as their calendar
// client mails it back (an iTIP REPLY, RFC 5546 3.2.3, sent by iMIP,
// RFC 6047), read from the programme office's mailbox by the mail layer
// (mail/mailbox_reader.h), and the interface that takes it in.
//
// A reply by mail carries no signature: the service takes it only when it
// names a challenge's invitation (invitation_uid()), its sender is the
// attendee it answers for, that address is an enabled peer user's, the
// peer is on the booked team, and it answers the latest version of the
// invitation (its SEQUENCE is not below the one last sent). A forged From
// header still passes these checks, so a mailbox should be one whose
// server checks senders (SPF, DKIM, DMARC); the signed links in each
// invitation need no such trust.
// Thread-safety: CalendarReply is a plain value; see each implementation.
#pragma once

#include "engine/status.h"

#include <string>

namespace peerslot::service {

struct CalendarReply {
  std::string sender;    // the mail's From address, lower case
  std::string uid;       // the VEVENT's UID
  int sequence = 0;      // the VEVENT's SEQUENCE (0 when absent)
  std::string attendee;  // the ATTENDEE's address, "mailto:" taken off, lower case
  std::string partstat;  // ACCEPTED, DECLINED, TENTATIVE, ... (upper case)
};

class CalendarReplies {
 public:
  virtual ~CalendarReplies() = default;
  // Records the answer as the peer's own, as its signed link would. Ok
  // with what was done in words; otherwise why it was not taken, in words
  // that follow "the reply was not recorded: " (no one field is to blame):
  // invalid (not an answer peerslot records), not_found (no such peer or
  // challenge), conflict (not on the team, or an earlier version's answer).
  virtual Result<std::string> take_reply(const CalendarReply& reply) = 0;
};

}  // namespace peerslot::service
