// routes_webhooks.cpp — the programme office's webhook endpoints: register
// one (its signing secret shown once), list, read, change or disable,
// remove, send a test event, read its delivery log (newest first, a page
// at a time with ?cursor=, filtered by ?status=) and send a failed delivery
// again.
#include "http/input.h"
#include "http/list_reply.h"
#include "http/routes.h"
#include "service/representations.h"
#include "service/webhook_events.h"


namespace peerslot::http {

namespace {

using service::Service;
using service::Webhook;


nlohmann::json webhook_json(const Webhook& w) {
  return {{"id", w.id},
          {"url", w.url},
          {"description", w.description},
          {"types", w.types},
          {"disabled", w.disabled},
          {"created_at", service::instant_json(w.created_at)},
          {"deliveries", "/webhooks/" + std::to_string(w.id) + "/deliveries"}};
}

nlohmann::json delivery_json(const service::WebhookDelivery& d) {
  auto payload = nlohmann::json::parse(d.body, nullptr, false);
  return {{"id", d.id},
          {"message_id", d.message_id},
          {"type", d.type},
          {"created_at", service::instant_json(d.created_at)},
          {"status", d.status},
          {"attempts", d.attempts},
          {"next_attempt_at", d.status == "queued" ? service::instant_json(d.next_attempt_at) : nullptr},
          {"response_status", d.response_status == 0 ? nlohmann::json(nullptr) : nlohmann::json(d.response_status)},
          {"response_body", d.response_body},
          {"last_error", d.last_error},
          {"delivered_at", service::instant_json(d.delivered_at)},
          {"payload", payload.is_discarded() ? nlohmann::json(d.body) : payload}};
}

Result<Webhook> webhook_of(const Call& call, const Service& service) {
  std::optional<std::int64_t> id = path_number(call.params[0]);
  auto found = id ? service.webhook(*id) : std::nullopt;
  if (!found) return Status::not_found("id", "webhook " + call.params[0] + " does not exist");
  return *found;
}

// The fields a client may set; what is absent stays as in `webhook`.
Status read_fields(const nlohmann::json& body, Webhook* webhook) {
  for (auto [name, target] : {std::pair{"url", &webhook->url}, std::pair{"description", &webhook->description}}) {
    if (!body.contains(name)) continue;
    auto text = read_optional_text(body, name);
    if (!text.is_ok()) return text.status();
    *target = text.value();
  }
  if (body.contains("types")) {
    auto types = read_strings(body, "types");
    if (!types.is_ok()) return types.status();
    webhook->types = {types.value().begin(), types.value().end()};
  }
  auto disabled = read_flag(body, "disabled", webhook->disabled);
  if (!disabled.is_ok()) return disabled.status();
  webhook->disabled = disabled.value();
  return Status::ok();
}

HttpReply list_webhooks(const Service& service) {
  nlohmann::json webhooks = nlohmann::json::array(), types = nlohmann::json::array();
  for (const Webhook& w : service.webhooks()) webhooks.push_back(webhook_json(w));
  for (const service::WebhookEventType& t : service::webhook_event_types()) types.push_back({{"type", t.type}, {"about", t.about}});
  return json_reply(200, {{"webhooks", webhooks}, {"event_types", types}});
}

HttpReply create_webhook(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"url", "description", "types", "disabled"});
  Webhook webhook;
  if (fields.is_ok()) fields = read_fields(call.body, &webhook);
  if (!fields.is_ok()) return problem(fields);
  auto created = service.create_webhook(webhook, call.actor());
  if (!created.is_ok()) return problem(created.status());
  nlohmann::json body = webhook_json(created.value());
  body["secret"] = created.value().secret;
  HttpReply reply = json_reply(201, body);
  reply.headers["Location"] = "/webhooks/" + std::to_string(created.value().id);
  return reply;
}

HttpReply change_webhook(const Call& call, Service& service) {
  auto webhook = webhook_of(call, service);
  if (!webhook.is_ok()) return problem(webhook.status());
  Status fields = only_fields(call.body, {"url", "description", "types", "disabled"});
  if (fields.is_ok()) fields = read_fields(call.body, &webhook.value());
  if (!fields.is_ok()) return problem(fields);
  auto changed = service.update_webhook(webhook.value(), call.actor());
  if (!changed.is_ok()) return problem(changed.status());
  return json_reply(200, webhook_json(changed.value()));
}

