// fuzz_json_body — feeds arbitrary bytes to parse_json_text() and, when they
// are JSON, runs every request-body reader of http/input.h on the value
// (only_fields, read_date, read_monday, read_range, read_ranges,
// read_strings, read_optional_int) with the field names the corpus uses.
// No reader may throw; every refusal must be a plain message, as the
// service replies with it in a problem+json body.
#include "http/input.h"
#include "tests/fuzz/fuzz_support.h"

using namespace peerslot;

namespace {

template <typename T>
void check(const Result<T>& result, const std::string& text) {
  if (!result.is_ok()) fuzz::require_plain_message(result.status(), text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string text = fuzz::text_of(data, size);
  auto doc = fuzz::parsed(text);
  if (!doc) return 0;
  const nlohmann::json& body = *doc;
  Status fields = http::only_fields(body, {"week", "start", "end", "available", "skills", "max_days_per_year"});
  if (!fields.is_ok()) fuzz::require_plain_message(fields, text);
  check(http::read_date(body, "start"), text);
  check(http::read_monday(body, "week"), text);
  if (body.is_object() && body.contains("range")) check(http::read_range(body["range"], "range"), text);
  check(http::read_ranges(body, "available"), text);
  check(http::read_strings(body, "skills"), text);
  check(http::read_optional_int(body, "max_days_per_year", 0, 366), text);
  return 0;
}
