// csv_import.cpp — a small RFC 4180 reader, then one converter per column
// kind: text, number, list ("a;b"), dates and ranges ("start..end;...").
// Every cell is checked first: well-formed UTF-8, no control character
// (so a CR or LF inside a quoted cell is refused, naming its column).
#include "service/csv_import.h"

#include "engine/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace peerslot::service {

namespace {

using Json = nlohmann::json;

// A row and the line it starts on (1-based). A line end inside a quoted
// cell is kept in the cell (and refused there), so it starts no line.
struct Row {
  std::size_t line = 1;
  std::vector<std::string> cells;
};
using Rows = std::vector<Row>;

Result<Rows> parse_csv(const std::string& text) {
  Rows rows(1, Row{1, std::vector<std::string>(1)});
  std::size_t line = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().cells.back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().cells.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().cells.emplace_back();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.push_back(Row{++line, std::vector<std::string>(1)});
    } else {
      rows.back().cells.back() += c;
    }
  }
  if (quoted) return Status::invalid("body", "a quoted cell is not closed");
  std::erase_if(rows, [](const Row& r) { return r.cells.size() == 1 && r.cells[0].empty(); });
  return rows;
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + separator.size())
    out.push_back(text.substr(start, at - start));
  out.push_back(text.substr(start));
  return out;
}

enum class Kind { kText, kNumber, kList, kRanges, kWhole };

// A plain decimal number: [+-] digits [. digits] [e [+-] digits], with at
// least one digit before or after the point. No "nan", "inf", hex floats or
// spaces, which std::stod would take.
bool is_plain_decimal(std::string_view text, bool whole) {
  std::size_t i = text.empty() || (text[0] != '-' && text[0] != '+') ? 0 : 1;
  auto digits = [&] {
    std::size_t from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - from;
  };
  std::size_t count = digits();
  if (whole) return count > 0 && i == text.size();
  if (i < text.size() && text[i] == '.') ++i, count += digits();
  if (count == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// The number in a cell: finite, and for kWhole a whole number in int64.
std::optional<Json> number_of(const std::string& cell, Kind kind) {
  bool whole = kind == Kind::kWhole;
  if (!is_plain_decimal(cell, whole)) return std::nullopt;
  const char* first = cell.data() + (cell[0] == '+' ? 1 : 0);
  const char* last = cell.data() + cell.size();
  if (whole) {
    long long value = 0;
    auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) return std::nullopt;
    return Json(value);
  }
  double value = 0;
  auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || !std::isfinite(value)) return std::nullopt;
  return Json(value);
}

// The cell's own faults, before its kind is looked at.
Status check_cell(const std::string& cell, const std::string& field, const std::string& line) {
  if (!is_valid_utf8(cell)) return Status::invalid(field, "is not valid UTF-8 (" + line + ")");
  if (has_control_character(cell)) return Status::invalid(field, quote_json(Json(cell)) + " contains a control character (" + line + ")");
  return Status::ok();
}

// `field` names the column, `line` the line, e.g. ("lat", "line 4").
Result<Json> convert(const std::string& cell, Kind kind, const std::string& field, const std::string& line) {
  switch (kind) {
    case Kind::kText: return Json(cell);
    case Kind::kList: return Json(split(cell, ";"));
    case Kind::kNumber:
    case Kind::kWhole: {
      if (auto number = number_of(cell, kind)) return *number;
      return Status::invalid(field, quote_json(Json(cell)) + " is not a " +
                             (kind == Kind::kNumber ? "number" : "whole number") + " (" + line + ")");
    }
    case Kind::kRanges: {
      Json out = Json::array();
      for (const std::string& range : split(cell, ";")) {
        std::vector<std::string> ends = split(range, "..");
        if (ends.size() != 2) return Status::invalid(field, quote_json(Json(range)) + " is not START..END (" + line + ")");
        out.push_back({{"start", ends[0]}, {"end", ends[1]}});
      }
      return out;
    }
  }
  return Json();
}

using Columns = std::vector<std::pair<const char*, Kind>>;

Result<Json> entities(const std::string& text, const Columns& columns) {
  auto rows = parse_csv(text);
  if (!rows.is_ok()) return rows.status();
  if (rows.value().empty()) return Status::invalid("body", "the CSV has no header line");
  std::map<std::string, std::size_t> at;
  const auto& header = rows.value()[0].cells;
  for (std::size_t i = 0; i < header.size(); ++i) at[header[i]] = i;
  std::string expected;
  for (const auto& [name, kind] : columns) expected += std::string(expected.empty() ? "" : ",") + name;
  if (at.size() != columns.size() || header.size() != columns.size())
    return Status::invalid("body", "the header must name the columns " + expected);
  for (const auto& [name, kind] : columns)
    if (!at.count(name)) return Status::invalid("body", "the header must name the columns " + expected);
  Json out = Json::array();
  for (std::size_t n = 1; n < rows.value().size(); ++n) {
    const auto& row = rows.value()[n].cells;
    std::string where = "line " + std::to_string(rows.value()[n].line);
    if (row.size() != columns.size()) return Status::invalid(where + ": has " + std::to_string(row.size()) + " cells, not " + std::to_string(columns.size()));
    Json entity = {{"line", rows.value()[n].line}};
    for (const auto& [name, kind] : columns) {
      const std::string& cell = row[at[name]];
      if (cell.empty()) continue;
      if (Status fault = check_cell(cell, name, where); !fault.is_ok()) return fault;
      auto value = convert(cell, kind, name, where);
      if (!value.is_ok()) return value.status();
      entity[name] = value.value();
    }
    out.push_back(entity);
  }
  return out;
}

// The entities without their line numbers, as the contract writes them.
Result<Json> without_lines(Result<Json> rows) {
  if (!rows.is_ok()) return rows;
  for (Json& row : rows.value()) row.erase("line");
  return rows;
}

}  // namespace

Result<Json> councils_from_csv(const std::string& text) {
  return without_lines(entities(text, {{"id", Kind::kText}, {"name", Kind::kText}, {"type", Kind::kText}, {"region", Kind::kText},
                         {"control", Kind::kText}, {"lat", Kind::kNumber}, {"lon", Kind::kNumber},
                         {"elections", Kind::kList}, {"blackouts", Kind::kRanges}}));
}

Result<Json> peers_from_csv(const std::string& text) {
  return without_lines(entities(text, {{"id", Kind::kText}, {"name", Kind::kText}, {"role", Kind::kText}, {"party", Kind::kText},
                         {"council", Kind::kText}, {"region", Kind::kText}, {"lat", Kind::kNumber},
                         {"lon", Kind::kNumber}, {"skills", Kind::kList}, {"available", Kind::kRanges},
                         {"max_days_per_year", Kind::kWhole}, {"conflicts", Kind::kList}}));
}

Result<Json> control_changes_from_csv(const std::string& text) {
  return entities(text, {{"council", Kind::kText}, {"date", Kind::kText}, {"control", Kind::kText},
                         {"support_days", Kind::kWhole}});
}

}  // namespace peerslot::service
