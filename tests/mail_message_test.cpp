// Mail messages as they travel: RFC 5322 headers, RFC 2047 subjects,
// quoted-printable text, the iMIP multipart shape, CRLF lines of at most
// 998 octets, and no header injection; and Python's email package as a
// second reader.
#include "service/mail_message.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace peerslot;

namespace {

service::Mail plain_mail() {
  service::Mail mail;
  mail.to = "jo@example.org";
  mail.to_name = "Jo Bloggs";
  mail.subject = "Team proposed";
  mail.text = "Hello Jo,\n\nYour team is proposed.\n";
  mail.kind = "team proposed";
  return mail;
}

service::Mail invitation() {
  service::Mail mail = plain_mail();
  mail.subject = "Invitation: peer challenge";
  mail.calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//peerslot//test//EN\r\nMETHOD:REQUEST\r\n"
                  "BEGIN:VEVENT\r\nUID:r1@peerslot\r\nDTSTAMP:20241202T090000Z\r\nDTSTART;VALUE=DATE:20250113\r\n"
                  "SUMMARY:Peer challenge: Ærø\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  mail.calendar_method = "REQUEST";
  return mail;
}

service::MailEnvelope envelope() {
  return {"office@peerslot.example.org", "peerslot programme office", "42.1733130000@peerslot.example.org", 1733130000};
}

// The physical lines of a message, without their CRLF; fails on a bare CR or LF.
std::vector<std::string> lines_of(const std::string& message) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < message.size();) {
    std::size_t end = message.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    lines.push_back(message.substr(start, end - start));
    REQUIRE(lines.back().find_first_of("\r\n") == std::string::npos);
    start = end + 2;
  }
  return lines;
}

// The header block, unfolded, one header a line.
std::vector<std::string> headers_of(const std::string& message) {
  std::vector<std::string> headers;
  for (const std::string& line : lines_of(message)) {
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      REQUIRE(!headers.empty());
      headers.back() += line;
    } else {
      headers.push_back(line);
    }
  }
  return headers;
}

// The value of the first header named `name` (unfolded), or "" when none.
std::string header(const std::string& message, const std::string& name) {
  for (const std::string& h : headers_of(message))
    if (h.rfind(name + ": ", 0) == 0) return h.substr(name.size() + 2);
  return "";
}

