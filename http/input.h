// input.h — reading typed fields from a request body, with errors that name
// the field (Status::field()) and the offending value ("week: \"2011-13-01\" is not a date
// (YYYY-MM-DD)").
//
// Guarantees: a reader never throws; a missing required field, a wrong JSON
// type or a value out of range is an invalid Status naming the field.
// Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace peerslot::http {

// Refuses any field not in `allowed`.
Status only_fields(const nlohmann::json& body, std::initializer_list<const char*> allowed);
Result<Date> read_date(const nlohmann::json& body, const std::string& field);
Result<Date> read_monday(const nlohmann::json& body, const std::string& field);
Result<DateRange> read_range(const nlohmann::json& value, const std::string& field);
Result<std::vector<DateRange>> read_ranges(const nlohmann::json& body, const std::string& field);
// Non-empty strings without control characters (a JSON string is already valid UTF-8).
Result<std::vector<std::string>> read_strings(const nlohmann::json& body, const std::string& field);
// An optional string without control characters: "" when absent.
Result<std::string> read_optional_text(const nlohmann::json& body, const std::string& field);
// true or false; `absent` when the field is not there.
Result<bool> read_flag(const nlohmann::json& body, const std::string& field, bool absent);
// A whole number in min..max, or null (nullopt).
Result<std::optional<int>> read_optional_int(const nlohmann::json& body, const std::string& field, int min, int max);
// A path segment that names a record by number (/users/{id}, ...): 1 to 18
// digits, so it always fits; nullopt for anything else, which names nothing.
std::optional<std::int64_t> path_number(const std::string& segment);

}  // namespace peerslot::http
