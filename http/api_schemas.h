// api_schemas.h — the JSON Schemas (2020-12) of the API's bodies and
// replies, by name, as the OpenAPI document's components.schemas
// (openapi.h). They are written in http/api_schemas.json and compiled in.
// Guarantees: api_schemas() is the parsed file, the same on every call.
// Thread-safety: safe from any thread (parsed once, on first use).
#pragma once

#include <nlohmann/json.hpp>

namespace peerslot::http {

const nlohmann::json& api_schemas();

}  // namespace peerslot::http
