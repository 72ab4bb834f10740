// csv_export.h — the programme's councils and peers as CSV (RFC 4180), for
// the programme office's spreadsheets. Lists inside a cell are joined with
// ";" and date ranges written start..end.
// Thread-safety: pure functions.
#pragma once

#include "engine/scenario.h"

#include <string>

namespace peerslot::service {

std::string councils_csv(const Scenario& scenario);
std::string peers_csv(const Scenario& scenario);

}  // namespace peerslot::service
