// routes_accounts.cpp — people and their credentials: asking for a sign-in
// link, spending it for a session cookie, signing out; the office's user
// list (create with a welcome link, change, disable and enable); each
// person's API tokens (made and revoked by their owner or the office, the
// secret shown once); the notice kinds a person is emailed; the outbox.
//
// POST /sign-in answers 202 whether or not the address has an account, so
// it tells nobody who has one.
#include "http/input.h"
#include "http/list_reply.h"
#include "http/routes.h"
#include "service/collections.h"
#include "service/email_address.h"
#include "service/notifications.h"
#include "service/representations.h"


namespace peerslot::http {

namespace {

using service::Service;
using service::User;


nlohmann::json user_json(const User& u) {
  nlohmann::json body = {{"id", u.id},           {"name", u.name},         {"email", u.email},
                         {"role", u.role},       {"subject", u.subject},   {"disabled", u.disabled},
                         {"created_at", service::instant_json(u.created_at)}, {"muted", u.muted}};
  if (u.role == "group") body["party"] = u.subject;
  else if (!u.subject.empty()) body[u.role] = u.subject;
  return body;
}

nlohmann::json token_json(const service::ApiToken& t) {
  return {{"id", t.id},
          {"user", t.user_id},
          {"name", t.name},
          {"created_at", service::instant_json(t.created_at)},
          {"expires_at", service::instant_json(t.expires_at)},
          {"last_used_at", service::instant_json(t.last_used_at)},
          {"revoked_at", service::instant_json(t.revoked_at)}};
}

Result<std::int64_t> user_id(const Call& call, const Service& service) {
  std::optional<std::int64_t> id = path_number(call.params[0]);
  if (!id || !service.user(*id)) return Status::not_found("id", "user " + call.params[0] + " does not exist");
  return *id;
}

std::string session_cookie(const Service& service, const std::string& value, int max_age) {
  bool tls = service.options().public_url.rfind("https://", 0) == 0;
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (tls ? "; Secure" : "");
}

HttpReply request_sign_in(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"email"});
  auto email = read_optional_text(call.body, "email");
  if (!fields.is_ok() || !email.is_ok()) return problem(fields.is_ok() ? email.status() : fields);
  if (email.value().empty()) return problem(422, "email", "email: your email address is needed");
  Status asked = service.request_sign_in(email.value());
  if (!asked.is_ok()) return problem(asked);
  return json_reply(202, {{"detail", "If " + email.value() +
                                         " has an account, a sign-in link is on its way to it. The link works once."}});
}

HttpReply sign_in(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"link"});
  auto link = read_optional_text(call.body, "link");
  if (!fields.is_ok() || !link.is_ok()) return problem(fields.is_ok() ? link.status() : fields);
  auto session = service.sign_in(link.value());
  if (!session.is_ok()) return problem(session.status());
  HttpReply reply = json_reply(201, {{"user", user_json(session.value().user)}, {"csrf", session.value().session.csrf}});
  reply.headers["Set-Cookie"] = session_cookie(service, session.value().secret, service.options().session_absolute_seconds);
  return reply;
}

HttpReply sign_out(const Call& call, Service& service) {
  if (call.session_hash.empty()) return problem(409, "", "this call was made with a token, not a session: revoke the token instead");
  Status ended = service.sign_out(call.session_hash);
  if (!ended.is_ok()) return problem(ended);
  HttpReply reply{204, "application/json", "", {}, {}};
  reply.headers["Set-Cookie"] = session_cookie(service, "", 0);
  return reply;
}

HttpReply list_users(const Call& call, const Service& service) {
  service::UserFilter filter{call.request.get_param_value("role"), call.request.get_param_value("subject"),
                             call.request.get_param_value("name")};
  auto page = page_query(call, "users");
  if (!page.is_ok()) return problem(page.status());
  auto found = service::list_users(service.users(), filter, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("users", found.value(), user_json);
}

HttpReply create_user(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"name", "email", "role", "subject", "welcome"});
  if (!fields.is_ok()) return problem(fields);
  User user;
  for (auto [name, target] : {std::pair{"name", &user.name}, std::pair{"email", &user.email},
                              std::pair{"role", &user.role}, std::pair{"subject", &user.subject}}) {
    auto text = read_optional_text(call.body, name);
    if (!text.is_ok()) return problem(text.status());
    *target = text.value();
  }
  auto welcome = read_flag(call.body, "welcome", true);
  if (!welcome.is_ok()) return problem(welcome.status());
  auto created = service.create_user(user, call.actor(), welcome.value());
  if (!created.is_ok()) return problem(created.status());
  HttpReply reply = json_reply(201, user_json(created.value()));
  reply.headers["Location"] = "/users/" + std::to_string(created.value().id);
  return reply;
}

