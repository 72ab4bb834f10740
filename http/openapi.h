// openapi.h — the OpenAPI 3 document of the API, generated from the Router's
// route table, so every route served is in it and nothing else is.
// Thread-safety: pure function.
#pragma once

#include "http/router.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace peerslot::http {

nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace peerslot::http
