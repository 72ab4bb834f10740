// Design: shares are kept normalized; choose() walks the cumulative shares
// with the draw scaled to [0, 1).
#include "engine/internal/move_chooser.h"

#include <numeric>

namespace peerslot {

namespace {

std::vector<double> normalized(std::vector<double> shares) {
  double total = std::accumulate(shares.begin(), shares.end(), 0.0);
  for (double& s : shares) s /= total;
  return shares;
}

}  // namespace

MoveChooser::MoveChooser(std::vector<double> base)
    : base_(normalized(std::move(base))), share_(base_), gain_(base_.size(), 0), work_(base_.size(), 0) {}

int MoveChooser::choose(std::uint64_t draw) const {
  double x = static_cast<double>(draw >> 11) / static_cast<double>(1ULL << 53);
  for (std::size_t k = 0; k + 1 < share_.size(); ++k) {
    if (x < share_[k]) return static_cast<int>(k);
    x -= share_[k];
  }
  return static_cast<int>(share_.size()) - 1;
}

void MoveChooser::record(int kind, std::int64_t gain, std::int64_t work) {
  gain_[kind] += static_cast<double>(gain);
  work_[kind] += static_cast<double>(work);
  if (++attempts_ % kAdaptEvery == 0) adapt();
}

void MoveChooser::adapt() {
  std::vector<double> rate(base_.size(), 0);
  for (std::size_t k = 0; k < base_.size(); ++k) rate[k] = work_[k] > 0 ? gain_[k] / work_[k] : 0;
  double total = std::accumulate(rate.begin(), rate.end(), 0.0);
  for (std::size_t k = 0; k < base_.size(); ++k) {
    share_[k] = total > 0 ? 0.3 * base_[k] + 0.7 * rate[k] / total : base_[k];
    gain_[k] /= 2;
    work_[k] /= 2;
  }
}

}  // namespace peerslot
