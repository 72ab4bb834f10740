// mail_sender.cpp — one thread waiting on a condition variable between
// rounds; the round itself is deliver_due().
#include "mail/mail_sender.h"

#include <chrono>

namespace peerslot::mail {

MailSender::MailSender(service::MailQueue& queue, service::MailTransport& transport, MailSenderOptions options)
    : queue_(queue), transport_(transport), options_(std::move(options)) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
  std::lock_guard<std::mutex> control(control_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void MailSender::stop() {
  std::lock_guard<std::mutex> control(control_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = false;  // deliver_due() works again, and so does start()
}

void MailSender::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

int MailSender::deliver_due(std::int64_t now) {
  Result<std::vector<service::QueuedMail>> due = queue_.due_mail(now, options_.batch);
  if (!due.is_ok()) {
    pass_on_failure(due.status());
    return 0;
  }
  int sent = 0;
  for (const service::QueuedMail& mail : due.value()) {
    if (stopping()) break;
    Status delivered = transport_.send(mail);
    if (delivered.is_ok()) ++sent;
    pass_on_failure(delivered.is_ok() ? queue_.mail_sent(mail.id, clock_now())
                                      : queue_.mail_failed(mail.id, delivered.message(), clock_now()));
  }
  return sent;
}

void MailSender::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    deliver_due(clock_now());
    lock.lock();
    changed_.wait_for(lock, std::chrono::seconds(options_.poll_seconds), [this] { return stopping_ || woken_; });
  }
}

std::int64_t MailSender::clock_now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool MailSender::stopping() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void MailSender::pass_on_failure(const Status& status) {
  if (!status.is_ok() && options_.on_trouble) options_.on_trouble(status.message());
}

}  // namespace peerslot::mail
