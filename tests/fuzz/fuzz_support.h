// fuzz_support.h — what every fuzz target asserts about a refusal, and the
// abort() that tells libFuzzer an assertion failed.
//
// A refusal message must be safe to put in a reply as is: well-formed UTF-8
// (nlohmann's strict dump() would throw otherwise), not quoting nlohmann,
// and short (values are quoted at most 80 characters).
// Thread-safety: not a concern; libFuzzer calls a target from one thread.
#pragma once

#include "engine/json_text.h"
#include "engine/status.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace peerslot::fuzz {

inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz assertion failed: %s\n", what);
  std::abort();
}

// `input` is the fuzzer's text: a message may echo what the input holds, so
// nlohmann's words are only looked for when the input does not have them.
inline void require_plain_message(const Status& status, const std::string& input) {
  const std::string& text = status.message();
  require(!status.is_ok(), "a refusal has an error status");
  require(is_valid_utf8(text), "a message is valid UTF-8");
  require(text.size() <= 400, "a message is short");
  for (const char* internal : {"json.exception", "parse_error", "syntax error while parsing"}) {
    bool echoed = input.find(internal) != std::string::npos;
    require(echoed || text.find(internal) == std::string::npos, "a message does not quote nlohmann");
  }
}

// The fuzzer's bytes as a string.
inline std::string text_of(const unsigned char* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// The JSON value of `text`, or nullopt after checking that its refusal is plain.
inline std::optional<nlohmann::json> parsed(const std::string& text) {
  auto doc = parse_json_text(text);
  if (doc.is_ok()) return std::move(doc).value();
  require_plain_message(doc.status(), text);
  return std::nullopt;
}

}  // namespace peerslot::fuzz
