// routes_office.cpp — the programme office: import and export the scenario
// and the plan, councils and peers as CSV, create users, run a full solve
// as a background job and apply its preview, pin and unpin bookings, the
// load report, the requests not booked with why, the milestones by date,
// and the audit log (service/office_operations.h holds the rules).
#include "engine/json_text.h"
#include "engine/scenario_json.h"
#include "engine/words.h"
#include "http/change_reply.h"
#include "http/input.h"
#include "http/list_reply.h"
#include "http/routes.h"
#include "service/booking_cache.h"
#include "service/csv_export.h"
#include "service/csv_import.h"
#include "service/election_results.h"
#include "service/finance_report.h"
#include "service/load_report.h"
#include "service/milestone_report.h"
#include "service/office_operations.h"
#include "service/representations.h"

#include <algorithm>

namespace peerslot::http {

namespace {

using service::Draft;
using service::Service;
using service::State;


nlohmann::json programme_counts(const State& s) {
  return {{"councils", s.scenario->councils.size()}, {"peers", s.scenario->peers.size()},
          {"requests", s.scenario->requests.size()}, {"bookings", s.plan.assignments.size()}};
}

HttpReply import_scenario(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"scenario", "plan"});
  if (!fields.is_ok()) return problem(fields);
  if (!call.body.contains("scenario")) return problem(Status::invalid("scenario", "is required"));
  auto scenario = scenario_from_json(call.body["scenario"]);
  if (!scenario.is_ok()) return problem(scenario.status().under("scenario"));
  std::vector<Assignment> bookings;
  if (call.body.contains("plan")) {
    auto plan = plan_from_json(call.body["plan"], scenario.value());
    if (!plan.is_ok()) return problem(plan.status().under("plan"));
    bookings = plan.value().assignments;
  }
  auto operation = [&](Draft& d) { return service::import_scenario(d, call.user, scenario.value(), bookings); };
  return change_reply(call, service, "import scenario", operation, programme_counts, {200, false, false});
}

HttpReply import_csv(const Call& call, Service& service, const std::string& table) {
  auto rows = table == "councils" ? service::councils_from_csv(call.request.body) : service::peers_from_csv(call.request.body);
  if (!rows.is_ok()) return problem(rows.status());
  int added = 0;
  auto operation = [&](Draft& d) { return service::import_entities(d, call.user, table, rows.value(), &added); };
  auto counts = [&](const State&) {
    int rows_in = static_cast<int>(rows.value().size());
    return nlohmann::json{{"added", added}, {"replaced", rows_in - added}};
  };
  return change_reply(call, service, "import " + table + ".csv", operation, counts, {200, false, false});
}

HttpReply start_solve(const Call& call, Service& service, service::Jobs& jobs) {
  Status fields = only_fields(call.body, {"seconds"});
  auto seconds = call.body.contains("seconds") ? read_optional_int(call.body, "seconds", 1, 600)
                                               : Result<std::optional<int>>(std::optional<int>(10));
  if (!fields.is_ok() || !seconds.is_ok()) return problem(fields.is_ok() ? seconds.status() : fields);
  if (!service.state()) return problem(409, "", "there is no programme to solve");
  auto id = jobs.start_solve(seconds.value().value_or(10));
  if (!id.is_ok()) return problem(id.status());
  HttpReply reply = json_reply(202, *jobs.status(id.value()));
  reply.headers["Location"] = "/jobs/" + std::to_string(id.value());
  return reply;
}

HttpReply job_status(const Call& call, service::Jobs& jobs) {
  int id = std::atoi(call.params[0].c_str());
  auto status = jobs.status(id);
  return status ? json_reply(200, *status) : problem(404, "id", "job " + call.params[0] + " does not exist");
}

HttpReply apply_job(const Call& call, service::Jobs& jobs) {
  auto applied = jobs.apply(std::atoi(call.params[0].c_str()), call.actor());
  return applied.is_ok() ? json_reply(200, applied.value()) : problem(applied.status());
}

HttpReply pin(const Call& call, Service& service, bool on) {
  std::string id = call.params[0];
  auto operation = [&](Draft& d) { return on ? service::pin(d, call.user, id) : service::unpin(d, call.user, id); };
  auto representation = [&](const State& s) { return service::request_json(s, *s.scenario->find_request(id)); };
  return change_reply(call, service, (on ? "pin " : "unpin ") + id, operation, representation, {200, false, false});
}

