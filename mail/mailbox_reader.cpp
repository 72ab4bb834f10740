// mailbox_reader.cpp — a RoundThread whose round is read_new().
#include "mail/mailbox_reader.h"

#include "mail/calendar_replies.h"

namespace peerslot::mail {

MailboxReader::MailboxReader(service::CalendarReplies& replies, ImapMailbox& mailbox, SenderOptions options)
    : replies_(replies), mailbox_(mailbox), options_(std::move(options)), thread_(options_.poll_seconds) {}

MailboxReader::~MailboxReader() { stop(); }

void MailboxReader::start() {
  thread_.start([this] { read_new(); });
}

void MailboxReader::stop() { thread_.stop(); }

int MailboxReader::read_new() {
  auto unread = mailbox_.unread();
  if (!unread.is_ok()) {
    options_.report(unread.status());
    return 0;
  }
  std::vector<long> uids = unread.value();
  if (uids.size() > static_cast<std::size_t>(options_.batch)) uids.resize(options_.batch);
  int recorded = 0;
  for (long uid : uids) {
    if (thread_.stopping()) break;
    auto fetched = mailbox_.fetch(uid);
    if (!fetched.is_ok()) {
      options_.report(fetched.status());
      continue;
    }
    bool taken = take_replies(fetched.value().message);
    recorded += taken;
    options_.report(mailbox_.finish(uid, taken || fetched.value().was_seen));
  }
  return recorded;
}

bool MailboxReader::take_replies(const std::string& message) {
  bool taken = false;
  for (const service::CalendarReply& reply : calendar_replies(message)) {
    auto done = replies_.take_reply(reply);
    if (done.is_ok()) taken = true;
    else if (options_.on_trouble)
      options_.on_trouble("a calendar reply from " + reply.sender + " was not recorded: " + done.status().message());
  }
  return taken;
}

}  // namespace peerslot::mail
