// local_server.h — a helper server for the tests (a real SMTP server, a
// webhook receiver) run as a child process in its own process group on a
// loopback port, and killed, with everything it started, when the
// LocalServer is stopped or goes out of scope.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace peerslot::e2e {

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

class LocalServer {
 public:
  // Runs `argv` (argv[0] a path) and waits up to 30 s until `port` accepts
  // connections; the test fails when it does not.
  LocalServer(const std::vector<std::string>& argv, int port);
  ~LocalServer() { stop(); }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  int port() const { return port_; }
  void stop();

 private:
  bool running() const;

  int port_;
  pid_t pid_ = -1;
};

}  // namespace peerslot::e2e
