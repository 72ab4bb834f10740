// Design: a small `Fields` reader walks one JSON object at a time, knowing
// its path ("requests[3].team") and which keys it has consumed. Every typed
// getter either returns a checked value or throws FieldError with the path
// and offending value; the two public entry points catch it and turn it into
// a Status, so no exception leaves this file. When an object is finished,
// the keys nobody asked for become warnings.
#include "engine/scenario_json.h"

#include "engine/json_text.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace peerslot {

using nlohmann::json;

namespace {

struct FieldError : std::runtime_error {
  FieldError(std::string field, const std::string& what)
      : std::runtime_error(field + ": " + what), field(std::move(field)), detail(what) {}
  std::string field;
  std::string detail;
};

std::string show(const json& value) { return quote_json(value); }

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw FieldError(path, what);
}

std::string index_path(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

Date as_date(const json& value, const std::string& path) {
  if (!value.is_string()) fail(path, show(value) + " is not a date string (YYYY-MM-DD)");
  auto date = parse_iso_date(value.get<std::string>());
  if (!date) fail(path, show(value) + " is not a valid date between " + kFirstDate + " and " + kLastDate + " (YYYY-MM-DD)");
  return *date;
}

// Every string of a document: well-formed UTF-8 without control characters.
std::string as_text(const json& value, const std::string& path) {
  if (!value.is_string()) fail(path, show(value) + " is not a string");
  const std::string& text = value.get_ref<const std::string&>();
  if (!is_valid_utf8(text)) fail(path, show(value) + " is not valid UTF-8");
  if (has_control_character(text)) fail(path, show(value) + " contains a control character");
  return text;
}

// A number's text for a message: JSON has no words for NaN and infinity.
std::string show_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  return show(json(x));
}

class Fields {
 public:
  Fields(const json& object, std::string path, std::vector<std::string>* warnings)
      : object_(object), path_(std::move(path)), warnings_(warnings) {
    if (!object.is_object()) fail(path_.empty() ? "document" : path_, show(object) + " is not an object");
  }

  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json* get(const std::string& key) {
    used_.insert(key);
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  const json& require(const std::string& key) {
    const json* value = get(key);
    if (!value) fail(path(key), "is required");
    return *value;
  }

  std::string string(const std::string& key, bool required, const std::string& fallback = "") {
    const json* value = required ? &require(key) : get(key);
    if (!value) return fallback;
    return as_text(*value, path(key));
  }

  std::string nonempty_string(const std::string& key) {
    std::string text = string(key, true);
    if (text.empty()) fail(path(key), "must not be empty");
    return text;
  }

  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi,
                       bool required = false) {
    const json* value = required ? &require(key) : get(key);
    if (!value) return fallback;
    if (!value->is_number_integer()) fail(path(key), show(*value) + " is not a whole number");
    std::int64_t n = value->get<std::int64_t>();
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
      fail(path(key), show(*value) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
    if (n < lo || n > hi)
      fail(path(key), show(*value) + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
    return n;
  }

  std::optional<double> number(const std::string& key, double lo, double hi) {
    const json* value = get(key);
    if (!value) return std::nullopt;
    if (!value->is_number()) fail(path(key), show(*value) + " is not a number");
    double x = value->get<double>();
    if (!std::isfinite(x)) fail(path(key), show_number(x) + " is not a finite number");
    if (x < lo || x > hi)
      fail(path(key), show(*value) + " is out of range " + std::to_string(static_cast<int>(lo)) + ".." +
                          std::to_string(static_cast<int>(hi)));
    return x;
  }

  bool boolean(const std::string& key, bool fallback) {
    const json* value = get(key);
    if (!value) return fallback;
    if (!value->is_boolean()) fail(path(key), show(*value) + " is not true or false");
    return value->get<bool>();
  }

  std::optional<Date> date(const std::string& key, bool required = false) {
    const json* value = required ? &require(key) : get(key);
    if (!value) return std::nullopt;
    return as_date(*value, path(key));
  }

  // An array (absent means empty); calls each(element, path) per element.
  template <typename F>
  void array(const std::string& key, bool required, F each) {
    const json* value = required ? &require(key) : get(key);
    if (!value) return;
    if (!value->is_array()) fail(path(key), show(*value) + " is not an array");
    for (size_t i = 0; i < value->size(); ++i) each((*value)[i], index_path(path(key), i));
  }

  std::vector<std::string> strings(const std::string& key) {
    std::vector<std::string> result;
    array(key, false, [&](const json& item, const std::string& p) { result.push_back(as_text(item, p)); });
    return result;
  }

  std::vector<Date> dates(const std::string& key, bool required = false) {
    std::vector<Date> result;
    array(key, required, [&](const json& item, const std::string& p) { result.push_back(as_date(item, p)); });
    return result;
  }

  std::vector<DateRange> ranges(const std::string& key, bool required = false);

  std::optional<GeoPoint> location() {
    auto lat = number("lat", -90, 90);
    auto lon = number("lon", -180, 180);
    if (lat.has_value() != lon.has_value()) fail(path(lat ? "lon" : "lat"), "is required when the other coordinate is given");
    if (!lat) return std::nullopt;
    return GeoPoint{*lat, *lon};
  }

  // Warns about every key that no getter asked for.
  void finish() {
    if (!warnings_) return;
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!used_.count(it.key())) warnings_->push_back(path(it.key()) + ": unknown field ignored");
    }
  }

