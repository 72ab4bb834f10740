// server.cpp — wiring: routes, limits, the checks every request passes
// before routing, the headers every reply gets, the fallback problem replies
// and the access log
// ("2026-01-01T10:00:00Z 127.0.0.1 POST /requests/R1/booking 201 812 5f3a9c1e-17").
//
// cpp-httplib calls the error handler and the logger outside its own
// try/catch, so both are written never to throw.
#include "http/server.h"

#include "service/request_text.h"
#include "http/routes.h"
#include "service/tokens.h"
#include "service/utc_time.h"
#include "http/worker_pool.h"

#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace peerslot::http {

using service::clean_text;
using service::new_secret;
using service::printable;

namespace {

constexpr const char* kRequestId = "X-Request-Id";

// The page loads only its own scripts, styles and data, and may not be framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void send_problem(httplib::Response& response, const HttpReply& reply) {
  response.status = reply.status;
  response.set_content(reply.body, reply.content_type.c_str());
}

// The path as the access log shows it: a calendar feed's secret is redacted.
std::string loggable_path(const std::string& path) {
  const std::string feeds = "/calendar/";
  if (path.rfind(feeds, 0) == 0) return feeds + "[secret]";
  return printable(path);
}

void access_log(const httplib::Request& request, const httplib::Response& response) noexcept {
  try {
    std::string at = service::iso_instant(service::unix_now());
    std::string id = response.get_header_value(kRequestId);
    std::fprintf(stdout, "%s %s %s %s %d %zu %s\n", at.c_str(), request.remote_addr.c_str(),
                 printable(request.method, 16).c_str(), loggable_path(request.path).c_str(), response.status,
                 response.body.size(), id.empty() ? "-" : id.c_str());
    std::fflush(stdout);
  } catch (...) {
  }
}

// A refusal for text in the path or query that is not clean UTF-8.
std::optional<HttpReply> unclean_target(const httplib::Request& request) {
  if (!clean_text(request.path))
    return problem(400, "path", "path: the address holds bytes that are not text (invalid UTF-8 or a control character)");
  for (const auto& [name, value] : request.params) {
    std::string field = clean_text(name) ? name : "query";
    if (!clean_text(name) || !clean_text(value))
      return problem(400, field, field + ": the query holds bytes that are not text (invalid UTF-8 or a control character)");
  }
  return std::nullopt;
}

// RFC 9112 section 6.3: a request with neither Content-Length nor
// Transfer-Encoding has no body. cpp-httplib 0.11 would instead read until
// the client closes, so the length is made explicit before it reads.
void default_to_empty_body(const httplib::Request& request) {
  bool may_have_body = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (may_have_body && !request.has_header("Content-Length") && !request.has_header("Transfer-Encoding"))
    const_cast<httplib::Request&>(request).set_header("Content-Length", "0");  // the Request is not const
}

void add_security_headers(httplib::Response& response) {
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  if (!response.has_header("Cache-Control")) response.set_header("Cache-Control", "no-cache");
}

std::string error_detail(const httplib::Request& request, int status) {
  switch (status) {
    case 404: return printable(request.method, 16) + " " + printable(request.path) + " is not an address of this service";
    case 413: return "body: larger than the limit";
    case 414: return "path: the address is too long";
    case 416: return "Range: the range cannot be served";
    default: return "the request could not be read";
  }
}

// The web pages' directory: $PEERSLOT_WEB_DIR if set, else the source tree's web/.
std::string web_dir() {
  const char* env = std::getenv("PEERSLOT_WEB_DIR");
  return env && *env ? env : PEERSLOT_WEB_DIR;
}

}  // namespace

Server::Server(service::Service& service, const ServerOptions& options)
    : options_(options), jobs_(service), router_(server_, service) {
  add_common_routes(router_, service);
  add_account_routes(router_, service);
  add_webhook_routes(router_, service);
  add_invitation_routes(router_, service);
  add_council_routes(router_, service);
  add_peer_routes(router_, service);
  add_group_routes(router_, service);
  add_office_routes(router_, service, jobs_);
  serve_pages();
  set_limits();
  set_handlers();
}

