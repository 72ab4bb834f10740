// sqlite_support.cpp — see sqlite_support.h.
#include "store/sqlite_support.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>

namespace peerslot::store {

Status from_exception(const std::exception& e) {
  if (auto sql = dynamic_cast<const SQLite::Exception*>(&e); sql && sql->getErrorCode() == SQLITE_CONSTRAINT)
    return Status::conflict(std::string("the database refused the change: ") + e.what());
  return Status::io_error(std::string("database: ") + e.what());
}

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace peerslot::store
