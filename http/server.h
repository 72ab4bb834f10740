// server.h — the HTTP server of `peerslot serve`: cpp-httplib with every
// route of routes.h and the limits that keep it answering whatever clients do.
//
// Guarantees, for every connection and request:
//   - connections are served by a WorkerPool that grows to
//     `max_connections` threads (idle and half-sent connections cannot
//     starve the others), the listen backlog is `listen_backlog`, and reads,
//     writes and keep-alive waits time out (ServerOptions);
//   - a path or query that is not clean UTF-8 (or holds a control
//     character) gets a 400 problem naming "path" or the parameter; a POST,
//     PUT or PATCH without Content-Length or chunked encoding has an empty
//     body (RFC 9112 section 6.3), it is not read until the connection closes;
//   - every reply carries X-Request-Id and the security headers (CSP with
//     frame-ancestors 'none', nosniff, Referrer-Policy, X-Frame-Options);
//   - an exception anywhere in a handler gives a 500 problem with a generic
//     detail and the request id, and one line on stderr with the id and the
//     exception; the process never dies of it;
//   - one access-log line per request on stdout, with secrets in paths
//     (calendar feed URLs) redacted and every byte printable.
//
// Thread-safety: construct, bind() and run() from one thread; stop() may be
// called from any thread and makes run() return.
#pragma once

#include "engine/status.h"
#include "http/router.h"
#include "service/jobs.h"
#include "service/service.h"

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <string>

namespace peerslot::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::size_t max_connections = 512;  // served at once; more wait in a queue
  int listen_backlog = 4096;          // capped by the kernel's net.core.somaxconn
  int read_timeout_seconds = 5;       // for each read of a request
  int write_timeout_seconds = 5;      // for each write of a reply
  int keep_alive_seconds = 5;         // idle time between requests on a connection
  int keep_alive_requests = 100;      // requests on one connection before it is closed
};

class Server {
 public:
  Server(service::Service& service, const ServerOptions& options);
  // The route table, to add further routes before bind().
  Router& router() { return router_; }
  Result<int> bind();  // the port bound
  void run();
  void stop() { server_.stop(); }

 private:
  void serve_pages();
  void set_limits();
  void set_handlers();

  ServerOptions options_;
  httplib::Server server_;
  std::atomic<int> listen_socket_{-1};
  service::Jobs jobs_;
  Router router_;
};

}  // namespace peerslot::http
