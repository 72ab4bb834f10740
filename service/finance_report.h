// finance_report.h — what the booked programme costs in money, by financial
// year, against the budget: the contract's informational `finance` block
// (docs/scenario-format.md) applied to the bookings as they stand.
//
// For each financial year with an on-site day or a budget: peer days ×
// `day_rate` of the peer's role, the team's travel (the contract's km, one
// way per peer and challenge, as the travel cost counts it) ×
// `mileage_pence_per_km`, and as income `subject_fee_per_day` × on-site
// days of subject challenges; net = peer days + mileage − fees; and the
// year's budget and what is left of it. Amounts are whole units of the
// currency (mileage rounded to the nearest unit per year). A day counts in
// the financial year it falls in, so a week across 31 March is split.
//
// Cost: O(bookings × team + on-site days). Thread-safety: pure function.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

namespace peerslot::service {

// {"currency", "years": [{"year", "label" ("2011/12"), "peer_days", "day_costs",
//  "mileage", "fees", "net", "budget" (or null), "remaining" (or null)}]};
// {"currency": null, "years": []} when the scenario has no finance block.
nlohmann::json finance_report(const State& state);
// The fee a council pays for the request: subject_fee_per_day × days for a
// subject challenge, 0 for the free kinds or without a finance block.
std::int64_t request_fee(const Scenario& scenario, const Request& request);

}  // namespace peerslot::service
