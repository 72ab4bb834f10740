// mail_sender.cpp — a RoundThread whose round is deliver_due().
#include "mail/mail_sender.h"

#include "service/utc_time.h"

namespace peerslot::mail {

MailSender::MailSender(service::MailQueue& queue, service::MailTransport& transport, MailSenderOptions options)
    : queue_(queue), transport_(transport), options_(std::move(options)), thread_(options_.poll_seconds) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  thread_.start([this] { deliver_due(clock_now()); });
}

void MailSender::stop() { thread_.stop(); }

void MailSender::wake() { thread_.wake(); }

int MailSender::deliver_due(std::int64_t now) {
  Result<std::vector<service::QueuedMail>> due = queue_.due_mail(now, options_.batch);
  if (!due.is_ok()) {
    pass_on_failure(due.status());
    return 0;
  }
  int sent = 0;
  for (const service::QueuedMail& mail : due.value()) {
    if (thread_.stopping()) break;
    Status delivered = transport_.send(mail);
    if (delivered.is_ok()) ++sent;
    pass_on_failure(delivered.is_ok() ? queue_.mail_sent(mail.id, clock_now())
                                      : queue_.mail_failed(mail.id, delivered.message(), clock_now()));
  }
  return sent;
}

std::int64_t MailSender::clock_now() const { return options_.clock ? options_.clock() : service::unix_now(); }

void MailSender::pass_on_failure(const Status& status) {
  if (!status.is_ok() && options_.on_trouble) options_.on_trouble(status.message());
}

}  // namespace peerslot::mail
