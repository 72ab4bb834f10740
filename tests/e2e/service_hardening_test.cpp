// End to end, issue 9 ("Hardening"), one test case per class: hostile
// paths, headers and bodies are refused as problem+json naming the field and
// change nothing; what the store accepts from CSV it can load after a
// restart; idle and slow connections cannot starve the service; HTTP
// semantics (Content-Type, If-Match lists, the auth scheme, a POST without
// Content-Length); dates beyond the calendar's reach; calendar feeds folded
// without splitting a character; security headers and an access log without
// calendar secrets. Exact bytes on the wire go through raw_http.h, and every
// wait is bounded by a timeout, so a misbehaving server fails a check
// instead of hanging the test. Latencies are printed, never asserted.
#include "raw_http.h"
#include "service_harness.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <latch>
#include <map>
#include <sys/resource.h>
#include <thread>

using nlohmann::json;
using peerslot::e2e::Answer;
using peerslot::e2e::RawConnection;
using peerslot::e2e::RawHeaders;
using peerslot::e2e::ServiceProcess;
using peerslot::e2e::raw_request;
using peerslot::e2e::raw_text;

namespace {

constexpr double kRawTimeout = 10.0;  // seconds, for a raw request that should be answered at once

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + separator.size())
    out.push_back(text.substr(start, at - start));
  out.push_back(text.substr(start));
  return out;
}

// The lines of database_rows() that differ, "-" before and "+" after, cut short.
std::string row_changes(const std::string& before, const std::string& after) {
  std::vector<std::string> was = split(before, "\n"), now = split(after, "\n");
  std::string out;
  for (const std::string& line : was)
    if (std::find(now.begin(), now.end(), line) == now.end()) out += "- " + line.substr(0, 160) + "\n";
  for (const std::string& line : now)
    if (std::find(was.begin(), was.end(), line) == was.end()) out += "+ " + line.substr(0, 160) + "\n";
  return out;
}

// A service on a fresh database seeded with a small programme (councils
// C01.., requests Q01.., officers O01..); call() gives up after 20 s.
struct Small {
  std::string dir = peerslot::e2e::temp_dir();
  std::string db = dir + "/service.db";
  ServiceProcess s;
  explicit Small(const json& scenario = peerslot::e2e::small_scenario(3, 6, 2, 4))
      : s(db, {"--seed-scenario", peerslot::e2e::write_file(dir, "small.json", scenario.dump()), "--solve-seconds", "0"}) {
    s.set_timeout(20);
  }
  std::string rows() const { return peerslot::e2e::database_rows(db); }
  void check_rows_unchanged(const std::string& before) const {
    std::string changes = row_changes(before, rows());
    INFO("database rows changed:\n" << changes);
    CHECK(changes.empty());
  }
};

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string header(const Answer& a, const std::string& name) {
  for (const auto& [key, value] : a.headers)
    if (lower(key) == lower(name)) return value;
  return "";
}

// The reply for a failure message, cut short (a nested body's echo can be huge).
std::string shown(const Answer& a) {
  std::string text = a.text.size() > 400 ? a.text.substr(0, 400) + "..." : a.text;
  return std::to_string(a.status) + " " + header(a, "Content-Type") + " " + text;
}

std::pair<std::string, std::string> auth(const std::string& token) { return {"Authorization", "Bearer " + token}; }
const std::pair<std::string, std::string> kJson = {"Content-Type", "application/json"};

// One request with exactly these bytes in its path, headers and body.
Answer raw(const ServiceProcess& s, const std::string& method, const std::string& path, const RawHeaders& headers = {},
           const std::string& body = "") {
  return raw_request(s.port(), raw_text(method, path, headers, body), kRawTimeout);
}

Answer healthz(const ServiceProcess& s, double timeout_seconds, double* seconds = nullptr) {
  return raw_request(s.port(), raw_text("GET", "/healthz"), timeout_seconds, seconds);
}

