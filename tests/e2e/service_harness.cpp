// service_harness.cpp — fork/exec of the binary with its output in a log
// file (read for the URL and the demo tokens, and for sanitizer reports at
// the end), cpp-httplib client calls.
#include "service_harness.h"

#include "engine/checker.h"
#include "engine/scenario_json.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <csignal>
#include <random>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace peerslot::e2e {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "exit 0", "exit 23", "signal 6" for a waitpid() status.
std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace

std::string sanitizer_report(const std::string& log) {
  std::size_t at = std::min(log.find("Sanitizer:"), log.find("runtime error:"));
  if (at == std::string::npos) return "";
  std::size_t line = log.rfind('\n', at);
  return log.substr(line == std::string::npos ? 0 : line + 1);
}

std::string temp_dir() {
  char pattern[] = "/tmp/peerslot-e2e-XXXXXX";
  return mkdtemp(pattern);
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

ServiceProcess::ServiceProcess(const std::string& db, const std::vector<std::string>& args) {
  log_path_ = db + ".log." + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  replies_path_ = log_path_ + ".replies.jsonl";
  std::vector<std::string> argv = {PEERSLOT_BINARY, "serve", "--db", db, "--port", "0", "--record-replies", replies_path_};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> raw;
    for (std::string& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
  for (int i = 0; i < 1200 && port_ == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::istringstream lines(read_file(log_path_));
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string first, second, value;
      words >> first >> second >> value;
      if (second == "token:") {
        // "  group token: <token>  (Liberal Democrat)": the subject may hold spaces.
        auto open = line.find('('), close = line.rfind(')');
        tokens_[first] = value;
        subjects_[first] = open != std::string::npos && close > open ? line.substr(open + 1, close - open - 1) : "";
      }
      if (first == "listening") port_ = std::atoi(line.substr(line.rfind(':') + 1).c_str());
    }
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;  // ended before listening: reaped, nothing left to stop
      break;
    }
  }
  INFO(log());
  REQUIRE(port_ > 0);
  Answer document = call("GET", "/openapi.json");
  REQUIRE(document.status == 200);
  openapi_path_ = log_path_ + ".openapi.json";
  std::ofstream(openapi_path_) << document.text;
}

ServiceProcess::~ServiceProcess() { stop(); }

void ServiceProcess::stop() { end(SIGTERM); }

void ServiceProcess::crash() { end(SIGKILL); }

