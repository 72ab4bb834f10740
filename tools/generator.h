// generator.h — a realistic demo peer-challenge programme built from the
// real reference data in data/ (councils, polling days, bank holidays).
//
// The national scenario (scale 1) has every council in data/councils.csv
// with one corporate challenge request each, plus some paid subject
// challenges and member peer support requests after the May 2011/2012/2013
// elections; peers are drawn from councils (member peers with a party mix
// like the councils', chief executives, senior officers with skills) and
// from outside local government (experts). Scale K makes K copies of every
// council (ids suffixed "-2".."-K", positions jittered), and so K times as
// many peers and requests.
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
