// ical.cpp — a minimal VCALENDAR writer: VERSION, PRODID, METHOD:PUBLISH and
// the calendar's name, then the events.
#include "service/ical.h"

#include "engine/json_text.h"
#include "engine/words.h"
#include "service/milestones.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace peerslot::service {

namespace {

// TEXT per RFC 5545 3.3.11: backslash, semicolon and comma escaped, a line
// feed written as \n, CR and every other control character dropped, and
// invalid UTF-8 replaced by U+FFFD.
std::string escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0) out += "\xEF\xBF\xBD";
    else if (c == '\n') out += "\\n";
    else if (c == '\\' || c == ';' || c == ',') out += {'\\', static_cast<char>(c)};
    else if (c >= 0x20 && c != 0x7F) out.append(text, i, length);  // other control characters are dropped
    i += length ? length : 1;
  }
  return out;
}

// One content line, folded so that no line exceeds 75 octets before its
// CRLF (a continuation's leading space counts), never inside a UTF-8
// sequence.
std::string line(const std::string& content) {
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

std::string basic_date(Date d) { return boost::gregorian::to_iso_string(d); }

std::string stamp() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[20];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &tm);
  return text;
}

// One all-day event from `first` to `last`; busy time when `opaque`.
std::string event(const std::string& uid, const std::string& now, Date first, Date last, const std::string& summary,
                  const std::string& description, bool opaque) {
  return line("BEGIN:VEVENT") + line("UID:" + escape(uid)) + line("DTSTAMP:" + now) +
         line("DTSTART;VALUE=DATE:" + basic_date(first)) + line("DTEND;VALUE=DATE:" + basic_date(last + boost::gregorian::days(1))) +
         line("SUMMARY:" + escape(summary)) + line("DESCRIPTION:" + escape(description)) +
         line(opaque ? "TRANSP:OPAQUE" : "TRANSP:TRANSPARENT") + line("END:VEVENT");
}

// The on-site days (busy), then the milestones around them (free time: a
// due date, not a meeting), for the calendar of `owner`.
std::string events(const State& state, const Assignment& a, const std::string& owner) {
  const Request& r = *state.scenario->find_request(a.request);
  const Council& c = *state.scenario->find_council(r.council);
  std::string team;
  for (const std::string& p : a.peers) {
    const Peer& peer = *state.scenario->find_peer(p);
    team += (team.empty() ? "" : ", ") + peer.name + " (" + role_words(peer.role) + ")";
  }
  std::string title = capitalised(kind_words(r.kind)) + ": " + c.name;
  std::string about = "Reference " + booking_reference(r.id, a.week) + ", " + week_words(a.week) + ". Team: " + team;
  std::string now = stamp();
  std::vector<Date> days = state.problem->calendar().on_site_days(a.week, r.days);
  std::string out;
  for (Date d : days) out += event(r.id + "-" + owner + "-" + basic_date(d) + "@peerslot", now, d, d, title, about, true);
  for (const Milestone& m : milestones_of(r, days)) {
    if (m.kind == "on_site" || m.kind == "feedback") continue;
    out += event(r.id + "-" + owner + "-" + m.kind + "@peerslot", now, m.start, m.end, m.title + ": " + c.name, about, false);
  }
  return out;
}

std::string calendar(const std::string& name, const std::string& body) {
  return line("BEGIN:VCALENDAR") + line("VERSION:2.0") + line("PRODID:-//peerslot//booking service//EN") +
         line("CALSCALE:GREGORIAN") + line("METHOD:PUBLISH") + line("X-WR-CALNAME:" + escape(name)) + body +
         line("END:VCALENDAR");
}

}  // namespace

std::string council_calendar(const State& state, const std::string& council_id) {
  std::string body;
  for (const Assignment& a : state.plan.assignments)
    if (state.scenario->find_request(a.request)->council == council_id) body += events(state, a, council_id);
  return calendar("Peer challenges: " + state.scenario->find_council(council_id)->name, body);
}

std::string booking_calendar(const State& state, const std::string& request_id) {
  const Assignment* booking = find_booking(state, request_id);
  const Request& r = *state.scenario->find_request(request_id);
  return calendar(capitalised(kind_words(r.kind)) + ": " + state.scenario->find_council(r.council)->name,
                  booking ? events(state, *booking, r.council) : "");
}

std::string peer_calendar(const State& state, const std::string& peer_id) {
  std::string body;
  for (const Assignment& a : state.plan.assignments)
    if (std::count(a.peers.begin(), a.peers.end(), peer_id)) body += events(state, a, peer_id);
  return calendar("Peer challenges: " + state.scenario->find_peer(peer_id)->name, body);
}

}  // namespace peerslot::service
