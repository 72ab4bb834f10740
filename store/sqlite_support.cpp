// sqlite_support.cpp — see sqlite_support.h.
#include "store/sqlite_support.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "service/utc_time.h"


namespace peerslot::store {

Status from_exception(const std::exception& e) {
  if (auto sql = dynamic_cast<const SQLite::Exception*>(&e); sql && sql->getErrorCode() == SQLITE_CONSTRAINT)
    return Status::conflict(std::string("the database refused the change: ") + e.what());
  return Status::io_error(std::string("database: ") + e.what());
}

std::string now_utc() { return service::iso_instant(service::unix_now()); }

}  // namespace peerslot::store
