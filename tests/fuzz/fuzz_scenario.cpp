// fuzz_scenario — feeds arbitrary bytes to parse_json_text() and, when they
// are JSON, to scenario_from_json() (engine/scenario_json.h). A scenario it
// accepts is written with scenario_to_json(); that text must be read back
// and validated again, and give the same document (a stable round trip).
// Every refusal must be a plain message (fuzz_support.h).
#include "engine/scenario_json.h"
#include "tests/fuzz/fuzz_support.h"

using namespace peerslot;
using peerslot::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string text = fuzz::text_of(data, size);
  auto doc = fuzz::parsed(text);
  if (!doc) return 0;
  auto scenario = scenario_from_json(*doc);
  if (!scenario.is_ok()) {
    fuzz::require_plain_message(scenario.status(), text);
    return 0;
  }
  nlohmann::json written = scenario_to_json(scenario.value());
  auto reread = parse_json_text(written.dump());
  require(reread.is_ok(), "a written scenario is valid JSON");
  auto again = scenario_from_json(reread.value());
  require(again.is_ok(), "a written scenario is read back");
  require(scenario_to_json(again.value()) == written, "the round trip is stable");
  return 0;
}
