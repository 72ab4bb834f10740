// Mail leaving the service: the outbox folder of .eml files, SMTP through
// libcurl against a real aiosmtpd server, the settings URL, and the sender
// thread with a fake queue and transport.
#include "mail/mail_sender.h"
#include "mail/outbox_folder.h"
#include "mail/smtp_transport.h"
#include "tests/e2e/smtp_server.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

using namespace peerslot;

namespace {

// A fresh directory under /tmp, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char pattern[] = "/tmp/peerslot-mail-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::string contents(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

service::QueuedMail queued(std::int64_t id, const std::string& recipient, const std::string& subject) {
  service::QueuedMail mail;
  mail.id = id;
  mail.created_at = 1733130000 + id;
  mail.sender = "office@peerslot.example.org";
  mail.recipient = recipient;
  mail.subject = subject;
  mail.message = "From: office@peerslot.example.org\r\nTo: " + recipient + "\r\nSubject: " + subject +
                 "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMessage " + std::to_string(id) +
                 " for " + recipient + ".\r\n.A line starting with a dot.\r\n";
  mail.status = "queued";
  return mail;
}

// The outbox in memory, as the service's queue behaves: backoff of a
// minute per failure, dead after kMailAttempts.
class FakeQueue : public service::MailQueue {
 public:
  void add(service::QueuedMail mail) {
    std::lock_guard<std::mutex> lock(mutex_);
    mail_.push_back(std::move(mail));
  }
  Result<std::vector<service::QueuedMail>> due_mail(std::int64_t now, int limit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<service::QueuedMail> due;
    for (const auto& mail : mail_)
      if (mail.status == "queued" && mail.next_attempt_at <= now && static_cast<int>(due.size()) < limit) due.push_back(mail);
    return due;
  }
  Status mail_sent(std::int64_t id, std::int64_t now) override {
    std::lock_guard<std::mutex> lock(mutex_);
    find(id).status = "sent";
    find(id).sent_at = now;
    reports_.push_back("sent " + std::to_string(id));
    changed_.notify_all();
    return Status::ok();
  }
  Status mail_failed(std::int64_t id, const std::string& error, std::int64_t now) override {
    std::lock_guard<std::mutex> lock(mutex_);
    service::QueuedMail& mail = find(id);
    mail.last_error = error;
    mail.next_attempt_at = now + 60;
    if (++mail.attempts >= service::kMailAttempts) mail.status = "dead";
    reports_.push_back("failed " + std::to_string(id) + ": " + error);
    changed_.notify_all();
    return Status::ok();
  }
  // Waits (at most half a minute, a guard against a hang) until `count` reports arrived.
  bool wait_for_reports(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return reports_.size() >= count; });
  }
  std::vector<std::string> reports() {
    std::lock_guard<std::mutex> lock(mutex_);
    return reports_;
  }
  service::QueuedMail mail(std::int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return find(id);
  }

 private:
  service::QueuedMail& find(std::int64_t id) {
    return *std::find_if(mail_.begin(), mail_.end(), [&](const service::QueuedMail& m) { return m.id == id; });
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<service::QueuedMail> mail_;
  std::vector<std::string> reports_;
};

// Refuses every message to an address containing "bounce"; can be made to
// hold each message until released.
class FakeTransport : public service::MailTransport {
 public:
  Status send(const service::QueuedMail& mail) override {
    std::unique_lock<std::mutex> lock(mutex_);
    tried_.push_back(mail.id);
    changed_.notify_all();
    changed_.wait(lock, [&] { return !holding_; });
    if (mail.recipient.find("bounce") != std::string::npos) return Status::io_error("mailbox " + mail.recipient + " is full");
    return Status::ok();
  }
  std::string where() const override { return "the fake"; }
  void hold() {
    std::lock_guard<std::mutex> lock(mutex_);
    holding_ = true;
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      holding_ = false;
    }
    changed_.notify_all();
  }
  bool wait_for_tries(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return tried_.size() >= count; });
  }
  std::vector<std::int64_t> tried() {
    std::lock_guard<std::mutex> lock(mutex_);
    return tried_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool holding_ = false;
  std::vector<std::int64_t> tried_;
};

}  // namespace

