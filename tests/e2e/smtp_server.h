// smtp_server.h — a real SMTP server for the tests: Debian's aiosmtpd
// (python3-aiosmtpd under /usr/bin/python3), started on a free loopback
// port in its own process group, storing what it receives in a maildir,
// and killed when the SmtpServer goes out of scope.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace peerslot::e2e {

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();
bool aiosmtpd_available();

class SmtpServer {
 public:
  // Waits (up to 30 s) until the server accepts connections; on `port`
  // when given (a restart on the same port), else a free one.
  explicit SmtpServer(std::filesystem::path maildir, int port = 0);
  ~SmtpServer() { stop(); }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  const std::filesystem::path& maildir() const { return maildir_; }
  void stop();
  // The messages received, as files in the maildir's new/ folder, sorted by content.
  std::vector<std::string> delivered() const;
  std::vector<std::filesystem::path> delivered_files() const;

 private:
  bool running() const;

  std::filesystem::path maildir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace peerslot::e2e
