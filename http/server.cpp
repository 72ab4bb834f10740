// server.cpp — wiring: routes, the body limit, the fallback problem replies
// and the access log ("2026-01-01T10:00:00Z 127.0.0.1 POST /requests/R1/booking 201 812").
#include "http/server.h"

#include "http/routes.h"

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <ctime>

namespace peerslot::http {

namespace {

void send_problem(httplib::Response& response, const HttpReply& reply) {
  response.status = reply.status;
  response.set_content(reply.body, reply.content_type.c_str());
}

void access_log(const httplib::Request& request, const httplib::Response& response) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::fprintf(stdout, "%s %s %s %s %d %zu\n", at, request.remote_addr.c_str(), request.method.c_str(),
               request.path.c_str(), response.status, response.body.size());
  std::fflush(stdout);
}

// The web pages' directory: $PEERSLOT_WEB_DIR if set, else the source tree's web/.
std::string web_dir() {
  const char* env = std::getenv("PEERSLOT_WEB_DIR");
  return env && *env ? env : PEERSLOT_WEB_DIR;
}

}  // namespace

Server::Server(Service& service, const ServerOptions& options)
    : options_(options), jobs_(service), router_(server_, service) {
  add_common_routes(router_, service);
  add_council_routes(router_, service);
  add_peer_routes(router_, service);
  add_office_routes(router_, service, jobs_);
  server_.set_mount_point("/", web_dir());  // the web pages: web/index.html at "/"
  server_.set_payload_max_length(options_.max_body_bytes);
  // Headers and body go out in separate writes: without TCP_NODELAY a
  // keep-alive client's delayed ACK adds 40 ms to every reply.
  server_.set_tcp_nodelay(true);
  server_.set_logger(access_log);
  server_.set_error_handler(httplib::Server::Handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    bool too_big = response.status == 413;
    std::string detail = too_big ? "body: larger than the limit"
                         : response.status == 404 ? request.method + " " + request.path + " is not a route"
                                                  : "the request could not be read (a POST needs a Content-Length)";
    send_problem(response, problem(response.status, too_big ? "body" : "", detail));
  }));
  server_.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_problem(response, problem(500, "", what));
  });
}

Result<int> Server::bind() {
  int port = options_.port == 0 ? server_.bind_to_any_port(options_.bind)
                                : (server_.bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port < 0) return Status::io_error("cannot listen on " + options_.bind + ":" + std::to_string(options_.port));
  return port;
}

void Server::run() { server_.listen_after_bind(); }

}  // namespace peerslot::http