// The web pages: web/index.html at "/", its scripts and the built styles;
// nothing else of web/ (its sources and node_modules stay unserved).
void Server::serve_pages() {
  std::string dir = web_dir();
  server_.set_mount_point("/js", dir + "/js");
  server_.set_mount_point("/dist", dir + "/dist");
  server_.Get("/", [dir](const httplib::Request&, httplib::Response& response) {
    std::ifstream in(dir + "/index.html", std::ios::binary);
    if (!in) {
      response.status = 500;
      response.set_content("the web pages are missing: run tools/setup", "text/plain; charset=utf-8");
      return;
    }
    std::ostringstream page;
    page << in.rdbuf();
    response.set_content(page.str(), "text/html; charset=utf-8");
  });
}

void Server::set_limits() {
  WorkerPoolLimits pool;
  pool.max_threads = options_.max_connections;
  server_.new_task_queue = [pool] { return new WorkerPool(pool); };
  server_.set_payload_max_length(options_.max_body_bytes);
  server_.set_read_timeout(options_.read_timeout_seconds);
  server_.set_write_timeout(options_.write_timeout_seconds);
  server_.set_keep_alive_timeout(options_.keep_alive_seconds);
  server_.set_keep_alive_max_count(static_cast<std::size_t>(options_.keep_alive_requests));
  // Headers and body go out in separate writes: without TCP_NODELAY a
  // keep-alive client's delayed ACK adds 40 ms to every reply.
  server_.set_tcp_nodelay(true);
  // Replaces cpp-httplib's default (SO_REUSEPORT, which would let a second
  // server share the port) and remembers the socket to raise its backlog.
  server_.set_socket_options([this](int socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket_ = socket;
  });
}

void Server::set_handlers() {
  auto ids = std::make_shared<std::atomic<unsigned long>>(0);
  std::string prefix = new_secret().substr(0, 8);
  server_.set_pre_routing_handler([ids, prefix](const httplib::Request& request, httplib::Response& response) {
    response.set_header(kRequestId, prefix + "-" + std::to_string(++*ids));
    if (auto refusal = unclean_target(request)) {
      send_problem(response, *refusal);
      return httplib::Server::HandlerResponse::Handled;
    }
    default_to_empty_body(request);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) { add_security_headers(response); });
  server_.set_logger(access_log);
  server_.set_error_handler(httplib::Server::Handler([](const httplib::Request& request, httplib::Response& response) {
    try {
      if (response.body.empty()) {
        std::string field = response.status == 413 ? "body" : response.status == 414 ? "path" : "";
        send_problem(response, problem(response.status, field, error_detail(request, response.status)));
      }
    } catch (...) {
      response.body.clear();
    }
  }));
  server_.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "an exception of unknown type";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::string id = response.get_header_value(kRequestId);
    std::fprintf(stderr, "request %s (%s %s) failed: %s\n", id.c_str(), printable(request.method, 16).c_str(),
                 loggable_path(request.path).c_str(), printable(what, 1000).c_str());
    send_problem(response, problem(500, "", "the service met an unexpected error; please quote reference " + id));
  });
}

Result<int> Server::bind() {
  int port = options_.port == 0 ? server_.bind_to_any_port(options_.bind)
                                : (server_.bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port < 0) return Status::io_error("cannot listen on " + options_.bind + ":" + std::to_string(options_.port));
  // cpp-httplib 0.11 listens with a backlog of 5, so a burst of connections
  // is reset; listen() again on the bound socket raises it.
  if (::listen(listen_socket_, options_.listen_backlog) != 0)
    return Status::io_error("cannot raise the listen backlog on " + options_.bind + ":" + std::to_string(port));
  return port;
}

void Server::run() { server_.listen_after_bind(); }

}  // namespace peerslot::http
