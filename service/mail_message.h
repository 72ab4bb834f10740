// mail_message.h — a Mail and its envelope written out as the message that
// travels: RFC 5322 headers and a MIME body (RFC 2045-2047), with an
// invitation as iMIP (RFC 6047) when the Mail carries a calendar.
//
// Guarantees: CRLF line ends only (no bare CR or LF); no line over 78
// octets but for a long address, message id or unbreakable subject word,
// and never one over 998; no encoded-word line over 76.
// Headers: From and To with the name (a quoted string, or RFC 2047
// encoded-words when it is not plain ASCII), Subject (encoded-words, UTF-8
// base64, when it is not plain ASCII or could be mistaken for one), Date in
// UTC (+0000), Message-ID, MIME-Version, Auto-Submitted: auto-generated.
// No header value carries a CR, LF or other control character (each
// becomes a space, so no header can be injected); addresses and the
// message id also lose spaces and <>,;"\ and are cut at 254 octets (RFC
// 5321's longest path); invalid UTF-8 becomes U+FFFD.
// Body without a calendar: one text/plain; charset=utf-8 part in
// quoted-printable, each "\n" of the text a line break, the text ending in
// one. With a calendar: multipart/alternative of that text and a
// text/calendar; charset=utf-8; method=M part in base64, M being the
// object's own METHOD (Mail::calendar_method when it has none), with a
// boundary that starts "=_" (which neither quoted-printable nor base64 can
// produce) followed by 32 random hex digits.
// Thread-safety: a pure function but for the random boundary; safe to call
// from any thread. Cost: linear in the size of the text and calendar.
#pragma once

#include "service/mail.h"

#include <string>

namespace peerslot::service {

std::string rfc5322_message(const Mail& mail, const MailEnvelope& envelope);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines are separated
// by "\n" (or "\r\n"): CRLF line ends, lines of at most 76 octets with soft
// breaks, '=' and every octet outside printable ASCII as =XX, a space or tab
// before a line end encoded. Exposed for tests.
std::string quoted_printable(const std::string& text);

}  // namespace peerslot::service