  std::vector<std::string>* warnings() const { return warnings_; }

 private:
  const json& object_;
  std::string path_;
  std::vector<std::string>* warnings_;
  std::set<std::string> used_;
};

DateRange read_range(const json& item, const std::string& path, std::vector<std::string>* warnings) {
  Fields f(item, path, warnings);
  DateRange range{*f.date("start", true), *f.date("end", true)};
  if (range.end < range.start)
    fail(f.path("end"), to_iso(range.end) + " is before start " + to_iso(range.start));
  f.finish();
  return range;
}

std::vector<DateRange> Fields::ranges(const std::string& key, bool required) {
  std::vector<DateRange> result;
  array(key, required, [&](const json& item, const std::string& p) { result.push_back(read_range(item, p, warnings_)); });
  return result;
}

DateRange read_window(const json& item, std::vector<std::string>* warnings) {
  DateRange window = read_range(item, "window", warnings);
  if ((window.end - window.start).days() > kMaxWindowDays)
    fail("window.end", to_iso(window.end) + " is more than 10 years after start " + to_iso(window.start));
  return window;
}

void require_unique(const std::string& id, std::unordered_set<std::string>& seen, const std::string& path) {
  if (!seen.insert(id).second) fail(path, "duplicate id " + show(json(id)));
}

constexpr std::int64_t kMaxWeight = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxAmount = 1000000000000000;  // 10^15 whole units of money

Weights read_weights(Fields& top, int version) {
  Weights w;
  const json* value = top.get("weights");
  if (!value) return w;
  Fields f(*value, "weights", top.warnings());
  w.unscheduled = f.integer("unscheduled", w.unscheduled, 0, kMaxWeight);
  w.preference = f.integer("preference", w.preference, 0, kMaxWeight);
  w.travel_km = f.integer("travel_km", w.travel_km, 0, kMaxWeight);
  w.load = f.integer("load", w.load, 0, kMaxWeight);
  if (version >= 2) w.continuity = f.integer("continuity", w.continuity, 0, kMaxWeight);
  f.finish();
  return w;
}

std::string one_of(const char* const* names, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += (i == 0 ? "" : ", ") + std::string(names[i]);
  return text;
}

// A string that must be one of `names`.
std::string choice(Fields& f, const std::string& key, const char* const* names, std::size_t count) {
  std::string value = f.nonempty_string(key);
  if (std::find(names, names + count, value) == names + count)
    fail(f.path(key), show(json(value)) + " is not one of " + one_of(names, count));
  return value;
}

Finance::Budget read_budget(const json& item, const std::string& path, std::vector<std::string>* warnings) {
  Fields f(item, path, warnings);
  Finance::Budget budget;
  budget.year = static_cast<int>(f.integer("year", 0, kFirstYear, kLastYear, true));
  budget.amount = f.integer("amount", 0, 0, kMaxAmount, true);
  f.finish();
  return budget;
}

