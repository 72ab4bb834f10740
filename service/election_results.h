// election_results.h — the programme office records a batch of election
// results, as from a spreadsheet: each change of political control as
// record_control_change() does (office_operations.h: the contract's
// control_changes, and an offer of member peer support where the control
// changed), in date order, all or nothing.
//
// Errors: forbidden for anyone but the office; a row's refusal names its
// line ("line 4.date: ..."), and nothing is recorded. Support days default
// to 2 when a row leaves them empty.
// Cost: one record_control_change() per row, plus sorting the rows.
// Thread-safety: touches only its Draft; run it in the writer.
#pragma once

#include "engine/status.h"
#include "service/draft.h"
#include "service/records.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace peerslot::service {

// `rows` as csv_import.h control_changes_from_csv() gives them; the ids of
// the support requests offered are appended to *support_requests.
Status record_election_results(Draft& draft, const User& who, const nlohmann::json& rows,
                               std::vector<std::string>* support_requests);

}  // namespace peerslot::service
