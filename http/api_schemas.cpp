// api_schemas.cpp — the text the build compiled in (api_schemas_text.cpp.in),
// parsed once.
#include "http/api_schemas.h"

namespace peerslot::http {

extern const char* const kApiSchemasText;

const nlohmann::json& api_schemas() {
  static const nlohmann::json schemas = nlohmann::json::parse(kApiSchemasText);
  return schemas;
}

}  // namespace peerslot::http
