// smtp_transport.cpp — the settings URL taken apart by hand; one libcurl
// easy handle per message, its body read from the queued message.
#include "mail/smtp_transport.h"

#include "mail/curl_library.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace peerslot::mail {

namespace {

Status bad_smtp(const std::string& detail) { return Status::invalid("smtp", detail); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded; false on a broken escape.
bool percent_decoded(const std::string& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) return false;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return true;
}

Status read_user(const std::string& userinfo, SmtpSettings& settings) {
  std::size_t colon = userinfo.find(':');
  if (!percent_decoded(userinfo.substr(0, colon), settings.username)) return bad_smtp("the user name has a broken %-escape");
  if (colon != std::string::npos && !percent_decoded(userinfo.substr(colon + 1), settings.password))
    return bad_smtp("the password has a broken %-escape");
  if (settings.username.empty()) return bad_smtp("the user name before '@' is empty");
  return Status::ok();
}

bool host_character(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; }

Status read_host_and_port(const std::string& hostport, SmtpSettings& settings) {
  std::size_t port_at = std::string::npos;
  if (!hostport.empty() && hostport[0] == '[') {
    std::size_t close = hostport.find(']');
    if (close == std::string::npos) return bad_smtp("the IPv6 address has no closing ']'");
    settings.host = hostport.substr(0, close + 1);
    bool hex = std::all_of(settings.host.begin() + 1, settings.host.end() - 1,
                           [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; });
    if (!hex || settings.host.size() < 4) return bad_smtp("the IPv6 address " + settings.host + " is not one");
    if (close + 1 < hostport.size()) {
      if (hostport[close + 1] != ':') return bad_smtp("the IPv6 address must be followed by ':port' or nothing");
      port_at = close + 1;
    }
  } else {
    port_at = hostport.find(':');
    settings.host = hostport.substr(0, port_at);
    if (settings.host.empty()) return bad_smtp("the host name is missing");
    if (!std::all_of(settings.host.begin(), settings.host.end(), host_character))
      return bad_smtp("the host name \"" + settings.host + "\" may hold only letters, digits, '-' and '.'");
  }
  if (port_at != std::string::npos && !number_in(hostport.substr(port_at + 1), 1, 65535, settings.port))
    return bad_smtp("the port \"" + hostport.substr(port_at + 1) + "\" is not a number from 1 to 65535");
  return Status::ok();
}

// libcurl reads the message from here.
struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  Upload& upload = *static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload.data->size() - upload.offset);
  std::memcpy(buffer, upload.data->data() + upload.offset, n);
  upload.offset += n;
  return n;
}

// An envelope address curl can put between angle brackets as it is.
bool plain_address(const std::string& address) {
  return !address.empty() && std::none_of(address.begin(), address.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '<' || c == '>';
  });
}

}  // namespace

Result<SmtpSettings> smtp_settings(const std::string& url) {
  const std::string scheme = "smtp://";
  if (url.rfind(scheme, 0) != 0) return bad_smtp("the address must start with smtp:// (STARTTLS is the option ?starttls=1)");
  SmtpSettings settings;
  std::string rest = url.substr(scheme.size());
  std::size_t query_at = rest.find('?');
  std::string authority = rest.substr(0, query_at);
  if (!authority.empty() && authority.back() == '/') authority.pop_back();
  if (authority.find('/') != std::string::npos) return bad_smtp("the address may not have a path after the host and port");
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    if (Status user = read_user(authority.substr(0, at), settings); !user.is_ok()) return user;
    authority = authority.substr(at + 1);
  }
  if (Status host = read_host_and_port(authority, settings); !host.is_ok()) return host;
  if (query_at != std::string::npos) {
    if (Status options = read_connection_options(rest.substr(query_at + 1), "smtp", settings); !options.is_ok())
      return options;
  }
  return settings;
}

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) { use_curl(); }

std::string SmtpTransport::where() const {
  return "the SMTP server " + settings_.host + ":" + std::to_string(settings_.port) + (settings_.starttls ? " (STARTTLS)" : "");
}

Status SmtpTransport::send(const service::QueuedMail& mail) {
  if (!plain_address(mail.sender)) return Status::io_error("the sender address \"" + mail.sender + "\" cannot go to " + where());
  if (!plain_address(mail.recipient))
    return Status::io_error("the recipient address \"" + mail.recipient + "\" cannot go to " + where());
  CurlHandle curl(curl_easy_init());
  if (!curl) return Status::io_error("cannot start a session with " + where() + ": curl_easy_init failed");
  CurlList recipients(curl_slist_append(nullptr, ("<" + mail.recipient + ">").c_str()));
  std::string url = "smtp://" + settings_.host + ":" + std::to_string(settings_.port);
  std::string sender = "<" + mail.sender + ">";
  Upload upload{&mail.message};
  char error_text[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.message.size()));
  set_connection(c, settings_, settings_.username, settings_.password);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  CURLcode result = curl_easy_perform(c);
  if (result == CURLE_OK) return Status::ok();
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string reason = error_text[0] ? error_text : curl_easy_strerror(result);
  return Status::io_error(where() + " did not take the message for " + mail.recipient + ": " + reason +
                          (reply ? " (reply " + std::to_string(reply) + ")" : ""));
}

}  // namespace peerslot::mail
