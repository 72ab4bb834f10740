// utc_time.h — times as the service keeps them (whole seconds since the
// Unix epoch) and as text in UTC, in one place for the audit log, the API,
// the outbox's file names and iCalendar stamps.
// Thread-safety: pure functions (gmtime_r); unix_now() reads the system clock.
#pragma once

#include <cstdint>
#include <string>

namespace peerslot::service {

std::int64_t unix_now();
// `seconds` in UTC through strftime's `format` (at most 63 characters of text).
std::string utc_text(std::int64_t seconds, const char* format);
// RFC 3339 in UTC, e.g. "2026-12-02T06:40:00Z".
std::string iso_instant(std::int64_t seconds);

}  // namespace peerslot::service
