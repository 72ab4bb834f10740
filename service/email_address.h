// email_address.h — what the service accepts as a person's email address:
// one "local@domain" address as RFC 5321 allows it for mailboxes people
// type (no display name, comments or quoted local part), at most 254
// octets, the domain with at least one dot, no spaces or control
// characters. Stored and compared in lower case.
// Thread-safety: pure function.
#pragma once

#include "engine/status.h"

#include <string>

namespace peerslot::service {

// The address in lower case, or invalid naming `field`.
Result<std::string> email_address(const std::string& text, const std::string& field);

}  // namespace peerslot::service
