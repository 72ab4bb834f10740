// Dates, years and roles in words (engine/words.h), and a challenge's
// milestones around its days on site (service/milestones.h).
#include "engine/words.h"
#include "service/milestones.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using peerslot::test::day;

TEST_CASE("dates, ranges and financial years read as people write them", "[words]") {
  CHECK(date_words(day("2012-05-07")) == "7 May 2012");
  CHECK(day_words(day("2011-05-02")) == "Monday 2 May 2011");
  CHECK(week_words(day("2012-05-07")) == "the week of Monday 7 May 2012");
  CHECK(range_words(day("2012-05-07"), day("2012-05-28")) == "7 May to 28 May 2012");
  CHECK(range_words(day("2011-12-19"), day("2012-01-06")) == "19 December 2011 to 6 January 2012");
  CHECK(range_words(day("2012-05-07"), day("2012-05-07")) == "7 May 2012");
  CHECK(year_words(2011) == "2011/12");
  CHECK(year_words(2099) == "2099/00");
  CHECK(year_words(2008) == "2008/09");
  CHECK(capitalised(role_words(Role::kMember)) == "Councillor peer");
  CHECK(role_words(Role::kManager) == "peer challenge manager");
  CHECK(kind_words("review") == "progress review");
  CHECK(uncapitalised("No Labour councillor peer") == "no Labour councillor peer");
}

TEST_CASE("a corporate challenge's milestones: scoping 4-6 months before, papers 2-3 weeks before, review 9-11 months after",
          "[words]") {
  Request corporate;
  corporate.kind = "corporate";
  std::vector<Date> on_site = {day("2012-05-08"), day("2012-05-09"), day("2012-05-10")};
  std::vector<service::Milestone> m = service::milestones_of(corporate, on_site);
  REQUIRE(m.size() == 6);
  CHECK(m[0].kind == "scoping_meeting");
  CHECK(m[0].start == day("2011-11-08"));
  CHECK(m[0].end == day("2012-01-08"));
  CHECK(m[1].kind == "position_statement");
  CHECK(m[1].start == day("2012-04-17"));
  CHECK(m[1].end == day("2012-04-24"));
  CHECK(m[2].kind == "on_site");
  CHECK(m[2].start == day("2012-05-08"));
  CHECK(m[2].end == day("2012-05-10"));
  CHECK(m[3].kind == "feedback");
  CHECK(m[3].start == day("2012-05-10"));
  CHECK(m[4].kind == "report");
  CHECK(m[4].end == day("2012-08-10"));
  CHECK(m[5].kind == "progress_review");
  CHECK(m[5].start == day("2013-02-10"));
  CHECK(m[5].end == day("2013-04-10"));
  for (const auto& milestone : m) CHECK(milestone.start <= milestone.end);

  Request support;
  support.kind = "support";
  std::vector<service::Milestone> s = service::milestones_of(support, on_site);
  REQUIRE(s.size() == 2);
  CHECK(s[0].kind == "on_site");
  CHECK(s[1].kind == "feedback");
  Request subject;
  subject.kind = "subject";
  CHECK(service::milestones_of(subject, on_site).back().kind == "report");
}
