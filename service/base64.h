// base64.h — base64 (RFC 4648 section 4) and its URL-safe form without
// padding (section 5), by OpenSSL's EVP_EncodeBlock and EVP_DecodeBlock.
// Guarantees: decoding a text that is not base64 of its kind gives nullopt,
// never a partial result. Cost: linear in the size.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

std::string base64(const unsigned char* bytes, std::size_t n);
std::optional<std::vector<unsigned char>> from_base64(const std::string& text);

// "A-Za-z0-9-_", no '=': safe in a URL's query without escaping.
std::string base64url(const std::string& bytes);
std::optional<std::string> from_base64url(const std::string& text);

}  // namespace peerslot::service