std::optional<Finance> read_finance(Fields& top) {
  const json* value = top.get("finance");
  if (!value) return std::nullopt;
  Fields f(*value, "finance", top.warnings());
  Finance finance;
  finance.currency = f.string("currency", false, finance.currency);
  if (finance.currency.empty()) fail(f.path("currency"), "must not be empty");
  if (const json* rates = f.get("day_rate")) {
    Fields r(*rates, f.path("day_rate"), top.warnings());
    for (int role = 0; role < kRoleCount; ++role) finance.day_rate[role] = r.integer(kRoleNames[role], 0, 0, kMaxAmount);
    r.finish();
  }
  finance.mileage_pence_per_km = f.integer("mileage_pence_per_km", 0, 0, kMaxAmount);
  finance.subject_fee_per_day = f.integer("subject_fee_per_day", 0, 0, kMaxAmount);
  f.array("budgets", false, [&](const json& item, const std::string& path) {
    finance.budgets.push_back(read_budget(item, path, top.warnings()));
  });
  f.finish();
  return finance;
}

ControlChange read_control_change(const json& item, const std::string& path, std::vector<std::string>* warnings) {
  Fields f(item, path, warnings);
  ControlChange change{*f.date("date", true), f.nonempty_string("control")};
  f.finish();
  return change;
}

std::vector<ControlChange> read_control_changes(Fields& f) {
  std::vector<ControlChange> changes;
  f.array("control_changes", false, [&](const json& item, const std::string& path) {
    changes.push_back(read_control_change(item, path, f.warnings()));
    if (changes.size() > 1 && !(changes[changes.size() - 2].date < changes.back().date))
      fail(path + ".date", to_iso(changes.back().date) + " is not after the previous change's date " +
                               to_iso(changes[changes.size() - 2].date));
  });
  return changes;
}

Council read_council(const json& item, const std::string& path, std::vector<std::string>* warnings, int version) {
  Fields f(item, path, warnings);
  Council c;
  c.id = f.nonempty_string("id");
  c.name = f.string("name", false);
  c.type = f.nonempty_string("type");
  c.region = f.nonempty_string("region");
  c.control = f.nonempty_string("control");
  if (version >= 2) c.control_changes = read_control_changes(f);
  c.location = f.location();
  c.elections = f.dates("elections");
  c.blackouts = f.ranges("blackouts");
  f.finish();
  return c;
}

// A field that only some roles have: read for them, warned about for others.
void ignore_for_role(Fields& f, const std::string& key, const std::string& who) {
  if (f.get(key) && f.warnings()) f.warnings()->push_back(f.path(key) + ": ignored, " + key + " is given for " + who + " only");
}

Peer read_peer(const json& item, const std::string& path, std::vector<std::string>* warnings, int version) {
  Fields f(item, path, warnings);
  Peer p;
  p.id = f.nonempty_string("id");
  p.name = f.string("name", false);
  int roles = version >= 2 ? kRoleCount : kRoleCountV1;
  p.role = *role_from_name(choice(f, "role", kRoleNames.data(), roles));
  if (p.role == Role::kMember) p.party = f.nonempty_string("party");
  else ignore_for_role(f, "party", "member peers");
  if (version >= 2 && p.role == Role::kExpert && f.get("sector"))
    p.sector = choice(f, "sector", kSectorNames.data(), kSectorNames.size());
  else if (version >= 2) ignore_for_role(f, "sector", "expert peers");
  p.council = f.string("council", false);
  p.region = f.nonempty_string("region");
  p.location = f.location();
  p.skills = f.strings("skills");
  p.available = f.ranges("available", true);
  if (f.get("max_days_per_year")) p.max_days_per_year = static_cast<int>(f.integer("max_days_per_year", 0, 0, 366));
  p.conflicts = f.strings("conflicts");
  f.finish();
  return p;
}