std::string base64_decoded(const std::string& text) {
  static const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned int bits = 0;
  int count = 0;
  for (char c : text) {
    std::size_t value = digits.find(c);
    if (value == std::string::npos) continue;  // '=', line ends
    bits = (bits << 6) | static_cast<unsigned int>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// A subject or name made of =?UTF-8?B?...?= words (whitespace between them ignored).
std::string encoded_words_decoded(const std::string& value) {
  std::string out;
  for (std::size_t at = 0; (at = value.find("=?UTF-8?B?", at)) != std::string::npos;) {
    std::size_t end = value.find("?=", at + 10);
    REQUIRE(end != std::string::npos);
    out += base64_decoded(value.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return out;
}

std::string qp_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i, 3, "=\r\n") == 0) {
      i += 2;
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

// The body after the header block.
std::string body_of(const std::string& message) {
  std::size_t at = message.find("\r\n\r\n");
  REQUIRE(at != std::string::npos);
  return message.substr(at + 4);
}

}  // namespace

TEST_CASE("a plain mail has the RFC 5322 headers and a quoted-printable text part", "[mail]") {
  std::string message = service::rfc5322_message(plain_mail(), envelope());
  CHECK(header(message, "From") == "\"peerslot programme office\" <office@peerslot.example.org>");
  CHECK(header(message, "To") == "\"Jo Bloggs\" <jo@example.org>");
  CHECK(header(message, "Subject") == "Team proposed");
  CHECK(header(message, "Date") == "Mon, 02 Dec 2024 09:00:00 +0000");
  CHECK(header(message, "Message-ID") == "<42.1733130000@peerslot.example.org>");
  CHECK(header(message, "MIME-Version") == "1.0");
  CHECK(header(message, "Auto-Submitted") == "auto-generated");
  CHECK(header(message, "Content-Type") == "text/plain; charset=utf-8");
  CHECK(header(message, "Content-Transfer-Encoding") == "quoted-printable");
  CHECK(body_of(message) == "Hello Jo,\r\n\r\nYour team is proposed.\r\n");
  service::Mail quoted = plain_mail();
  quoted.to_name = "Jo \"JB\" Bloggs\\";
  CHECK(header(service::rfc5322_message(quoted, envelope()), "To") == "\"Jo \\\"JB\\\" Bloggs\\\\\" <jo@example.org>");
}

TEST_CASE("a subject or name that is not plain ASCII is RFC 2047 encoded and decodes to itself", "[mail]") {
  service::Mail mail = plain_mail();
  for (const std::string& subject : {std::string("Équipe proposée – Ærø Kommune"), std::string(40, 'a') + "\xE2\x82\xAC" + std::string(200, 'b'),
                                     std::string("\xF0\x9F\x8F\xB4 ") + std::string(30, 'x') + "\xF0\x9F\x8F\xB4\xF0\x9F\x8F\xB4",
                                     std::string("looks =?UTF-8?B?encoded?= but is not")}) {
    mail.subject = subject;
    mail.to_name = "Siân Jones";
    std::string message = service::rfc5322_message(mail, envelope());
    INFO(message);
    CHECK(encoded_words_decoded(header(message, "Subject")) == subject);
    CHECK(encoded_words_decoded(header(message, "To")) == "Siân Jones");
    CHECK(header(message, "To").find("<jo@example.org>") != std::string::npos);
    for (const std::string& line : lines_of(message)) {
      CHECK(line.size() <= 78);
      if (line.find("=?UTF-8?B?") != std::string::npos) CHECK(line.size() <= 76);  // RFC 2047 2
    }
  }
}

TEST_CASE("a long ASCII subject is folded at spaces and unfolds to itself", "[mail]") {
  service::Mail mail = plain_mail();
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += (i ? " " : "") + std::string("word") + std::to_string(i);
  mail.subject = subject;
  std::string message = service::rfc5322_message(mail, envelope());
  CHECK(header(message, "Subject") == subject);
  for (const std::string& line : lines_of(message)) CHECK(line.size() <= 78);
  mail.subject = std::string(3000, 'z');  // no space to fold at: encoded instead
  message = service::rfc5322_message(mail, envelope());
  CHECK(encoded_words_decoded(header(message, "Subject")) == mail.subject);
  for (const std::string& line : lines_of(message)) CHECK(line.size() <= 998);
}

TEST_CASE("quoted-printable keeps lines within 76 octets and encodes '=', UTF-8 and trailing space", "[mail]") {
  CHECK(service::quoted_printable("a=b") == "a=3Db");
  CHECK(service::quoted_printable("caf\xC3\xA9") == "caf=C3=A9");
  CHECK(service::quoted_printable("end \nnext\t\nlast ") == "end=20\r\nnext=09\r\nlast=20");
  CHECK(service::quoted_printable("in the middle stays") == "in the middle stays");
  CHECK(service::quoted_printable("one\r\ntwo\rthree") == "one\r\ntwo=0Dthree");
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += (i % 7 == 0) ? "=" : (i % 11 == 0) ? "\xC3\xA9" : (i % 5 == 0) ? " " : "x";
  long_text += " \n" + std::string(200, ' ') + "\n";
  std::string encoded = service::quoted_printable(long_text);
  std::vector<std::string> lines = lines_of(encoded);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.size() <= 76);
    CHECK((line.empty() || (line.back() != ' ' && line.back() != '\t')));
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '=' && i + 1 < line.size()) CHECK(std::isxdigit(static_cast<unsigned char>(line[i + 1])));
  }
  std::string lf_text;
  for (std::size_t i = 0; i < long_text.size(); ++i) lf_text += long_text[i] == '\n' ? "\r\n" : std::string{long_text[i]};
  CHECK(qp_decoded(encoded) == lf_text);
}

TEST_CASE("header values cannot inject headers: CR and LF are stripped", "[mail]") {
  service::Mail mail = plain_mail();
  mail.subject = "Hello\r\nBcc: victim@example.org";
  mail.to_name = "Jo\nX-Injected: yes";
  mail.to = "jo@example.org\r\nCc: other@example.org";
  service::MailEnvelope e = envelope();
  e.from_name = "Office\r\n\r\nbody";
  e.message_id = "id@x>\r\nX-Evil: 1";
  std::string message = service::rfc5322_message(mail, e);
  INFO(message);
  for (const std::string& h : headers_of(message)) {
    CHECK(h.rfind("Bcc", 0) != 0);
    CHECK(h.rfind("Cc", 0) != 0);
    CHECK(h.rfind("X-", 0) != 0);
  }
  CHECK(headers_of(message).size() == 9);
  CHECK(header(message, "Subject") == "Hello  Bcc: victim@example.org");
  CHECK(header(message, "To") == "\"Jo X-Injected: yes\" <jo@example.orgCc:other@example.org>");
  CHECK(header(message, "Message-ID") == "<id@xX-Evil:1>");
  CHECK(body_of(message) == "Hello Jo,\r\n\r\nYour team is proposed.\r\n");
}

