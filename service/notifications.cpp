// notifications.cpp — the change's events gathered by request, then, person
// by person, the items each is told about, each kind of message made once
// from all its items.
//
// Several challenges in one iTIP message: the restriction tables of RFC 5546
// 3.2.2 (REQUEST) and 3.2.5 (CANCEL) allow "VEVENT 1+" in one object, whose
// single METHOD applies to every component in it. Each of ours has its own
// UID and SEQUENCE, so a calendar applies each on its own. Only components
// of one method share an object: a person told of new and withdrawn seats at
// once gets a REQUEST and a CANCEL.
#include "service/notifications.h"

#include "engine/words.h"
#include "service/challenge_events.h"
#include "service/invitation_calendar.h"
#include "service/milestone_notices.h"
#include "service/milestones.h"
#include "service/signed_link.h"
#include "service/solve_summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <optional>

namespace peerslot::service {

namespace {

constexpr const char* kInvitation = "invitation";
constexpr const char* kInvitationCancelled = "invitation cancelled";
constexpr const char* kBooking = "booking";
constexpr const char* kTeamChanged = "team changed";
constexpr const char* kApprovalNeeded = "approval needed";
constexpr const char* kEnDash = "\xE2\x80\x93";

// What one change did to one request.
struct RequestChange {
  std::string request;
  bool booked = false, moved = false, cancelled = false;
  std::optional<Date> week_before, week_after;
  std::vector<std::string> proposed, removed, declined, accepted;
};

std::vector<RequestChange> changes_of(const std::vector<ChallengeEvent>& events) {
  std::vector<RequestChange> out;
  for (const ChallengeEvent& e : events) {
    if (out.empty() || out.back().request != e.request) {
      out.emplace_back();
      out.back().request = e.request;
      out.back().week_before = e.week_before;
      out.back().week_after = e.week_after;
    }
    RequestChange& c = out.back();
    if (e.kind == "booked") c.booked = true;
    else if (e.kind == "moved") c.moved = true;
    else if (e.kind == "cancelled") c.cancelled = true;
    else if (e.kind == "peer_proposed") c.proposed.push_back(e.peer);
    else if (e.kind == "peer_removed") c.removed.push_back(e.peer);
    else if (e.kind == "peer_declined") c.declined.push_back(e.peer);
    else if (e.kind == "peer_accepted") c.accepted.push_back(e.peer);
  }
  return out;
}

bool sends_event(const RequestChange& c) {
  return c.booked || c.moved || c.cancelled || !c.proposed.empty() || !c.removed.empty() || !c.declined.empty();
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A challenge as booked in one State: its request, council and days.
struct Challenge {
  const State* state = nullptr;
  const Request* request = nullptr;
  const Council* council = nullptr;
  Date week;
  std::vector<Date> days;  // on site, never empty
};

Challenge challenge_in(const State& state, const std::string& request_id, Date week) {
  Challenge c{&state, state.scenario->find_request(request_id), nullptr, week, {}};
  c.council = state.scenario->find_council(c.request->council);
  c.days = state.problem->calendar().on_site_days(week, c.request->days);
  if (c.days.empty()) c.days.push_back(week);
  return c;
}

// "corporate peer challenge at Stockton-on-Tees Borough Council".
std::string title(const Challenge& c) { return kind_words(c.request->kind) + " at " + c.council->name; }

// "Tuesday 14 June 2011 to Thursday 16 June 2011".
std::string days_words(const Challenge& c) {
  if (c.days.size() == 1) return day_words(c.days.front());
  return day_words(c.days.front()) + " to " + day_words(c.days.back());
}

// "14–16 June 2011", "30 June – 2 July 2011", "30 December 2011 – 2 January 2012".
std::string span_words(Date first, Date last) {
  if (first == last) return date_words(first);
  if (first.year() == last.year() && first.month() == last.month())
    return std::to_string(static_cast<int>(first.day())) + kEnDash + date_words(last);
  std::string start = date_words(first);
  if (first.year() == last.year()) start.erase(start.rfind(' '));
  return start + " " + kEnDash + " " + date_words(last);
}

std::string span_words(const Challenge& c) { return span_words(c.days.front(), c.days.back()); }

std::string reference_words(const Challenge& c) {
  return "reference " + booking_reference(c.request->id, c.week);
}

// "Jo Bloggs (councillor peer)".
std::string peer_words(const State& state, const std::string& peer_id) {
  const Peer& p = *state.scenario->find_peer(peer_id);
  return p.name + " (" + role_words(p.role) + ")";
}

// One thing a person is told: a paragraph of the message and, in a
// calendar message, its VEVENT.
struct Item {
  std::string subject;  // the message's subject when it is the only item
  std::string name;     // what it is about in a few words, for a subject naming several
  std::string text;
  std::optional<Invitation> event;
};

// Everything notices_for_change needs besides the person.
struct Context {
  const State& before;
  const State& after;
  const NoticeSettings& settings;
  std::vector<RequestChange> changes;
  Sequences sequence;  // the SEQUENCE each sent event goes out with in this change
  // "role:subject" -> the changes that may concern such a person, in the
  // order of `changes` (a superset: each kind of item still picks its own).
  std::map<std::string, std::vector<const RequestChange*>> concerning;
};

const std::vector<const RequestChange*>& changes_for(const Context& x, const Recipient& who) {
  static const std::vector<const RequestChange*> none;
  auto found = x.concerning.find(who.role + ":" + who.subject);
  return found == x.concerning.end() ? none : found->second;
}

// Who each change may concern: the council of its request, every peer it
// names or (moved) keeps on the team, and the party of each councillor
// peer it proposes. O(changes × team).
void index_changes(Context& x) {
  for (const RequestChange& change : x.changes) {
    std::set<std::string> keys;
    const Request* r = x.after.scenario->find_request(change.request);
    if (!r) r = x.before.scenario->find_request(change.request);
    if (r) keys.insert("council:" + r->council);
    for (const auto* peers : {&change.proposed, &change.removed, &change.declined, &change.accepted})
      for (const std::string& p : *peers) keys.insert("peer:" + p);
    if (const Assignment* booking = change.moved ? find_booking(x.after, change.request) : nullptr)
      for (const std::string& p : booking->peers) keys.insert("peer:" + p);
    for (const std::string& p : change.proposed)
      if (const Peer* peer = x.after.scenario->find_peer(p); peer && peer->role == Role::kMember) keys.insert("group:" + peer->party);
    for (const std::string& key : keys) x.concerning[key].push_back(&change);
  }
}

Invitation event_for(const Context& x, const Challenge& c, const std::string& method, const std::string& text,
                     const Recipient& who, const std::string& partstat, bool rsvp) {
  Invitation i;
  i.method = method;
  i.uid = invitation_uid(c.request->id);
  i.sequence = x.sequence.at(c.request->id);
  i.first_day = c.days.front();
  i.last_day = c.days.back();
  i.summary = capitalised(title(c));
  i.location = c.council->name;
  i.description = text;
  i.organizer_name = x.settings.organizer_name;
  i.organizer_email = x.settings.organizer_email;
  i.attendees = {{who.name, who.email, partstat, rsvp}};
  i.stamp = x.settings.now;
  return i;
}

std::string link(const Context& x, const Challenge& c, const std::string& peer_id, const std::string& answer) {
  return x.settings.public_url + rsvp_path(x.settings.link_key, c.request->id, peer_id) + "?answer=" + answer;
}

std::string answer_links(const Context& x, const Challenge& c, const std::string& peer_id, bool accepted) {
  if (accepted)
    return "You have accepted this seat. If the new dates do not suit you, decline it here:\n" +
           link(x, c, peer_id, "decline");
  return "To accept: " + link(x, c, peer_id, "accept") + "\nTo decline: " + link(x, c, peer_id, "decline");
}

// --- Peers ---------------------------------------------------------------

std::vector<Item> peer_requests(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    if (!change.week_after) continue;
    const Assignment* booking = find_booking(x.after, change.request);
    bool invited = contains(change.proposed, who.subject);
    if (!invited && !(change.moved && contains(booking->peers, who.subject))) continue;
    Challenge c = challenge_in(x.after, change.request, *change.week_after);
    const Peer& peer = *x.after.scenario->find_peer(who.subject);
    bool accepted = has_accepted(x.after, change.request, who.subject);
    std::string text;
    if (invited) {
      text = "You are invited to join the team of the " + title(c) + " as " + role_words(peer.role) +
             ". It is on site " + days_words(c) + " (" + reference_words(c) + ").\n" +
             answer_links(x, c, who.subject, accepted);
    } else {
      Challenge was = challenge_in(x.before, change.request, *change.week_before);
      text = "The " + title(c) + " has moved. It is now on site " + days_words(c) + " (" + reference_words(c) +
             "), no longer " + days_words(was) + ". You are still on its team as " + role_words(peer.role) + ".\n" +
             answer_links(x, c, who.subject, accepted);
    }
    Item item{(invited ? "Invitation: " : "Invitation updated: ") + title(c) + ", " + span_words(c), c.council->name,
              text, std::nullopt};
    item.event = event_for(x, c, "REQUEST", text, who, accepted ? "ACCEPTED" : "NEEDS-ACTION", true);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<Item> peer_cancels(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    bool declined = contains(change.declined, who.subject);
    if (!declined && !contains(change.removed, who.subject)) continue;
    Challenge c = challenge_in(x.before, change.request, *change.week_before);
    std::string text;
    if (declined)
      text = "You declined your seat on the team of the " + title(c) + ", on site " + days_words(c) +
             ". Thank you for letting us know; its calendar entry is cancelled.";
    else if (change.cancelled)
      text = "The " + title(c) + ", on site " + days_words(c) + ", is cancelled, and with it your seat on its team.";
    else
      text = "You are no longer on the team of the " + title(c) + ", on site " + days_words(c) +
             ". Its calendar entry is cancelled.";
    Item item{"Invitation cancelled: " + title(c) + ", " + span_words(c), c.council->name, text, std::nullopt};
    item.event = event_for(x, c, "CANCEL", text, who, declined ? "DECLINED" : "NEEDS-ACTION", false);
    items.push_back(std::move(item));
  }
  return items;
}

// --- Councils ------------------------------------------------------------

// The team by name and seat, then the milestones with their dates.
std::string booking_details(const Challenge& c) {
  const Assignment& booking = *find_booking(*c.state, c.request->id);
  std::string text = "The team:";
  for (const std::string& p : booking.peers)
    text += "\n- " + peer_words(*c.state, p) +
            (has_accepted(*c.state, c.request->id, p) ? ", accepted" : ", invited, not yet answered");
  text += "\nThe steps of the challenge:";
  for (const Milestone& m : milestones_of(*c.request, c.days))
    text += "\n- " + m.title + ": " + (m.start == m.end ? day_words(m.start) : range_words(m.start, m.end));
  return text;
}

bool of_council(const Context& x, const RequestChange& change, const Recipient& who) {
  const Request* r = x.after.scenario->find_request(change.request);
  if (!r) r = x.before.scenario->find_request(change.request);
  return r && r->council == who.subject;
}

std::vector<Item> council_requests(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    if (!(change.booked || change.moved) || !of_council(x, change, who)) continue;
    Challenge c = challenge_in(x.after, change.request, *change.week_after);
    std::string text;
    if (change.booked) {
      text = "Your " + kind_words(c.request->kind) + " is booked: on site " + days_words(c) + " (" +
             reference_words(c) + ").\n" + booking_details(c);
    } else {
      Challenge was = challenge_in(x.before, change.request, *change.week_before);
      text = "Your " + kind_words(c.request->kind) + " has moved: it is now on site " + days_words(c) + " (" +
             reference_words(c) + "), no longer " + days_words(was) + ".\n" + booking_details(c);
    }
    Item item{(change.booked ? "Booked: " : "Booking moved: ") + title(c) + ", " + span_words(c), c.council->name,
              text, std::nullopt};
    item.event = event_for(x, c, "REQUEST", text, who, "ACCEPTED", false);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<Item> council_cancels(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    if (!change.cancelled || !of_council(x, change, who)) continue;
    Challenge c = challenge_in(x.before, change.request, *change.week_before);
    std::string text = "Your " + kind_words(c.request->kind) + ", on site " + days_words(c) + " (" +
                       reference_words(c) + "), is cancelled.";
    Item item{"Booking cancelled: " + title(c) + ", " + span_words(c), c.council->name, text, std::nullopt};
    item.event = event_for(x, c, "CANCEL", text, who, "ACCEPTED", false);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<Item> council_team_notices(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    if (change.booked || change.cancelled || !of_council(x, change, who)) continue;
    if (change.proposed.empty() && change.removed.empty() && change.declined.empty() && change.accepted.empty())
      continue;
    Challenge c = challenge_in(x.after, change.request, *change.week_after);
    std::string text = "The team of your " + kind_words(c.request->kind) + ", on site " + days_words(c) + " (" +
                       reference_words(c) + "), has changed:";
    for (const std::string& p : change.proposed) text += "\n- " + peer_words(x.after, p) + " is invited to join it.";
    for (const std::string& p : change.accepted) text += "\n- " + peer_words(x.after, p) + " has accepted their seat.";
    for (const std::string& p : change.declined) text += "\n- " + peer_words(x.before, p) + " has declined their seat.";
    for (const std::string& p : change.removed) text += "\n- " + peer_words(x.before, p) + " is no longer on it.";
    items.push_back({"Team changed: " + title(c) + ", " + span_words(c), c.council->name, text, std::nullopt});
  }
  return items;
}

// --- Group offices -------------------------------------------------------

std::vector<Item> approval_notices(const Context& x, const Recipient& who) {
  std::vector<Item> items;
  for (const RequestChange* each : changes_for(x, who)) {
    const RequestChange& change = *each;
    for (const std::string& p : change.proposed) {
      const Peer& peer = *x.after.scenario->find_peer(p);
      if (peer.role != Role::kMember || peer.party != who.subject || has_approved(x.after, change.request, p))
        continue;
      Challenge c = challenge_in(x.after, change.request, *change.week_after);
      std::string text = peer.name + ", councillor peer, is invited to join the team of the " + title(c) +
                         ", on site " + days_words(c) + " (" + reference_words(c) +
                         "). Your approval is awaited: please approve or veto the seat at " +
                         x.settings.public_url + "/";
      items.push_back({"Approval needed: " + peer.name + ", " + title(c), peer.name, text, std::nullopt});
    }
  }
  return items;
}

// --- Messages ------------------------------------------------------------

// "Stockton-on-Tees, Hartlepool and Darlington".
std::string joined(const std::vector<Item>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i].name;
  return out;
}

// "Invitations to # peer challenges" with its # replaced by n.
std::string counted(std::string pattern, std::size_t n) {
  pattern.replace(pattern.find('#'), 1, std::to_string(n));
  return pattern;
}

// One message of `kind` holding every item, or nothing when there are no
// items, no address or the kind is muted. `several` is the subject when
// there is more than one item, with # for their number, e.g. "Invitations to
// # peer challenges"; the items' names follow it.
std::optional<Mail> message(const Context& x, const Recipient& who, const std::string& kind,
                            const std::string& several, const std::vector<Item>& items) {
  if (items.empty() || who.email.empty() || who.muted.count(kind)) return std::nullopt;
  Mail mail;
  mail.to = who.email;
  mail.to_name = who.name;
  mail.kind = kind;
  mail.subject = items.size() == 1 ? items.front().subject : counted(several, items.size()) + ": " + joined(items);
  mail.text = "Dear " + who.name + ",\n";
  std::vector<Invitation> events;
  for (const Item& item : items) {
    mail.text += "\n" + item.text + "\n";
    if (item.event) events.push_back(*item.event);
  }
  if (!events.empty()) {
    mail.calendar = invitation_calendar(events);
    mail.calendar_method = events.front().method;
    mail.text += "\nYour calendar program can add " + std::string(events.size() == 1 ? "this" : "these") +
                 " to your calendar from the attached invitation.\n";
  }
  mail.text += "\n" + x.settings.organizer_name + "\n";
  return mail;
}

void add(std::vector<Mail>& out, std::optional<Mail> mail) {
  if (mail) out.push_back(std::move(*mail));
}

void tell(const Context& x, const Recipient& who, std::vector<Mail>& out) {
  if (who.role == "peer") {
    add(out, message(x, who, kInvitation, "Invitations to # peer challenges", peer_requests(x, who)));
    add(out, message(x, who, kInvitationCancelled, "# invitations cancelled", peer_cancels(x, who)));
  } else if (who.role == "council") {
    add(out, message(x, who, kBooking, "# peer challenges booked or moved", council_requests(x, who)));
    add(out, message(x, who, kBooking, "# peer challenges cancelled", council_cancels(x, who)));
    add(out, message(x, who, kTeamChanged, "Team changed on # peer challenges", council_team_notices(x, who)));
  } else if (who.role == "group") {
    add(out, message(x, who, kApprovalNeeded, "Approval needed for # councillor peers", approval_notices(x, who)));
  }
}

// 0 for an event never sent, else one more than it last went out with.
int next_sequence(const Sequences* sequences, const std::string& request_id) {
  if (!sequences) return 0;
  auto last = sequences->find(request_id);
  return last == sequences->end() ? 0 : last->second + 1;
}

}  // namespace

std::vector<Mail> notices_for_change(const State& before, const State& after, const std::vector<Recipient>& people,
                                     const NoticeSettings& settings, Sequences* sequences) {
  Context x{before, after, settings, changes_of(events_between(before, after)), {}, {}};
  index_changes(x);
  for (const RequestChange& c : x.changes)
    if (sends_event(c)) x.sequence[c.request] = next_sequence(sequences, c.request);
  std::vector<Mail> out;
  for (const Recipient& who : people) tell(x, who, out);
  if (sequences)
    for (const auto& [request, sequence] : x.sequence) (*sequences)[request] = sequence;
  return out;
}

const std::vector<std::string>& notice_kinds() {
  static const std::vector<std::string> kinds = {kInvitation, kInvitationCancelled, kBooking, kTeamChanged,
                                                 kApprovalNeeded, kMilestoneDueKind, kSolveAppliedKind};
  return kinds;
}

std::string notice_kind_sentence(const std::string& kind) {
  if (kind == kInvitation) return "When you are invited onto the team of a peer challenge, or its dates change.";
  if (kind == kInvitationCancelled)
    return "When your seat on a team is withdrawn, because you declined it, the team changed or the challenge was "
           "cancelled.";
  if (kind == kBooking) return "When a peer challenge of your council is booked, moved or cancelled.";
  if (kind == kSolveAppliedKind)
    return "When a solve is applied to the programme: how many challenges it booked or moved, and how many peers it "
           "invited.";
  if (kind == kMilestoneDueKind)
    return "When a step of your council's challenge is two weeks away: the scoping meeting, the position statement, the "
           "report or the progress review.";
  if (kind == kTeamChanged) return "When peers join, accept, decline or leave the team of your council's challenge.";
  if (kind == kApprovalNeeded) return "When a councillor peer of your party is invited and your approval is awaited.";
  return "";
}

}  // namespace peerslot::service
