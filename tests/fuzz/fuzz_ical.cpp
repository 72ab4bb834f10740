// fuzz_ical — arbitrary bytes as the council name, a peer name, the request
// kind and the request id of a small valid State (service/state.h make_state,
// one booked challenge of two peers), then council_calendar() and
// peer_calendar() (service/ical.h). Every output line must end in CRLF, hold
// no other CR or LF, be at most 75 octets before its CRLF and be valid
// UTF-8 on its own (no fold splits a character); abort() otherwise.
#include "service/ical.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

using namespace peerslot;
using peerslot::fuzz::require;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

Scenario scenario_named(FuzzedDataProvider& bytes) {
  Scenario s;
  s.window = {day("2011-04-01"), day("2012-03-31")};
  s.bank_holidays = {day("2011-08-29")};
  Council council;
  council.id = "C1";
  council.name = bytes.ConsumeRandomLengthString(512);
  council.type = "county";
  council.region = "East Midlands";
  council.control = "NOC";
  s.councils = {council};
  Peer first;
  first.id = "P1";
  first.name = bytes.ConsumeRandomLengthString(512);
  first.region = "London";
  first.available = {s.window};
  Peer second = first;
  second.id = "P2";
  second.name = "Second peer";
  s.peers = {first, second};
  Request request;
  request.kind = bytes.ConsumeRandomLengthString(128);
  request.id = bytes.ConsumeRandomLengthString(128);
  request.council = "C1";
  request.days = 3;
  request.team[static_cast<int>(Role::kOfficer)] = 2;
  s.requests = {request};
  s.reindex();
  return s;
}

// The properties of the feed, line by line.
void check_feed(const std::string& feed) {
  require(feed.size() >= 2 && feed.compare(feed.size() - 2, 2, "\r\n") == 0, "the feed ends with CRLF");
  for (std::size_t start = 0; start < feed.size();) {
    std::size_t end = feed.find("\r\n", start);
    require(end != std::string::npos, "every line ends with CRLF");
    std::string_view line(feed.data() + start, end - start);
    require(line.size() <= 75, "no line exceeds 75 octets");
    require(line.find_first_of("\r\n") == std::string_view::npos, "no bare CR or LF");
    require(is_valid_utf8(line), "every line is valid UTF-8");
    start = end + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  FuzzedDataProvider bytes(data, size);
  Scenario scenario = scenario_named(bytes);
  std::string request_id = scenario.requests[0].id;
  service::State state = service::make_state(std::move(scenario), {{request_id, day("2011-09-12"), {"P1", "P2"}}}, {}, {});
  check_feed(service::council_calendar(state, "C1"));
  check_feed(service::peer_calendar(state, "P1"));
  return 0;
}
