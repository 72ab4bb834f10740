// mail_sender.cpp — a RoundThread whose round is deliver_due().
#include "mail/mail_sender.h"

namespace peerslot::mail {

MailSender::MailSender(service::MailQueue& queue, service::MailTransport& transport, MailSenderOptions options)
    : queue_(queue), transport_(transport), options_(std::move(options)), thread_(options_.poll_seconds) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  thread_.start([this] { deliver_due(options_.now()); });
}

void MailSender::stop() { thread_.stop(); }

void MailSender::wake() { thread_.wake(); }

int MailSender::deliver_due(std::int64_t now) {
  Result<std::vector<service::QueuedMail>> due = queue_.due_mail(now, options_.batch);
  if (!due.is_ok()) {
    options_.report(due.status());
    return 0;
  }
  int sent = 0;
  for (const service::QueuedMail& mail : due.value()) {
    if (thread_.stopping()) break;
    Status delivered = transport_.send(mail);
    if (delivered.is_ok()) ++sent;
    options_.report(delivered.is_ok() ? queue_.mail_sent(mail.id, options_.now())
                                      : queue_.mail_failed(mail.id, delivered.message(), options_.now()));
  }
  return sent;
}

}  // namespace peerslot::mail
