// invitation_calendar.cpp — one VEVENT per invitation inside one VCALENDAR.
#include "service/invitation_calendar.h"

#include "service/ical_text.h"

#include "engine/json_text.h"

namespace peerslot::service {

namespace {

const std::string kUidStart = "challenge-";
const std::string kUidEnd = "@peerslot";

// "CN=Jo Bloggs:mailto:jo@example.org" as a property's tail. The address
// is a URI, not TEXT: only control characters are dropped from it.
std::string address(const std::string& name, const std::string& email) {
  std::string mail;
  for (char c : email)
    if (!is_control_byte(static_cast<unsigned char>(c))) mail.push_back(c);
  return "CN=" + parameter_value(name) + ":mailto:" + mail;
}

std::string attendee_line(const Attendee& a) {
  std::string partstat = a.partstat.empty() ? "NEEDS-ACTION" : a.partstat;
  return content_line("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + partstat + ";RSVP=" + (a.rsvp ? "TRUE" : "FALSE") +
                      ";" + address(a.name, a.email));
}

std::string event(const Invitation& i) {
  bool cancel = i.method == "CANCEL";
  std::string out = content_line("BEGIN:VEVENT") + content_line("UID:" + escaped_text(i.uid)) +
                    content_line("SEQUENCE:" + std::to_string(i.sequence)) +
                    content_line("DTSTAMP:" + utc_date_time(i.stamp)) +
                    content_line("DTSTART;VALUE=DATE:" + date_value(i.first_day)) +
                    content_line("DTEND;VALUE=DATE:" + date_value(i.last_day + boost::gregorian::days(1))) +
                    content_line("SUMMARY:" + escaped_text(i.summary)) +
                    content_line("LOCATION:" + escaped_text(i.location)) +
                    content_line("DESCRIPTION:" + escaped_text(i.description)) +
                    content_line("ORGANIZER;" + address(i.organizer_name, i.organizer_email));
  for (const Attendee& a : i.attendees) out += attendee_line(a);
  return out + content_line(cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED") + content_line("TRANSP:OPAQUE") +
         content_line("END:VEVENT");
}

}  // namespace

std::string invitation_uid(const std::string& request_id) { return kUidStart + request_id + kUidEnd; }

std::optional<std::string> request_of_uid(const std::string& uid) {
  std::size_t length = kUidStart.size() + kUidEnd.size();
  if (uid.size() <= length || uid.compare(0, kUidStart.size(), kUidStart) != 0 ||
      uid.compare(uid.size() - kUidEnd.size(), kUidEnd.size(), kUidEnd) != 0)
    return std::nullopt;
  return uid.substr(kUidStart.size(), uid.size() - length);
}

std::string invitation_calendar(const Invitation& invitation) {
  return invitation_calendar(std::vector<Invitation>{invitation});
}

std::string invitation_calendar(const std::vector<Invitation>& invitations) {
  std::string out = content_line("BEGIN:VCALENDAR") + content_line("PRODID:-//peerslot//booking service//EN") +
                    content_line("VERSION:2.0") + content_line("CALSCALE:GREGORIAN") +
                    content_line("METHOD:" + invitations.front().method);
  for (const Invitation& i : invitations) out += event(i);
  return out + content_line("END:VCALENDAR");
}

}  // namespace peerslot::service
