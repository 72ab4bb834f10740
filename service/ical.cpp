// ical.cpp — a minimal VCALENDAR writer: VERSION, PRODID, METHOD:PUBLISH and
// the calendar's name, then the events.
#include "service/ical.h"

#include "engine/words.h"
#include "service/ical_text.h"
#include "service/milestones.h"
#include "service/utc_time.h"

#include <algorithm>

namespace peerslot::service {

namespace {

std::string stamp() { return utc_date_time(unix_now()); }

// One all-day event from `first` to `last`; busy time when `opaque`.
std::string event(const std::string& uid, const std::string& now, Date first, Date last, const std::string& summary,
                  const std::string& description, bool opaque) {
  return content_line("BEGIN:VEVENT") + content_line("UID:" + escaped_text(uid)) + content_line("DTSTAMP:" + now) +
         content_line("DTSTART;VALUE=DATE:" + date_value(first)) +
         content_line("DTEND;VALUE=DATE:" + date_value(last + boost::gregorian::days(1))) +
         content_line("SUMMARY:" + escaped_text(summary)) + content_line("DESCRIPTION:" + escaped_text(description)) +
         content_line(opaque ? "TRANSP:OPAQUE" : "TRANSP:TRANSPARENT") + content_line("END:VEVENT");
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
  for (Date d : days) out += event(r.id + "-" + owner + "-" + date_value(d) + "@peerslot", now, d, d, title, about, true);
  for (const Milestone& m : milestones_of(r, days)) {
    if (m.kind == "on_site" || m.kind == "feedback") continue;
    out += event(r.id + "-" + owner + "-" + m.kind + "@peerslot", now, m.start, m.end, m.title + ": " + c.name, about, false);
  }
  return out;
}

std::string calendar(const std::string& name, const std::string& body) {
  return content_line("BEGIN:VCALENDAR") + content_line("VERSION:2.0") +
         content_line("PRODID:-//peerslot//booking service//EN") + content_line("CALSCALE:GREGORIAN") +
         content_line("METHOD:PUBLISH") + content_line("X-WR-CALNAME:" + escaped_text(name)) + body +
         content_line("END:VCALENDAR");
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