void check_alive(const ServiceProcess& s) {
  Answer a = healthz(s, 5.0);
  INFO("GET /healthz: " << shown(a));
  CHECK(a.status == 200);
}

// A string member of a JSON reply, or "" when it is missing or not a string.
std::string text_of(const Answer& a, const char* key) {
  const json& body = a.body;
  return body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

// The shape every refusal shares: `status`, problem+json with status, title
// and detail, and no library internals in the detail. Returns the field.
std::string check_problem(const Answer& a, int status) {
  INFO("reply: " << shown(a));
  CHECK(a.status == status);
  if (a.status < 400 || a.status >= 500) return "";  // no reply, or not a refusal: the rest says nothing more
  CHECK(starts_with(header(a, "Content-Type"), "application/problem+json"));
  const json& body = a.body;
  CHECK((body.is_object() && body.contains("status") && body["status"] == a.status));
  CHECK((body.is_object() && body.contains("title")));
  std::string detail = text_of(a, "detail");
  CHECK(!detail.empty());
  std::vector<std::string> internals;
  for (const char* word : {"json.exception", "type_error", "parse_error", "out_of_range", "what()",
                           "syntax error while parsing"})
    if (contains(detail, word)) internals.push_back(word);
  CHECK(internals.empty());  // the detail speaks of the request, not of the library that read it
  return text_of(a, "field");
}

// A refusal naming exactly `field`.
void check_refusal(const Answer& a, int status, const std::string& field) {
  std::string got = check_problem(a, status);
  INFO("reply: " << shown(a));
  if (a.status == status) CHECK(got == field);
}

// A refusal whose field starts with one of `prefixes`.
void check_refusal_under(const Answer& a, int status, const std::vector<std::string>& prefixes) {
  std::string got = check_problem(a, status);
  INFO("reply: " << shown(a));
  auto named = [&](const std::string& prefix) { return starts_with(got, prefix); };
  if (a.status == status) CHECK(std::any_of(prefixes.begin(), prefixes.end(), named));
}

// The request's best week as GET /requests/{id}/weeks ranks them.
std::string first_option(const ServiceProcess& s, const std::string& token, const std::string& request) {
  Answer weeks = s.call("GET", "/requests/" + request + "/weeks", token);
  REQUIRE(weeks.status == 200);
  REQUIRE(!weeks.body["options"].empty());
  return weeks.body["options"][0]["week"];
}

bool booked(const ServiceProcess& s, const std::string& token, const std::string& request) {
  return !s.call("GET", "/requests/" + request, token).body["booking"].is_null();
}

// ---- 2. CSV -------------------------------------------------------------

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The exported CSV's header line and its row for `id` with `cells`
// replaced (a small scenario's rows have no quoted cells to split).
std::string csv_with(const std::string& csv, const std::string& id, const std::map<std::string, std::string>& cells) {
  std::vector<std::string> lines = split(csv, "\r\n");
  std::vector<std::string> header = split(lines[0], ",");
  std::vector<std::string> row;
  for (const std::string& line : lines)
    if (starts_with(line, id + ",")) row = split(line, ",");
  REQUIRE(row.size() == header.size());
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i)
    out += (i ? "," : "") + csv_cell(cells.count(header[i]) ? cells.at(header[i]) : row[i]);
  return lines[0] + "\r\n" + out + "\r\n";
}

Answer put_csv(const ServiceProcess& s, const std::string& table, const std::string& csv) {
  return s.call("PUT", "/" + table + ".csv", s.token("office"), csv, {{"Content-Type", "text/csv"}});
}

// ---- 3. held connections --------------------------------------------------

