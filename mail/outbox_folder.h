// outbox_folder.h — the default mail transport: every message becomes one
// .eml file in a folder, for a person or another program to pick up.
//
// Guarantees: send() writes <folder>/<created_at as YYYYMMDDTHHMMSSZ, UTC>-<id, 8 digits>.eml
// atomically (a .tmp file written and fsynced, renamed into place, then
// the folder fsynced), so a reader never sees half a message and a crash
// leaves either the old file or the new one; the folder and its parents are
// created when missing; sending the same id again replaces its file, so a
// retry after a crash never leaves two. A failure is an io_error in words
// naming the file and the system's reason.
// Thread-safety: send() may be called from several threads for different
// ids; where() is const.
// Cost: one file write and two fsyncs per message.
#pragma once

#include "service/mail.h"

#include <filesystem>
#include <string>

namespace peerslot::mail {

class OutboxFolder : public service::MailTransport {
 public:
  // A relative folder is taken from the current directory now.
  explicit OutboxFolder(const std::filesystem::path& folder);
  Status send(const service::QueuedMail& mail) override;
  std::string where() const override;
  // The file a message is (or will be) written to.
  std::filesystem::path file_of(const service::QueuedMail& mail) const;

 private:
  std::filesystem::path folder_;
};

}  // namespace peerslot::mail