TEST_CASE("the outbox folder writes one .eml file per message, named by its time and id", "[mail]") {
  TempDir temp;
  std::filesystem::path folder = temp.path / "deep" / "outbox";
  mail::OutboxFolder outbox(folder);
  CHECK(outbox.where() == "the folder " + folder.string());
  service::QueuedMail first = queued(7, "jo@example.org", "One");
  service::QueuedMail second = queued(8, "sam@example.org", "Two");
  REQUIRE(outbox.send(first).is_ok());
  REQUIRE(outbox.send(second).is_ok());
  std::vector<std::filesystem::path> files = files_in(folder);
  REQUIRE(files.size() == 2);
  CHECK(files[0].filename() == "20241202T090007Z-00000007.eml");
  CHECK(files[1].filename() == "20241202T090008Z-00000008.eml");
  CHECK(contents(files[0]) == first.message);
  CHECK(contents(files[1]) == second.message);
}

TEST_CASE("the outbox folder replaces the file when the same message is sent again", "[mail]") {
  TempDir temp;
  mail::OutboxFolder outbox(temp.path);
  service::QueuedMail mail = queued(7, "jo@example.org", "One");
  REQUIRE(outbox.send(mail).is_ok());
  mail.message += "Sent again after a crash.\r\n";
  REQUIRE(outbox.send(mail).is_ok());
  std::vector<std::filesystem::path> files = files_in(temp.path);
  REQUIRE(files.size() == 1);
  CHECK(contents(files[0]) == mail.message);
}

TEST_CASE("the outbox folder says in words why it cannot write", "[mail]") {
  TempDir temp;
  std::ofstream(temp.path / "plain") << "a regular file, not a folder";
  mail::OutboxFolder outbox(temp.path / "plain" / "outbox");
  Status status = outbox.send(queued(7, "jo@example.org", "One"));
  REQUIRE_FALSE(status.is_ok());
  CHECK(status.code() == Status::Code::kIOError);
  CHECK_THAT(status.message(), Catch::Contains((temp.path / "plain" / "outbox").string()) && Catch::Contains("Not a directory"));
}

TEST_CASE("the SMTP settings come from an smtp:// address, and a bad part is named", "[mail]") {
  Result<mail::SmtpSettings> full = mail::smtp_settings("smtp://mailer:s%40cret%3Ax@mail.example.org:587?starttls=1&timeout=10");
  REQUIRE(full.is_ok());
  CHECK(full.value().host == "mail.example.org");
  CHECK(full.value().port == 587);
  CHECK(full.value().starttls);
  CHECK(full.value().username == "mailer");
  CHECK(full.value().password == "s@cret:x");
  CHECK(full.value().timeout_seconds == 10);
  CHECK(mail::SmtpTransport(full.value()).where() == "the SMTP server mail.example.org:587 (STARTTLS)");

  Result<mail::SmtpSettings> bare = mail::smtp_settings("smtp://localhost/");
  REQUIRE(bare.is_ok());
  CHECK(bare.value().host == "localhost");
  CHECK(bare.value().port == 25);
  CHECK_FALSE(bare.value().starttls);
  CHECK(bare.value().username.empty());
  CHECK(bare.value().timeout_seconds == 30);
  CHECK(mail::SmtpTransport(bare.value()).where() == "the SMTP server localhost:25");
  Result<mail::SmtpSettings> v6 = mail::smtp_settings("smtp://[::1]:2525");
  REQUIRE(v6.is_ok());
  CHECK(v6.value().host == "[::1]");
  CHECK(v6.value().port == 2525);

  const std::map<std::string, std::string> bad = {
      {"http://mail.example.org", "smtp://"},
      {"smtp://", "host name is missing"},
      {"smtp://mail.example.org:0", "port \"0\""},
      {"smtp://mail.example.org:smtp", "port \"smtp\""},
      {"smtp://mail.example.org:70000", "from 1 to 65535"},
      {"smtp://mail_server", "host name \"mail_server\""},
      {"smtp://user:hunter2%zz@mail.example.org", "password has a broken %-escape"},
      {"smtp://:hunter2@mail.example.org", "user name before '@' is empty"},
      {"smtp://mail.example.org?starttls=yes", "starttls must be 1 or 0"},
      {"smtp://mail.example.org?timeout=0", "timeout must be"},
      {"smtp://mail.example.org?tls=1", "option \"tls\""},
      {"smtp://mail.example.org/relay", "path"},
      {"smtp://[::1", "closing ']'"},
  };
  for (const auto& [url, words] : bad) {
    Result<mail::SmtpSettings> parsed = mail::smtp_settings(url);
    INFO(url);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == Status::Code::kInvalid);
    CHECK(parsed.status().field() == "smtp");
    CHECK_THAT(parsed.status().message(), Catch::Contains(words));
    CHECK_THAT(parsed.status().message(), !Catch::Contains("hunter2"));
  }
}

