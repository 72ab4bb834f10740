// webhook_endpoint.cpp — a scheme, "//", an authority without '@', then
// anything but '#', spaces and control characters.
#include "service/webhook_endpoint.h"

#include "service/webhook_events.h"

#include <algorithm>

namespace peerslot::service {

namespace {

Status check_url(const std::string& url) {
  const std::string field = "url";
  if (url.empty()) return Status::invalid(field, "the endpoint's address is needed, e.g. https://example.org/peerslot");
  if (url.size() > 2000) return Status::invalid(field, "the address is longer than 2,000 characters");
  if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= ' ' || c == 127; }))
    return Status::invalid(field, "the address has a space or a control character in it");
  std::size_t rest = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  if (rest == 0) return Status::invalid(field, "the address must start with https:// or http://");
  std::string authority = url.substr(rest, url.find_first_of("/?#", rest) - rest);
  if (authority.empty() || authority.front() == ':') return Status::invalid(field, "the address has no host name");
  if (authority.find('@') != std::string::npos)
    return Status::invalid(field, "the address may not hold a user name or password");
  if (url.find('#') != std::string::npos) return Status::invalid(field, "the address may not end with a #fragment");
  return Status::ok();
}

Status check_types(const std::set<std::string>& types) {
  if (types.empty()) return Status::invalid("types", "choose at least one kind of event to receive");
  for (const std::string& type : types)
    if (!is_webhook_event_type(type)) return Status::invalid("types", "\"" + type + "\" is not a kind of event");
  return Status::ok();
}

}  // namespace

Status check_webhook(const Webhook& webhook) {
  Status url = check_url(webhook.url);
  if (!url.is_ok()) return url;
  Status types = check_types(webhook.types);
  if (!types.is_ok()) return types;
  if (webhook.description.size() > 200) return Status::invalid("description", "the description is longer than 200 characters");
  return Status::ok();
}

}  // namespace peerslot::service
