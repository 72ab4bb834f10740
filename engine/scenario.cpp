#include "engine/scenario.h"

namespace peerslot {

namespace {

template <typename T>
void index_ids(const std::vector<T>& items, std::unordered_map<std::string, int>& index) {
  index.clear();
  index.reserve(items.size());
  for (int i = 0; i < static_cast<int>(items.size()); ++i) index.emplace(items[i].id, i);
}

template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::unordered_map<std::string, int>& index,
                    const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

std::optional<Role> role_from_name(const std::string& name) {
  for (int i = 0; i < kRoleCount; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

const std::string& Council::control_on(Date day) const {
  const std::string* in_force = &control;
  for (const ControlChange& change : control_changes) {
    if (change.date > day) break;
    in_force = &change.control;
  }
  return *in_force;
}

int Request::team_size() const {
  int size = 0;
  for (int seats : team) size += seats;
  return size;
}

void Scenario::reindex() {
  index_ids(councils, council_index);
  index_ids(peers, peer_index);
  index_ids(requests, request_index);
}

const Council* Scenario::find_council(const std::string& id) const {
  return find_by_id(councils, council_index, id);
}
const Peer* Scenario::find_peer(const std::string& id) const { return find_by_id(peers, peer_index, id); }
const Request* Scenario::find_request(const std::string& id) const {
  return find_by_id(requests, request_index, id);
}

}  // namespace peerslot
