// programme_span.cpp — whole weeks around the window.
#include "service/programme_span.h"

namespace peerslot::service {

DateRange programme_span(const DateRange& window) {
  return {monday_of(window.start), monday_of(window.end) + boost::gregorian::days(6)};
}

Status check_in_span(const std::vector<DateRange>& ranges, const DateRange& span, const std::string& field) {
  std::string allowed = " is outside the programme (" + to_iso(span.start) + " to " + to_iso(span.end) + ")";
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    std::string prefix = field.empty() ? "" : field + "[" + std::to_string(i) + "].";
    if (!span.contains(ranges[i].start)) return Status::invalid(prefix + "start", to_iso(ranges[i].start) + allowed);
    if (!span.contains(ranges[i].end)) return Status::invalid(prefix + "end", to_iso(ranges[i].end) + allowed);
  }
  return Status::ok();
}

}  // namespace peerslot::service
