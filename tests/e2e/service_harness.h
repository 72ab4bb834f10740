// service_harness.h — runs the real `peerslot serve` binary on a free port
// with a temporary database and talks to it over HTTP, for the end-to-end
// tests of the booking service.
//
// The server's stdout and stderr go to a log file, and every reply of its
// API to a record (`--record-replies`). When the server is stopped or
// crashed (or the ServiceProcess goes out of scope), the test fails if that
// log holds a sanitizer report (the sanitized builds of tools/test print
// them there), if a stop did not end in exit 0, or if a reply does not
// match the server's own /openapi.json (tests/e2e/check_replies.py, with
// Debian's python3-jsonschema).
#pragma once

#include "engine/scenario.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <vector>
#include <string>
#include <sys/types.h>

namespace peerslot::e2e {

struct Answer {
  int status = 0;
  nlohmann::json body;  // null when the body is not JSON
  std::string text;
  std::map<std::string, std::string> headers;
};

class ServiceProcess {
 public:
  // Starts `peerslot serve` on `db` with extra arguments; waits until it listens.
  ServiceProcess(const std::string& db, const std::vector<std::string>& args);
  ~ServiceProcess();
  void stop();   // SIGTERM and wait; the server must exit 0
  void crash();  // SIGKILL and wait

  int port() const { return port_; }
  const std::string& token(const std::string& role) const { return tokens_.at(role); }
  const std::string& subject(const std::string& role) const { return subjects_.at(role); }
  // The connect, read and write timeout of call() (default 120 s), so a
  // test of a misbehaving server still ends in bounded time.
  void set_timeout(int seconds) { timeout_seconds_ = seconds; }

  // A non-GET call is sent as application/json unless `headers` names a Content-Type.
  Answer call(const std::string& method, const std::string& path, const std::string& token = "",
              const std::string& body = "", const std::map<std::string, std::string>& headers = {}) const;
  Answer call(const std::string& method, const std::string& path, const std::string& token,
              const nlohmann::json& body, const std::map<std::string, std::string>& headers = {}) const;
  // The call with an Idempotency-Key, repeated while the connection fails,
  // as a real client retries a transport failure with the same key (the key
  // makes the retry safe: the service never applies it twice).
  Answer retried(const std::string& method, const std::string& path, const std::string& token,
                 const nlohmann::json& body, const std::string& idempotency_key) const;
  // A new user's token, made by the office.
  std::string user_token(const std::string& role, const std::string& subject) const;
  std::string log() const;

 private:
  void end(int signal);
  void check_replies() const;

  std::string log_path_;
  std::string replies_path_;
  std::string openapi_path_;  // empty until the server listens
  pid_t pid_ = -1;
  int port_ = 0;
  int timeout_seconds_ = 120;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> subjects_;
};

// The sanitizer report in a server log, from its first line on; "" when
// there is none (ASan, LSan, TSan and UBSan reports all have "Sanitizer:"
// or "runtime error:" in their first line).
std::string sanitizer_report(const std::string& log);
// What a shell command prints on stdout; *status is its wait status
// (0 when it exited 0).
std::string command_output(const std::string& command, int* status);
// A fresh temporary directory (removed by the test's end is not needed).
std::string temp_dir();
// A small programme: councils C01..Cn (one request Qii each, team of
// `team` officers, 3 days, any week of 2011-04..2012-03), `peers` officers
// O01.. free all year, at most `per_week` challenges per week.
nlohmann::json small_scenario(int councils, int peers, int team, int per_week);
std::string write_file(const std::string& dir, const std::string& name, const std::string& text);
// Every row of every table of the service's database (read alongside the
// running server, as WAL allows), for "nothing changed" checks.
std::string database_rows(const std::string& db);
// check_plan() of the service's exported scenario and plan; "" when feasible.
std::string check_service_plan(const ServiceProcess& service);

}  // namespace peerslot::e2e