// Non-fatal checks (FAIL_CHECK): end() also runs from the destructor.
void ServiceProcess::end(int signal) {
  if (pid_ <= 0) return;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  std::string report = sanitizer_report(log());
  if (!report.empty()) FAIL_CHECK("the server's log holds a sanitizer report:\n" << report);
  if (signal == SIGTERM && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
    FAIL_CHECK("the server ended with " << describe_exit(status) << " on SIGTERM, not exit 0; its log:\n" << log());
  check_replies();
}

// Every reply the server gave, against its own OpenAPI document.
void ServiceProcess::check_replies() const {
  if (openapi_path_.empty()) return;
  std::string command = "/usr/bin/python3 " PEERSLOT_TEST_DIR "/e2e/check_replies.py '" + openapi_path_ + "' '" +
                        replies_path_ + "' 2>&1";
  int status = 0;
  std::string out = command_output(command, &status);
  if (status != 0) FAIL_CHECK("replies that break the OpenAPI document (tests/e2e/check_replies.py):\n" << out);
}

std::string command_output(const std::string& command, int* status) {
  *status = -1;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  *status = ::pclose(pipe);
  return out;
}

std::string ServiceProcess::log() const { return read_file(log_path_); }

Answer ServiceProcess::call(const std::string& method, const std::string& path, const std::string& token,
                            const std::string& body, const std::map<std::string, std::string>& headers) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(timeout_seconds_, 0);
  client.set_read_timeout(timeout_seconds_, 0);
  client.set_write_timeout(timeout_seconds_, 0);
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  if (!token.empty()) request.set_header("Authorization", "Bearer " + token);
  if (method != "GET" && !headers.count("Content-Type")) request.set_header("Content-Type", "application/json");
  for (const auto& [name, value] : headers) request.set_header(name, value);
  auto result = client.send(request);
  Answer answer;
  if (!result) {
    answer.text = httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.text = result->body;
  for (const auto& [name, value] : result->headers) answer.headers[name] = value;
  answer.body = nlohmann::json::parse(result->body, nullptr, false);
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

Answer ServiceProcess::call(const std::string& method, const std::string& path, const std::string& token,
                            const nlohmann::json& body, const std::map<std::string, std::string>& headers) const {
  return call(method, path, token, body.dump(), headers);
}

Answer ServiceProcess::retried(const std::string& method, const std::string& path, const std::string& token,
                               const nlohmann::json& body, const std::string& idempotency_key) const {
  Answer answer;
  for (int attempt = 0; attempt < 10 && answer.status == 0; ++attempt)
    answer = call(method, path, token, body, {{"Idempotency-Key", idempotency_key}});
  return answer;
}

std::string ServiceProcess::user_token(const std::string& role, const std::string& subject) const {
  std::string email = "test." + std::to_string(std::random_device()()) + "@example.org";
  Answer made = call("POST", "/users", token("office"),
                     nlohmann::json{{"name", "Test " + role}, {"email", email}, {"role", role}, {"subject", subject}, {"welcome", false}});
  REQUIRE(made.status == 201);
  Answer token_made = call("POST", "/users/" + std::to_string(made.body["id"].get<std::int64_t>()) + "/tokens",
                           token("office"), nlohmann::json{{"name", "test"}});
  REQUIRE(token_made.status == 201);
  return token_made.body["token"].get<std::string>();
}

nlohmann::json small_scenario(int councils, int peers, int team, int per_week) {
  nlohmann::json doc = {{"format", "peerslot-scenario/1"},
                        {"window", {{"start", "2011-04-01"}, {"end", "2012-03-31"}}},
                        {"bank_holidays", nlohmann::json::array()},
                        {"max_challenges_per_week", per_week},
                        {"councils", nlohmann::json::array()},
                        {"peers", nlohmann::json::array()},
                        {"requests", nlohmann::json::array()}};
  auto id = [](char prefix, int i) { return prefix + std::string(i < 10 ? "0" : "") + std::to_string(i); };
  for (int i = 1; i <= councils; ++i) {
    doc["councils"].push_back({{"id", id('C', i)}, {"name", "Council " + std::to_string(i)}, {"type", "district"},
                               {"region", "Region " + std::to_string(i)}, {"control", "NOC"}, {"lat", 52.0}, {"lon", -1.0}});
    doc["requests"].push_back({{"id", id('Q', i)}, {"council", id('C', i)}, {"kind", "corporate"}, {"days", 3},
                               {"team", {{"officer", team}}}});
  }
  for (int i = 1; i <= peers; ++i)
    doc["peers"].push_back({{"id", id('O', i)}, {"name", "Officer " + std::to_string(i)}, {"role", "officer"},
                            {"council", "X99"}, {"region", "Elsewhere"}, {"skills", {"finance"}},
                            {"available", {{{"start", "2011-04-01"}, {"end", "2012-03-31"}}}}});
  return doc;
}

std::string database_rows(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  std::string out;
  SQLite::Statement tables(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.executeStep()) {
    std::string table = tables.getColumn(0).getString();
    out += "[" + table + "]\n";
    SQLite::Statement rows(sqlite, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
    while (rows.executeStep()) {
      for (int c = 0; c < rows.getColumnCount(); ++c) out += rows.getColumn(c).getString() + "|";
      out += "\n";
    }
  }
  return out;
}

std::string check_service_plan(const ServiceProcess& service) {
  Answer scenario_doc = service.call("GET", "/scenario", service.token("office"));
  Answer plan_doc = service.call("GET", "/plan", service.token("office"));
  auto scenario = scenario_from_json(scenario_doc.body);
  if (!scenario.is_ok()) return "scenario: " + scenario.status().message();
  auto plan = plan_from_json(plan_doc.body, scenario.value());
  if (!plan.is_ok()) return "plan: " + plan.status().message();
  CheckReport report = check_plan(scenario.value(), plan.value());
  std::string out;
  for (const Violation& v : report.violations) out += v.line() + "\n";
  if (!report.cost_matches) out += "cost does not match\n";
  return out;
}

}  // namespace peerslot::e2e
