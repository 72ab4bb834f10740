// csv_export.cpp — one header line, one line per entity, CRLF line ends;
// a cell with a comma, quote or line break is quoted with quotes doubled.
#include "service/csv_export.h"

#include <sstream>

namespace peerslot::service {

namespace {

std::string cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cell(cells[i]);
  return out + "\r\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

std::string ranges(const std::vector<DateRange>& list) {
  std::vector<std::string> items;
  for (const DateRange& r : list) items.push_back(to_iso(r.start) + ".." + to_iso(r.end));
  return joined(items);
}

std::string number(const std::optional<GeoPoint>& p, bool lat) {
  if (!p) return "";
  std::ostringstream out;
  out << (lat ? p->lat : p->lon);
  return out.str();
}

}  // namespace

void write_councils_csv(const Scenario& scenario, const TextSink& write) {
  write(row({"id", "name", "type", "region", "control", "lat", "lon", "elections", "blackouts"}));
  for (const Council& c : scenario.councils) {
    std::vector<std::string> elections;
    for (Date d : c.elections) elections.push_back(to_iso(d));
    write(row({c.id, c.name, c.type, c.region, c.control, number(c.location, true), number(c.location, false),
               joined(elections), ranges(c.blackouts)}));
  }
}

void write_peers_csv(const Scenario& scenario, const TextSink& write) {
  write(row({"id", "name", "role", "party", "council", "region", "lat", "lon", "skills", "available", "max_days_per_year",
             "conflicts"}));
  for (const Peer& p : scenario.peers)
    write(row({p.id, p.name, role_name(p.role), p.party, p.council, p.region, number(p.location, true),
               number(p.location, false), joined(p.skills), ranges(p.available),
               p.max_days_per_year ? std::to_string(*p.max_days_per_year) : "", joined(p.conflicts)}));
}

}  // namespace peerslot::service
