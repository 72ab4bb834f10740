// Design: each CSV is read line by line against its expected header; a row
// that does not parse stops loading with "file:line: what is wrong". Polling
// days and control changes are attached to councils by code as their files
// are read (councils.csv first); control_changes.csv must list each council's
// changes in date order, so the control in force before a row is known when
// the row is read.
#include "tools/reference_data.h"

#include "tools/file_io.h"

#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace peerslot {

namespace {

const std::set<std::string> kCouncilTypes = {"county",       "district",       "unitary",
                                             "metropolitan", "london_borough", "welsh_unitary"};

using Row = std::vector<std::string>;

const std::set<std::string> kControlValues = {"Conservative", "Labour", "Liberal Democrat", "Plaid Cymru",
                                              "Independent",  "Green",  "NOC"};

Status known_control(const std::string& control) {
  if (!kControlValues.count(control)) return Status::invalid("unknown control \"" + control + "\"");
  return Status::ok();
}

// Calls each(row) for every data row; stops at the first non-ok Status.
Status for_each_row(const std::string& path, const std::string& header, size_t fields,
                    const std::function<Status(const Row&)>& each) {
  auto text = read_file(path);
  if (!text.is_ok()) return text.status();
  std::istringstream in(text.value());
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string where = path + ":" + std::to_string(number) + ": ";
    if (number == 1) {
      if (line != header) return Status::invalid(where + "header must be \"" + header + "\"");
      continue;
    }
    if (line.empty()) continue;
    Row row = split_csv_line(line);
    if (row.size() != fields)
      return Status::invalid(where + "expected " + std::to_string(fields) + " fields, found " + std::to_string(row.size()));
    Status s = each(row);
    if (!s.is_ok()) return Status::invalid(where + s.message());
  }
  return Status::ok();
}

Result<Date> date_field(const std::string& text) {
  auto d = parse_iso_date(text);
  if (!d) return Status::invalid("\"" + text + "\" is not a date (YYYY-MM-DD)");
  return *d;
}

Result<double> number_field(const std::string& text, double lo, double hi) {
  char* end = nullptr;
  double x = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || x < lo || x > hi)
    return Status::invalid("\"" + text + "\" is not a coordinate in range");
  return x;
}

// One row of control_changes.csv: code,date,control,source.
Status read_control_change(const Row& row, CouncilRecord& council) {
  auto day = date_field(row[1]);
  if (!day.is_ok()) return day.status();
  Status s = known_control(row[2]);
  if (!s.is_ok()) return s;
  if (row[3].empty()) return Status::invalid("source is required");
  std::vector<ControlChangeRecord>& changes = council.control_changes;
  if (!changes.empty() && !(changes.back().date < day.value()))
    return Status::invalid(council.code + ": " + row[1] + " is not after its previous change (" +
                           to_iso(changes.back().date) + ")");
  const std::string& before = changes.empty() ? council.control : changes.back().control;
  if (row[2] == before) return Status::invalid(council.code + ": control is already " + before + " before " + row[1]);
  changes.push_back({day.value(), row[2]});
  return Status::ok();
}

Status read_council(const Row& row, std::vector<CouncilRecord>& out) {
  CouncilRecord c{row[0], row[1], row[2], row[3], 0, 0, row[6], {}, {}};
  if (c.code.empty() || c.name.empty()) return Status::invalid("code and name are required");
  if (!kCouncilTypes.count(c.type)) return Status::invalid("unknown council type \"" + c.type + "\"");
  auto lat = number_field(row[4], -90, 90);
  auto lon = number_field(row[5], -180, 180);
  if (!lat.is_ok()) return lat.status();
  if (!lon.is_ok()) return lon.status();
  if (c.control.empty()) return Status::invalid("control is required");
  Status s = known_control(c.control);
  if (!s.is_ok()) return s;
  c.lat = lat.value();
  c.lon = lon.value();
  out.push_back(std::move(c));
  return Status::ok();
}

}  // namespace

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += ch;
    }
  }
  return fields;
}

const std::set<std::string>& control_values() { return kControlValues; }

const std::string& control_on(const CouncilRecord& council, Date day) {
  const std::string* control = &council.control;
  for (const ControlChangeRecord& change : council.control_changes) {
    if (day < change.date) break;
    control = &change.control;
  }
  return *control;
}

std::string default_data_dir() {
  const char* env = std::getenv("PEERSLOT_DATA_DIR");
  return env && *env ? env : PEERSLOT_DATA_DIR;
}

Result<ReferenceData> load_reference_data(const std::string& dir) {
  ReferenceData data;
  std::unordered_map<std::string, size_t> by_code;
  Status s = for_each_row(dir + "/councils.csv", "code,name,type,region,lat,lon,control", 7, [&](const Row& row) {
    if (by_code.count(row[0])) return Status::invalid("duplicate council code " + row[0]);
    by_code[row[0]] = data.councils.size();
    return read_council(row, data.councils);
  });
  if (!s.is_ok()) return s;
  s = for_each_row(dir + "/elections.csv", "code,polling_day", 2, [&](const Row& row) {
    auto it = by_code.find(row[0]);
    if (it == by_code.end()) return Status::invalid("unknown council code " + row[0]);
    auto day = date_field(row[1]);
    if (!day.is_ok()) return day.status();
    data.councils[it->second].polling_days.push_back(day.value());
    return Status::ok();
  });
  if (!s.is_ok()) return s;
  s = for_each_row(dir + "/control_changes.csv", "code,date,control,source", 4, [&](const Row& row) {
    auto it = by_code.find(row[0]);
    if (it == by_code.end()) return Status::invalid("unknown council code " + row[0]);
    return read_control_change(row, data.councils[it->second]);
  });
  if (!s.is_ok()) return s;
  s = for_each_row(dir + "/bank_holidays.csv", "date,name", 2, [&](const Row& row) {
    auto day = date_field(row[0]);
    if (!day.is_ok()) return day.status();
    data.bank_holidays.push_back(day.value());
    return Status::ok();
  });
  if (!s.is_ok()) return s;
  return data;
}

}  // namespace peerslot
