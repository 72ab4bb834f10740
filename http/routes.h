// routes.h — the API's route groups; each adds its routes to the Router.
// See each routes_*.cpp for its routes and openapi.json for the whole API.
// Thread-safety: call before the server starts.
#pragma once

#include "http/router.h"
#include "service/jobs.h"
#include "service/service.h"

#include <string>
#include <vector>

namespace peerslot::http {

// The roles of routes only the programme office may call.
inline const std::vector<std::string> kOffice = {"office"};
// Of routes anyone signed in may call.
inline const std::vector<std::string> kEveryone = {"council", "peer", "group", "office"};

void add_common_routes(Router& router, service::Service& service);
void add_account_routes(Router& router, service::Service& service);
void add_webhook_routes(Router& router, service::Service& service);
void add_invitation_routes(Router& router, service::Service& service);
void add_council_routes(Router& router, service::Service& service);
void add_peer_routes(Router& router, service::Service& service);
void add_group_routes(Router& router, service::Service& service);
void add_office_routes(Router& router, service::Service& service, service::Jobs& jobs);

}  // namespace peerslot::http
