// connection_options.h — what the addresses of the SMTP server and of the
// IMAP mailbox share after their '?': how to connect.
//
// Guarantees: read_connection_options() accepts options separated by '&',
// each value %-decoded: starttls=1|0 (0 when absent), timeout=SECONDS
// (1..600, 30 when absent) and cacert=FILE (a PEM file of the
// certificates to trust instead of the system's, e.g. a council's own CA);
// anything else is an invalid Status on `field`, naming the bad part.
// set_connection() gives a libcurl handle those options (STARTTLS required
// when asked, the CA file, both timeouts, no signals) and the login.
// Thread-safety: read_connection_options() is pure; set_connection()
// touches only the handle it is given.
#pragma once

#include "engine/status.h"

#include <curl/curl.h>

#include <string>

namespace peerslot::mail {

struct ConnectionOptions {
  bool starttls = false;
  int timeout_seconds = 30;
  std::string ca_file;  // the certificates to trust (PEM); the system's CAs when empty
};

// The number in `text` when it is all digits and within min..max (a port, a timeout).
bool number_in(const std::string& text, int min, int max, int& out);

Status read_connection_options(const std::string& query, const std::string& field, ConnectionOptions& options);

// No login when `username` is empty.
void set_connection(CURL* curl, const ConnectionOptions& options, const std::string& username, const std::string& password);

}  // namespace peerslot::mail
