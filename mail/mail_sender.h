// mail_sender.h — the thread that drains the store's outbox: every poll
// interval (or at once when woken) it takes the messages that are due and
// hands each to the transport, reporting the outcome back to the queue.
//
// Guarantees: the thread runs a round as it starts, then after each poll
// interval or wake(). A round takes at most `batch` due messages (oldest
// first) and reports every one it tried: mail_sent on success, mail_failed
// with the transport's words otherwise (the queue then backs off or keeps
// it as a dead letter), at the clock's time after the attempt. stop() lets
// the message in hand finish, then returns once the thread has ended:
// within one transport attempt (bounded by its timeout), never a whole poll
// interval. The queue's own failures go to `on_trouble`, in words.
// The thread is a RoundThread (round_thread.h).
// Thread-safety: start(), stop() and wake() may be called from any thread;
// deliver_due() is for one caller at a time (the sender's thread, or a test
// while no thread runs); `clock` and `on_trouble` are called on the thread
// running the round. The destructor stops the thread. The queue and the
// transport must outlive the sender.
#pragma once

#include "mail/round_thread.h"
#include "service/mail.h"

#include <cstdint>
#include <functional>
#include <string>

namespace peerslot::mail {

using MailSenderOptions = SenderOptions;

class MailSender {
 public:
  MailSender(service::MailQueue& queue, service::MailTransport& transport, MailSenderOptions options = {});
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Starts the thread; does nothing when it runs already.
  void start();
  // Stops the thread after its current message; does nothing when none runs.
  void stop();
  // Makes the thread look at the outbox now rather than at its next poll.
  void wake();
  // One round, here and now: the messages due by `now` sent and reported.
  // Returns how many were sent.
  int deliver_due(std::int64_t now);

 private:

  service::MailQueue& queue_;
  service::MailTransport& transport_;
  MailSenderOptions options_;
  RoundThread thread_;
};

}  // namespace peerslot::mail
