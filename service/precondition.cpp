// precondition.cpp — parsing an If-Match list: entity tags split at commas
// outside quotes.
#include "service/precondition.h"

#include "engine/json_text.h"
#include "service/request_text.h"
#include "service/tokens.h"

#include <algorithm>
#include <vector>

namespace peerslot::service {

namespace {

std::vector<std::string> entity_tags(const std::string& header) {
  std::vector<std::string> tags(1);
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) tags.emplace_back();
    else tags.back() += c;
  }
  for (std::string& tag : tags) tag = trimmed(tag);
  return tags;
}

}  // namespace

std::string etag_of(const nlohmann::json& representation) {
  return "\"" + sha256_hex(json_text(representation)).substr(0, 32) + "\"";
}

Status Precondition::check(const nlohmann::json& current) const {
  if (!if_match) return Status::ok();
  std::string wanted = trimmed(*if_match);
  std::string etag = etag_of(current);
  std::vector<std::string> tags = entity_tags(wanted);
  if (wanted == "*" || std::find(tags.begin(), tags.end(), etag) != tags.end()) return Status::ok();
  return Status::precondition_failed("If-Match", printable(wanted, 200) + " does not match the current version " + etag);
}

}  // namespace peerslot::service