HttpReply control_change(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"date", "control", "support_days"});
  auto date = read_date(call.body, "date");
  auto control = read_optional_text(call.body, "control");
  // Member peer support is offered for 2 days unless the office says otherwise.
  auto days = call.body.contains("support_days") ? read_optional_int(call.body, "support_days", 0, 5)
                                                 : Result<std::optional<int>>(std::optional<int>(2));
  Status bad = !fields.is_ok() ? fields : !date.is_ok() ? date.status() : !control.is_ok() ? control.status() : days.status();
  if (!bad.is_ok()) return problem(bad);
  std::string id = call.params[0];
  std::string support;
  auto operation = [&](Draft& d) {
    return service::record_control_change(d, call.user, id, date.value(), control.value(), days.value().value_or(0), &support);
  };
  auto representation = [&](const State& s) {
    nlohmann::json out = service::council_json(*s.scenario->find_council(id));
    out["support_request"] = support.empty() ? nlohmann::json(nullptr) : service::request_json(s, *s.scenario->find_request(support));
    return out;
  };
  return change_reply(call, service, "record a change of control at " + id, operation, representation, {201, false, false});
}

// Election results from a spreadsheet: council,date,control,support_days.
HttpReply election_results(const Call& call, Service& service) {
  auto rows = service::control_changes_from_csv(call.request.body);
  if (!rows.is_ok()) return problem(rows.status());
  std::vector<std::string> support;
  auto operation = [&](Draft& d) { return service::record_election_results(d, call.user, rows.value(), &support); };
  auto representation = [&](const State&) {
    return nlohmann::json{{"recorded", rows.value().size()}, {"support_requests", support}};
  };
  return change_reply(call, service, "record election results", operation, representation, {200, false, false});
}

// An export of the published scenario, written as it is sent; the reply
// keeps the State it reads, so it is one snapshot however long it takes.
HttpReply export_reply(const Service& service, const std::string& type, void (*write)(const Scenario&, const TextSink&)) {
  service::StatePtr state = service.state();
  return streamed_reply(type, [state, write](const TextSink& sink) { write(*state->scenario, sink); });
}

HttpReply plan_export(const Service& service) {
  service::StatePtr state = service.state();
  return streamed_reply("application/json", [state](const TextSink& sink) { write_plan_json(state->plan, sink); });
}

HttpReply audit(const Call& call, Service& service) {
  auto page = page_query(call, "entries");
  if (!page.is_ok()) return problem(page.status());
  auto records = service.audit({call.request.get_param_value("actor"), call.request.get_param_value("action")}, page.value());
  if (!records.is_ok()) return problem(records.status());
  return page_reply("entries", records.value(), [](const service::AuditRecord& r) {
    return nlohmann::json{{"id", r.id}, {"at", r.at}, {"actor", r.actor}, {"action", r.action}, {"before", r.before}, {"after", r.after}};
  });
}

HttpReply list_jobs(const Call& call, const service::Jobs& jobs) {
  auto page = page_query(call, "jobs");
  if (!page.is_ok()) return problem(page.status());
  auto found = jobs.list(call.request.get_param_value("state"), page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("jobs", found.value(), [](const nlohmann::json& job) { return job; });
}

// The booked challenges' milestones from `from` to `to` (the programme's
// window by default).
HttpReply milestone_report(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto from = query_day(call, "from");
  auto to = query_day(call, "to");
  if (!from.is_ok() || !to.is_ok()) return problem(from.is_ok() ? to.status() : from.status());
  DateRange range{from.value().value_or(state->scenario->window.start), to.value().value_or(state->scenario->window.end)};
  if (range.end < range.start)
    return problem(Status::invalid("to", date_words(range.end) + " is before the first date, " + date_words(range.start)));
  return json_reply(200, service::milestone_report(*state, range));
}

// Every request that is not booked, with its council and why, in words and
// as codes; the highest priority first, then by id.
HttpReply unscheduled_report(Service& service) {
  service::StatePtr state = service.state();
  std::vector<const Request*> waiting;
  for (const Request& r : state->scenario->requests)
    if (!service::find_booking(*state, r.id)) waiting.push_back(&r);
  std::stable_sort(waiting.begin(), waiting.end(), [](const Request* a, const Request* b) { return a->priority > b->priority; });
  nlohmann::json out = nlohmann::json::array();
  for (const Request* r : waiting) {
    auto reasons = state->booking_cache->why_not_booked(*state, r->id);
    if (!reasons.is_ok()) return problem(reasons.status());
    nlohmann::json words = nlohmann::json::array();
    for (const Reason& reason : reasons.value()) words.push_back(service::reason_json(reason, true));
    const Council* council = state->scenario->find_council(r->council);
    out.push_back({{"request", r->id},
                   {"title", capitalised(kind_words(r->kind))},
                   {"council", r->council},
                   {"council_name", council ? council->name : r->council},
                   {"priority", r->priority},
                   {"reasons", words}});
  }
  return json_reply(200, out);
}

}  // namespace

