// email_address.cpp — see email_address.h.
#include "service/email_address.h"

#include "service/request_text.h"

#include <algorithm>
#include <cctype>

namespace peerslot::service {

namespace {

bool atom_text(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string::npos;
}

bool domain_text(const std::string& domain) {
  if (domain.size() < 3 || domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.front() == '-' || domain.find("..") != std::string::npos)
    return false;
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

}  // namespace

Result<std::string> email_address(const std::string& text, const std::string& field) {
  std::string address = trimmed(text);
  std::transform(address.begin(), address.end(), address.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t at = address.rfind('@');
  bool fits = !address.empty() && address.size() <= 254 && at != std::string::npos && at > 0 && at <= 64;
  std::string local = fits ? address.substr(0, at) : "";
  bool ok = fits && std::all_of(local.begin(), local.end(), atom_text) && local.front() != '.' &&
            local.back() != '.' && local.find("..") == std::string::npos && domain_text(address.substr(at + 1));
  if (!ok) return Status::invalid(field, "\"" + printable(text, 80) + "\" is not an email address like name@council.gov.uk");
  return address;
}

}  // namespace peerslot::service
