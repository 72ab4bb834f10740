// page_checks.h — what every browser test shares: a free port for
// chromedriver (local_server.h's), the demo served on a fresh database, and the checks run on
// every page state (axe-core, words people read, console errors, sideways
// scrolling at phone width) with its screenshot under tests/artifacts/.
#pragma once

#include "tests/browser/webdriver.h"
#include "tests/e2e/local_server.h"
#include "tests/e2e/service_harness.h"

#include <string>

namespace peerslot::test {

using peerslot::e2e::free_port;

// `peerslot serve` on a fresh database seeded with the national demo; its
// mail goes to the folder beside the database (outbox()).
class ServedDemo {
 public:
  ServedDemo() : db_(peerslot::e2e::temp_dir() + "/demo.db"), service_(db_, {"--solve-seconds", "2"}) {}
  const std::string& db() const { return db_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(service_.port()) + "/"; }
  std::string url(const std::string& role) const { return base() + "#token=" + service_.token(role); }
  std::string outbox() const { return db_.substr(0, db_.rfind(".db")) + "-outbox"; }
  peerslot::e2e::ServiceProcess& service() { return service_; }

 private:
  std::string db_;
  peerslot::e2e::ServiceProcess service_;
};

// The path of an artifact (screenshot) of this name; the folder is made.
std::string artifact(const std::string& name);
std::string read_text(const std::string& path);
// The page's serious and critical axe-core violations, one line each.
std::string axe_violations(Browser& browser);

enum class Reader { kPerson, kOffice };

// Every page: no serious or critical axe violation; for anyone but the
// office, words people read (no rule id, cost, bare id, ISO date,
// "undefined" or "null"); no script error; no sideways scrolling at phone
// width; a screenshot.
void check_page(Browser& browser, const std::string& name, Reader reader = Reader::kPerson);

}  // namespace peerslot::test
