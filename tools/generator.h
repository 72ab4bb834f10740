// generator.h — a realistic demo peer-challenge programme built from the
// real reference data in data/ (councils, polling days, bank holidays).
//
// The national scenario (scale 1) is a version 2 programme with every
// council in data/councils.csv, its real changes of control at the
// 2012-2014 elections (data/control_changes.csv) and one corporate
// challenge request each, with a peer challenge manager's seat; most
// corporate challenges that end early enough are followed by a progress
// review 36..56 weeks later, for the same member, chief executive and
// manager; some paid subject challenges; member peer support after each
// change of control. Peers are drawn from councils (member peers with a
// party mix like the councils', chief executives, senior officers with
// skills), from outside local government (experts of every sector,
// civil servants among them, whom about a third of councils consent to)
// and from the programme office (15 managers). Scale K makes K copies of
// every council (ids suffixed "-2".."-K", positions jittered), and so K
// times as many peers and requests.
//
// Guarantees: deterministic for (reference data, scale, seed); the result
// passes scenario validation; every pinned week is usable for its request;
// every party that controls a council has member peers of its own.
#pragma once

#include "engine/scenario.h"
#include "tools/reference_data.h"

#include <cstdint>

namespace peerslot {

struct GenerateOptions {
  int scale = 1;
  std::uint64_t seed = 1;
};

Scenario generate_scenario(const ReferenceData& data, const GenerateOptions& options);

}  // namespace peerslot