TEST_CASE("an invitation is multipart/alternative of the text and a text/calendar part with the object's METHOD", "[mail]") {
  service::Mail mail = invitation();
  std::string message = service::rfc5322_message(mail, envelope());
  INFO(message);
  std::string type = header(message, "Content-Type");
  REQUIRE(type.rfind("multipart/alternative;", 0) == 0);
  std::size_t quote = type.find("boundary=\"");
  REQUIRE(quote != std::string::npos);
  std::string boundary = type.substr(quote + 10, type.find('"', quote + 10) - quote - 10);
  CHECK(boundary.size() == 34);
  CHECK(boundary.rfind("=_", 0) == 0);
  CHECK(boundary != header(service::rfc5322_message(mail, envelope()), "Content-Type").substr(quote + 10, 34));

  std::vector<std::string> lines = lines_of(message);
  std::vector<std::size_t> delimiters;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 998);
    if (lines[i].find(boundary) != std::string::npos && lines[i].rfind("Content-Type", 0) != 0 && lines[i][0] != ' ')
      delimiters.push_back(i);
  }
  REQUIRE(delimiters.size() == 3);
  CHECK(lines[delimiters[0]] == "--" + boundary);
  CHECK(lines[delimiters[1]] == "--" + boundary);
  CHECK(lines[delimiters[2]] == "--" + boundary + "--");
  CHECK(delimiters[2] == lines.size() - 1);

  std::string body = body_of(message);
  std::string first = body.substr(body.find("--" + boundary + "\r\n") + boundary.size() + 4);
  std::string text_part = first.substr(0, first.find("\r\n--" + boundary));
  CHECK(text_part.rfind("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", 0) == 0);
  CHECK(qp_decoded(body_of(text_part)) == "Hello Jo,\r\n\r\nYour team is proposed.\r\n");
  std::string second = first.substr(first.find("--" + boundary + "\r\n") + boundary.size() + 4);
  std::string calendar_part = second.substr(0, second.find("--" + boundary + "--"));
  CHECK(calendar_part.rfind("Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n\r\n", 0) == 0);
  CHECK(base64_decoded(body_of(calendar_part)) == mail.calendar);

  mail.calendar_method = "REQUEST";
  mail.calendar.replace(mail.calendar.find("METHOD:REQUEST"), 14, "METHOD:CANCEL");
  CHECK(service::rfc5322_message(mail, envelope()).find("method=CANCEL\r\n") != std::string::npos);
}

TEST_CASE("Python's email package reads the messages with their types, text and calendar", "[mail]") {
  if (::access("/usr/bin/python3", X_OK) != 0) {
    WARN("skipped: /usr/bin/python3 is missing");
    return;
  }
  char pattern[] = "/tmp/peerslot-mail-message-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  std::filesystem::path dir = pattern;
  service::Mail mail = invitation();
  mail.subject = "Invitation: défi entre pairs – Ærø";
  mail.to_name = "Siân Jones";
  mail.text = "Bonjour,\n\nA line with = and trailing space \n" + std::string(120, 'y') + "\nFin.";
  std::ofstream(dir / "invitation.eml", std::ios::binary) << service::rfc5322_message(mail, envelope());
  std::ofstream(dir / "plain.eml", std::ios::binary) << service::rfc5322_message(plain_mail(), envelope());
  std::ofstream(dir / "read.py") << R"(import email, json, sys
from email import policy
out = []
for name in sys.argv[1:]:
    with open(name, 'rb') as f:
        m = email.message_from_binary_file(f, policy=policy.default)
    parts = [{'type': p.get_content_type(), 'method': p.get_param('method'), 'content': p.get_content(),
              'defects': len(p.defects)} for p in m.walk() if not p.is_multipart()]
    out.append({'type': m.get_content_type(), 'subject': str(m['subject']), 'to': str(m['to']),
                'from': str(m['from']), 'defects': len(m.defects), 'parts': parts})
print(json.dumps(out))
)";
  std::string command = "/usr/bin/python3 " + (dir / "read.py").string() + " " + (dir / "invitation.eml").string() + " " +
                        (dir / "plain.eml").string();
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  CHECK(::pclose(pipe) == 0);
  std::filesystem::remove_all(dir);
  INFO(output);
  nlohmann::json read = nlohmann::json::parse(output);
  REQUIRE(read.size() == 2);
  const nlohmann::json& invite = read[0];
  CHECK(invite["type"] == "multipart/alternative");
  CHECK(invite["subject"] == mail.subject);
  CHECK(invite["to"] == "Siân Jones <jo@example.org>");
  CHECK(invite["from"] == "peerslot programme office <office@peerslot.example.org>");
  CHECK(invite["defects"] == 0);
  REQUIRE(invite["parts"].size() == 2);
  CHECK(invite["parts"][0]["type"] == "text/plain");
  CHECK(invite["parts"][0]["content"] == mail.text + "\n");
  CHECK(invite["parts"][0]["defects"] == 0);
  CHECK(invite["parts"][1]["type"] == "text/calendar");
  CHECK(invite["parts"][1]["method"] == "REQUEST");
  CHECK(invite["parts"][1]["content"] == mail.calendar);
  CHECK(invite["parts"][1]["defects"] == 0);
  const nlohmann::json& plain = read[1];
  CHECK(plain["type"] == "text/plain");
  CHECK(plain["subject"] == "Team proposed");
  REQUIRE(plain["parts"].size() == 1);
  CHECK(plain["parts"][0]["content"] == plain_mail().text);
}
