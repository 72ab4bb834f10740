// milestone_notices.cpp — the due steps gathered by council, then one
// message for each of its users.
#include "service/milestone_notices.h"

#include "engine/words.h"
#include "service/milestones.h"

#include <map>

namespace peerslot::service {

namespace {

bool reminded(const std::string& kind) {
  return kind == "scoping_meeting" || kind == "position_statement" || kind == "report" || kind == "progress_review";
}

std::string key_of(const std::string& request, const Milestone& m) { return request + "/" + m.kind + "/" + to_iso(m.start); }

// "- Position statement and papers to the team: 23 May to 6 June 2011 (corporate peer challenge, on site from Monday 13 June 2011)"
std::string line_of(const Request& request, const Milestone& m, Date first_day) {
  std::string when = m.start == m.end ? day_words(m.start) : range_words(m.start, m.end);
  return "- " + m.title + ": " + when + " (" + kind_words(request.kind) + ", on site from " + day_words(first_day) + ")";
}

}  // namespace

DueMilestones due_milestone_notices(const State& state, Date today, const std::vector<Recipient>& people,
                                    const NoticeSettings& settings, const std::set<std::string>& sent) {
  DueMilestones out;
  std::map<std::string, std::vector<std::string>> lines;  // council id -> its due steps, in words
  for (const Assignment& booking : state.plan.assignments) {
    const Request* request = state.scenario->find_request(booking.request);
    if (!request) continue;
    std::vector<Date> days = state.problem->calendar().on_site_days(booking.week, request->days);
    if (days.empty()) days.push_back(booking.week);
    for (const Milestone& m : milestones_of(*request, days)) {
      int ahead = static_cast<int>((m.start - today).days());
      std::string key = key_of(request->id, m);
      if (!reminded(m.kind) || ahead < 0 || ahead > kMilestoneNoticeDays || sent.count(key)) continue;
      out.keys.push_back(key);
      lines[request->council].push_back(line_of(*request, m, days.front()));
    }
  }
  for (const Recipient& who : people) {
    auto due = lines.find(who.subject);
    if (who.role != "council" || due == lines.end() || who.email.empty() || who.muted.count(kMilestoneDueKind)) continue;
    const Council* council = state.scenario->find_council(who.subject);
    Mail mail;
    mail.to = who.email;
    mail.to_name = who.name;
    mail.kind = kMilestoneDueKind;
    mail.subject = (due->second.size() == 1 ? "A step of your peer challenge is coming up" : "Steps of your peer challenge are coming up") +
                   std::string(council ? ": " + council->name : "");
    mail.text = "Dear " + who.name + ",\n\nIn the next " + std::to_string(kMilestoneNoticeDays) + " days:\n";
    for (const std::string& line : due->second) mail.text += line + "\n";
    mail.text += "\n" + settings.organizer_name + "\n";
    out.mail.push_back(std::move(mail));
  }
  return out;
}

}  // namespace peerslot::service
