// openapi.h — the OpenAPI 3.1 document of the API, generated from the
// Router's route table, so every route served is in it and nothing else is.
//
// Guarantees: each operation has its summary, roles (x-roles), security
// (bearer token or session cookie; none on public routes), path and
// query parameters, the schema of its body (api_schemas.h), its success status
// with the schema or media type of its reply, and a problem+json reply
// (schema Problem) for each error it can give: 400 (a malformed JSON body
// or Idempotency-Key), 401 and 403 on routes with roles, 415 on routes
// with a body, 422 on routes with query parameters, the route's own Contract::errors, and `default` for a 500.
// The API's version is info.version and every reply's API-Version header
// (router.h): docs/api.md says what a change of it means.
// Thread-safety: pure function.
#pragma once

#include "http/router.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace peerslot::http {

// Semantic versioning: a new minor version only adds; a new major one may
// remove or change (docs/api.md).
inline constexpr const char* kApiVersion = "1.0.0";

nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace peerslot::http
