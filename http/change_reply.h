// change_reply.h — the two skeletons every resource route shares: reply
// with a resource's representation and its ETag, and run one operation
// through the service's writer and reply with what it changed.
//
// Guarantees: change_reply() passes the call's actor, and its
// Idempotency-Key when `options.idempotent`, so a retry replays the first
// reply; the reply is the representation of the changed State with
// `options.status` (and its ETag when `options.etag`), or the operation's
// problem. Thread-safety: as the Service.
#pragma once

#include "http/problem_json.h"
#include "http/router.h"
#include "service/service.h"

#include <functional>
#include <optional>
#include <string>

namespace peerslot::http {

using Representation = std::function<nlohmann::json(const service::State&)>;

struct ReplyOptions {
  int status = 200;
  bool etag = true;         // the reply is an editable resource
  bool idempotent = false;  // honour the Idempotency-Key header
};

// Whether the caller may act for the council, request or peer that the
// path's first parameter names (service/access.h), asked before the body
// is read, so a caller learns nothing about others' resources from the
// validation of a body: the 404 or 403 problem, or nullopt.
enum class Subject { kCouncil, kRequest, kPeer };
std::optional<HttpReply> access_refused(const Call& call, const service::Service& service, Subject subject);

// 200 with the representation and its ETag (the resource as a client edits it).
HttpReply resource_reply(const nlohmann::json& representation);

HttpReply change_reply(const Call& call, service::Service& service, const std::string& action,
                       const service::Service::Operation& operation, const Representation& representation,
                       ReplyOptions options = {});

}  // namespace peerslot::http
