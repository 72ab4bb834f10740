// change_reply.cpp — see change_reply.h.
#include "http/change_reply.h"

#include "service/access.h"

namespace peerslot::http {

std::optional<HttpReply> access_refused(const Call& call, const service::Service& service, Subject subject) {
  const Scenario& scenario = *service.state()->scenario;
  const std::string& id = call.params[0];
  Status access = subject == Subject::kCouncil ? service::council_for(scenario, call.user, id).status()
                  : subject == Subject::kRequest ? service::request_for(scenario, call.user, id).status()
                                                 : service::peer_for(scenario, call.user, id).status();
  if (access.is_ok()) return std::nullopt;
  return problem(access);
}

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
