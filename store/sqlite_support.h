// sqlite_support.h — what every part of the SQLite store shares: turning
// SQLiteCpp's exceptions into a Status, and the audit log's timestamps.
// Internal to store/. Thread-safety: pure functions.
#pragma once

#include "engine/status.h"

#include <exception>
#include <string>

namespace peerslot::store {

// A constraint the database refused is a conflict; anything else an io_error.
Status from_exception(const std::exception& e);
// Now as "2026-12-02T06:05:00Z".
std::string now_utc();

}  // namespace peerslot::store