// Idle connections (connected, nothing sent) and slowloris ones (a
// request's first lines, then one more header byte a second from a
// background thread, never finished), held until destroyed.
class HeldConnections {
 public:
  HeldConnections(int port, int idle, int slow) {
    for (int i = 0; i < idle; ++i) idle_.emplace_back(port, 5.0);
    for (int i = 0; i < slow; ++i) {
      slow_.emplace_back(port, 5.0);
      slow_.back().send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    }
    feeder_ = std::thread([this] { feed(); });
  }
  HeldConnections(const HeldConnections&) = delete;
  HeldConnections& operator=(const HeldConnections&) = delete;
  ~HeldConnections() {
    stopping_ = true;
    feeder_.join();
  }
  int connected() const {
    int n = 0;
    for (const auto* list : {&idle_, &slow_})
      for (const RawConnection& c : *list) n += c.connected();
    return n;
  }

 private:
  void feed() {
    const std::string next = "X-Slow: ";
    for (std::size_t i = 0; !stopping_; ++i) {
      for (int tick = 0; tick < 10 && !stopping_; ++tick) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (stopping_) break;
      std::string byte(1, i < next.size() ? next[i] : 'a');
      for (RawConnection& c : slow_) c.send(byte);  // the server hanging up on one is fine
    }
  }

  std::vector<RawConnection> idle_;
  std::vector<RawConnection> slow_;
  std::atomic<bool> stopping_{false};
  std::thread feeder_;
};

// `n` connections at once, each sending GET /healthz: how many got each
// status, or each error ("timed out", "recv: Connection reset by peer", ...).
std::map<std::string, int> burst(int port, int n, double timeout_seconds) {
  std::vector<std::string> outcomes(static_cast<std::size_t>(n));
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      Answer a = raw_request(port, raw_text("GET", "/healthz", {{"Connection", "close"}}), timeout_seconds);
      outcomes[static_cast<std::size_t>(i)] = a.status ? "HTTP " + std::to_string(a.status) : a.text;
    });
  for (std::thread& t : threads) t.join();
  std::map<std::string, int> counts;
  for (const std::string& o : outcomes) ++counts[o];
  return counts;
}

// Room for `needed` descriptors in this process (and the server it forks).
void raise_open_files(rlim_t needed) {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur >= needed) return;
  limit.rlim_cur = std::min(needed, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
}

// ---- 6. calendar feeds ----------------------------------------------------

// Whether `text` is well-formed UTF-8 on its own (no sequence cut short).
bool valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xC2 && byte < 0xE0 ? 2 : byte >= 0xE0 && byte < 0xF0 ? 3
                       : byte >= 0xF0 && byte < 0xF5 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += length;
  }
  return true;
}

// What is wrong with an iCalendar text's lines (RFC 5545 §3.1): longer than
// 75 octets, a character split by a fold, a bare CR or LF, a continuation
// not starting with one space. Empty when nothing is.
std::vector<std::string> fold_problems(const std::string& ics) {
  std::vector<std::string> problems;
  if (ics.size() < 2 || ics.substr(ics.size() - 2) != "\r\n") problems.push_back("the text does not end with CRLF");
  std::vector<std::string> lines = split(ics, "\r\n");
  lines.pop_back();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::string where = "line " + std::to_string(i + 1) + " (" + line.substr(0, 40) + "): ";
    if (line.size() > 75) problems.push_back(where + std::to_string(line.size()) + " octets");
    if (!valid_utf8(line)) problems.push_back(where + "not valid UTF-8 on its own");
    if (line.find_first_of("\r\n") != std::string::npos) problems.push_back(where + "a bare CR or LF");
    if (!line.empty() && line[0] == '\t') problems.push_back(where + "a continuation starting with a tab");
  }
  return problems;
}

std::string unfolded(const std::string& ics) {
  std::string out;
  for (const std::string& line : split(ics, "\r\n")) out += line[0] == ' ' ? line.substr(1) : (out.empty() ? "" : "\r\n") + line;
  return out;
}

// Council names long enough to fold several times, with a 2-byte character
// ("ô") at every octet offset modulo 5 and a 3-byte one ("—") at every
// offset modulo 3, so some fold falls inside a character in each.
std::vector<std::string> long_names() {
  std::vector<std::string> names;
  for (int shift = 0; shift < 5; ++shift) {
    std::string name(static_cast<std::size_t>(shift), 'x');
    for (int i = 0; i < 30; ++i) name += "Môn ";
    names.push_back(name);
  }
  for (int shift = 0; shift < 3; ++shift) {
    std::string name = std::string(static_cast<std::size_t>(shift), 'x') + "Caerdydd ";
    for (int i = 0; i < 40; ++i) name += "—";
    names.push_back(name);
  }
  return names;
}