HttpReply remove_webhook(const Call& call, Service& service) {
  auto webhook = webhook_of(call, service);
  if (!webhook.is_ok()) return problem(webhook.status());
  Status removed = service.remove_webhook(webhook.value().id, call.actor());
  if (!removed.is_ok()) return problem(removed);
  return {204, "application/json", "", {}, {}};
}

HttpReply test_webhook(const Call& call, Service& service) {
  auto webhook = webhook_of(call, service);
  if (!webhook.is_ok()) return problem(webhook.status());
  auto queued = service.test_webhook(webhook.value().id, call.actor());
  if (!queued.is_ok()) return problem(queued.status());
  return json_reply(202, delivery_json(queued.value()));
}

// POST /webhooks/{id}/deliveries/{delivery}/attempts: a failed delivery, queued again.
HttpReply resend_delivery(const Call& call, Service& service) {
  auto webhook = webhook_of(call, service);
  if (!webhook.is_ok()) return problem(webhook.status());
  std::optional<std::int64_t> delivery = path_number(call.params[1]);
  if (!delivery) return problem(Status::not_found("delivery", "webhook " + call.params[0] + " has no delivery " + call.params[1]));
  auto resent = service.resend_delivery(webhook.value().id, *delivery);
  if (!resent.is_ok()) return problem(resent.status());
  return json_reply(202, delivery_json(resent.value()));
}

HttpReply list_deliveries(const Call& call, Service& service) {
  auto webhook = webhook_of(call, service);
  if (!webhook.is_ok()) return problem(webhook.status());
  std::string status = call.request.get_param_value("status");
  if (!status.empty() && status != "queued" && status != "delivered" && status != "dead")
    return problem(422, "status", "status: must be queued, delivered or dead");
  auto page = page_query(call, "deliveries");
  if (!page.is_ok()) return problem(page.status());
  auto found = service.webhook_deliveries(webhook.value().id, status, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("deliveries", found.value(), delivery_json);
}

}  // namespace

void add_webhook_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/webhooks", "list the webhook endpoints and the kinds of event they can receive", kOffice, Body::kNone,
              [s](const Call&) { return list_webhooks(*s); }, {200, "WebhookList", "", "", {}}});
  router.add({"POST", "/webhooks", "register a webhook endpoint (its signing secret is shown once)", kOffice, Body::kJson,
              [s](const Call& c) { return create_webhook(c, *s); }, {201, "NewWebhook", "", "NewWebhookRequest", {422}}});
  router.add({"GET", "/webhooks/{id}", "read a webhook endpoint", kOffice, Body::kNone, [s](const Call& c) {
                auto webhook = webhook_of(c, *s);
                return webhook.is_ok() ? json_reply(200, webhook_json(webhook.value())) : problem(webhook.status());
              }, {200, "Webhook", "", "", {404}}});
  router.add({"PATCH", "/webhooks/{id}", "change, disable or enable a webhook endpoint", kOffice, Body::kJson,
              [s](const Call& c) { return change_webhook(c, *s); }, {200, "Webhook", "", "WebhookChange", {404, 422}}});
  router.add({"DELETE", "/webhooks/{id}", "remove a webhook endpoint and its delivery log", kOffice, Body::kNone,
              [s](const Call& c) { return remove_webhook(c, *s); }, {204, "", "", "", {404}}});
  router.add({"POST", "/webhooks/{id}/tests", "send a test event to a webhook endpoint", kOffice, Body::kNone,
              [s](const Call& c) { return test_webhook(c, *s); }, {202, "Delivery", "", "", {404}}});
  router.add({"GET", "/webhooks/{id}/deliveries", "read a webhook endpoint's delivery log, newest first (?status=&limit=&cursor=)",
              kOffice, Body::kNone, [s](const Call& c) { return list_deliveries(c, *s); },
              {200, "DeliveryPage", "", "", {404, 422}, "DeliveryQuery"}});
  router.add({"POST", "/webhooks/{id}/deliveries/{delivery}/attempts",
              "send a failed delivery again: queued as if new, with the same webhook-id", kOffice, Body::kNone,
              [s](const Call& c) { return resend_delivery(c, *s); }, {202, "Delivery", "", "", {404, 409}}});
}

}  // namespace peerslot::http