TeamShape read_team(Fields& parent, int version) {
  Fields f(parent.require("team"), parent.path("team"), parent.warnings());
  TeamShape team{};
  int roles = version >= 2 ? kRoleCount : kRoleCountV1;
  for (int r = 0; r < roles; ++r) team[r] = static_cast<int>(f.integer(kRoleNames[r], 0, 0, 50));
  f.finish();
  return team;
}

std::optional<Pin> read_pin(Fields& parent) {
  const json* value = parent.get("pinned");
  if (!value) return std::nullopt;
  Fields f(*value, parent.path("pinned"), parent.warnings());
  Pin pin;
  pin.week = *f.date("week", true);
  if (!is_monday(pin.week)) fail(f.path("week"), to_iso(pin.week) + " is not a Monday");
  pin.peers = f.strings("peers");
  f.finish();
  return pin;
}

constexpr int kMaxFollowWeeks = 156;

std::optional<Follows> read_follows(Fields& parent) {
  const json* value = parent.get("follows");
  if (!value) return std::nullopt;
  Fields f(*value, parent.path("follows"), parent.warnings());
  Follows follows;
  follows.request = f.nonempty_string("request");
  follows.min_weeks = static_cast<int>(f.integer("min_weeks", 0, 1, kMaxFollowWeeks, true));
  follows.max_weeks = static_cast<int>(f.integer("max_weeks", 0, 1, kMaxFollowWeeks, true));
  if (follows.max_weeks < follows.min_weeks)
    fail(f.path("max_weeks"), std::to_string(follows.max_weeks) + " is less than min_weeks " + std::to_string(follows.min_weeks));
  f.finish();
  return follows;
}

// Version 2 fields (`declined`, `civil_servants`, `follows`, the kind
// "review") are not read from a version 1 document: there they are unknown
// fields (or an unknown kind) like any other.
Request read_request(const json& item, const std::string& path, std::vector<std::string>* warnings, int version) {
  Fields f(item, path, warnings);
  Request r;
  r.id = f.nonempty_string("id");
  r.council = f.nonempty_string("council");
  r.kind = choice(f, "kind", kRequestKinds.data(), version >= 2 ? kRequestKinds.size() : kRequestKinds.size() - 1);
  r.days = static_cast<int>(f.integer("days", 0, 1, 5, true));
  r.earliest = f.date("earliest");
  r.latest = f.date("latest");
  if (r.earliest && r.latest && *r.latest < *r.earliest)
    fail(f.path("latest"), to_iso(*r.latest) + " is before earliest " + to_iso(*r.earliest));
  r.preferred = f.ranges("preferred");
  r.focus = f.strings("focus");
  r.team = read_team(f, version);
  r.priority = static_cast<int>(f.integer("priority", 1, 0, 1000000));
  r.pinned = read_pin(f);
  if (version >= 2) {
    r.declined = f.strings("declined");
    r.civil_servants = f.boolean("civil_servants", false);
    r.follows = read_follows(f);
  }
  f.finish();
  return r;
}

void check_peers_exist(const Scenario& s, const std::vector<std::string>& ids, const std::string& path) {
  for (size_t k = 0; k < ids.size(); ++k)
    if (!s.find_peer(ids[k])) fail(index_path(path, k), "unknown peer " + show(json(ids[k])));
}

void check_follows(const Scenario& s, const Request& r, const std::string& path) {
  const std::string& id = r.follows->request;
  const Request* followed = s.find_request(id);
  if (!followed) fail(path, "unknown request " + show(json(id)));
  if (id == r.id) fail(path, show(json(id)) + " is the request itself");
  if (followed->council != r.council)
    fail(path, show(json(id)) + " is a request of council " + show(json(followed->council)) + ", not " + show(json(r.council)));
  // Walk the chain: it ends within requests.size() steps unless it cycles.
  const Request* at = followed;
  for (std::size_t steps = 0; at->follows; ++steps) {
    if (at->id == r.id || steps > s.requests.size()) fail(path, "follows " + show(json(id)) + ", which leads back to " + show(json(r.id)));
    at = s.find_request(at->follows->request);
    if (!at) return;  // reported at that request
  }
}

