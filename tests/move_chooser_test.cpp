// The adaptive choice of local-search moves (engine/internal/move_chooser.h).
#include "engine/internal/move_chooser.h"

#include <catch2/catch.hpp>

#include <random>

using namespace peerslot;

TEST_CASE("moves that earn more per unit of work are chosen more, and none starves", "[moves]") {
  MoveChooser chooser({1, 1, 2});
  CHECK(chooser.share(2) == Approx(0.5));
  std::mt19937_64 rng(1);
  int chosen[3] = {0, 0, 0};
  for (int i = 0; i < 10 * MoveChooser::kAdaptEvery; ++i) {
    int kind = chooser.choose(rng());
    ++chosen[kind];
    // Kind 0 gains 100 per attempt; kind 1 gains 100 but costs 10 times the work; kind 2 never gains.
    chooser.record(kind, kind == 2 ? 0 : 100, kind == 1 ? 10 : 1);
  }
  CHECK(chooser.share(0) > chooser.share(1));
  CHECK(chooser.share(1) > 0.3 * 0.25);  // above its floor: it earns something
  CHECK(chooser.share(2) == Approx(0.3 * 0.5));
  CHECK(chooser.share(0) + chooser.share(1) + chooser.share(2) == Approx(1.0));
  CHECK(chosen[2] > 0);
}

TEST_CASE("the choice is a pure function of the draw", "[moves]") {
  MoveChooser chooser({1, 3});
  CHECK(chooser.choose(0) == 0);
  CHECK(chooser.choose(~0ULL) == 1);
  CHECK(chooser.choose(1ULL << 63) == 1);  // 0.5 falls in the second share, which starts at 0.25
}
