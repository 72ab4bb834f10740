// milestone_report.cpp — the milestones of each booking, as its page shows
// them (representations.cpp), kept when they overlap the range.
#include "service/milestone_report.h"

#include "engine/words.h"
#include "service/milestones.h"

#include <algorithm>
#include <tuple>

namespace peerslot::service {

namespace {

struct Entry {
  Milestone milestone;
  const Request* request;
  Date week;
  std::size_t order;  // within its challenge
};

nlohmann::json entry_json(const Scenario& scenario, const Entry& e) {
  const Milestone& m = e.milestone;
  const Council* council = scenario.find_council(e.request->council);
  nlohmann::json out = m.start == m.end ? nlohmann::json{{"date", to_iso(m.start)}}
                                        : nlohmann::json{{"start", to_iso(m.start)}, {"end", to_iso(m.end)}};
  out.update(nlohmann::json{{"when", range_words(m.start, m.end)},
                            {"kind", m.kind},
                            {"what", m.title},
                            {"request", e.request->id},
                            {"reference", booking_reference(e.request->id, e.week)},
                            {"council", e.request->council},
                            {"council_name", council ? council->name : e.request->council}});
  return out;
}

}  // namespace

nlohmann::json milestone_report(const State& state, DateRange range) {
  std::vector<Entry> entries;
  for (const Assignment& a : state.plan.assignments) {
    const Request& request = *state.scenario->find_request(a.request);
    std::vector<Date> days = state.problem->calendar().on_site_days(a.week, request.days);
    if (days.empty()) continue;
    std::vector<Milestone> milestones = milestones_of(request, days);
    for (std::size_t i = 0; i < milestones.size(); ++i)
      if (milestones[i].start <= range.end && milestones[i].end >= range.start)
        entries.push_back({milestones[i], &request, a.week, i});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return std::tie(x.milestone.start, x.request->id, x.order) < std::tie(y.milestone.start, y.request->id, y.order);
  });
  nlohmann::json out = nlohmann::json::array();
  for (const Entry& e : entries) out.push_back(entry_json(*state.scenario, e));
  return out;
}

}  // namespace peerslot::service
