// smtp_transport.h — mail handed to an SMTP server (RFC 5321) through
// libcurl, optionally upgraded with STARTTLS and logged in with a user name
// and password.
//
// Guarantees: smtp_settings() accepts smtp://[user[:password]@]host[:port][/][?options],
// the user and password percent-decoded, the host a name, an IPv4 address
// or a bracketed IPv6 one, the port 1..65535 (25 when absent), and the
// options of connection_options.h (starttls, timeout, cacert). Anything else is an invalid Status on field
// "smtp" naming the bad part in words; no message ever quotes the password.
// send() delivers one message in one SMTP session (MAIL FROM the queued
// sender, RCPT TO its recipient, DATA the message, dot-stuffed by curl);
// with STARTTLS the session is encrypted before the login or the message
// is sent, or nothing is sent, and the server's certificate is verified
// against the system's CAs (or cacert's) and its name. It returns ok once the server accepted the
// message, and otherwise an io_error naming the server and curl's reason
// (never the password) within the timeout for connecting and for the whole
// session. curl_global_init runs once per process, the first time a
// transport is made.
// Thread-safety: an SmtpTransport holds only its settings; send() uses a
// fresh curl handle per call, so it may be called from any thread.
// Cost: one TCP connection (and TLS handshake) per message.
#pragma once

#include "engine/status.h"
#include "mail/connection_options.h"
#include "service/mail.h"

#include <string>

namespace peerslot::mail {

struct SmtpSettings : ConnectionOptions {
  std::string host;
  int port = 25;
  std::string username, password;  // no login when username is empty
};

Result<SmtpSettings> smtp_settings(const std::string& url);

class SmtpTransport : public service::MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  Status send(const service::QueuedMail& mail) override;
  // "the SMTP server mail.example.org:587 (STARTTLS)"
  std::string where() const override;

 private:
  SmtpSettings settings_;
};

}  // namespace peerslot::mail
