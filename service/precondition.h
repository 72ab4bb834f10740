// precondition.h — conditional changes (RFC 9110 section 13.1.1): a client
// sends the ETag of the version it saw, and the change is refused if the
// resource has changed since.
//
// Guarantees: the ETag is strong, a hash of the resource's JSON
// representation (representations.h), so any change a client could see
// changes it. check() passes when no tag was sent, when it is "*", or when
// the list holds the current tag (strong comparison: a weak W/ tag never
// matches); otherwise it is precondition_failed naming field "If-Match".
// Thread-safety: pure functions.
#pragma once

#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace peerslot::service {

std::string etag_of(const nlohmann::json& representation);

struct Precondition {
  std::optional<std::string> if_match;  // the header's value, as sent

  Status check(const nlohmann::json& current) const;
};

}  // namespace peerslot::service
