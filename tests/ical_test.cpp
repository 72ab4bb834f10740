// iCalendar feeds: lines folded at 75 octets without splitting a character,
// text escaped per RFC 5545, CRLF line ends only.
#include "engine/json_text.h"
#include "service/ical.h"
#include "service/state.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace peerslot;
using namespace peerslot::test;

namespace {

// The fixture scenario with council C1 renamed, and its fixture plan booked.
service::State state_with_council_name(const std::string& name) {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  s.councils[0].name = name;
  Plan p = plan_of(load_fixture("rules_plan.json"), s);
  return service::make_state(s, p.assignments, {}, {});
}

// The physical lines of a feed, without their CRLF.
std::vector<std::string> lines_of(const std::string& feed) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < feed.size();) {
    std::size_t end = feed.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    lines.push_back(feed.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// The content line starting with `prefix`, unfolded.
std::string unfolded(const std::string& feed, const std::string& prefix) {
  std::string text = feed;
  for (std::size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
  std::size_t start = text.find("\r\n" + prefix);
  REQUIRE(start != std::string::npos);
  start += 2;
  return text.substr(start, text.find("\r\n", start) - start);
}

}  // namespace

TEST_CASE("no iCalendar line exceeds 75 octets, whatever characters sit at the fold", "[ical]") {
  // Two- and three-octet characters at every alignment against the fold.
  for (const std::string& wide : {std::string("\xC5\xB5"), std::string("\xE2\x82\xAC"), std::string("\xF0\x9F\x8F\xB4")}) {
    for (int shift = 0; shift < 4; ++shift) {
      std::string name = std::string(shift, 'a');
      for (int i = 0; i < 60; ++i) name += wide;
      std::string feed = service::council_calendar(state_with_council_name(name), "C1");
      for (const std::string& line : lines_of(feed)) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(is_valid_utf8(line));
        CHECK(line.find_first_of("\r\n") == std::string::npos);
      }
      CHECK(unfolded(feed, "X-WR-CALNAME:") == "X-WR-CALNAME:Peer challenges: " + name);
    }
  }
}

TEST_CASE("iCalendar text is escaped per RFC 5545", "[ical]") {
  std::string feed = service::council_calendar(state_with_council_name("A;B,C\\D\nE\rF\x01G\x7FH"), "C1");
  CHECK(unfolded(feed, "X-WR-CALNAME:") == "X-WR-CALNAME:Peer challenges: A\\;B\\,C\\\\D\\nEFGH");
  CHECK(unfolded(feed, "SUMMARY:") == "SUMMARY:Corporate peer challenge: A\\;B\\,C\\\\D\\nEFGH");
  for (const std::string& line : lines_of(feed)) CHECK(line.find_first_of("\r\n") == std::string::npos);
}

TEST_CASE("invalid UTF-8 in a name becomes U+FFFD in the feed", "[ical]") {
  std::string feed = service::council_calendar(state_with_council_name("Caf\xC3 Council"), "C1");
  CHECK(unfolded(feed, "X-WR-CALNAME:") == "X-WR-CALNAME:Peer challenges: Caf\xEF\xBF\xBD Council");
}
