// ical_text.cpp — escaping, quoting and folding, one UTF-8 sequence at a time.
#include "service/ical_text.h"

#include "service/utc_time.h"

#include "engine/json_text.h"

#include <algorithm>
#include <ctime>

namespace peerslot::service {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::string escaped_text(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0) out += kReplacement;
    else if (c == '\n') out += "\\n";
    else if (c == '\\' || c == ';' || c == ',') out += {'\\', static_cast<char>(c)};
    else if (!is_control_byte(c)) out.append(text, i, length);  // other control characters are dropped
    i += length ? length : 1;
  }
  return out;
}

std::string parameter_value(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0) out += kReplacement;
    else if (c != '"' && !is_control_byte(c)) out.append(text, i, length);  // DQUOTE may not appear even quoted
    i += length ? length : 1;
  }
  if (out.find_first_of(",;:") != std::string::npos) return '"' + out + '"';
  return out;
}

std::string content_line(const std::string& content) {
  constexpr std::size_t kMaxOctets = 75;
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < content.size();) {
    std::size_t length = std::max<std::size_t>(1, utf8_sequence_length(content, i));
    if (width + length > kMaxOctets) {
      out += "\r\n ";
      width = 1;
    }
    out.append(content, i, length);
    width += length;
    i += length;
  }
  return out + "\r\n";
}

std::string date_value(Date day) { return boost::gregorian::to_iso_string(day); }

std::string utc_date_time(std::int64_t unix_seconds) { return utc_text(unix_seconds, "%Y%m%dT%H%M%SZ"); }

}  // namespace peerslot::service
