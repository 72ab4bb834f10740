// fuzz_plan_check — the fixed scenario tests/fixtures/rules_scenario.json
// (read once at start) and arbitrary bytes as a plan: parse_json_text(),
// plan_from_json() against the scenario, then check_plan() (engine/checker.h)
// and every violation's line(). Refusals must be plain messages; a check
// must never throw, crash or take more than a second.
#include "engine/checker.h"
#include "engine/scenario_json.h"
#include "tests/fuzz/fuzz_support.h"

#include <fstream>
#include <sstream>

using namespace peerslot;
using peerslot::fuzz::require;

namespace {

const Scenario& fixed_scenario() {
  static const Scenario scenario = [] {
    std::ifstream in(PEERSLOT_FIXTURE_DIR "/rules_scenario.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto doc = parse_json_text(text.str());
    require(doc.is_ok(), "the fixture is JSON");
    auto read = scenario_from_json(doc.value());
    require(read.is_ok(), "the fixture is a valid scenario");
    return read.value();
  }();
  return scenario;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const Scenario& scenario = fixed_scenario();
  std::string text = fuzz::text_of(data, size);
  auto doc = fuzz::parsed(text);
  if (!doc) return 0;
  auto plan = plan_from_json(*doc, scenario);
  if (!plan.is_ok()) {
    fuzz::require_plain_message(plan.status(), text);
    return 0;
  }
  CheckReport report = check_plan(scenario, plan.value());
  for (const Violation& v : report.violations) require(!v.line().empty(), "a violation has a line");
  return 0;
}
