// move_chooser.h — which local-search move to try next, adapted to what each
// kind of move has been earning (adaptive weights in the manner of Ropke and
// Pisinger's ALNS).
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// Each kind has a base share. The search reports, per attempt, the cost it
// gained (0 unless the move was kept and lowered the cost) and the work it
// took, counted in team searches (TeamMatcher calls, plus one per attempt,
// plus a team flow's priced pairs at the solver's exchange rate):
// a deterministic stand-in for time, so that a solve stopped by an
// iteration limit stays reproducible. Every kAdaptEvery attempts the shares
// become 30% base and 70% in proportion to gain per unit of work over the
// recent past (older figures halve each time), so no kind ever starves.
//
// Cost: choose() O(kinds); record() O(1); adapt() O(kinds).
// Thread-safety: plain value; one per search thread.
#pragma once

#include <cstdint>
#include <vector>

namespace peerslot {

class MoveChooser {
 public:
  static constexpr int kAdaptEvery = 1000;

  // REQUIRES: base shares >= 0, at least one > 0.
  explicit MoveChooser(std::vector<double> base);

  // The kind a uniform draw in [0, 2^64) picks.
  int choose(std::uint64_t draw) const;
  // REQUIRES: 0 <= kind < kinds; gain >= 0; work >= 1.
  void record(int kind, std::int64_t gain, std::int64_t work);

  double share(int kind) const { return share_[kind]; }

 private:
  void adapt();

  std::vector<double> base_;
  std::vector<double> share_;
  std::vector<double> gain_;
  std::vector<double> work_;
  int attempts_ = 0;
};

}  // namespace peerslot
