// connection_options.cpp — the query split by hand, values %-decoded by libcurl.
#include "mail/connection_options.h"

#include "mail/curl_library.h"

#include <algorithm>
#include <charconv>

namespace peerslot::mail {

namespace {

std::string unescaped(const std::string& text) {
  int length = 0;
  char* out = curl_easy_unescape(nullptr, text.c_str(), static_cast<int>(text.size()), &length);
  if (!out) return "";
  std::string result(out, static_cast<std::size_t>(length));
  curl_free(out);
  return result;
}

Status read_option(const std::string& option, const std::string& field, ConnectionOptions& options) {
  std::size_t equals = option.find('=');
  std::string name = option.substr(0, equals);
  std::string value = equals == std::string::npos ? "" : unescaped(option.substr(equals + 1));
  if (name == "starttls") {
    if (value != "1" && value != "0") return Status::invalid(field, "starttls must be 1 or 0, not \"" + value + "\"");
    options.starttls = value == "1";
  } else if (name == "timeout") {
    if (!number_in(value, 1, 600, options.timeout_seconds))
      return Status::invalid(field, "timeout must be a number of seconds from 1 to 600, not \"" + value + "\"");
  } else if (name == "cacert") {
    if (value.empty()) return Status::invalid(field, "cacert must name a file of certificates (PEM), %-escaped");
    options.ca_file = value;
  } else {
    return Status::invalid(field, "the option \"" + name + "\" is not one of starttls, timeout and cacert");
  }
  return Status::ok();
}

}  // namespace

bool number_in(const std::string& text, int min, int max, int& out) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min || value > max) return false;
  out = value;
  return true;
}

Status read_connection_options(const std::string& query, const std::string& field, ConnectionOptions& options) {
  for (std::size_t start = 0; start < query.size();) {
    std::size_t end = std::min(query.find('&', start), query.size());
    if (Status read = read_option(query.substr(start, end - start), field, options); !read.is_ok()) return read;
    start = end + 1;
  }
  return Status::ok();
}

void set_connection(CURL* c, const ConnectionOptions& options, const std::string& username, const std::string& password) {
  if (options.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  if (!username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options.timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

}  // namespace peerslot::mail
