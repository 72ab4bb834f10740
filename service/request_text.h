// request_text.h — checks on the text a client sends in paths, query
// strings and headers, and a printable form of it for logs and messages.
//
// Guarantees: clean_text() accepts exactly well-formed UTF-8 (RFC 3629, see
// engine/json_text.h) without control characters (U+0000..U+001F, U+007F); printable() never returns a control
// character or an invalid byte (each becomes \xNN) and cuts at `limit` bytes.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace peerslot::service {

bool clean_text(std::string_view text);
std::string printable(std::string_view text, std::size_t limit = 200);
// The text without leading and trailing spaces and tabs (a header value's padding).
std::string trimmed(std::string_view text);

}  // namespace peerslot::service
