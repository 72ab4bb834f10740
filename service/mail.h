// mail.h — mail as the service sees it: a message it composes (Mail), the
// same message queued in the store's outbox (QueuedMail), and the transport
// that carries a queued message away (MailTransport: the outbox folder of
// .eml files by default, or an SMTP server; both live in mail/).
//
// Guarantees: the service queues a message in the same transaction as the
// change that caused it, so nothing is lost when the transport is down; a
// queued message is retried with backoff (Service::mail_failed) and kept as
// a dead letter after kMailAttempts failures, never dropped.
// Thread-safety: plain values; a MailTransport is used by one thread (the
// mail sender's).
#pragma once

#include "engine/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace peerslot::service {

// A message the service composes: one recipient, a plain-text body and, for
// an invitation (iMIP, RFC 6047), one iCalendar object with its METHOD.
struct Mail {
  std::string to;        // the recipient's address, e.g. "jo@example.org"
  std::string to_name;   // the recipient's name, e.g. "Jo Bloggs"
  std::string subject;   // UTF-8
  std::string text;      // UTF-8, lines separated by "\n"
  std::string calendar;  // an iCalendar object (CRLF lines), or empty
  std::string calendar_method;  // its METHOD (REQUEST, CANCEL), when calendar is set
  std::string kind;      // what it is about, for preferences and the outbox list, e.g. "invitation"
};

// The sender and stamp of a message on its way out.
struct MailEnvelope {
  std::string from;       // the programme office's address
  std::string from_name;  // e.g. "peerslot programme office"
  std::string message_id; // without angle brackets, e.g. "42.1733130000@peerslot.example.org"
  std::int64_t date = 0;  // seconds since the Unix epoch, UTC
};

// Failures before a queued message becomes a dead letter.
inline constexpr int kMailAttempts = 8;

// A message in the store's outbox.
struct QueuedMail {
  std::int64_t id = 0;
  std::int64_t created_at = 0;  // Unix seconds
  std::string sender;           // envelope sender (MAIL FROM)
  std::string recipient;        // envelope recipient (RCPT TO)
  std::string subject;
  std::string kind;
  std::string message;          // the whole RFC 5322 message, CRLF lines
  std::string status;           // queued | sent | dead
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;
  std::int64_t sent_at = 0;
};

// Carries one message away. send() returns ok once the message is handed
// over for good (written to the folder, accepted by the SMTP server), and
// an io_error in words otherwise (the message is then retried).
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual Status send(const QueuedMail& mail) = 0;
  // Where mail goes, for people: "the folder /x/outbox" or "smtp://host:587 (STARTTLS)".
  virtual std::string where() const = 0;
};

// The outbox as the mail sender sees it (the Service implements it).
// Thread-safety: every member may be called from any thread.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Queued messages whose next attempt is due by `now`, oldest first, at most `limit`.
  virtual Result<std::vector<QueuedMail>> due_mail(std::int64_t now, int limit) = 0;
  virtual Status mail_sent(std::int64_t id, std::int64_t now) = 0;
  // A failed attempt: retried after a backoff (a minute by default, doubled
  // each time, at most an hour) or, after kMailAttempts failures, kept as a
  // dead letter.
  virtual Status mail_failed(std::int64_t id, const std::string& error, std::int64_t now) = 0;
};

}  // namespace peerslot::service
