// imap_server.h — a real IMAP server for the tests: Debian's dovecot
// (dovecot-imapd), started with a configuration of its own in a fresh
// directory, serving one mailbox user ("office", password "secret") on a
// free loopback port without TLS, as a LocalServer (local_server.h), and
// killed, its directory removed, when the ImapServer goes out of scope.
// As root, mail is kept as the dovecot user (dovecot refuses root's).
#pragma once

#include "tests/e2e/local_server.h"

#include <memory>
#include <string>

namespace peerslot::e2e {

bool dovecot_available();

class ImapServer {
 public:
  // Waits (up to 30 s) until the server accepts connections.
  ImapServer();
  ~ImapServer();
  ImapServer(const ImapServer&) = delete;
  ImapServer& operator=(const ImapServer&) = delete;

  int port() const { return port_; }
  static constexpr const char* kUser = "office";
  static constexpr const char* kPassword = "secret";
  // imap://office@127.0.0.1:PORT/INBOX (the password goes in a file).
  std::string url() const;

 private:
  std::string dir_;
  int port_ = 0;
  std::unique_ptr<LocalServer> process_;
};

}  // namespace peerslot::e2e
