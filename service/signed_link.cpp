// signed_link.cpp — OpenSSL's one-shot HMAC, compared by same_secret() (tokens.h).
#include "service/signed_link.h"

#include "service/tokens.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace peerslot::service {

namespace {

// One path segment: RFC 3986 unreserved characters as they are, every
// other octet as %XX.
std::string path_segment(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back("0123456789ABCDEF"[c >> 4]);
      out.push_back("0123456789ABCDEF"[c & 15]);
    }
  }
  return out;
}

std::string rsvp_text(const std::string& request_id, const std::string& peer_id) {
  return "rsvp\n" + request_id + "\n" + peer_id;
}

}  // namespace

std::string link_signature(const std::string& key, const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), digest, &length);
  return hex_digits(digest, length);
}

bool signature_matches(const std::string& key, const std::string& text, const std::string& signature) {
  return !key.empty() && same_secret(link_signature(key, text), signature);
}

std::string rsvp_path(const std::string& key, const std::string& request_id, const std::string& peer_id) {
  return "/invitations/" + path_segment(request_id) + "/" + path_segment(peer_id) + "/" +
         link_signature(key, rsvp_text(request_id, peer_id));
}

bool rsvp_signature_ok(const std::string& key, const std::string& request_id, const std::string& peer_id,
                       const std::string& signature) {
  return signature_matches(key, rsvp_text(request_id, peer_id), signature);
}

}  // namespace peerslot::service
