// server.h — the HTTP server of `peerslot serve`: cpp-httplib with every
// route of routes.h, a request body limit, problem+json for errors the
// routes never see (unknown paths, exceptions) and one access-log line per
// request on stdout.
//
// Thread-safety: construct, bind() and run() from one thread; stop() may be
// called from any thread and makes run() return.
#pragma once

#include "engine/status.h"
#include "http/jobs.h"
#include "http/router.h"
#include "http/service.h"

#include <httplib.h>

#include <cstddef>
#include <string>

namespace peerslot::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::size_t max_body_bytes = 16 * 1024 * 1024;
};

class Server {
 public:
  Server(Service& service, const ServerOptions& options);
  Result<int> bind();  // the port bound
  void run();
  void stop() { server_.stop(); }

 private:
  ServerOptions options_;
  httplib::Server server_;
  Jobs jobs_;
  Router router_;
};

}  // namespace peerslot::http
