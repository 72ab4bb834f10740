// group_view.h — what a political group office sees of its party: its
// councillor peers with the weeks they offer, the days they have given and
// their assignments, and the booked challenges where it may nominate one of
// them (a councillor seat at a council its party controls, or one with no
// overall control, on the challenge's first day on site).
//
// A group is named in URLs by a slug of its party's name ("Liberal
// Democrat" -> "liberal-democrat"); the parties are those of the
// scenario's councillor peers.
// Cost: group_json() is O(bookings × team + peers).
// Thread-safety: pure functions of an immutable State.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

// "Liberal Democrat" -> "liberal-democrat": lower case, spaces as hyphens.
std::string group_slug(const std::string& party);
// The parties of the scenario's councillor peers, sorted.
std::vector<std::string> parties(const Scenario& scenario);
// The party whose slug is `slug`, if a councillor peer belongs to it.
std::optional<std::string> party_of_group(const Scenario& scenario, const std::string& slug);

// {"party", "group", "peers": [{"id", "name", "council", "council_name",
//  "max_days_per_year", "available", "days": [{"year", "days"}],
//  "assignments": [{"request", "reference", "council", "council_name",
//  "kind", "kind_words", "week", "on_site", "status", "approved"}]}],
//  "challenges": [{"request", "reference", "council", "council_name",
//  "control", "week", "on_site", "members": [team members]}]}
nlohmann::json group_json(const State& state, const std::string& party);

}  // namespace peerslot::service