void add_office_routes(Router& router, Service& service, service::Jobs& jobs) {
  Service* s = &service;
  service::Jobs* j = &jobs;
  router.add({"GET", "/scenario", "export the scenario (peerslot-scenario/2)", kOffice, Body::kNone,
              [s](const Call&) { return export_reply(*s, "application/json", write_scenario_json); }, {200, "Scenario", "", "", {}}});
  router.add({"PUT", "/scenario", "import a scenario, with an optional plan as its bookings", kOffice, Body::kJson,
              [s](const Call& c) { return import_scenario(c, *s); }, {200, "ScenarioImported", "", "ScenarioImport", {409, 422}}});
  router.add({"GET", "/councils.csv", "export the councils as CSV", kOffice, Body::kNone,
              [s](const Call&) { return export_reply(*s, "text/csv; charset=utf-8", service::write_councils_csv); },
              {200, "", "text/csv", "", {}}});
  router.add({"GET", "/peers.csv", "export the peers as CSV", kOffice, Body::kNone,
              [s](const Call&) { return export_reply(*s, "text/csv; charset=utf-8", service::write_peers_csv); },
              {200, "", "text/csv", "", {}}});
  router.add({"PUT", "/councils.csv", "import councils from CSV (replaced or added by id)", kOffice, Body::kCsv,
              [s](const Call& c) { return import_csv(c, *s, "councils"); }, {200, "CsvImported", "", "", {409, 422}}});
  router.add({"PUT", "/peers.csv", "import peers from CSV (replaced or added by id)", kOffice, Body::kCsv,
              [s](const Call& c) { return import_csv(c, *s, "peers"); }, {200, "CsvImported", "", "", {409, 422}}});
  router.add({"GET", "/plan", "export the bookings as a plan (peerslot-plan/2)", kOffice, Body::kNone,
              [s](const Call&) { return plan_export(*s); }, {200, "Plan", "", "", {}}});
  router.add({"POST", "/solve", "start a full solve as a background job, a preview until applied", kOffice, Body::kJson,
              [s, j](const Call& c) { return start_solve(c, *s, *j); }, {202, "Job", "", "SolveOptions", {409, 422}}});
  router.add({"GET", "/jobs", "list the solve jobs since the service started, oldest first (?state=&limit=&cursor=)", kOffice,
              Body::kNone, [j](const Call& c) { return list_jobs(c, *j); }, {200, "JobList", "", "", {422}, "JobQuery"}});
  router.add({"GET", "/jobs/{id}", "read a job's progress and result", kOffice, Body::kNone,
              [j](const Call& c) { return job_status(c, *j); }, {200, "Job", "", "", {404}}});
  router.add({"POST", "/jobs/{id}/apply", "apply a done solve job's bookings (its preview) to the plan", kOffice, Body::kNone,
              [j](const Call& c) { return apply_job(c, *j); }, {200, "JobApplied", "", "", {404, 409}}});
  router.add({"PUT", "/requests/{id}/pin", "pin a booking (week and team)", kOffice, Body::kNone,
              [s](const Call& c) { return pin(c, *s, true); }, {200, "Request", "", "", {404, 409}}});
  router.add({"DELETE", "/requests/{id}/pin", "unpin a booking", kOffice, Body::kNone,
              [s](const Call& c) { return pin(c, *s, false); }, {200, "Request", "", "", {404, 409}}});
  router.add({"POST", "/councils/{id}/control-changes", "record a change of political control (and offer member peer support)",
              kOffice, Body::kJson, [s](const Call& c) { return control_change(c, *s); }, {201, "Council", "", "ControlChange", {404, 409, 422}}});
  router.add({"PUT", "/control-changes.csv", "record election results from CSV (council,date,control,support_days)", kOffice,
              Body::kCsv, [s](const Call& c) { return election_results(c, *s); }, {200, "ElectionsImported", "", "", {409, 422}}});
  router.add({"GET", "/reports/load", "read the load report", kOffice, Body::kNone,
              [s](const Call&) { return json_reply(200, service::load_report(*s->state())); }, {200, "LoadReport", "", "", {}}});
  router.add({"GET", "/reports/finance", "read the programme's projected cost by financial year against the budget", kOffice,
              Body::kNone, [s](const Call&) { return json_reply(200, service::finance_report(*s->state())); }, {200, "FinanceReport", "", "", {}}});
  router.add({"GET", "/reports/milestones", "list the booked challenges' milestones in date order (?from=YYYY-MM-DD&to=YYYY-MM-DD)",
              kOffice, Body::kNone, [s](const Call& c) { return milestone_report(c, *s); },
              {200, "MilestoneReport", "", "", {422}, "MilestoneQuery"}});
  router.add({"GET", "/reports/unscheduled", "list the requests not booked, with why in words", kOffice, Body::kNone,
              [s](const Call&) { return unscheduled_report(*s); }, {200, "UnscheduledReport", "", "", {}}});
  router.add({"GET", "/audit", "read the audit log, oldest first (?actor=&action=&limit=&cursor=)", kOffice, Body::kNone,
              [s](const Call& c) { return audit(c, *s); }, {200, "AuditList", "", "", {422}, "AuditQuery"}});
}

}  // namespace peerslot::http
