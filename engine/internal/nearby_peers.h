// nearby_peers.h — peer-to-council distances without a peer x council table:
// km on demand, and per council the nearest peers of each role in km order.
//
// Internal to the engine: not part of its public API. The Problem owns one
// (Problem::nearby()); the TeamMatcher scans its lists.
//
// km(p, c) is travel_km() of cost_model.h computed on demand from points
// prepared once (sphere_km() of the peer's and the council's SpherePoint, 0
// when either has no location): bit for bit the value the checker computes,
// for every pair, listed or not.
//
// Peers fall in groups: one per role, and one per party holding the member
// peers of that party (a member is in both). nearest(c, group) lists, in
// (km, peer index) order, the `list_length` nearest peers of the group among
// those eligible (Problem::eligible) for at least one request of council c;
// fewer when fewer exist, and then complete(c, group) is true. Every such
// peer not in the list is at least as far as the list's last entry
// (bound_km()). A council gets lists only for the roles its requests seat
// and the parties they ask a member of (ProblemRequest::party, and
// party_by_week where the council's control changes), and none
// when it has no location (has_list() is false: callers scan every peer of
// the role).
//
// Past its list, a scan can go on over members(group), every peer of the
// group, with a cheap bound on each one's km: min_km(p, c), from the cells
// of a uniform grid of cubes over the points on the unit sphere (3-D, so no
// special case at the poles or the date line) that the lists are found
// with. Memory is O(peers + councils x list_length); building costs about
// list_length distance computations per (council, group), not one per
// (council, peer).
//
// Guarantees: built once in the constructor, read-only afterwards; lists
// and km() are exact (no approximation decides an order or a distance).
// Thread-safety: const after construction; share freely between threads.
#pragma once

#include "engine/cost_model.h"
#include "engine/scenario.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstdint>
#include <span>
#include <vector>

namespace peerslot {

class Problem;

class NearbyPeers {
 public:
  static constexpr int kDefaultListLength = 128;

  struct Entry {
    std::int32_t peer;
    std::uint16_t km;
  };

  explicit NearbyPeers(const Problem& problem, int list_length = kDefaultListLength);

  std::int64_t km(int p, int council) const {
    if (!peer_located_[p] || !council_located_[council]) return 0;
    return sphere_km(peer_points_[p], council_points_[council]);
  }

  static int role_group(Role role) { return static_cast<int>(role); }
  // The members of a party (kNoIndex: none, the party has no peer).
  int party_group(int party) const { return party >= 0 && party < party_count_ ? kRoleCount + party : kNoGroup; }
  static constexpr int kNoGroup = -1;

  bool has_list(int council, int group) const { return flags_[slot(council, group)] & kHasList; }
  bool complete(int council, int group) const { return flags_[slot(council, group)] & kComplete; }
  std::span<const Entry> nearest(int council, int group) const {
    std::size_t s = slot(council, group);
    return {entries_.data() + start_[s], static_cast<std::size_t>(start_[s + 1] - start_[s])};
  }
  // A lower bound on km(p, council) for every peer of the group that is
  // eligible for a request of the council but not in nearest(): its last
  // entry's km.
  std::int64_t bound_km(int council, int group) const {
    std::span<const Entry> list = nearest(council, group);
    return list.empty() ? 0 : list.back().km;
  }

  // Every peer of the group, ascending.
  std::span<const int> members(int group) const {
    return {group_peers_.data() + group_start_[group], static_cast<std::size_t>(group_start_[group + 1] - group_start_[group])};
  }
  // A lower bound on km(p, council), from the grid cells: no trigonometry.
  std::int64_t min_km(int p, int council) const {
    if (!peer_located_[p] || !council_located_[council]) return 0;
    const int* a = peer_cells_[p].c;
    const int* b = council_cells_[council].c;
    int k = std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
    return k == 0 ? 0 : outside_km_[std::min<std::size_t>(k - 1, outside_km_.size() - 1)];
  }

 private:
  static constexpr std::uint8_t kHasList = 1;
  static constexpr std::uint8_t kComplete = 2;
  std::size_t slot(int council, int group) const {
    return static_cast<std::size_t>(council) * groups_ + static_cast<std::size_t>(group);
  }
  struct Cell {
    int c[3];
  };
  void shell(int council, int group, int k, std::vector<int>& peers) const;
  bool covers(int council, int k) const;
  std::int64_t outside_km(int k) const;
  void build_grid(const std::vector<std::array<double, 3>>& points, const std::vector<std::vector<int>>& group_of);
  Cell cell_of(const std::array<double, 3>& point) const;
  std::size_t cell_index(int x, int y, int z) const {
    return (static_cast<std::size_t>(x) * dim_[1] + y) * dim_[2] + z;
  }

  int party_count_ = 0;
  int groups_ = kRoleCount;
  std::vector<SpherePoint> peer_points_;
  std::vector<std::uint8_t> peer_located_;
  std::vector<SpherePoint> council_points_;
  std::vector<std::uint8_t> council_located_;
  std::vector<std::uint32_t> start_;  // (council, group) -> first entry; one past the end last
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> flags_;   // (council, group)
  // The grid: cell i of axis a holds [lo_[a] + i h_, lo_[a] + (i+1) h_).
  double lo_[3] = {0, 0, 0};
  double h_ = 1;
  int dim_[3] = {1, 1, 1};
  std::vector<std::uint32_t> cell_start_;  // (cell, group) -> first in cell_peers_
  std::vector<std::int32_t> cell_peers_;
  std::vector<Cell> council_cells_;
  std::vector<Cell> peer_cells_;
  std::vector<std::int64_t> outside_km_;  // k -> outside_km(k), while it grows
  std::vector<std::uint32_t> group_start_;
  std::vector<std::int32_t> group_peers_;
};

}  // namespace peerslot
