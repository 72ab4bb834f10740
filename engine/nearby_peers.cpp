// Design: the located peers are bucketed into a uniform grid of cubes over
// their unit vectors (x, y, z on the unit sphere), cells stored as one CSR
// table keyed (cell, role). A point in cell i of an axis lies in
// [lo + i h, lo + (i+1) h), so a point outside the block of cells within
// Chebyshev distance k of the query's cell differs from the query by more
// than k h along some axis: its chord is > k h and its great-circle km is at
// least 2 R asin(k h / 2). Shells k = 0, 1, 2, ... are visited until the
// list_length-th nearest candidate found is strictly nearer than that bound
// (then nothing unvisited can enter the list) or the block covers the grid.
// The cell size makes about four cells per peer in the bounding box, so
// memory stays linear whatever the scenario's extent. Cells are keyed
// (cell, group): roles, then parties (members only), so a scan of one
// party's members never looks at anyone else.
//
// Distances that decide the lists are exact sphere_km() values; the grid
// bound only decides when to stop looking, and is rounded down with a
// margin, so float error can only make a query visit one shell more.
#include "engine/internal/nearby_peers.h"

#include "engine/cost_model.h"
#include "engine/problem.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace peerslot {

namespace {

std::array<double, 3> unit_vector(const GeoPoint& g) {
  double lat = radians(g.lat), lon = radians(g.lon);
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

bool entry_less(const NearbyPeers::Entry& a, const NearbyPeers::Entry& b) {
  return a.km != b.km ? a.km < b.km : a.peer < b.peer;
}

}  // namespace

// group_of[p]: the groups of peer p, empty when it has no location.
void NearbyPeers::build_grid(const std::vector<std::array<double, 3>>& points,
                             const std::vector<std::vector<int>>& group_of) {
  std::vector<int> located;
  for (std::size_t p = 0; p < group_of.size(); ++p)
    if (!group_of[p].empty()) located.push_back(static_cast<int>(p));
  if (located.empty()) return;
  double hi[3];
  for (int a = 0; a < 3; ++a) lo_[a] = hi[a] = points[located[0]][a];
  for (int p : located)
    for (int a = 0; a < 3; ++a) {
      lo_[a] = std::min(lo_[a], points[p][a]);
      hi[a] = std::max(hi[a], points[p][a]);
    }
  double n = static_cast<double>(located.size());
  double volume = 1;
  for (int a = 0; a < 3; ++a) volume *= hi[a] - lo_[a] + 1e-6;
  h_ = std::cbrt(volume / (4 * n));
  for (;;) {
    double cells = 1;
    for (int a = 0; a < 3; ++a) {
      dim_[a] = static_cast<int>((hi[a] - lo_[a]) / h_) + 1;
      cells *= dim_[a];
    }
    if (cells <= 8 * n + 64) break;
    h_ *= 1.25;
  }
  std::size_t cells = static_cast<std::size_t>(dim_[0]) * dim_[1] * dim_[2];
  cell_start_.assign(cells * groups_ + 1, 0);
  std::vector<std::size_t> cell(points.size());
  for (int p : located) {
    Cell c = cell_of(points[p]);
    cell[p] = cell_index(c.c[0], c.c[1], c.c[2]) * groups_;
    for (int g : group_of[p]) ++cell_start_[cell[p] + g + 1];
  }
  for (std::size_t i = 1; i < cell_start_.size(); ++i) cell_start_[i] += cell_start_[i - 1];
  cell_peers_.resize(cell_start_.back());
  std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
  for (int p : located)
    for (int g : group_of[p]) cell_peers_[fill[cell[p] + g]++] = p;  // ascending peer index within a cell
}

NearbyPeers::Cell NearbyPeers::cell_of(const std::array<double, 3>& q) const {
  Cell c;
  for (int a = 0; a < 3; ++a) c.c[a] = static_cast<int>(std::floor((q[a] - lo_[a]) / h_));
  return c;
}

bool NearbyPeers::covers(int council, int k) const {
  const int* c = council_cells_[council].c;
  for (int a = 0; a < 3; ++a)
    if (c[a] - k > 0 || c[a] + k < dim_[a] - 1) return false;
  return true;
}

std::int64_t NearbyPeers::outside_km(int k) const {
  double half_chord = std::min(1.0, k * h_ / 2);
  double km = 2 * kEarthRadiusKm * std::asin(half_chord) - 0.01;
  return km <= 0 ? 0 : static_cast<std::int64_t>(km);
}

void NearbyPeers::shell(int council, int group, int k, std::vector<int>& peers) const {
  if (cell_peers_.empty()) return;
  const int* c = council_cells_[council].c;
  int from[3], to[3];
  for (int a = 0; a < 3; ++a) {
    from[a] = std::max(0, c[a] - k);
    to[a] = std::min(dim_[a] - 1, c[a] + k);
    if (from[a] > to[a]) return;
  }
  for (int x = from[0]; x <= to[0]; ++x) {
    bool x_face = x == c[0] - k || x == c[0] + k;
    for (int y = from[1]; y <= to[1]; ++y) {
      bool face = x_face || y == c[1] - k || y == c[1] + k;
      for (int z = from[2]; z <= to[2]; ++z) {
        if (!face && z != c[2] - k && z != c[2] + k) {
          z = c[2] + k - 1;  // inside the block: on to its far z face
          continue;
        }
        std::size_t s = cell_index(x, y, z) * groups_ + static_cast<std::size_t>(group);
        peers.insert(peers.end(), cell_peers_.begin() + cell_start_[s], cell_peers_.begin() + cell_start_[s + 1]);
      }
    }
  }
}

NearbyPeers::NearbyPeers(const Problem& problem, int list_length) {
  const Scenario& s = problem.scenario();
  int n = problem.peer_count();
  int councils = problem.council_count();
  for (int p = 0; p < n; ++p) party_count_ = std::max(party_count_, problem.peer(p).party + 1);
  groups_ = kRoleCount + party_count_;
  auto groups_of = [&](int p) {
    std::vector<int> groups{role_group(problem.peer(p).role)};
    if (problem.peer(p).role == Role::kMember && problem.peer(p).party >= 0) groups.push_back(party_group(problem.peer(p).party));
    return groups;
  };
  peer_points_.resize(n);
  peer_located_.assign(n, 0);
  std::vector<std::array<double, 3>> vectors(n);
  std::vector<std::vector<int>> located_groups(n);
  std::vector<std::vector<int>> unlocated(groups_);
  for (int p = 0; p < n; ++p) {
    if (s.peers[p].location) {
      peer_located_[p] = 1;
      peer_points_[p] = sphere_point(*s.peers[p].location);
      vectors[p] = unit_vector(*s.peers[p].location);
      located_groups[p] = groups_of(p);
    } else {
      for (int g : groups_of(p)) unlocated[g].push_back(p);
    }
  }
  council_points_.resize(councils);
  council_located_.assign(councils, 0);
  for (int c = 0; c < councils; ++c) {
    if (!s.councils[c].location) continue;
    council_located_[c] = 1;
    council_points_[c] = sphere_point(*s.councils[c].location);
  }
  std::vector<std::vector<int>> requests_of(councils);
  for (int r = 0; r < problem.request_count(); ++r) requests_of[problem.request(r).council].push_back(r);

  build_grid(vectors, located_groups);
  group_start_.assign(groups_ + 1, 0);
  for (int p = 0; p < n; ++p)
    for (int g : groups_of(p)) ++group_start_[g + 1];
  for (int g = 0; g < groups_; ++g) group_start_[g + 1] += group_start_[g];
  group_peers_.resize(group_start_.back());
  {
    std::vector<std::uint32_t> fill(group_start_.begin(), group_start_.end() - 1);
    for (int p = 0; p < n; ++p)
      for (int g : groups_of(p)) group_peers_[fill[g]++] = p;
  }
  located_groups = {};
  council_cells_.resize(councils);
  for (int c = 0; c < councils; ++c)
    if (council_located_[c]) council_cells_[c] = cell_of(unit_vector(*s.councils[c].location));
  peer_cells_.resize(n);
  for (int p = 0; p < n; ++p)
    if (peer_located_[p]) peer_cells_[p] = cell_of(vectors[p]);
  for (int k = 0;; ++k) {
    outside_km_.push_back(outside_km(k));
    if (k * h_ / 2 >= 1 || k >= 4096) break;  // the whole sphere, or far enough: min_km() caps k here
  }
  bool grid_empty = cell_peers_.empty();
  std::size_t wanted = static_cast<std::size_t>(std::max(1, list_length));
  std::vector<std::vector<Entry>> lists(static_cast<std::size_t>(councils) * groups_);
  flags_.assign(lists.size(), 0);

  auto build = [&](std::size_t first, std::size_t step) {
    std::vector<Entry> found;
    std::vector<int> shell_peers;
    std::vector<int> groups;
    for (std::size_t c = first; c < static_cast<std::size_t>(councils); c += step) {
      if (!council_located_[c] || requests_of[c].empty()) continue;
      groups.clear();
      for (int r : requests_of[c]) {
        const ProblemRequest& request = problem.request(r);
        for (int role = 0; role < kRoleCount; ++role)
          if (request.team[role] > 0) groups.push_back(role_group(static_cast<Role>(role)));
        if (request.team[static_cast<int>(Role::kMember)] == 0) continue;
        // The party in control at the window's start and after each change.
        for (int party : request.party_by_week.empty() ? std::vector<int>{request.party} : request.party_by_week)
          if (party_group(party) != kNoGroup) groups.push_back(party_group(party));
      }
      std::sort(groups.begin(), groups.end());
      groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
      auto keep = [&](int p) {
        return std::any_of(requests_of[c].begin(), requests_of[c].end(), [&](int r) { return problem.eligible(p, r); });
      };
      for (int group : groups) {
        found.clear();
        for (int p : unlocated[group])
          if (keep(p)) found.push_back({p, 0});
        bool complete = grid_empty;
        std::int64_t worst = INT64_MAX;  // km of the wanted-th nearest so far: farther ones cannot enter
        for (int k = 0; !grid_empty; ++k) {
          shell_peers.clear();
          shell(static_cast<int>(c), group, k, shell_peers);
          for (int p : shell_peers)
            if (min_km(p, static_cast<int>(c)) <= worst && keep(p))
              found.push_back({p, static_cast<std::uint16_t>(km(p, static_cast<int>(c)))});
          if (covers(static_cast<int>(c), k)) {
            complete = worst == INT64_MAX;
            break;
          }
          if (found.size() >= wanted) {
            std::nth_element(found.begin(), found.begin() + (wanted - 1), found.end(), entry_less);
            found.resize(wanted);
            worst = found.back().km;
            if (worst < outside_km(k)) break;
          }
        }
        if (found.size() > wanted) {
          std::nth_element(found.begin(), found.begin() + (wanted - 1), found.end(), entry_less);
          found.resize(wanted);
          complete = false;
        }
        std::sort(found.begin(), found.end(), entry_less);
        std::size_t at = c * groups_ + group;
        lists[at] = found;
        flags_[at] = static_cast<std::uint8_t>(kHasList | (complete ? kComplete : 0));
      }
    }
  };
  std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  if (static_cast<std::size_t>(councils) * wanted < 200000) threads = 1;
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(build, t, threads);
  build(0, threads);
  for (std::thread& worker : workers) worker.join();

  start_.assign(lists.size() + 1, 0);
  std::size_t total = 0;
  for (const std::vector<Entry>& list : lists) total += list.size();
  entries_.reserve(total);
  for (std::size_t i = 0; i < lists.size(); ++i) {
    start_[i] = static_cast<std::uint32_t>(entries_.size());
    entries_.insert(entries_.end(), lists[i].begin(), lists[i].end());
  }
  start_[lists.size()] = static_cast<std::uint32_t>(entries_.size());
}

}  // namespace peerslot
