// fuzz_csv_import — feeds arbitrary bytes to councils_from_csv() and
// peers_from_csv() (service/csv_import.h). A refusal must be a plain message;
// an accepted import must dump() with nlohmann's strict UTF-8 check (the
// service stores it that way) and hold only finite numbers.
#include "service/csv_import.h"
#include "tests/fuzz/fuzz_support.h"

#include <cmath>

using namespace peerslot;
using peerslot::fuzz::require;

namespace {

void check_import(const Result<nlohmann::json>& imported, const std::string& text) {
  if (!imported.is_ok()) return fuzz::require_plain_message(imported.status(), text);
  require(imported.value().is_array(), "an import is an array");
  for (const nlohmann::json& entity : imported.value()) {
    for (const auto& [name, value] : entity.items())
      if (value.is_number_float()) require(std::isfinite(value.get<double>()), "numbers are finite");
  }
  (void)imported.value().dump();  // throws (and so fails) on invalid UTF-8
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string text = fuzz::text_of(data, size);
  check_import(service::councils_from_csv(text), text);
  check_import(service::peers_from_csv(text), text);
  return 0;
}
