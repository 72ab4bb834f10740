// page.cpp — cursors and number keys. A number key is 19 digits with
// leading zeros, so that text order is number order for any int64 >= 0.
#include "service/page.h"

#include "service/base64.h"

#include <cstdio>

namespace peerslot::service {

namespace {

Status not_a_cursor() { return Status::invalid("cursor", "is not a cursor this list gave; start again without it"); }

}  // namespace

std::string cursor_of(const std::string& list, const std::string& key) { return base64url(list + "\n" + key); }

Result<std::string> key_of_cursor(const std::string& list, const std::string& cursor) {
  auto text = from_base64url(cursor);
  std::string prefix = list + "\n";
  if (!text || text->size() <= prefix.size() || text->compare(0, prefix.size(), prefix) != 0) return not_a_cursor();
  return text->substr(prefix.size());
}

std::string number_key(std::int64_t n) {
  char text[24];
  std::snprintf(text, sizeof text, "%019lld", static_cast<long long>(n));
  return text;
}

Result<std::int64_t> key_number(const std::string& key) {
  if (key.size() != 19 || key.find_first_not_of("0123456789") != std::string::npos || key > "9223372036854775807")
    return not_a_cursor();
  return static_cast<std::int64_t>(std::stoll(key));
}

Result<std::int64_t> number_after(const PageQuery& page) {
  if (page.after.empty()) return std::int64_t{0};
  return key_number(page.after);
}

}  // namespace peerslot::service
