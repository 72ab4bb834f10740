// imap_mailbox.h — the programme office's mailbox on an IMAP server
// (RFC 9051), through libcurl, where peers' calendar clients send their
// replies: it lists the messages peerslot has not read yet, fetches one,
// and marks it read by peerslot.
//
// Guarantees: imap_settings() accepts imap[s]://[user[:password]@]host[:port]/[FOLDER][?options]
// (imaps is TLS from the start; FOLDER defaults to INBOX), the parts
// percent-decoded by libcurl's URL parser, and the options of
// connection_options.h. Anything else is an invalid
// Status on field "mailbox" naming the bad part in words; no message ever
// quotes the password. Messages are told apart by their IMAP UID. Being
// read by peerslot is the keyword PeerslotRead, so a message is read once
// however often the service restarts, and people's own \Seen flag is left
// as they would expect: finish(uid, keep_seen=false) puts back \Seen as it
// was before fetch() (fetching a body sets it). With TLS (imaps or
// starttls=1) nothing, not even the login, goes in the clear, and the
// server's certificate is verified.
// Thread-safety: one caller at a time (one libcurl handle, reused so one
// connection serves a whole round).
// Cost: one IMAP command per call; fetch() is two.
#pragma once

#include "engine/status.h"
#include "mail/connection_options.h"
#include "mail/curl_library.h"

#include <string>
#include <vector>

namespace peerslot::mail {

struct ImapSettings : ConnectionOptions {
  std::string folder_url;  // imap[s]://host:port/FOLDER, without user, password or options
  std::string host_and_port;
  std::string folder;
  std::string username, password;
};

Result<ImapSettings> imap_settings(const std::string& url);

struct FetchedMessage {
  std::string message;     // RFC 5322, as the server holds it
  bool was_seen = false;   // \Seen before the fetch
};

class ImapMailbox {
 public:
  explicit ImapMailbox(ImapSettings settings);
  // "the mailbox INBOX at imap.example.org:993"
  std::string where() const;
  // The UIDs of the messages without PeerslotRead, oldest first.
  Result<std::vector<long>> unread();
  Result<FetchedMessage> fetch(long uid);
  // Marks the message read by peerslot; \Seen is cleared again unless
  // `keep_seen`.
  Status finish(long uid, bool keep_seen);

 private:
  // Runs `command` on the folder (or, when empty, fetches `url`); the
  // server's untagged answer, or its body, is the result.
  Result<std::string> perform(const std::string& url, const std::string& command);

  ImapSettings settings_;
  CurlHandle curl_;
};

}  // namespace peerslot::mail