std::string council_id(std::size_t i) { return (i < 9 ? "C0" : "C") + std::to_string(i + 1); }
std::string request_id(std::size_t i) { return (i < 9 ? "Q0" : "Q") + std::to_string(i + 1); }

// The council's own calendar feed, fetched by its secret URL (no token).
Answer council_feed(const ServiceProcess& s, const std::string& token) {
  Answer made = s.call("POST", "/me/calendar", token, std::string("{}"));
  REQUIRE(made.status == 201);
  return s.call("GET", made.body["url"].get<std::string>());
}

void check_feed(const Answer& feed, const std::string& name) {
  INFO("council name: " << name);
  REQUIRE(feed.status == 200);
  std::vector<std::string> problems = fold_problems(feed.text);
  INFO(json(problems).dump(1));
  CHECK(problems.empty());
  bool summary = false;
  for (const std::string& line : split(unfolded(feed.text), "\r\n"))
    summary = summary || (starts_with(line, "SUMMARY:") && line.size() >= name.size() &&
                          line.substr(line.size() - name.size()) == name);
  CHECK(summary);  // folding lost nothing of the name
}

}  // namespace

TEST_CASE("hardening: hostile paths and headers and bodies are refused and change nothing", "[hardening]") {
  Small f;
  ServiceProcess& s = f.s;
  std::string office = s.token("office");
  std::string council = s.user_token("council", "C01");
  std::string before = f.rows();

  SECTION("an unknown path with an invalid UTF-8 byte, without a token") {
    check_refusal(raw(s, "GET", "/nope%FF"), 400, "path");
  }
  SECTION("a NUL in a path parameter, an invalid UTF-8 byte in a query") {
    check_refusal(raw(s, "GET", "/requests/%00/weeks", {auth(council)}), 400, "path");
    check_refusal(raw(s, "GET", "/audit?limit=%FF", {auth(office)}), 400, "limit");
  }
  for (const std::string& key : {std::string("key-\xFF"), std::string("key-\x01")}) {
    DYNAMIC_SECTION("an Idempotency-Key with the bytes " << json(std::vector<int>(key.begin(), key.end())).dump()) {
      std::string body = json{{"week", first_option(s, council, "Q01")}}.dump();
      check_refusal(raw(s, "POST", "/requests/Q01/booking", {auth(council), kJson, {"Idempotency-Key", key}}, body), 400,
                    "Idempotency-Key");
      CHECK_FALSE(booked(s, council, "Q01"));
    }
  }
  const std::pair<const char*, const char*> json_routes[] = {
      {"POST", "/requests/Q01/booking"}, {"POST", "/peers/O01/availability"}, {"PATCH", "/councils/C01"},
      {"PATCH", "/requests/Q01"},        {"PATCH", "/peers/O01"},             {"POST", "/solve"},
      {"POST", "/users"},                {"PUT", "/scenario"}};
  for (const auto& [method, path] : json_routes) {
    DYNAMIC_SECTION("a body nested 100,000 deep: " << method << " " << path) {
      std::string deep = "{\"week\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
      Answer a = s.call(method, path, office, deep);
      check_refusal(a, 400, "body");
      CHECK(contains(text_of(a, "detail"), "nested"));
    }
  }
  SECTION("a number out of range, broken JSON, and invalid UTF-8 in a string") {
    for (const std::string& body : {std::string("{\"week\": 1e400}"), std::string("{\"week\": "),
                                    std::string("{\"week\": \"\xFF\xFE\"}")}) {
      INFO("body: " << json(std::vector<int>(body.begin(), body.end())).dump());
      check_refusal(s.call("POST", "/requests/Q01/booking", council, body), 400, "body");
    }
  }
  SECTION("a control character in a text field") {
    json user = {{"role", "council"}, {"subject", "C01"}, {"name", std::string("a\0b", 3)}};
    check_refusal(s.call("POST", "/users", office, user), 422, "name");
    check_refusal(s.call("PATCH", "/requests/Q01", council, json{{"focus", {"fin\rance"}}}), 422, "focus[0]");
  }
  f.check_rows_unchanged(before);
  check_alive(s);
}

