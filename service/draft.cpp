// draft.cpp — edits and the change set. Entities are compared as their
// contract documents, so an edit that changes nothing writes nothing.
#include "service/draft.h"

#include "engine/scenario_json.h"

#include <algorithm>

namespace peerslot::service {

namespace {

using Json = nlohmann::json;

const char* const kEntityTables[] = {"councils", "peers", "requests"};

// table -> id -> document, and the settings document without the entity lists.
struct Documents {
  std::map<std::string, std::map<std::string, Json>> tables;
  Json programme;
};

Documents documents_of(const Scenario& scenario) {
  Documents docs;
  docs.programme = scenario_to_json(scenario);
  for (const char* table : kEntityTables) {
    for (Json& entity : docs.programme[table]) {
      std::string id = entity["id"].get<std::string>();
      docs.tables[table][id] = std::move(entity);
    }
    docs.programme.erase(table);
  }
  return docs;
}

void add_entity_rows(const Scenario& before, const Scenario& after, ChangeSet* change) {
  Documents old_docs = documents_of(before), new_docs = documents_of(after);
  for (const char* table : kEntityTables) {
    auto& olds = old_docs.tables[table];
    auto& news = new_docs.tables[table];
    for (auto& [id, doc] : news) {
      auto old = olds.find(id);
      if (old == olds.end()) change->rows.push_back({table, id, nullptr, std::move(doc)});
      else if (old->second != doc) change->rows.push_back({table, id, std::move(old->second), std::move(doc)});
    }
    for (auto& [id, doc] : olds)
      if (!news.count(id)) change->rows.push_back({table, id, std::move(doc), nullptr});
  }
  if (old_docs.programme != new_docs.programme) {
    change->programme_before = std::move(old_docs.programme);
    change->programme_after = std::move(new_docs.programme);
    change->max_challenges_per_week = after.max_challenges_per_week;
  }
}

Json booking_doc(const State& state, const std::string& request_id) {
  const Assignment* a = find_booking(state, request_id);
  return a ? booking_json(state, *a) : Json(nullptr);
}

}  // namespace

Draft::Draft(const State& base)
    : base_(base), bookings_(base.plan.assignments), accepted_(base.accepted), approved_(base.approved) {}

Scenario& Draft::edit_scenario() {
  if (!scenario_) scenario_ = *base_.scenario;
  return *scenario_;
}

Council* Draft::edit_council(const std::string& id) {
  if (!scenario().find_council(id)) return nullptr;
  Scenario& s = edit_scenario();
  return &s.councils[s.council_index.at(id)];
}

Peer* Draft::edit_peer(const std::string& id) {
  if (!scenario().find_peer(id)) return nullptr;
  Scenario& s = edit_scenario();
  return &s.peers[s.peer_index.at(id)];
}

Request* Draft::edit_request(const std::string& id) {
  if (!scenario().find_request(id)) return nullptr;
  Scenario& s = edit_scenario();
  return &s.requests[s.request_index.at(id)];
}

void Draft::add_request(Request request) {
  Scenario& s = edit_scenario();
  s.requests.push_back(std::move(request));
  s.reindex();
}

void Draft::replace_scenario(Scenario scenario) {
  scenario.reindex();
  scenario_ = std::move(scenario);
}

Assignment* Draft::find(const std::string& request_id) {
  auto it = std::find_if(bookings_.begin(), bookings_.end(), [&](const Assignment& a) { return a.request == request_id; });
  return it == bookings_.end() ? nullptr : &*it;
}

const Assignment* Draft::booking(const std::string& request_id) const {
  return const_cast<Draft*>(this)->find(request_id);
}

namespace {

// Keeps only the seats of `booking` held in the same week as before.
void keep_seats(Acceptances& seats, const Assignment* current, const Assignment& booking) {
  auto kept = seats.find(booking.request);
  if (kept == seats.end()) return;
  bool same_week = current && current->week == booking.week;
  std::erase_if(kept->second, [&](const std::string& p) {
    return !same_week || std::count(booking.peers.begin(), booking.peers.end(), p) == 0;
  });
  if (kept->second.empty()) seats.erase(kept);
}

}  // namespace

bool Draft::accepted(const std::string& request_id, const std::string& peer_id) const {
  return holds_seat(accepted_, request_id, peer_id);
}

bool Draft::approved(const std::string& request_id, const std::string& peer_id) const {
  return holds_seat(approved_, request_id, peer_id);
}

void Draft::book(const Assignment& booking) {
  touched_bookings_.insert(booking.request);
  Assignment* current = find(booking.request);
  keep_seats(accepted_, current, booking);
  keep_seats(approved_, current, booking);
  if (current) *current = booking;
  else bookings_.push_back(booking);
}

void Draft::cancel(const std::string& request_id) {
  touched_bookings_.insert(request_id);
  std::erase_if(bookings_, [&](const Assignment& a) { return a.request == request_id; });
  accepted_.erase(request_id);
  approved_.erase(request_id);
}

void Draft::accept(const std::string& request_id, const std::string& peer_id) {
  touched_bookings_.insert(request_id);
  accepted_[request_id].insert(peer_id);
}

void Draft::approve(const std::string& request_id, const std::string& peer_id) {
  touched_bookings_.insert(request_id);
  approved_[request_id].insert(peer_id);
}

void Draft::replace_bookings(std::vector<Assignment> bookings) {
  bookings_ = std::move(bookings);
  accepted_.clear();
  approved_.clear();
  bookings_replaced_ = true;
}

State Draft::build() const {
  if (!scenario_) return with_bookings(base_, bookings_, accepted_, approved_);
  return make_state(*scenario_, bookings_, accepted_, approved_);
}

ChangeSet Draft::changes(const State& built) const {
  ChangeSet change;
  if (scenario_) add_entity_rows(*base_.scenario, *built.scenario, &change);
  std::set<std::string> ids = touched_bookings_;
  if (bookings_replaced_) {
    for (const Assignment& a : base_.plan.assignments) ids.insert(a.request);
    for (const Assignment& a : built.plan.assignments) ids.insert(a.request);
  }
  for (const std::string& id : ids) {
    Json before = booking_doc(base_, id), after = booking_doc(built, id);
    if (before != after) change.rows.push_back({"bookings", id, std::move(before), std::move(after)});
  }
  return change;
}

ChangeSet all_rows(const State& state) {
  ChangeSet change;
  Documents docs = documents_of(*state.scenario);
  for (auto& [table, rows] : docs.tables)
    for (auto& [id, doc] : rows) change.rows.push_back({table, id, nullptr, std::move(doc)});
  for (const Assignment& a : state.plan.assignments) change.rows.push_back({"bookings", a.request, nullptr, booking_json(state, a)});
  change.programme_before = nullptr;
  change.programme_after = std::move(docs.programme);
  change.max_challenges_per_week = state.scenario->max_challenges_per_week;
  return change;
}

}  // namespace peerslot::service