// Cross-references: request councils, pinned and declined peers and
// followed requests must exist.
void check_references(const Scenario& s) {
  for (size_t i = 0; i < s.requests.size(); ++i) {
    const Request& r = s.requests[i];
    std::string path = index_path("requests", i);
    if (!s.find_council(r.council)) fail(path + ".council", "unknown council " + show(json(r.council)));
    if (r.pinned) check_peers_exist(s, r.pinned->peers, path + ".pinned.peers");
    check_peers_exist(s, r.declined, path + ".declined");
  }
  for (size_t i = 0; i < s.requests.size(); ++i)
    if (s.requests[i].follows) check_follows(s, s.requests[i], index_path("requests", i) + ".follows.request");
}

template <typename T, typename Read>
std::vector<T> read_list(Fields& top, const std::string& key, int version, Read read) {
  std::vector<T> items;
  std::unordered_set<std::string> seen;
  top.array(key, true, [&](const json& item, const std::string& path) {
    items.push_back(read(item, path, top.warnings(), version));
    require_unique(items.back().id, seen, path + ".id");
  });
  return items;
}

// 1 or 2, from the document's `format`, which must be `v1` or `v2`.
int format_version(Fields& f, const char* v1, const char* v2) {
  std::string format = f.string("format", true);
  if (format == v1) return 1;
  if (format == v2) return 2;
  fail("format", show(json(format)) + " is not \"" + v1 + "\" or \"" + v2 + "\"");
}

Scenario read_scenario(const json& doc, std::vector<std::string>* warnings) {
  Fields f(doc, "", warnings);
  int version = format_version(f, kScenarioFormatV1, kScenarioFormatV2);
  Scenario s;
  s.window = read_window(f.require("window"), warnings);
  s.bank_holidays = f.dates("bank_holidays");
  s.pre_election_days = static_cast<int>(f.integer("pre_election_days", 42, 0, 366));
  if (f.get("max_challenges_per_week"))
    s.max_challenges_per_week = static_cast<int>(f.integer("max_challenges_per_week", 0, 0, 1000000));
  s.exclude_same_region = f.boolean("exclude_same_region", false);
  s.weights = read_weights(f, version);
  if (version >= 2) s.finance = read_finance(f);
  s.councils = read_list<Council>(f, "councils", version, read_council);
  s.peers = read_list<Peer>(f, "peers", version, read_peer);
  s.requests = read_list<Request>(f, "requests", version, read_request);
  f.finish();
  s.reindex();
  check_references(s);
  return s;
}

Assignment read_assignment(const json& item, const std::string& path, const Scenario& s,
                           std::vector<std::string>* warnings) {
  Fields f(item, path, warnings);
  Assignment a;
  a.request = f.nonempty_string("request");
  if (!s.find_request(a.request)) fail(f.path("request"), "unknown request " + show(json(a.request)));
  a.week = *f.date("week", true);
  f.array("peers", true, [&](const json& peer, const std::string& p) {
    a.peers.push_back(as_text(peer, p));
    if (!s.find_peer(a.peers.back())) fail(p, "unknown peer " + show(json(a.peers.back())));
  });
  f.finish();
  return a;
}

Unscheduled read_unscheduled(const json& item, const std::string& path, const Scenario& s,
                             std::vector<std::string>* warnings) {
  Fields f(item, path, warnings);
  Unscheduled u;
  u.request = f.nonempty_string("request");
  if (!s.find_request(u.request)) fail(f.path("request"), "unknown request " + show(json(u.request)));
  for (std::string& text : f.strings("reasons")) u.reasons.push_back({"", "", std::move(text), ""});
  f.finish();
  return u;
}

Cost read_cost(Fields& parent, int version) {
  Fields f(parent.require("cost"), "cost", parent.warnings());
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  Cost c;
  c.total = f.integer("total", 0, 0, kMax, true);
  c.unscheduled = f.integer("unscheduled", 0, 0, kMax, true);
  c.preference = f.integer("preference", 0, 0, kMax, true);
  c.travel = f.integer("travel", 0, 0, kMax, true);
  c.load = f.integer("load", 0, 0, kMax, true);
  if (version >= 2) c.continuity = f.integer("continuity", 0, 0, kMax, true);
  f.finish();
  return c;
}

