// raw_http.h — HTTP/1.1 over plain POSIX sockets, for the end-to-end tests
// that need exact bytes on the wire: invalid bytes in a path or a header, a
// POST without Content-Length, idle or half-sent connections. An HTTP
// library would refuse, encode or complete such requests for us.
//
// Every socket has send and receive timeouts (SO_SNDTIMEO, which also bounds
// connect(), and SO_RCVTIMEO), so a server that misbehaves costs a bounded
// wait, never a hung test. Replies are read by Content-Length, or until the
// server closes (no chunked encoding: the service never sends it).
// Thread-safety: one RawConnection per thread; raw_request() from any thread.
#pragma once

#include "service_harness.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace peerslot::e2e {

using RawHeaders = std::vector<std::pair<std::string, std::string>>;

// A TCP connection to 127.0.0.1:port; closed when destroyed. The timeout
// counts from construction: connecting and receiving the reply must both
// be done within it.
class RawConnection {
 public:
  using Clock = std::chrono::steady_clock;
  RawConnection(int port, double timeout_seconds);
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection();

  bool connected() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  bool send(const std::string& bytes);  // all of them, or false
  // One reply; status 0 and `text` saying why ("timed out", ...) when none came.
  Answer receive();

 private:
  int fd_ = -1;
  Clock::time_point deadline_;
  std::string error_;
};

// "METHOD PATH HTTP/1.1", Host, the headers as given, and Content-Length
// when the body is not empty; the bytes are used exactly as passed.
std::string raw_text(const std::string& method, const std::string& path, const RawHeaders& headers = {},
                     const std::string& body = "");
// Sends `request` on a new connection and reads the reply within the timeout;
// `*seconds` (when given) is the time from connecting to the reply.
Answer raw_request(int port, const std::string& request, double timeout_seconds, double* seconds = nullptr);

}  // namespace peerslot::e2e