TEST_CASE("the SMTP transport hands messages to a real SMTP server", "[mail]") {
  if (!peerslot::e2e::aiosmtpd_available()) {
    WARN("skipped: /usr/bin/python3 cannot import aiosmtpd");
    return;
  }
  TempDir temp;
  peerslot::e2e::SmtpServer server(temp.path / "maildir");
  Result<mail::SmtpSettings> settings = mail::smtp_settings("smtp://127.0.0.1:" + std::to_string(server.port()) + "?timeout=20");
  REQUIRE(settings.is_ok());
  mail::SmtpTransport smtp(settings.value());
  service::QueuedMail first = queued(1, "jo@example.org", "First message");
  service::QueuedMail second = queued(2, "sam@example.net", "Second message");
  Status sent_first = smtp.send(first);
  INFO(sent_first.message());
  REQUIRE(sent_first.is_ok());
  Status sent_second = smtp.send(second);
  INFO(sent_second.message());
  REQUIRE(sent_second.is_ok());

  std::vector<std::string> messages = server.delivered();
  REQUIRE(messages.size() == 2);
  for (const service::QueuedMail& mail : {first, second}) {
    auto received = std::find_if(messages.begin(), messages.end(), [&](const std::string& m) {
      return m.find("X-RcptTo: " + mail.recipient) != std::string::npos;
    });
    REQUIRE(received != messages.end());
    INFO(*received);
    CHECK_THAT(*received, Catch::Contains("X-MailFrom: office@peerslot.example.org"));
    CHECK_THAT(*received, Catch::Contains("Subject: " + mail.subject));
    CHECK_THAT(*received, Catch::Contains("Message " + std::to_string(mail.id) + " for " + mail.recipient + "."));
    CHECK_THAT(*received, Catch::Contains("\n.A line starting with a dot."));  // dot-stuffed and unstuffed
  }
}

TEST_CASE("with STARTTLS the SMTP transport checks the server's certificate and sends nothing in the clear", "[mail]") {
  if (!peerslot::e2e::aiosmtpd_available() || std::system("openssl version >/dev/null 2>&1") != 0) {
    WARN("skipped: needs /usr/bin/python3 with aiosmtpd, and openssl");
    return;
  }
  TempDir temp;
  std::string cert = (temp.path / "cert.pem").string(), key = (temp.path / "key.pem").string();
  std::string make_cert = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
                          "-keyout '" + key + "' -out '" + cert + "' >/dev/null 2>&1";
  REQUIRE(std::system(make_cert.c_str()) == 0);
  peerslot::e2e::SmtpServer server(temp.path / "maildir", 0, {"--tlscert", cert, "--tlskey", key});
  std::string base = "smtp://127.0.0.1:" + std::to_string(server.port()) + "?timeout=20";
  auto transport = [](const std::string& url) {
    Result<mail::SmtpSettings> settings = mail::smtp_settings(url);
    REQUIRE(settings.is_ok());
    return mail::SmtpTransport(settings.value());
  };

  Status trusted = transport(base + "&starttls=1&cacert=" + cert).send(queued(1, "jo@example.org", "Over TLS"));
  INFO(trusted.message());
  REQUIRE(trusted.is_ok());
  REQUIRE(server.delivered().size() == 1);
  CHECK_THAT(server.delivered()[0], Catch::Contains("Subject: Over TLS"));

  // A certificate the transport does not trust: nothing is sent.
  Status untrusted = transport(base + "&starttls=1").send(queued(2, "jo@example.org", "Unverified"));
  CHECK(untrusted.code() == Status::Code::kIOError);
  CHECK_THAT(untrusted.message(), Catch::Contains("127.0.0.1:" + std::to_string(server.port())));
  // Without STARTTLS the server, which requires it, takes nothing.
  CHECK(transport(base).send(queued(3, "jo@example.org", "In the clear")).code() == Status::Code::kIOError);
  CHECK(server.delivered().size() == 1);
}

TEST_CASE("an SMTP server that is not there gives an io_error naming it", "[mail]") {
  int port = peerslot::e2e::free_port();
  Result<mail::SmtpSettings> settings = mail::smtp_settings("smtp://127.0.0.1:" + std::to_string(port) + "?timeout=3");
  REQUIRE(settings.is_ok());
  mail::SmtpTransport smtp(settings.value());
  Status status = smtp.send(queued(1, "jo@example.org", "Nowhere"));
  REQUIRE_FALSE(status.is_ok());
  CHECK(status.code() == Status::Code::kIOError);
  CHECK_THAT(status.message(), Catch::Contains("the SMTP server 127.0.0.1:" + std::to_string(port)));
  CHECK_THAT(status.message(), Catch::Contains("jo@example.org"));
}

