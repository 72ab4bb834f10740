// tokens.h — secrets for bearer tokens and calendar feed URLs, and the
// SHA-256 hashes that are all the database ever stores of them.
//
// Guarantees: new_secret() draws 32 bytes from OpenSSL's CSPRNG and returns
// them as 64 lowercase hex digits; sha256_hex() is the standard digest in
// lowercase hex; same_secret() compares without leaking where they differ. Thread-safety: both are safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>

namespace peerslot::service {

// The bytes as lowercase hex, two digits each.
std::string hex_digits(const unsigned char* bytes, std::size_t n);
std::string new_secret();
std::string sha256_hex(const std::string& data);
// Whether two secrets are equal, in time that depends only on their length
// (CRYPTO_memcmp); false when either is empty.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace peerslot::service
