// milestones.cpp — months are calendar months (Boost.Date_Time's
// months(), which keeps the day of the month or takes the month's last
// day), weeks are 7 days.
#include "service/milestones.h"

namespace peerslot::service {

namespace {

namespace greg = boost::gregorian;

bool has_preparation(const std::string& kind) { return kind == "corporate" || kind == "subject"; }

}  // namespace

std::vector<Milestone> milestones_of(const Request& request, const std::vector<Date>& on_site) {
  Date first = on_site.front(), last = on_site.back();
  std::vector<Milestone> out;
  if (has_preparation(request.kind)) {
    out.push_back({"scoping_meeting", "Scoping meeting with the leader and chief executive", first - greg::months(6),
                   first - greg::months(4)});
    out.push_back({"position_statement", "Position statement and papers sent to the team", first - greg::days(21),
                   first - greg::days(14)});
  }
  out.push_back({"on_site", "Days on site", first, last});
  out.push_back({"feedback", "Feedback presentation on the last day", last, last});
  if (has_preparation(request.kind))
    out.push_back({"report", "Report and action plan", last + greg::days(1), last + greg::months(3)});
  if (request.kind == "corporate")
    out.push_back({"progress_review", "Progress review, ideally with the same team", last + greg::months(9), last + greg::months(11)});
  return out;
}

}  // namespace peerslot::service
