// mail_message.cpp — header values are cleaned, then folded or encoded;
// bodies are quoted-printable (text) and base64 (calendar).
#include "service/mail_message.h"

#include "engine/json_text.h"
#include "service/tokens.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace peerslot::service {

namespace {

constexpr std::size_t kFoldAt = 78;       // the recommended longest line (RFC 5322 2.1.1)
constexpr std::size_t kLongestWord = 900;  // a subject word longer than this is encoded to stay under 998
constexpr std::size_t kLongestPath = 254;  // RFC 5321's longest address
constexpr std::size_t kEncodedChunk = 39;  // octets per encoded-word: "Subject: =?UTF-8?B?" + 52 + "?=" fits 76

const char kHex[] = "0123456789ABCDEF";

// Control characters (CR and LF among them) become spaces and invalid
// UTF-8 becomes U+FFFD: a header value can never end its line.
std::string clean(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    std::size_t length = utf8_sequence_length(value, i);
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (length == 0) out += "\xEF\xBF\xBD";
    else if (is_control_byte(c)) out += ' ';
    else out.append(value, i, length);
    i += length ? length : 1;
  }
  return out;
}

// An address or message id: printable ASCII or UTF-8 without spaces or the
// characters that would end it or start another, at most 254 octets.
std::string clean_path(const std::string& value) {
  std::string out;
  for (char c : clean(value)) {
    if (c == ' ' || std::string_view("<>,;\"\\").find(c) != std::string_view::npos) continue;
    out += c;
  }
  if (out.size() > kLongestPath) {
    std::size_t cut = kLongestPath;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // to the start of a character
    out.resize(cut);
  }
  return out;
}

// Printable ASCII that no reader could take for an encoded-word.
bool needs_no_encoding(const std::string& value) {
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  return value.find("=?") == std::string::npos;
}

std::string base64(const std::string& data) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    unsigned int n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    out += digits[(n >> 18) & 63];
    out += digits[(n >> 12) & 63];
    out += i + 1 < data.size() ? digits[(n >> 6) & 63] : '=';
    out += i + 2 < data.size() ? digits[n & 63] : '=';
  }
  return out;
}

// Base64 in lines of 76 characters, each ending in CRLF.
std::string base64_lines(const std::string& data) {
  std::string encoded = base64(data);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

// RFC 2047 encoded-words of clean UTF-8, each holding whole characters,
// separated by folding white space.
std::string encoded_words(const std::string& value) {
  std::string out;
  for (std::size_t start = 0; start < value.size();) {
    std::size_t end = start;
    while (end < value.size()) {
      std::size_t length = utf8_sequence_length(value, end);
      if (end + length - start > kEncodedChunk) break;
      end += length;
    }
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(value.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

// Plain ASCII folded before a space so that lines stay within 78 octets
// where the words allow; `used` is what the line already holds.
std::string folded(const std::string& value, std::size_t used) {
  std::string out;
  std::size_t width = used;
  for (std::size_t start = 0; start <= value.size();) {
    std::size_t end = value.find(' ', start + 1);
    if (end == std::string::npos) end = value.size();
    std::string word = value.substr(start, end - start);  // with its leading space, but for the first
    if (start > 0 && word.size() > 1 && width + word.size() > kFoldAt) {  // never a line of spaces alone
      out += "\r\n";
      width = 0;
    }
    out += word;
    width += word.size();
    if (end == value.size()) break;
    start = end;
  }
  return out;
}

bool has_long_word(const std::string& value) {
  std::size_t run = 0;
  for (char c : value) {
    run = c == ' ' ? 0 : run + 1;
    if (run > kLongestWord) return true;
  }
  return false;
}

std::string unstructured(const std::string& name, const std::string& value) {
  std::string text = clean(value);
  std::string prefix = name + ": ";
  if (needs_no_encoding(text) && !has_long_word(text)) return prefix + folded(text, prefix.size()) + "\r\n";
  return prefix + encoded_words(text) + "\r\n";
}

// A mailbox header: "Name" <address>, the name quoted or encoded, folded
// before the address when the line would be longer than 78 octets.
std::string mailbox(const std::string& header, const std::string& name, const std::string& address) {
  std::string text = clean(name);
  std::string prefix = header + ": ";
  std::string angle = "<" + clean_path(address) + ">";
  if (text.empty()) return prefix + angle + "\r\n";
  std::string phrase;
  if (needs_no_encoding(text) && text.size() <= 60) {
    phrase = "\"";
    for (char c : text) phrase += (c == '"' || c == '\\') ? std::string{'\\', c} : std::string{c};
    phrase += "\"";
  } else {
    phrase = encoded_words(text);
  }
  bool fits = phrase.find('\r') == std::string::npos && prefix.size() + phrase.size() + 1 + angle.size() <= kFoldAt;
  return prefix + phrase + (fits ? " " : "\r\n ") + angle + "\r\n";
}

std::string date_time(std::int64_t seconds) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return text;
}

// The calendar object's METHOD (its first METHOD line), as a MIME token;
// `fallback` when it has none.
std::string method_of(const std::string& calendar, const std::string& fallback) {
  std::string method = fallback;
  for (std::size_t at = 0; at < calendar.size();) {
    std::size_t end = calendar.find('\n', at);
    if (end == std::string::npos) end = calendar.size();
    std::string line = calendar.substr(at, end - at);
    if (line.rfind("METHOD:", 0) == 0) {
      method = line.substr(7);
      break;
    }
    at = end + 1;
  }
  std::string token;
  for (char c : method)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') token += c;
  return token;
}

std::string text_headers() {
  return "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
}

std::string text_body(const std::string& text) {
  std::string body = text.empty() || text.back() != '\n' ? text + "\n" : text;
  return quoted_printable(body);
}

}  // namespace

std::string quoted_printable(const std::string& text) {
  std::string out;
  std::size_t width = 0;
  auto put = [&](const std::string& piece) {
    if (width + piece.size() > 75) {  // room for the soft break's "="
      out += "=\r\n";
      width = 0;
    }
    out += piece;
    width += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool line_end = c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    if (line_end) {
      if (c == '\r') ++i;
      out += "\r\n";
      width = 0;
      continue;
    }
    bool at_end = i + 1 == text.size() || text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n');
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end);
    put(literal ? std::string{static_cast<char>(c)} : std::string{'=', kHex[c >> 4], kHex[c & 15]});
  }
  return out;
}

std::string rfc5322_message(const Mail& mail, const MailEnvelope& envelope) {
  std::string out = mailbox("From", envelope.from_name, envelope.from);
  out += mailbox("To", mail.to_name, mail.to);
  out += unstructured("Subject", mail.subject);
  out += "Date: " + date_time(envelope.date) + "\r\n";
  out += "Message-ID: <" + clean_path(envelope.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n";
  if (mail.calendar.empty()) return out + text_headers() + "\r\n" + text_body(mail.text);
  std::string boundary = "=_" + new_secret().substr(0, 32);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "This is an invitation in MIME format (iMIP).\r\n";
  out += "--" + boundary + "\r\n" + text_headers() + "\r\n" + text_body(mail.text);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/calendar; charset=utf-8; method=" + method_of(mail.calendar, mail.calendar_method) + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n" + base64_lines(mail.calendar);
  return out + "--" + boundary + "--\r\n";
}

}  // namespace peerslot::service
