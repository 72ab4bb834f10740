// json_text.h — JSON text in and out at the edges of every layer: parsing
// untrusted text, and quoting a JSON value inside a message or a reply.
//
// Guarantees:
//   - parse_json_text() never throws. It refuses, as Status::invalid with a
//     plain-words message naming the line and column (never quoting the JSON
//     library): invalid UTF-8, nesting deeper than kMaxJsonDepth levels,
//     numbers that do not fit a double or a 64-bit integer, and syntax
//     errors. Depth is checked by a scan of the text before any value is
//     built, so deep input costs no recursion; every value it returns is at
//     most kMaxJsonDepth levels deep.
//   - json_text(), quote_json() and shorten() never throw: invalid UTF-8 inside a
//     string is replaced by U+FFFD, and quote_json() keeps at most
//     kMaxQuoteLength characters (cut at a character boundary, then "...").
//     Both recurse once per level of nesting, so pass them values that are
//     not deeper than kMaxJsonDepth (everything parse_json_text returns).
//
// Thread-safety: pure functions.
#pragma once

#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace peerslot {

constexpr int kMaxJsonDepth = 64;
constexpr std::size_t kMaxQuoteLength = 80;

// Parses one JSON document; see the guarantees above. Every refusal starts
// with "not valid JSON: ", e.g.
//   not valid JSON: line 3, column 12: a number is out of range
Result<nlohmann::json> parse_json_text(const std::string& text);

// The compact JSON text of a value, with invalid UTF-8 replaced.
std::string json_text(const nlohmann::json& value);
// json_text() cut to at most `limit` characters for quoting in a message.
std::string quote_json(const nlohmann::json& value, std::size_t limit = kMaxQuoteLength);
// Plain text cut the same way (invalid UTF-8 replaced by U+FFFD), for
// echoing a name or a cell unquoted.
std::string shorten(std::string_view text, std::size_t limit = kMaxQuoteLength);

// Whether `c` is a control character: U+0000..U+001F or U+007F (DEL).
constexpr bool is_control_byte(unsigned char c) { return c < 0x20 || c == 0x7F; }
// Whether `text` holds a control character.
bool has_control_character(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// The byte length of the well-formed UTF-8 sequence starting at text[at],
// or 0 when none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

}  // namespace peerslot