TEST_CASE("the SMTP transport refuses an envelope address that could break the session", "[mail]") {
  mail::SmtpTransport smtp(mail::smtp_settings("smtp://127.0.0.1:1").value());
  Status status = smtp.send(queued(1, "jo@example.org>\r\nRCPT TO:<other@example.org", "Injected"));
  REQUIRE_FALSE(status.is_ok());
  CHECK(status.code() == Status::Code::kIOError);
  CHECK_THAT(status.message(), Catch::Contains("recipient address"));
}

TEST_CASE("the mail sender reports successes as sent and failures as failed, then retries after the backoff", "[mail]") {
  FakeQueue queue;
  FakeTransport transport;
  std::int64_t clock = 1000;
  mail::MailSenderOptions options;
  options.clock = [&] { return clock; };
  mail::MailSender sender(queue, transport, options);
  queue.add(queued(1, "jo@example.org", "One"));
  queue.add(queued(2, "bounce@example.org", "Two"));
  queue.add(queued(3, "sam@example.org", "Three"));
  CHECK(sender.deliver_due(clock) == 2);
  CHECK(queue.reports() ==
        std::vector<std::string>{"sent 1", "failed 2: mailbox bounce@example.org is full", "sent 3"});
  CHECK(queue.mail(1).sent_at == 1000);
  CHECK(queue.mail(2).next_attempt_at == 1060);

  clock = 1030;
  CHECK(sender.deliver_due(clock) == 0);  // not due yet
  CHECK(transport.tried().size() == 3);
  for (int attempt = 2; attempt <= service::kMailAttempts; ++attempt) {
    clock += 60;
    CHECK(sender.deliver_due(clock) == 0);
  }
  CHECK(queue.mail(2).attempts == service::kMailAttempts);
  CHECK(queue.mail(2).status == "dead");
  CHECK(queue.reports().size() == 3 + service::kMailAttempts - 1);
  clock += 3600;
  CHECK(sender.deliver_due(clock) == 0);
  CHECK(transport.tried().size() == 3 + service::kMailAttempts - 1);  // a dead letter is not tried again
}

TEST_CASE("the mail sender thread sends when woken and stop() lets the current message finish", "[mail]") {
  FakeQueue queue;
  FakeTransport transport;
  mail::MailSenderOptions options;
  options.poll_seconds = 3600;
  mail::MailSender sender(queue, transport, options);
  sender.start();
  queue.add(queued(1, "jo@example.org", "One"));
  sender.wake();
  REQUIRE(queue.wait_for_reports(1));  // not an hour's poll: the wake
  CHECK(queue.reports() == std::vector<std::string>{"sent 1"});

  transport.hold();
  queue.add(queued(2, "sam@example.org", "Two"));
  queue.add(queued(3, "kim@example.org", "Three"));
  sender.wake();
  REQUIRE(transport.wait_for_tries(2));  // message 2 is in hand
  std::promise<void> stopping;
  std::future<void> stopped = std::async(std::launch::async, [&] {
    stopping.set_value();
    sender.stop();
  });
  stopping.get_future().wait();
  CHECK(stopped.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout);  // still sending 2
  transport.release();
  REQUIRE(stopped.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
  CHECK(queue.reports() == std::vector<std::string>{"sent 1", "sent 2"});
  CHECK(transport.tried() == std::vector<std::int64_t>{1, 2});  // 3 waits for the next start
  CHECK(sender.deliver_due(std::numeric_limits<std::int64_t>::max()) == 1);
}

TEST_CASE("the mail sender passes the queue's own failures on in words", "[mail]") {
  struct BrokenQueue : service::MailQueue {
    Result<std::vector<service::QueuedMail>> due_mail(std::int64_t, int) override { return Status::io_error("the database is locked"); }
    Status mail_sent(std::int64_t, std::int64_t) override { return Status::ok(); }
    Status mail_failed(std::int64_t, const std::string&, std::int64_t) override { return Status::ok(); }
  } queue;
  FakeTransport transport;
  std::vector<std::string> troubles;
  mail::MailSenderOptions options;
  options.on_trouble = [&](const std::string& words) { troubles.push_back(words); };
  mail::MailSender sender(queue, transport, options);
  CHECK(sender.deliver_due(0) == 0);
  CHECK(troubles == std::vector<std::string>{"the database is locked"});
}
