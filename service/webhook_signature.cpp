// webhook_signature.cpp — base64 by OpenSSL's EVP_EncodeBlock and
// EVP_DecodeBlock, HMAC-SHA256 by its one-shot HMAC().
#include "service/webhook_signature.h"

#include "service/tokens.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace peerslot::service {

namespace {

constexpr const char* kSecretPrefix = "whsec_";

std::string base64(const unsigned char* bytes, std::size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// The decoded bytes; EVP_DecodeBlock counts the padding as zero bytes, so
// they are taken off again.
std::vector<unsigned char> from_base64(const std::string& text) {
  std::vector<unsigned char> out(3 * (text.size() / 4) + 3);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return {};
  std::size_t padding = 0;
  for (auto c = text.rbegin(); c != text.rend() && *c == '=' && padding < 2; ++c) ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

std::vector<unsigned char> random_bytes(std::size_t n) {
  std::vector<unsigned char> bytes(n);
  if (RAND_bytes(bytes.data(), static_cast<int>(n)) != 1) throw std::runtime_error("no randomness from OpenSSL");
  return bytes;
}

}  // namespace

std::string new_webhook_secret() {
  std::vector<unsigned char> bytes = random_bytes(24);
  return kSecretPrefix + base64(bytes.data(), bytes.size());
}

std::string new_message_id() { return "msg_" + new_secret().substr(0, 24); }

std::string webhook_signature(const std::string& secret, const std::string& message_id, std::int64_t timestamp,
                              const std::string& body) {
  std::string encoded = secret.rfind(kSecretPrefix, 0) == 0 ? secret.substr(6) : secret;
  std::vector<unsigned char> key = from_base64(encoded);
  std::string signed_content = message_id + "." + std::to_string(timestamp) + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(signed_content.data()),
       signed_content.size(), mac, &length);
  return "v1," + base64(mac, length);
}

}  // namespace peerslot::service