TEST_CASE("hardening: what the store accepts from CSV it can load after a restart", "[hardening]") {
  Small f;
  const std::string& office = f.s.token("office");
  std::string before = f.rows();
  const std::pair<std::string, std::string> tables[] = {{"councils", "C01"}, {"peers", "O01"}};
  for (const auto& [table, id] : tables) {
    std::string csv = f.s.call("GET", "/" + table + ".csv", office).text;
    std::string nul_id = id.substr(0, 2) + '\0' + id.substr(2);
    const std::pair<std::map<std::string, std::string>, std::string> refusals[] = {
        {{{"lat", "nan"}, {"lon", "-1"}}, "lat"},
        {{{"lat", "inf"}, {"lon", "-1"}}, "lat"},
        {{{"id", nul_id}}, "id"},
        {{{"name", "Council\rOne"}}, "name"}};
    for (const auto& [cells, field] : refusals) {
      std::string body = csv_with(csv, id, cells);
      INFO("PUT /" << table << ".csv " << json(body).dump());
      check_refusal(put_csv(f.s, table, body), 422, field);
    }
  }
  f.check_rows_unchanged(before);
  check_alive(f.s);

  const std::string council_name = "Cyngor Sir Ynys Môn";
  const std::string peer_name = "Siân Llŷr";
  std::string councils = f.s.call("GET", "/councils.csv", office).text;
  std::string peers = f.s.call("GET", "/peers.csv", office).text;
  Answer renamed = put_csv(f.s, "councils", csv_with(councils, "C01", {{"name", council_name}}));
  INFO(shown(renamed));
  CHECK(renamed.status == 200);
  CHECK(put_csv(f.s, "peers", csv_with(peers, "O01", {{"name", peer_name}})).status == 200);
  f.s.stop();

  ServiceProcess again(f.db, {"--demo-tokens"});
  again.set_timeout(20);
  check_alive(again);
  CHECK(again.call("GET", "/councils/C01", again.token("office")).body["name"] == council_name);
  CHECK(again.call("GET", "/peers/O01", again.token("office")).body["name"] == peer_name);
}

TEST_CASE("hardening: idle and slow connections cannot starve the service", "[hardening]") {
  raise_open_files(4096);
  Small f;
  std::string council = f.s.user_token("council", "C01");
  {
    HeldConnections held(f.s.port(), 64, 64);
    CHECK(held.connected() == 128);
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the server has taken them on
    double health_seconds = 0, weeks_seconds = 0;
    Answer health = healthz(f.s, 3.0, &health_seconds);
    Answer weeks = raw_request(f.s.port(), raw_text("GET", "/requests/Q01/weeks", {auth(council)}), 3.0, &weeks_seconds);
    WARN("with 64 idle and 64 slowloris connections held: GET /healthz " << shown(health).substr(0, 60) << " in "
         << health_seconds << " s; GET /requests/Q01/weeks " << shown(weeks).substr(0, 60) << " in " << weeks_seconds << " s");
    CHECK(health.status == 200);
    CHECK(weeks.status == 200);
  }
  auto started = std::chrono::steady_clock::now();
  std::map<std::string, int> outcomes = burst(f.s.port(), 500, 15.0);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WARN("500 concurrent GET /healthz in " << seconds << " s: " << json(outcomes).dump());
  CHECK(outcomes["HTTP 200"] == 500);
  check_alive(f.s);
}

