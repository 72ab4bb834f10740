// smtp_server.h — a real SMTP server for the tests: Debian's aiosmtpd
// (python3-aiosmtpd under /usr/bin/python3), started on a free loopback
// port as a LocalServer (local_server.h), storing what it receives in a
// maildir, and killed when the SmtpServer goes out of scope.
#pragma once

#include "tests/e2e/local_server.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace peerslot::e2e {

bool aiosmtpd_available();

class SmtpServer {
 public:
  // Waits (up to 30 s) until the server accepts connections; on `port`
  // when given (a restart on the same port), else a free one. `options`
  // go to aiosmtpd, e.g. {"--tlscert", CERT, "--tlskey", KEY} for STARTTLS
  // (then required before MAIL).
  explicit SmtpServer(std::filesystem::path maildir, int port = 0, const std::vector<std::string>& options = {});
  ~SmtpServer() = default;
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& maildir() const { return maildir_; }
  void stop() { process_->stop(); }
  // The messages received, as files in the maildir's new/ folder, sorted by content.
  std::vector<std::string> delivered() const;
  std::vector<std::filesystem::path> delivered_files() const;

 private:
  std::filesystem::path maildir_;
  int port_ = 0;
  std::unique_ptr<LocalServer> process_;
};

}  // namespace peerslot::e2e
