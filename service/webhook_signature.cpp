// webhook_signature.cpp — base64 by base64.h, HMAC-SHA256 by OpenSSL's
// one-shot HMAC().
#include "service/webhook_signature.h"

#include "service/base64.h"
#include "service/tokens.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace peerslot::service {

namespace {

constexpr const char* kSecretPrefix = "whsec_";

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
  std::vector<unsigned char> key = from_base64(encoded).value_or(std::vector<unsigned char>{});
  std::string signed_content = message_id + "." + std::to_string(timestamp) + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(signed_content.data()),
       signed_content.size(), mac, &length);
  return "v1," + base64(mac, length);
}

}  // namespace peerslot::service
