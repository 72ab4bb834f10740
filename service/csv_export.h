// csv_export.h — the programme's councils and peers as CSV (RFC 4180), for
// the programme office's spreadsheets. Lists inside a cell are joined with
// ";" and date ranges written start..end.
// Thread-safety: pure functions.
#pragma once

#include "engine/scenario.h"
#include "engine/scenario_json.h"  // TextSink

#include <string>

namespace peerslot::service {

// Each writes the header line, then one line per council or peer as it goes.
void write_councils_csv(const Scenario& scenario, const TextSink& write);
void write_peers_csv(const Scenario& scenario, const TextSink& write);

}  // namespace peerslot::service