Plan read_plan(const json& doc, const Scenario& s, std::vector<std::string>* warnings) {
  Fields f(doc, "", warnings);
  int version = format_version(f, kPlanFormatV1, kPlanFormatV2);
  Plan plan;
  f.array("assignments", true, [&](const json& item, const std::string& path) {
    plan.assignments.push_back(read_assignment(item, path, s, warnings));
  });
  f.array("unscheduled", true, [&](const json& item, const std::string& path) {
    plan.unscheduled.push_back(read_unscheduled(item, path, s, warnings));
  });
  plan.cost = read_cost(f, version);
  f.finish();
  return plan;
}

json ranges_to_json(const std::vector<DateRange>& ranges) {
  json out = json::array();
  for (const DateRange& r : ranges) out.push_back({{"start", to_iso(r.start)}, {"end", to_iso(r.end)}});
  return out;
}

json dates_to_json(const std::vector<Date>& dates) {
  json out = json::array();
  for (Date d : dates) out.push_back(to_iso(d));
  return out;
}

void put_location(json& out, const std::optional<GeoPoint>& location) {
  if (!location) return;
  out["lat"] = location->lat;
  out["lon"] = location->lon;
}

json council_to_json(const Council& c) {
  json out = {{"id", c.id}, {"name", c.name}, {"type", c.type}, {"region", c.region}, {"control", c.control}};
  if (!c.control_changes.empty()) {
    out["control_changes"] = json::array();
    for (const ControlChange& change : c.control_changes)
      out["control_changes"].push_back({{"date", to_iso(change.date)}, {"control", change.control}});
  }
  put_location(out, c.location);
  out["elections"] = dates_to_json(c.elections);
  out["blackouts"] = ranges_to_json(c.blackouts);
  return out;
}

json peer_to_json(const Peer& p) {
  json out = {{"id", p.id}, {"name", p.name}, {"role", role_name(p.role)}};
  if (p.role == Role::kMember) out["party"] = p.party;
  if (!p.sector.empty()) out["sector"] = p.sector;
  if (!p.council.empty()) out["council"] = p.council;
  out["region"] = p.region;
  put_location(out, p.location);
  out["skills"] = p.skills;
  out["available"] = ranges_to_json(p.available);
  if (p.max_days_per_year) out["max_days_per_year"] = *p.max_days_per_year;
  out["conflicts"] = p.conflicts;
  return out;
}

json request_to_json(const Request& r) {
  json out = {{"id", r.id}, {"council", r.council}, {"kind", r.kind}, {"days", r.days}};
  if (r.earliest) out["earliest"] = to_iso(*r.earliest);
  if (r.latest) out["latest"] = to_iso(*r.latest);
  out["preferred"] = ranges_to_json(r.preferred);
  out["focus"] = r.focus;
  json team = json::object();
  for (int i = 0; i < kRoleCount; ++i) team[kRoleNames[i]] = r.team[i];
  out["team"] = team;
  out["priority"] = r.priority;
  if (r.pinned) out["pinned"] = {{"week", to_iso(r.pinned->week)}, {"peers", r.pinned->peers}};
  out["civil_servants"] = r.civil_servants;
  if (!r.declined.empty()) out["declined"] = r.declined;
  if (r.follows)
    out["follows"] = {{"request", r.follows->request}, {"min_weeks", r.follows->min_weeks}, {"max_weeks", r.follows->max_weeks}};
  return out;
}

template <typename T, typename F>
json list_to_json(const std::vector<T>& items, F convert) {
  json out = json::array();
  for (const T& item : items) out.push_back(convert(item));
  return out;
}

template <typename T>
Result<T> guarded(const std::function<T()>& read) {
  try {
    return read();
  } catch (const FieldError& e) {
    return Status::invalid(e.field, e.detail);
  }
}

