// mailbox_reader.h — the thread that reads peers' calendar replies from
// the programme office's mailbox (imap_mailbox.h): every poll interval it
// takes the messages peerslot has not read yet, oldest first, finds their
// calendar replies (calendar_replies.h) and hands each to the service
// (service/calendar_reply.h), which records or refuses it.
//
// Guarantees: a round reads at most `batch` messages; each is marked read
// by peerslot once its replies were handed over, so it is never handed
// over twice, and a message that could not be fetched stays unread for the
// next round. A message whose reply was recorded is left \Seen; any other
// (a person's mail, a refused reply) gets back the \Seen it had, so people
// reading the mailbox still see it as new. Each refusal, and each failure
// of the mailbox, goes to `on_trouble` in words. stop() returns within one
// IMAP command (bounded by the mailbox's timeout).
// Thread-safety: start() and stop() from any thread; read_new() for one
// caller at a time. The replies and the mailbox must outlive the reader.
#pragma once

#include "mail/imap_mailbox.h"
#include "mail/round_thread.h"
#include "service/calendar_reply.h"

namespace peerslot::mail {

class MailboxReader {
 public:
  MailboxReader(service::CalendarReplies& replies, ImapMailbox& mailbox, SenderOptions options);
  ~MailboxReader();
  MailboxReader(const MailboxReader&) = delete;
  MailboxReader& operator=(const MailboxReader&) = delete;

  void start();
  void stop();
  // One round, here and now; returns how many replies were recorded.
  int read_new();

 private:
  // Hands over the message's replies; whether any was recorded.
  bool take_replies(const std::string& message);

  service::CalendarReplies& replies_;
  ImapMailbox& mailbox_;
  SenderOptions options_;
  RoundThread thread_;
};

}  // namespace peerslot::mail
