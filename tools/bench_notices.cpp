// bench_notices.cpp — every peer and one officer of every council as
// recipients (as a national roll-out would have them), each change timed
// over repeated runs and averaged.
#include "tools/bench_notices.h"

#include "service/notifications.h"
#include "service/state.h"
#include "tools/demo_accounts.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <set>

namespace peerslot {

namespace {

std::vector<service::Recipient> everyone(const Scenario& s) {
  std::vector<service::Recipient> people;
  for (const Peer& p : s.peers) people.push_back({p.name, demo_email(p.name, p.id), "peer", p.id, {}});
  for (const Council& c : s.councils) people.push_back({"Officer of " + c.name, demo_email("officer", c.id), "council", c.id, {}});
  std::set<std::string> parties;
  for (const Peer& p : s.peers)
    if (p.role == Role::kMember && !p.party.empty()) parties.insert(p.party);
  for (const std::string& party : parties) people.push_back({party + " group office", demo_email(party, "group"), "group", party, {}});
  people.push_back({"Programme office", "office@example.org", "office", "", {}});
  return people;
}

// Mean milliseconds of `work` over enough runs to take about a second.
double mean_ms(const std::function<void()>& work) {
  using Clock = std::chrono::steady_clock;
  int runs = 0;
  Clock::time_point start = Clock::now();
  do {
    work();
    ++runs;
  } while (Clock::now() - start < std::chrono::seconds(1));
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count() / runs;
}

void row(const char* change, const service::State& before, const service::State& after,
         const std::vector<service::Recipient>& people, double check_ms) {
  service::NoticeSettings settings{"Programme office", "office@example.org", "http://127.0.0.1:8080", "bench-key", 1700000000};
  std::size_t mails = 0;
  double ms = mean_ms([&] {
    service::Sequences sequences;
    mails = service::notices_for_change(before, after, people, settings, &sequences).size();
  });
  std::printf("| %s | %zu | %.2f ms | %.2f |\n", change, mails, ms, ms / check_ms);
}

}  // namespace

void bench_notices(const Scenario& national, const Plan& plan) {
  std::vector<service::Recipient> people = everyone(national);
  service::State none = service::make_state(national, {}, {}, {});
  service::State solved = service::with_bookings(none, plan.assignments, {}, {});
  std::vector<Assignment> one_less(plan.assignments.begin() + 1, plan.assignments.end());
  service::State before_one = service::with_bookings(none, one_less, {}, {});
  std::vector<Assignment> moved = plan.assignments;
  moved.front().week += boost::gregorian::days(7);
  service::State after_move = service::with_bookings(none, moved, {}, {});
  double check_ms = mean_ms([&] { (void)service::violations(solved); });

  std::printf("## Notices per change: %zu people, %zu bookings\n\n", people.size(), plan.assignments.size());
  std::printf("The whole-plan check every change makes (violations of the State): %.2f ms.\n\n", check_ms);
  std::printf("| change | messages | notices_for_change | / check |\n|---|---:|---:|---:|\n");
  row("one booking made", before_one, solved, people, check_ms);
  row("one booking moved a week", solved, after_move, people, check_ms);
  row("a whole solve applied (none to all)", none, solved, people, check_ms);
  std::printf("\n");
}

}  // namespace peerslot