HttpReply read_user(const Call& call, const Service& service) {
  auto id = user_id(call, service);
  if (!id.is_ok()) return problem(id.status());
  return json_reply(200, user_json(*service.user(id.value())));
}

// PATCH: name, email, disabled; what is absent stays.
HttpReply change_user(const Call& call, Service& service) {
  auto id = user_id(call, service);
  if (!id.is_ok()) return problem(id.status());
  Status fields = only_fields(call.body, {"name", "email", "disabled"});
  if (!fields.is_ok()) return problem(fields);
  User user = *service.user(id.value());
  for (auto [name, target] : {std::pair{"name", &user.name}, std::pair{"email", &user.email}}) {
    if (!call.body.contains(name)) continue;
    auto text = read_optional_text(call.body, name);
    if (!text.is_ok()) return problem(text.status());
    *target = text.value();
  }
  auto disabled = read_flag(call.body, "disabled", user.disabled);
  if (!disabled.is_ok()) return problem(disabled.status());
  user.disabled = disabled.value();
  if (user.disabled && user.id == call.user.id) return problem(409, "disabled", "disabled: you cannot disable your own account");
  auto changed = service.update_user(user, call.actor());
  if (!changed.is_ok()) return problem(changed.status());
  return json_reply(200, user_json(changed.value()));
}

HttpReply list_tokens(const Service& service, std::int64_t user) {
  nlohmann::json tokens = nlohmann::json::array();
  for (const service::ApiToken& t : service.tokens_of(user)) tokens.push_back(token_json(t));
  return json_reply(200, {{"tokens", tokens}});
}

HttpReply create_token(const Call& call, Service& service, std::int64_t user) {
  Status fields = only_fields(call.body, {"name", "days"});
  auto name = read_optional_text(call.body, "name");
  auto days = call.body.contains("days") ? read_optional_int(call.body, "days", 1, 365)
                                         : Result<std::optional<int>>(std::optional<int>());
  if (!fields.is_ok()) return problem(fields);
  if (!name.is_ok() || !days.is_ok()) return problem(name.is_ok() ? days.status() : name.status());
  if (name.value().empty()) return problem(422, "name", "name: say what the token is for, e.g. \"finance spreadsheet\"");
  auto made = service.create_token(user, name.value(), days.value().value_or(90), call.actor());
  if (!made.is_ok()) return problem(made.status());
  nlohmann::json body = token_json(made.value().token);
  body["token"] = made.value().secret;
  return json_reply(201, body);
}

HttpReply revoke_token(const Call& call, Service& service) {
  std::optional<std::int64_t> id = path_number(call.params[0]);
  auto token = id ? service.token(*id) : std::nullopt;
  if (!token) return problem(404, "id", "token " + call.params[0] + " does not exist");
  if (call.user.role != "office" && token->user_id != call.user.id) return problem(403, "", "token " + call.params[0] + " is not yours");
  Status revoked = service.revoke_token(*id, call.actor());
  if (!revoked.is_ok()) return problem(revoked);
  return {204, "application/json", "", {}, {}};
}

HttpReply read_notices(const Call& call) {
  nlohmann::json kinds = nlohmann::json::array();
  for (const std::string& kind : service::notice_kinds())
    kinds.push_back({{"kind", kind}, {"about", service::notice_kind_sentence(kind)}, {"email", !call.user.muted.count(kind)}});
  return json_reply(200, {{"kinds", kinds}});
}

// {"muted": [kinds]}: the kinds the caller is not emailed about.
HttpReply set_notices(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"muted"});
  auto muted = call.body.contains("muted") ? read_strings(call.body, "muted") : Result<std::vector<std::string>>(std::vector<std::string>{});
  if (!fields.is_ok() || !muted.is_ok()) return problem(fields.is_ok() ? muted.status() : fields);
  User user = call.user;
  user.muted.clear();
  for (const std::string& kind : muted.value()) {
    if (service::notice_kind_sentence(kind).empty()) return problem(422, "muted", "muted: \"" + kind + "\" is not a kind of notice");
    user.muted.insert(kind);
  }
  auto changed = service.update_user(user, call.actor());
  if (!changed.is_ok()) return problem(changed.status());
  Call updated = call;
  updated.user = changed.value();
  return read_notices(updated);
}

