// change_reply.cpp — see change_reply.h.
#include "http/change_reply.h"

namespace peerslot::http {

HttpReply resource_reply(const nlohmann::json& representation) {
  return with_etag(json_reply(200, representation), representation);
}

HttpReply change_reply(const Call& call, service::Service& service, const std::string& action,
                       const service::Service::Operation& operation, const Representation& representation,
                       ReplyOptions options) {
  auto render = [&](const service::State& s) { return service::Reply{options.status, representation(s)}; };
  auto result = service.change(call.actor(), action, operation, render,
                               options.idempotent ? call.idempotency_key() : std::nullopt);
  if (!result.is_ok()) return problem(result.status());
  HttpReply reply = json_reply(result.value());
  return options.etag ? with_etag(reply, result.value().body) : reply;
}

}  // namespace peerslot::http
