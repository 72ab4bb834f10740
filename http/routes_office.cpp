// routes_office.cpp — the programme office: import and export the scenario
// and the plan, councils and peers as CSV, create users, run a full solve as a background job, pin and
// unpin bookings, the load report and the audit log.
//
// Import replaces the whole programme in one change: the bookings become the
// plan sent with it (or none), and the checker must accept the result, so a
// scenario whose pins the plan does not keep is refused.
#include "engine/json_text.h"
#include "engine/scenario_json.h"
#include "http/csv_export.h"
#include "http/csv_import.h"
#include "http/input.h"
#include "http/load_report.h"
#include "http/representations.h"
#include "http/routes.h"

#include <limits>

namespace peerslot::http {

namespace {

const std::vector<std::string> kOffice = {"office"};

HttpReply import_scenario(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"scenario", "plan"});
  if (!fields.is_ok()) return problem(fields);
  if (!call.body.contains("scenario")) return problem(Status::invalid("scenario: is required"));
  auto scenario = scenario_from_json(call.body["scenario"]);
  if (!scenario.is_ok()) return problem(Status::invalid("scenario." + scenario.status().message()));
  std::vector<Assignment> bookings;
  if (call.body.contains("plan")) {
    auto plan = plan_from_json(call.body["plan"], scenario.value());
    if (!plan.is_ok()) return problem(Status::invalid("plan." + plan.status().message()));
    bookings = plan.value().assignments;
  }
  auto edit = [&](Draft& d) {
    d.edit_scenario() = scenario.value();
    d.bookings() = bookings;
    d.accepted().clear();
    return Status::ok();
  };
  auto render = [](const State& s) {
    return Reply{200, {{"councils", s.scenario->councils.size()}, {"peers", s.scenario->peers.size()},
                       {"requests", s.scenario->requests.size()}, {"bookings", s.plan.assignments.size()}}};
  };
  return reply_of(service.change(call.actor(), "import scenario", edit, render));
}

// Replaces (by id) or adds the CSV's councils or peers; everything else stays.
HttpReply import_csv(const Call& call, Service& service, const std::string& table) {
  auto rows = table == "councils" ? councils_from_csv(call.request.body) : peers_from_csv(call.request.body);
  if (!rows.is_ok()) return problem(rows.status());
  int added = 0;
  auto edit = [&](Draft& d) {
    nlohmann::json doc = scenario_to_json(d.scenario());
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < doc[table].size(); ++i) position[doc[table][i]["id"].get<std::string>()] = i;
    added = 0;
    for (const nlohmann::json& entity : rows.value()) {
      auto found = entity.contains("id") ? position.find(entity["id"].get<std::string>()) : position.end();
      if (found != position.end()) doc[table][found->second] = entity;
      else doc[table].push_back(entity), ++added;
    }
    auto scenario = scenario_from_json(doc);
    if (!scenario.is_ok()) return Status::invalid(scenario.status().message());
    d.edit_scenario() = std::move(scenario).value();
    return Status::ok();
  };
  auto render = [&](const State&) {
    int rows_in = static_cast<int>(rows.value().size());
    return Reply{200, {{"added", added}, {"replaced", rows_in - added}}};
  };
  return reply_of(service.change(call.actor(), "import " + table + ".csv", edit, render));
}

HttpReply create_user(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"role", "subject", "name"});
  if (!fields.is_ok()) return problem(fields);
  User user;
  for (auto [name, target] : {std::pair{"role", &user.role}, std::pair{"subject", &user.subject}, std::pair{"name", &user.name}}) {
    auto text = read_optional_text(call.body, name);
    if (!text.is_ok()) return problem(text.status());
    *target = text.value();
  }
  StatePtr state = service.state();
  if (user.role != "council" && user.role != "peer" && user.role != "office")
    return problem(Status::invalid("role: " + quote_json(user.role) + " is not one of council, peer, office"));
  bool known = user.role == "office" ? user.subject.empty()
               : user.role == "council" ? state->scenario->find_council(user.subject) != nullptr
                                        : state->scenario->find_peer(user.subject) != nullptr;
  if (!known) return problem(Status::invalid("subject: " + quote_json(user.subject) + " is not a " + user.role + " id"));
  if (user.name.empty()) user.name = user.subject.empty() ? "office" : user.subject;
  auto token = service.create_user(user, call.actor());
  if (!token.is_ok()) return problem(token.status());
  return json_reply(201, {{"role", user.role}, {"subject", user.subject}, {"name", user.name}, {"token", token.value()}});
}

HttpReply start_solve(const Call& call, Service& service, Jobs& jobs) {
  Status fields = only_fields(call.body, {"seconds"});
  auto seconds = call.body.contains("seconds") ? read_optional_int(call.body, "seconds", 1, 600)
                                               : Result<std::optional<int>>(std::optional<int>(10));
  if (!fields.is_ok() || !seconds.is_ok()) return problem(fields.is_ok() ? seconds.status() : fields);
  if (!service.state()) return problem(409, "", "there is no programme to solve");
  auto id = jobs.start_solve(seconds.value().value_or(10), call.actor());
  if (!id.is_ok()) return problem(id.status());
  HttpReply reply = json_reply(202, *jobs.status(id.value()));
  reply.headers["Location"] = "/jobs/" + std::to_string(id.value());
  return reply;
}