HttpReply list_outbox(const Call& call, Service& service) {
  std::string status = call.request.get_param_value("status");
  if (!status.empty() && status != "queued" && status != "sent" && status != "dead")
    return problem(422, "status", "status: must be queued, sent or dead");
  auto page = page_query(call, "messages");
  if (!page.is_ok()) return problem(page.status());
  auto mail = service.outbox(status, page.value());
  if (!mail.is_ok()) return problem(mail.status());
  return page_reply("messages", mail.value(), [](const service::QueuedMail& m) {
    return nlohmann::json{{"id", m.id}, {"created_at", service::instant_json(m.created_at)}, {"to", m.recipient}, {"subject", m.subject},
                          {"kind", m.kind}, {"status", m.status}, {"attempts", m.attempts},
                          {"next_attempt_at", m.status == "queued" ? service::instant_json(m.next_attempt_at) : nullptr},
                          {"last_error", m.last_error}, {"sent_at", service::instant_json(m.sent_at)}};
  });
}

}  // namespace

void add_account_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"POST", "/sign-in", "ask for a sign-in link by email", {}, Body::kJson,
              [s](const Call& c) { return request_sign_in(c, *s); }, {202, "SignInAnswer", "", "SignInRequest", {422, 429}}});
  router.add({"POST", "/sessions", "sign in with the link from the email", {}, Body::kJson,
              [s](const Call& c) { return sign_in(c, *s); }, {201, "Session", "", "SessionRequest", {401, 422}}});
  router.add({"DELETE", "/sessions/current", "sign out", kEveryone, Body::kNone,
              [s](const Call& c) { return sign_out(c, *s); }, {204, "", "", "", {409}}});
  router.add({"GET", "/users", "list users, by id (?role=&subject=&name=&limit=&cursor=)", kOffice, Body::kNone,
              [s](const Call& c) { return list_users(c, *s); }, {200, "UserList", "", "", {422}, "UserQuery"}});
  router.add({"POST", "/users", "create a user (and email them a sign-in link)", kOffice, Body::kJson,
              [s](const Call& c) { return create_user(c, *s); }, {201, "User", "", "NewUser", {409, 422}}});
  router.add({"GET", "/users/{id}", "read a user", kOffice, Body::kNone, [s](const Call& c) { return read_user(c, *s); }, {200, "User", "", "", {404}}});
  router.add({"PATCH", "/users/{id}", "change, disable or enable a user", kOffice, Body::kJson,
              [s](const Call& c) { return change_user(c, *s); }, {200, "User", "", "UserChange", {404, 409, 422}}});
  router.add({"GET", "/users/{id}/tokens", "list a user's API tokens", kOffice, Body::kNone, [s](const Call& c) {
                auto id = user_id(c, *s);
                return id.is_ok() ? list_tokens(*s, id.value()) : problem(id.status());
              }, {200, "TokenList", "", "", {404}}});
  router.add({"POST", "/users/{id}/tokens", "make an API token for a user", kOffice, Body::kJson, [s](const Call& c) {
                auto id = user_id(c, *s);
                return id.is_ok() ? create_token(c, *s, id.value()) : problem(id.status());
              }, {201, "NewToken", "", "TokenRequest", {404, 422}}});
  router.add({"GET", "/me/tokens", "list your API tokens", kEveryone, Body::kNone,
              [s](const Call& c) { return list_tokens(*s, c.user.id); }, {200, "TokenList", "", "", {}}});
  router.add({"POST", "/me/tokens", "make an API token (shown once)", kEveryone, Body::kJson,
              [s](const Call& c) { return create_token(c, *s, c.user.id); }, {201, "NewToken", "", "TokenRequest", {422}}});
  router.add({"DELETE", "/tokens/{id}", "revoke an API token", kEveryone, Body::kNone,
              [s](const Call& c) { return revoke_token(c, *s); }, {204, "", "", "", {404}}});
  router.add({"GET", "/me/notices", "read which notices you are emailed", kEveryone, Body::kNone,
              [](const Call& c) { return read_notices(c); }, {200, "Notices", "", "", {}}});
  router.add({"PUT", "/me/notices", "choose which notices you are emailed", kEveryone, Body::kJson,
              [s](const Call& c) { return set_notices(c, *s); }, {200, "Notices", "", "NoticeChoice", {422}}});
  router.add({"GET", "/outbox", "list the mail the service has sent or will send, newest first (?status=&limit=&cursor=)",
              kOffice, Body::kNone, [s](const Call& c) { return list_outbox(c, *s); }, {200, "Outbox", "", "", {422}, "OutboxQuery"}});
}

}  // namespace peerslot::http