json finance_to_json(const Finance& f) {
  json rates = json::object();
  for (int role = 0; role < kRoleCount; ++role) rates[kRoleNames[role]] = f.day_rate[role];
  json budgets = json::array();
  for (const Finance::Budget& b : f.budgets) budgets.push_back({{"year", b.year}, {"amount", b.amount}});
  return {{"currency", f.currency}, {"day_rate", rates}, {"mileage_pence_per_km", f.mileage_pence_per_km},
          {"subject_fee_per_day", f.subject_fee_per_day}, {"budgets", budgets}};
}

}  // namespace

Result<Scenario> scenario_from_json(const json& doc, std::vector<std::string>* warnings) {
  return guarded<Scenario>([&] { return read_scenario(doc, warnings); });
}

Result<Plan> plan_from_json(const json& doc, const Scenario& scenario, std::vector<std::string>* warnings) {
  return guarded<Plan>([&] { return read_plan(doc, scenario, warnings); });
}

namespace {

// Every member of the scenario's document but its three lists.
json scenario_head(const Scenario& s) {
  json out = {{"format", kScenarioFormatV2},
              {"window", {{"start", to_iso(s.window.start)}, {"end", to_iso(s.window.end)}}},
              {"bank_holidays", dates_to_json(s.bank_holidays)},
              {"pre_election_days", s.pre_election_days}};
  if (s.max_challenges_per_week) out["max_challenges_per_week"] = *s.max_challenges_per_week;
  out["exclude_same_region"] = s.exclude_same_region;
  out["weights"] = {{"unscheduled", s.weights.unscheduled},
                    {"preference", s.weights.preference},
                    {"travel_km", s.weights.travel_km},
                    {"load", s.weights.load},
                    {"continuity", s.weights.continuity}};
  if (s.finance) out["finance"] = finance_to_json(*s.finance);
  return out;
}

// `,"name":[item,item]` with each item written as it is made.
template <typename T, typename F>
void write_list(const TextSink& write, const char* name, const std::vector<T>& items, F convert) {
  write(",\"" + std::string(name) + "\":[");
  for (std::size_t i = 0; i < items.size(); ++i) write((i ? "," : "") + convert(items[i]).dump());
  write("]");
}

// The object's text without its closing brace, so members can follow.
std::string opened(const json& object) {
  std::string text = object.dump();
  text.pop_back();
  return text;
}

json assignment_to_json(const Assignment& a) { return json{{"request", a.request}, {"week", to_iso(a.week)}, {"peers", a.peers}}; }

json unscheduled_to_json(const Unscheduled& u) {
  json reasons = json::array();
  for (const Reason& reason : u.reasons) reasons.push_back(reason.with_rule());
  return json{{"request", u.request}, {"reasons", reasons}};
}

}  // namespace

json scenario_to_json(const Scenario& s) {
  json out = scenario_head(s);
  out["councils"] = list_to_json(s.councils, council_to_json);
  out["peers"] = list_to_json(s.peers, peer_to_json);
  out["requests"] = list_to_json(s.requests, request_to_json);
  return out;
}

json cost_to_json(const Cost& c) {
  return {{"total", c.total}, {"unscheduled", c.unscheduled}, {"preference", c.preference},
          {"travel", c.travel}, {"load", c.load}, {"continuity", c.continuity}};
}

void write_scenario_json(const Scenario& s, const TextSink& write) {
  write(opened(scenario_head(s)));
  write_list(write, "councils", s.councils, council_to_json);
  write_list(write, "peers", s.peers, peer_to_json);
  write_list(write, "requests", s.requests, request_to_json);
  write("}");
}

json plan_to_json(const Plan& plan) {
  json out = {{"format", kPlanFormatV2}};
  out["assignments"] = list_to_json(plan.assignments, assignment_to_json);
  out["unscheduled"] = list_to_json(plan.unscheduled, unscheduled_to_json);
  out["cost"] = cost_to_json(plan.cost);
  return out;
}

void write_plan_json(const Plan& plan, const TextSink& write) {
  write(opened(json{{"format", kPlanFormatV2}, {"cost", cost_to_json(plan.cost)}}));
  write_list(write, "assignments", plan.assignments, assignment_to_json);
  write_list(write, "unscheduled", plan.unscheduled, unscheduled_to_json);
  write("}");
}

}  // namespace peerslot
