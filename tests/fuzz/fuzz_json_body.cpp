// fuzz_json_body — feeds arbitrary bytes to parse_json_text() and, when they
// are JSON, runs every request-body reader of http/input.h on the value
// (only_fields, read_date, read_monday, read_ranges, read_strings,
// read_optional_int) with the field names the corpus uses. No reader may
// throw; every refusal must be a plain message, as the service replies with
// it in a problem+json body.
#include "http/input.h"
#include "tests/fuzz/fuzz_support.h"

using namespace peerslot;

namespace {

template <typename T>
void check(const Result<T>& result) {
  if (!result.is_ok()) fuzz::require_plain_message(result.status());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto doc = parse_json_text(fuzz::text_of(data, size));
  if (!doc.is_ok()) {
    fuzz::require_plain_message(doc.status());
    return 0;
  }
  const nlohmann::json& body = doc.value();
  Status fields = http::only_fields(body, {"week", "start", "end", "available", "skills", "max_days_per_year"});
  if (!fields.is_ok()) fuzz::require_plain_message(fields);
  check(http::read_date(body, "start"));
  check(http::read_monday(body, "week"));
  check(http::read_range(body, "range"));
  check(http::read_ranges(body, "available"));
  check(http::read_strings(body, "skills"));
  check(http::read_optional_int(body, "max_days_per_year", 0, 366));
  return 0;
}
