// fuzz_calendar_reply — arbitrary bytes as a mail message in the programme
// office's mailbox, through calendar_replies() (mail/calendar_replies.h:
// GMime, then libical). It must not crash, and every reply it finds has its
// sender and attendee in lower case without "mailto:", and a PARTSTAT in
// upper case; abort() otherwise.
#include "mail/calendar_replies.h"
#include "tests/fuzz/fuzz_support.h"

#include <algorithm>
#include <cctype>

using peerslot::fuzz::require;

namespace {

bool no_upper(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::isupper(c); });
}

bool no_lower(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string message(reinterpret_cast<const char*>(data), size);
  for (const peerslot::service::CalendarReply& reply : peerslot::mail::calendar_replies(message)) {
    require(no_upper(reply.sender) && no_upper(reply.attendee), "addresses are in lower case");
    require(reply.attendee.rfind("mailto:", 0) != 0, "the attendee has no mailto:");
    require(no_lower(reply.partstat), "PARTSTAT is in upper case");
  }
  return 0;
}