TEST_CASE("hardening: HTTP semantics of Content-Type and If-Match and the auth scheme and a bodiless POST", "[hardening]") {
  Small f;
  ServiceProcess& s = f.s;
  std::string office = s.token("office");
  std::string council = s.user_token("council", "C01");
  std::string before = f.rows();

  SECTION("a body must come as JSON, or as CSV to a CSV import") {
    std::string blackouts = json{{"blackouts", json::array()}}.dump();
    for (const char* type : {"text/plain", "application/xml"}) {
      INFO("Content-Type: " << type);
      check_refusal(s.call("PATCH", "/councils/C01", council, blackouts, {{"Content-Type", type}}), 415, "Content-Type");
    }
    std::string form = "--b0undary\r\nContent-Disposition: form-data; name=\"seconds\"\r\n\r\n1\r\n--b0undary--\r\n";
    check_refusal(s.call("POST", "/solve", office, form, {{"Content-Type", "multipart/form-data; boundary=b0undary"}}), 415,
                  "Content-Type");
    CHECK(s.call("GET", "/jobs/1", office).status == 404);
    std::string csv = s.call("GET", "/councils.csv", office).text;
    check_refusal(s.call("PUT", "/councils.csv", office, csv, {{"Content-Type", "application/json"}}), 415, "Content-Type");
    f.check_rows_unchanged(before);
    Answer charset = s.call("PATCH", "/councils/C01", council, blackouts, {{"Content-Type", "application/json; charset=utf-8"}});
    INFO(shown(charset));
    CHECK(charset.status == 200);
  }
  SECTION("If-Match on a new booking") {
    json week = {{"week", first_option(s, council, "Q01")}};
    check_refusal(s.call("POST", "/requests/Q01/booking", council, week, {{"If-Match", "\"nope\""}}), 412, "If-Match");
    CHECK_FALSE(booked(s, council, "Q01"));
    f.check_rows_unchanged(before);
    std::string etag = s.call("GET", "/requests/Q01", council).headers["ETag"];
    Answer a = s.call("POST", "/requests/Q01/booking", council, week, {{"If-Match", etag}});
    INFO(shown(a));
    CHECK(a.status == 201);
  }
  SECTION("If-Match with a list of ETags") {
    std::string etag = s.call("GET", "/councils/C01", council).headers["ETag"];
    json blackouts = {{"blackouts", json::array()}};
    check_refusal(s.call("PATCH", "/councils/C01", council, blackouts, {{"If-Match", "\"aaa\", \"bbb\""}}), 412, "If-Match");
    f.check_rows_unchanged(before);
    Answer a = s.call("PATCH", "/councils/C01", council, blackouts, {{"If-Match", "\"aaa\", " + etag}});
    INFO(shown(a));
    CHECK(a.status == 200);
  }
  SECTION("the auth scheme is case-insensitive") {
    for (const char* scheme : {"bearer", "BEARER"}) {
      INFO("Authorization: " << scheme << " TOKEN");
      CHECK(s.call("GET", "/me", "", std::string(), {{"Authorization", std::string(scheme) + " " + council}}).status == 200);
    }
  }
  SECTION("a POST with no body and no Content-Length") {
    double seconds = 0;
    std::string request = "POST /me/calendar HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + council + "\r\n\r\n";
    Answer a = raw_request(s.port(), request, 2.0, &seconds);
    WARN("POST /me/calendar without Content-Length: " << shown(a) << " in " << seconds << " s");
    CHECK(a.status == 201);
    CHECK(starts_with(text_of(a, "url"), "/calendar/"));
  }
  check_alive(s);
}

