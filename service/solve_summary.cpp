// solve_summary.cpp — challenge_events.h's events counted by kind.
#include "service/solve_summary.h"

#include "service/challenge_events.h"

#include <map>

namespace peerslot::service {

namespace {

// "1 challenge", "3 challenges".
std::string counted(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::vector<Mail> solve_summary(const State& before, const State& after, const std::vector<Recipient>& people,
                                const NoticeSettings& settings) {
  std::map<std::string, int> n;
  for (const ChallengeEvent& e : events_between(before, after)) ++n[e.kind];
  if (n.empty()) return {};
  std::string text = "The solve was applied to the programme. It booked " + counted(n["booked"], "challenge", "challenges") +
                     ", moved " + counted(n["moved"], "booking", "bookings") + " and cancelled " +
                     counted(n["cancelled"], "booking", "bookings") + "; it invited " +
                     counted(n["peer_proposed"], "peer onto a team", "peers onto teams") + " and took " +
                     counted(n["peer_removed"] + n["peer_declined"], "peer off a team", "peers off teams") +
                     ". Each council and peer concerned is told in one message of their own.";
  std::vector<Mail> out;
  for (const Recipient& who : people) {
    if (who.role != "office" || who.email.empty() || who.muted.count(kSolveAppliedKind)) continue;
    Mail mail;
    mail.to = who.email;
    mail.to_name = who.name;
    mail.kind = kSolveAppliedKind;
    mail.subject = "Solve applied: " + counted(n["booked"], "challenge", "challenges") + " booked, " +
                   counted(n["moved"], "booking", "bookings") + " moved";
    mail.text = "Dear " + who.name + ",\n\n" + text + "\n\n" + settings.organizer_name + "\n";
    out.push_back(std::move(mail));
  }
  return out;
}

}  // namespace peerslot::service
