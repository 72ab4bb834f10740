// csv_import.h — councils and peers from CSV files in the columns that
// csv_export.h writes, as scenario-contract JSON entities, so the engine's
// validation judges them like any scenario; and election results (changes
// of political control) from a CSV of council,date,control,support_days.
//
// Guarantees: RFC 4180 parsing (quoted cells, doubled quotes, CRLF or LF);
// the header must name exactly the export's columns, in any order; an empty
// cell leaves an optional field out; a malformed cell is an invalid Status
// naming the column and line ("lat: \"north\" is not a number (line 4)").
// Thread-safety: pure functions.
#pragma once

#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <string>

namespace peerslot::service {

// A JSON array of council (or peer) objects, one per data line.
Result<nlohmann::json> councils_from_csv(const std::string& text);
Result<nlohmann::json> peers_from_csv(const std::string& text);
// [{"line", "council", "date", "control", "support_days"?}], one per data
// line, as written (the operation judges dates and numbers in range).
Result<nlohmann::json> control_changes_from_csv(const std::string& text);

}  // namespace peerslot::service