TEST_CASE("hardening: dates beyond the programme's reach are refused", "[hardening]") {
  Small f;
  ServiceProcess& s = f.s;
  std::string office = s.token("office");
  std::string council = s.user_token("council", "C01");
  std::string peer = s.user_token("peer", "O01");
  std::string before = f.rows();

  const std::string availability = "/peers/O01/availability";
  check_refusal_under(s.call("POST", availability, peer, json{{"start", "2011-04-01"}, {"end", "9999-12-31"}}), 422,
                      {"end", "range"});
  check_refusal_under(s.call("POST", availability, peer, json{{"start", "1400-01-01"}, {"end", "2011-06-30"}}), 422,
                      {"start", "range"});
  check_refusal_under(s.call("PATCH", "/councils/C01", council,
                             json{{"blackouts", {{{"start", "2011-05-02"}, {"end", "9999-12-31"}}}}}),
                      422, {"blackouts[0]"});
  check_refusal_under(s.call("PATCH", "/requests/Q01", council,
                             json{{"preferred", {{{"start", "1400-01-01"}, {"end", "2011-06-30"}}}}}),
                      422, {"preferred[0]"});

  json scenario = s.call("GET", "/scenario", office).body;
  scenario["window"]["end"] = "9999-12-31";
  std::string body = json{{"scenario", scenario}}.dump();
  double put_seconds = 0, health_seconds = 0;
  Answer put;
  std::thread importer([&] {
    put = raw_request(s.port(), raw_text("PUT", "/scenario", {auth(office), kJson}, body), 10.0, &put_seconds);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Answer health = healthz(s, 2.0, &health_seconds);
  importer.join();
  WARN("PUT /scenario with window.end 9999-12-31: " << shown(put).substr(0, 80) << " in " << put_seconds
       << " s; GET /healthz meanwhile: " << health.status << " in " << health_seconds << " s");
  check_refusal_under(put, 422, {"scenario.window"});
  CHECK(health.status == 200);
  f.check_rows_unchanged(before);
  check_alive(s);
  if (put.status == 0) s.crash();  // still busy with the import: a SIGTERM would wait for it
}

TEST_CASE("hardening: calendar feeds fold without splitting a character and refuse line breaks in names", "[hardening]") {
  std::vector<std::string> names = long_names();
  Small f(peerslot::e2e::small_scenario(static_cast<int>(names.size()), 10, 1, 10));
  ServiceProcess& s = f.s;
  std::string office = s.token("office");

  json injected = peerslot::e2e::small_scenario(3, 6, 1, 4);
  injected["councils"][0]["name"] = "Council 1\r\nX-INJECTED:1";
  std::string before = f.rows();
  Answer refused = s.call("PUT", "/scenario", office, json{{"scenario", injected}});
  check_refusal_under(refused, 422, {"scenario.councils[0]"});
  CHECK(contains(text_of(refused, "field"), "name"));
  f.check_rows_unchanged(before);

  json scenario = peerslot::e2e::small_scenario(static_cast<int>(names.size()), 10, 1, 10);
  for (std::size_t i = 0; i < names.size(); ++i) scenario["councils"][i]["name"] = names[i];
  REQUIRE(s.call("PUT", "/scenario", office, json{{"scenario", scenario}}).status == 200);
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string token = s.user_token("council", council_id(i));
    json week = {{"week", first_option(s, token, request_id(i))}};
    REQUIRE(s.call("POST", "/requests/" + request_id(i) + "/booking", token, week).status == 201);
    check_feed(council_feed(s, token), names[i]);
  }
}

TEST_CASE("hardening: security headers and no calendar secret in the access log", "[hardening]") {
  Small f;
  ServiceProcess& s = f.s;
  std::string council = s.user_token("council", "C01");

  Answer page = s.call("GET", "/");
  REQUIRE(page.status == 200);
  CHECK_THAT(header(page, "Content-Security-Policy"), Catch::Contains("default-src 'self'"));
  CHECK_THAT(header(page, "Content-Security-Policy"), Catch::Contains("frame-ancestors 'none'"));
  CHECK(header(page, "X-Content-Type-Options") == "nosniff");
  CHECK(!header(page, "Referrer-Policy").empty());

  Answer me = s.call("GET", "/me", council);
  REQUIRE(me.status == 200);
  CHECK_THAT(header(me, "Cache-Control"), Catch::Contains("no-store"));
  CHECK(header(me, "X-Content-Type-Options") == "nosniff");

  Answer made = s.call("POST", "/me/calendar", council, std::string("{}"));
  REQUIRE(made.status == 201);
  std::string url = made.body["url"];
  REQUIRE(starts_with(url, "/calendar/"));
  std::string secret = url.substr(10, url.rfind(".ics") - 10);
  REQUIRE(secret.size() >= 16);
  REQUIRE(s.call("GET", url).status == 200);
  std::string log;
  for (int i = 0; i < 40 && !contains(log, "GET /calendar/"); ++i) {  // the access log line follows the reply
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    log = s.log();
  }
  CHECK(contains(log, "GET /calendar/"));
  CHECK_FALSE(contains(log, secret));
}

TEST_CASE("hardening: every field of the account and webhook routes refuses a value of the wrong kind, naming it", "[hardening]") {
  Small f;
  ServiceProcess& s = f.s;
  std::string office = s.token("office");
  Answer user = s.call("POST", "/users", office,
                       json{{"name", "Ali Officer"}, {"email", "ali@c01.example.org"}, {"role", "council"}, {"subject", "C01"}, {"welcome", false}});
  REQUIRE(user.status == 201);
  Answer hook = s.call("POST", "/webhooks", office, json{{"url", "http://127.0.0.1:9/hook"}, {"types", {"webhook.test"}}});
  REQUIRE(hook.status == 201);
  std::string user_path = "/users/" + std::to_string(user.body["id"].get<int>());
  std::string hook_path = "/webhooks/" + std::to_string(hook.body["id"].get<int>());
  auto state = [&] {
    return s.call("GET", "/users", office).text + s.call("GET", "/webhooks", office).text +
           s.call("GET", "/outbox?limit=1000", office).text + s.call("GET", "/me/tokens", office).text;
  };
  std::string before = state();

  // Values of the wrong kind for each kind of field.
  const std::map<std::string, std::vector<json>> wrong = {
      {"text", {12345, true, json::object(), json::array(), json::array({"x"}), "a\x01" "b", "line\nbreak"}},
      {"flag", {"yes", 1, json::object(), json::array(), nullptr}},
      {"days", {"5", 1.5, true, json::object(), 0, -1, 100000}},
      {"list", {"x", 5, json::array({5}), json::array({""}), json::array({json::object()}), json::object(), json::array({"a\x02"})}}};
  struct Field {
    const char* method;
    std::string path;
    const char* name;
    const char* kind;
  };
  const std::vector<Field> fields = {
      {"POST", "/users", "name", "text"},          {"POST", "/users", "email", "text"},
      {"POST", "/users", "role", "text"},          {"POST", "/users", "subject", "text"},
      {"POST", "/users", "welcome", "flag"},       {"PATCH", user_path, "name", "text"},
      {"PATCH", user_path, "email", "text"},       {"PATCH", user_path, "disabled", "flag"},
      {"POST", "/me/tokens", "name", "text"},      {"POST", "/me/tokens", "days", "days"},
      {"PUT", "/me/notices", "muted", "list"},     {"POST", "/sign-in", "email", "text"},
      {"POST", "/sessions", "link", "text"},       {"POST", "/webhooks", "url", "text"},
      {"POST", "/webhooks", "description", "text"}, {"POST", "/webhooks", "types", "list"},
      {"POST", "/webhooks", "disabled", "flag"},   {"PATCH", hook_path, "url", "text"},
      {"PATCH", hook_path, "types", "list"},       {"PATCH", hook_path, "disabled", "flag"}};
  for (const Field& field : fields)
    for (const json& value : wrong.at(field.kind)) {
      Answer a = s.call(field.method, field.path, office, json{{field.name, value}});
      INFO(field.method << " " << field.path << " " << field.name << " = " << value.dump());
      CHECK((a.status == 400 || a.status == 422));
      check_refusal_under(a, a.status, {field.name});
    }
  CHECK(state() == before);  // nothing written, no mail queued
  check_alive(s);
}
