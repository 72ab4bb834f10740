// service_store_test.cpp — in-process tests of the service's store and
// server edges: a database whose rows no longer validate is named row by row
// and can be repaired, and an exception in a handler becomes a generic 500.
#include "engine/solver.h"
#include "http/server.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "tests/test_scenarios.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <httplib.h>

#include <filesystem>
#include <thread>

namespace {

using namespace peerslot;
using peerslot::test::ScenarioBuilder;

Result<std::unique_ptr<service::Service>> open_service(const std::string& db) {
  auto store = store::SqliteStore::open(db);
  if (!store.is_ok()) return store.status();
  return service::Service::open(std::move(store).value());
}

Result<std::vector<store::BadRow>> bad_rows(const std::string& db) {
  auto store = store::SqliteStore::open(db);
  if (!store.is_ok()) return store.status();
  return store.value()->bad_rows();
}

std::string fresh_db(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("peerslot-store-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  for (const char* suffix : {"", "-wal", "-shm", ".before-repair"}) std::filesystem::remove(path + suffix);
  return path;
}

// Two councils with a request each and two officers; both requests booked.
void seed_two_councils(const std::string& db) {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 53.1, -2.1);
  b.peer("P1", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("P2", Role::kOfficer, "X", 53.0, -2.0);
  b.request("R1", "C1", 2, {0, 0, 1, 0});
  b.request("R2", "C2", 2, {0, 0, 1, 0});
  Scenario scenario = b.build();
  SolveOptions options;
  options.time_limit_seconds = 0.2;
  auto solved = solve(scenario, options);
  REQUIRE(solved.is_ok());
  REQUIRE(solved.value().plan.assignments.size() == 2);
  auto service = open_service(db);
  REQUIRE(service.is_ok());
  REQUIRE(service.value()->seed(scenario, solved.value().plan.assignments).is_ok());
}

// Writes a council document the engine refuses, as a bug or a hand edit might.
void break_council(const std::string& db, const std::string& id) {
  SQLite::Database sql(db, SQLite::OPEN_READWRITE);
  SQLite::Statement read(sql, "SELECT doc FROM councils WHERE id = ?");
  read.bind(1, id);
  REQUIRE(read.executeStep());
  nlohmann::json doc = nlohmann::json::parse(read.getColumn(0).getString());
  doc["lat"] = nullptr;
  SQLite::Statement write(sql, "UPDATE councils SET doc = ? WHERE id = ?");
  write.bind(1, doc.dump());
  write.bind(2, id);
  REQUIRE(write.exec() == 1);
}

}  // namespace

TEST_CASE("store: a database that does not load names the row and field, and repair mends it", "[store]") {
  std::string db = fresh_db("repair.db");
  seed_two_councils(db);
  break_council(db, "C2");

  auto opened = open_service(db);
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == Status::Code::kInvalid);
  CHECK_THAT(opened.status().message(), Catch::Contains("table councils") && Catch::Contains("id C2") &&
                                            Catch::Contains("lat"));

  auto rows = bad_rows(db);
  REQUIRE(rows.is_ok());
  REQUIRE(rows.value().size() == 2);  // the council, then its request that no longer has a council
  CHECK(rows.value()[0].table == "councils");
  CHECK(rows.value()[0].id == "C2");
  CHECK_THAT(rows.value()[0].problem, Catch::StartsWith("lat"));
  CHECK(rows.value()[1].table == "requests");
  CHECK(rows.value()[1].id == "R2");

  auto repaired = store::SqliteStore::open(db).value()->repair(db + ".before-repair", "office (test)");
  REQUIRE(repaired.is_ok());
  CHECK(repaired.value().size() == 2);
  CHECK(std::filesystem::exists(db + ".before-repair"));
  auto reopened = open_service(db);
  REQUIRE(reopened.is_ok());
  service::StatePtr state = reopened.value()->state();
  CHECK(state->scenario->find_council("C2") == nullptr);
  CHECK(state->scenario->find_request("R2") == nullptr);
  CHECK(state->scenario->find_council("C1") != nullptr);
  CHECK(state->plan.assignments.size() == 1);  // R1 keeps its booking
  auto audit = reopened.value()->audit({}, {});
  REQUIRE(audit.is_ok());
  CHECK_THAT(audit.value().items.back().action, Catch::StartsWith("repair"));
  CHECK(audit.value().items.back().before.contains("councils/C2"));
  CHECK(audit.value().items.back().before.contains("bookings/R2"));

  auto backup_rows = bad_rows(db + ".before-repair");
  REQUIRE(backup_rows.is_ok());
  CHECK(backup_rows.value().size() == 2);  // the backup is the database as it was
  CHECK(bad_rows(db).value().empty());
}

TEST_CASE("server: an exception in a handler is a generic 500 with a request id, and the server lives on", "[server]") {
  std::string db = fresh_db("boom.db");
  auto service = open_service(db);
  REQUIRE(service.is_ok());
  http::Server server(*service.value(), {"127.0.0.1", 0});
  server.router().add({"GET", "/boom", "fail on purpose", {}, http::Body::kNone,
                       [](const http::Call&) -> http::HttpReply { throw std::runtime_error("secret internals"); }});
  auto port = server.bind();
  REQUIRE(port.is_ok());
  std::thread running([&] { server.run(); });
  httplib::Client client("127.0.0.1", port.value());
  auto boom = client.Get("/boom");
  auto health = client.Get("/healthz");
  server.stop();
  running.join();

  REQUIRE(boom);
  CHECK(boom->status == 500);
  CHECK(boom->get_header_value("Content-Type") == "application/problem+json");
  std::string id = boom->get_header_value("X-Request-Id");
  CHECK_FALSE(id.empty());
  CHECK_THAT(boom->body, Catch::Contains(id) && !Catch::Contains("secret"));
  REQUIRE(health);
  CHECK(health->status == 200);
}
