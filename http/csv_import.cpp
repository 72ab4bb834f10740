// csv_import.cpp — a small RFC 4180 reader, then one converter per column
// kind: text, number, list ("a;b"), dates and ranges ("start..end;...").
#include "http/csv_import.h"

#include <map>
#include <vector>

namespace peerslot::http {

namespace {

using Json = nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

Result<Rows> parse_csv(const std::string& text) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (quoted) return Status::invalid("body: a quoted cell is not closed");
  std::erase_if(rows, [](const std::vector<std::string>& r) { return r.size() == 1 && r[0].empty(); });
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

// `field` names the column, `line` the line, e.g. ("lat", "line 4").
Result<Json> convert(const std::string& cell, Kind kind, const std::string& field, const std::string& line) {
  switch (kind) {
    case Kind::kText: return Json(cell);
    case Kind::kList: return Json(split(cell, ";"));
    case Kind::kNumber:
    case Kind::kWhole: {
      std::size_t used = 0;
      try {
        double value = std::stod(cell, &used);
        if (used == cell.size() && (kind == Kind::kNumber || value == static_cast<long long>(value)))
          return kind == Kind::kNumber ? Json(value) : Json(static_cast<long long>(value));
      } catch (const std::exception&) {
      }
      return Status::invalid(field + ": \"" + cell + "\" is not a " + (kind == Kind::kNumber ? "number" : "whole number") +
                             " (" + line + ")");
    }
    case Kind::kRanges: {
      Json out = Json::array();
      for (const std::string& range : split(cell, ";")) {
        std::vector<std::string> ends = split(range, "..");
        if (ends.size() != 2) return Status::invalid(field + ": \"" + range + "\" is not START..END (" + line + ")");
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
  if (rows.value().empty()) return Status::invalid("body: the CSV has no header line");
  std::map<std::string, std::size_t> at;
  const auto& header = rows.value()[0];
  for (std::size_t i = 0; i < header.size(); ++i) at[header[i]] = i;
  std::string expected;
  for (const auto& [name, kind] : columns) expected += std::string(expected.empty() ? "" : ",") + name;
  if (at.size() != columns.size() || header.size() != columns.size())
    return Status::invalid("body: the header must name the columns " + expected);
  for (const auto& [name, kind] : columns)
    if (!at.count(name)) return Status::invalid("body: the header must name the columns " + expected);
  Json out = Json::array();
  for (std::size_t line = 1; line < rows.value().size(); ++line) {
    const auto& row = rows.value()[line];
    std::string where = "line " + std::to_string(line + 1);
    if (row.size() != columns.size()) return Status::invalid(where + ": has " + std::to_string(row.size()) + " cells, not " + std::to_string(columns.size()));
    Json entity = Json::object();
    for (const auto& [name, kind] : columns) {
      const std::string& cell = row[at[name]];
      if (cell.empty()) continue;
      auto value = convert(cell, kind, name, where);
      if (!value.is_ok()) return value.status();
      entity[name] = value.value();
    }
    out.push_back(entity);
  }
  return out;
}

}  // namespace

Result<Json> councils_from_csv(const std::string& text) {
  return entities(text, {{"id", Kind::kText}, {"name", Kind::kText}, {"type", Kind::kText}, {"region", Kind::kText},
                         {"control", Kind::kText}, {"lat", Kind::kNumber}, {"lon", Kind::kNumber},
                         {"elections", Kind::kList}, {"blackouts", Kind::kRanges}});
}

Result<Json> peers_from_csv(const std::string& text) {
  return entities(text, {{"id", Kind::kText}, {"name", Kind::kText}, {"role", Kind::kText}, {"party", Kind::kText},
                         {"council", Kind::kText}, {"region", Kind::kText}, {"lat", Kind::kNumber},
                         {"lon", Kind::kNumber}, {"skills", Kind::kList}, {"available", Kind::kRanges},
                         {"max_days_per_year", Kind::kWhole}, {"conflicts", Kind::kList}});
}

}  // namespace peerslot::http
