// base64.cpp — OpenSSL does the coding; the URL-safe form swaps two letters
// of the alphabet and drops (or restores) the padding around it.
#include "service/base64.h"

#include <openssl/evp.h>

#include <algorithm>

namespace peerslot::service {

std::string base64(const unsigned char* bytes, std::size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// EVP_DecodeBlock counts the padding as zero bytes, so they are taken off again.
std::optional<std::vector<unsigned char>> from_base64(const std::string& text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(3 * (text.size() / 4) + 3);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  std::size_t padding = 0;
  for (auto c = text.rbegin(); c != text.rend() && *c == '=' && padding < 2; ++c) ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

std::string base64url(const std::string& bytes) {
  std::string text = base64(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  text.erase(std::find(text.begin(), text.end(), '='), text.end());
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  return text;
}

std::optional<std::string> from_base64url(const std::string& text) {
  if (text.find_first_of("+/=") != std::string::npos || text.size() % 4 == 1) return std::nullopt;
  std::string standard = text;
  std::replace(standard.begin(), standard.end(), '-', '+');
  std::replace(standard.begin(), standard.end(), '_', '/');
  standard.append((4 - standard.size() % 4) % 4, '=');
  auto bytes = from_base64(standard);
  if (!bytes) return std::nullopt;
  std::string out(bytes->begin(), bytes->end());
  if (base64url(out) != text) return std::nullopt;  // stray bits in the last letter
  return out;
}

}  // namespace peerslot::service
