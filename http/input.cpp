// input.cpp — small, strict readers over nlohmann::json.
#include "http/input.h"

#include "engine/json_text.h"
#include "service/request_text.h"

namespace peerslot::http {

using service::clean_text;

namespace {

Status missing(const std::string& field) { return Status::invalid(field, "is required"); }

Status not_a_date(const std::string& field, const nlohmann::json& value) {
  return Status::invalid(field, quote_json(value) + " is not a date between " + kFirstDate + " and " + kLastDate +
                                    " (YYYY-MM-DD)");
}

}  // namespace

Status only_fields(const nlohmann::json& body, std::initializer_list<const char*> allowed) {
  for (const auto& [name, value] : body.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || name == a;
    if (!known) return Status::invalid(shorten(name), "unknown field");
  }
  return Status::ok();
}

Result<Date> read_date(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return missing(field);
  const nlohmann::json& value = body[field];
  if (!value.is_string()) return not_a_date(field, value);
  auto date = parse_iso_date(value.get<std::string>());
  if (!date) return not_a_date(field, value);
  return *date;
}

Result<Date> read_monday(const nlohmann::json& body, const std::string& field) {
  auto date = read_date(body, field);
  if (date.is_ok() && !is_monday(date.value()))
    return Status::invalid(field, to_iso(date.value()) + " is not a Monday");
  return date;
}

Result<DateRange> read_range(const nlohmann::json& value, const std::string& field) {
  if (!value.is_object()) return Status::invalid(field, "must be an object {\"start\", \"end\"}");
  auto start = read_date(value, "start");
  if (!start.is_ok()) return start.status().under(field);
  auto end = read_date(value, "end");
  if (!end.is_ok()) return end.status().under(field);
  if (end.value() < start.value())
    return Status::invalid(field, "end " + to_iso(end.value()) + " is before start " + to_iso(start.value()));
  return DateRange{start.value(), end.value()};
}

Result<std::vector<DateRange>> read_ranges(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return missing(field);
  if (!body[field].is_array()) return Status::invalid(field, "must be an array of {\"start\", \"end\"}");
  std::vector<DateRange> out;
  for (std::size_t i = 0; i < body[field].size(); ++i) {
    auto range = read_range(body[field][i], field + "[" + std::to_string(i) + "]");
    if (!range.is_ok()) return range.status();
    out.push_back(range.value());
  }
  return out;
}

Result<bool> read_flag(const nlohmann::json& body, const std::string& field, bool absent) {
  if (!body.contains(field)) return absent;
  if (!body[field].is_boolean()) return Status::invalid(field, "must be true or false");
  return body[field].get<bool>();
}

Result<std::vector<std::string>> read_strings(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return missing(field);
  if (!body[field].is_array()) return Status::invalid(field, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < body[field].size(); ++i) {
    const nlohmann::json& value = body[field][i];
    std::string where = field + "[" + std::to_string(i) + "]";
    if (!value.is_string() || value.get<std::string>().empty())
      return Status::invalid(where, quote_json(value) + " is not a non-empty string");
    if (!clean_text(value.get<std::string>()))
      return Status::invalid(where, "must not hold a control character (such as a line break or NUL)");
    out.push_back(value.get<std::string>());
  }
  return out;
}

Result<std::string> read_optional_text(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return std::string();
  const nlohmann::json& value = body[field];
  if (!value.is_string()) return Status::invalid(field, quote_json(value) + " is not a string");
  if (!clean_text(value.get<std::string>()))
    return Status::invalid(field, "must not hold a control character (such as a line break or NUL)");
  return value.get<std::string>();
}

Result<std::optional<int>> read_optional_int(const nlohmann::json& body, const std::string& field, int min, int max) {
  if (!body.contains(field)) return missing(field);
  const nlohmann::json& value = body[field];
  if (value.is_null()) return std::optional<int>();
  if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max)
    return Status::invalid(field, quote_json(value) + " is not a whole number in " + std::to_string(min) + ".." +
                                      std::to_string(max));
  return std::optional<int>(value.get<int>());
}

std::optional<std::int64_t> path_number(const std::string& segment) {
  if (segment.empty() || segment.size() > 18 || segment.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(segment);
}

}  // namespace peerslot::http
