// collections.cpp — each list is a filter over the published State (or the
// users) and one page_of() in its order.
#include "service/collections.h"

#include "engine/calendar.h"
#include "engine/words.h"
#include "service/access.h"

#include <algorithm>
#include <cctype>

namespace peerslot::service {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// "" matches everything; otherwise a part of `text` in any case.
bool contains(const std::string& text, const std::string& part) {
  return part.empty() || lower(text).find(lower(part)) != std::string::npos;
}

bool matches(const std::string& value, const std::string& wanted) { return wanted.empty() || value == wanted; }

// Invalid naming `field` unless `value` is "" or one of `options`.
template <class Options>
Status one_of(const std::string& field, const std::string& value, const Options& options) {
  if (value.empty() || std::find(std::begin(options), std::end(options), value) != std::end(options)) return Status::ok();
  std::string words;
  for (const auto& option : options) words += (words.empty() ? "" : ", ") + std::string(option);
  return Status::invalid(field, "\"" + value + "\" is not one of " + words);
}

template <class T, class Keep>
std::vector<const T*> kept(const std::vector<T>& items, Keep keep) {
  std::vector<const T*> out;
  for (const T& item : items)
    if (keep(item)) out.push_back(&item);
  return out;
}

template <class T>
std::string id_of(const T* item) { return item->id; }

}  // namespace

Result<Page<const Request*>> list_requests(const State& state, const User& user, const RequestFilter& filter,
                                           const PageQuery& page) {
  if (filter.council.empty()) {
    if (Status office = require_office(user, "list every council's requests"); !office.is_ok()) return office;
  } else if (!acts_for_council(user, filter.council)) {
    return Status::forbidden("council " + filter.council + " is not yours");
  }
  if (Status s = one_of("kind", filter.kind, kRequestKinds); !s.is_ok()) return s;
  if (Status s = one_of("status", filter.status, std::vector<std::string>{"booked", "unbooked"}); !s.is_ok()) return s;
  auto keep = [&](const Request& r) {
    bool booked = find_booking(state, r.id) != nullptr;
    return matches(r.council, filter.council) && matches(r.kind, filter.kind) &&
           (filter.status.empty() || booked == (filter.status == "booked"));
  };
  return page_of(kept(state.scenario->requests, keep), id_of<Request>, page);
}

Result<Page<const Peer*>> list_peers(const State& state, const User& user, const PeerFilter& filter, const PageQuery& page) {
  if (Status office = require_office(user, "list every peer"); !office.is_ok()) return office;
  if (Status s = one_of("role", filter.role, kRoleNames); !s.is_ok()) return s;
  auto keep = [&](const Peer& p) {
    return contains(p.name, filter.name) && matches(role_name(p.role), filter.role) && matches(p.party, filter.party) &&
           matches(p.council, filter.council) && matches(p.region, filter.region) &&
           (filter.skill.empty() || std::count(p.skills.begin(), p.skills.end(), filter.skill));
  };
  return page_of(kept(state.scenario->peers, keep), id_of<Peer>, page);
}

Result<Page<const Council*>> list_councils(const State& state, const User& user, const CouncilFilter& filter,
                                           const PageQuery& page) {
  if (Status office = require_office(user, "list every council"); !office.is_ok()) return office;
  auto keep = [&](const Council& c) {
    return contains(c.name, filter.name) && matches(c.type, filter.type) && matches(c.region, filter.region) &&
           matches(c.control, filter.control);
  };
  return page_of(kept(state.scenario->councils, keep), id_of<Council>, page);
}

Result<Page<const Assignment*>> list_assignments(const State& state, const User& user, const std::string& peer_id,
                                                 const AssignmentFilter& filter, const PageQuery& page) {
  auto peer = peer_for(*state.scenario, user, peer_id);
  if (!peer.is_ok()) return peer.status();
  if (Status s = one_of("status", filter.status, std::vector<std::string>{"proposed", "accepted"}); !s.is_ok()) return s;
  if (filter.from && filter.to && *filter.to < *filter.from)
    return Status::invalid("to", date_words(*filter.to) + " is before the first day, " + date_words(*filter.from));
  auto keep = [&](const Assignment& a) {
    bool accepted = has_accepted(state, a.request, peer_id);
    return std::count(a.peers.begin(), a.peers.end(), peer_id) && (!filter.from || a.week >= *filter.from) &&
           (!filter.to || a.week <= *filter.to) && (filter.status.empty() || accepted == (filter.status == "accepted"));
  };
  auto key = [](const Assignment* a) { return to_iso(a->week) + "/" + a->request; };
  return page_of(kept(state.plan.assignments, keep), key, page);
}

Result<Page<User>> list_users(const std::vector<User>& users, const UserFilter& filter, const PageQuery& page) {
  if (Status s = one_of("role", filter.role, std::vector<std::string>{"council", "peer", "group", "office"}); !s.is_ok()) return s;
  std::vector<User> kept_users;
  for (const User& u : users)
    if (matches(u.role, filter.role) && matches(u.subject, filter.subject) &&
        (contains(u.name, filter.name) || contains(u.email, filter.name)))
      kept_users.push_back(u);
  return page_of(kept_users, [](const User& u) { return number_key(u.id); }, page);
}

}  // namespace peerslot::service
