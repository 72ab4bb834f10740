// service_client_test.cpp — the API as a council's developer meets it: a
// typed client generated from the running service's /openapi.json
// (openapi-typescript, openapi-fetch, type-checked by tsc) books a week,
// reads it back, is refused a blocked week with a typed problem, and
// cancels (tests/api/client_test.ts, run by tests/api/client_test.sh).
#include "service_harness.h"

#include <catch2/catch.hpp>

TEST_CASE("service: a client generated from /openapi.json books, reads back, is refused a blocked week and cancels", "[service]") {
  std::string dir = peerslot::e2e::temp_dir();
  peerslot::e2e::ServiceProcess s(dir + "/client.db", {"--solve-seconds", "0"});
  std::string command = PEERSLOT_TEST_DIR "/api/client_test.sh http://127.0.0.1:" + std::to_string(s.port()) + " " +
                        s.token("council") + " '" + s.subject("council") + "' 2>&1";
  int status = 0;
  std::string out = peerslot::e2e::command_output(command, &status);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("ok: cancelled the booking") != std::string::npos);
}