HttpReply job_status(const Call& call, Jobs& jobs) {
  int id = std::atoi(call.params[0].c_str());
  auto status = jobs.status(id);
  return status ? json_reply(200, *status) : problem(404, "id", "job " + call.params[0] + " does not exist");
}

HttpReply pin(const Call& call, Service& service, bool on) {
  std::string id = call.params[0];
  auto edit = [&](Draft& d) {
    if (!d.scenario().find_request(id)) return Status::not_found("id: request " + id + " does not exist");
    const Assignment* booking = find_booking(d.base(), id);
    if (on && !booking) return Status::conflict("booking: " + id + " is not booked; only a booking can be pinned");
    Scenario& s = d.edit_scenario();
    Request& r = s.requests[s.request_index.at(id)];
    if (on) r.pinned = Pin{booking->week, booking->peers};
    else r.pinned.reset();
    return Status::ok();
  };
  auto render = [&](const State& s) { return Reply{200, request_json(s, *s.scenario->find_request(id))}; };
  return reply_of(service.change(call.actor(), (on ? "pin " : "unpin ") + id, edit, render));
}

HttpReply audit(const Call& call, Service& service) {
  auto after = call.query_number("after", 0, 0, std::numeric_limits<std::int64_t>::max());
  auto limit = call.query_number("limit", 100, 1, 1000);
  if (!after.is_ok() || !limit.is_ok()) return problem(after.is_ok() ? limit.status() : after.status());
  auto records = service.audit(after.value(), static_cast<int>(limit.value()));
  if (!records.is_ok()) return problem(records.status());
  nlohmann::json out = nlohmann::json::array();
  for (const AuditRecord& r : records.value())
    out.push_back({{"id", r.id}, {"at", r.at}, {"actor", r.actor}, {"action", r.action}, {"before", r.before}, {"after", r.after}});
  return json_reply(200, out);
}

}  // namespace

void add_office_routes(Router& router, Service& service, Jobs& jobs) {
  Service* s = &service;
  Jobs* j = &jobs;
  router.add({"GET", "/scenario", "export the scenario (peerslot-scenario/1)", kOffice, Body::kNone,
              [s](const Call&) { return json_reply(200, scenario_to_json(*s->state()->scenario)); }});
  router.add({"PUT", "/scenario", "import a scenario, with an optional plan as its bookings", kOffice, Body::kJson,
              [s](const Call& c) { return import_scenario(c, *s); }});
  router.add({"GET", "/councils.csv", "export the councils as CSV", kOffice, Body::kNone,
              [s](const Call&) { return HttpReply{200, "text/csv; charset=utf-8", councils_csv(*s->state()->scenario), {}}; }});
  router.add({"GET", "/peers.csv", "export the peers as CSV", kOffice, Body::kNone,
              [s](const Call&) { return HttpReply{200, "text/csv; charset=utf-8", peers_csv(*s->state()->scenario), {}}; }});
  router.add({"PUT", "/councils.csv", "import councils from CSV (replaced or added by id)", kOffice, Body::kCsv,
              [s](const Call& c) { return import_csv(c, *s, "councils"); }});
  router.add({"PUT", "/peers.csv", "import peers from CSV (replaced or added by id)", kOffice, Body::kCsv,
              [s](const Call& c) { return import_csv(c, *s, "peers"); }});
  router.add({"GET", "/plan", "export the bookings as a plan (peerslot-plan/1)", kOffice, Body::kNone,
              [s](const Call&) { return json_reply(200, plan_to_json(s->state()->plan)); }});
  router.add({"POST", "/users", "create a user and its bearer token", kOffice, Body::kJson,
              [s](const Call& c) { return create_user(c, *s); }});
  router.add({"POST", "/solve", "start a full solve as a background job", kOffice, Body::kJson,
              [s, j](const Call& c) { return start_solve(c, *s, *j); }});
  router.add({"GET", "/jobs/{id}", "read a job's progress and result", kOffice, Body::kNone,
              [j](const Call& c) { return job_status(c, *j); }});
  router.add({"PUT", "/requests/{id}/pin", "pin a booking (week and team)", kOffice, Body::kNone,
              [s](const Call& c) { return pin(c, *s, true); }});
  router.add({"DELETE", "/requests/{id}/pin", "unpin a booking", kOffice, Body::kNone,
              [s](const Call& c) { return pin(c, *s, false); }});
  router.add({"GET", "/reports/load", "read the load report", kOffice, Body::kNone,
              [s](const Call&) { return json_reply(200, load_report(*s->state())); }});
  router.add({"GET", "/audit", "read the audit log (?after=ID&limit=N)", kOffice, Body::kNone,
              [s](const Call& c) { return audit(c, *s); }});
}

}  // namespace peerslot::http
