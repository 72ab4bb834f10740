// demo_accounts.cpp — see demo_accounts.h.
#include "tools/demo_accounts.h"

#include "service/group_view.h"

#include <cctype>

namespace peerslot {

namespace {

const char* const kActor = "office (demo accounts)";

std::string display_name(service::Service& service, const std::string& role, const std::string& subject) {
  const Scenario& scenario = *service.state()->scenario;
  if (role == "office") return "Programme office";
  if (role == "group") return subject + " group office";
  if (role == "peer") return scenario.find_peer(subject)->name;
  return "Officer of " + scenario.find_council(subject)->name;
}

service::User demo_user(service::Service& service, const std::string& role, const std::string& subject) {
  std::string name = display_name(service, role, subject);
  std::string key = role == "office" ? "office" : role == "group" ? subject + " group" : subject;
  return {0, name, demo_email(role == "peer" ? name : key, role == "peer" ? subject : ""), role, subject, false, 0, {}};
}

}  // namespace

std::string demo_email(const std::string& name, const std::string& id) {
  std::string local;
  for (char c : name + " " + id) {
    if (std::isalnum(static_cast<unsigned char>(c))) local += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!local.empty() && local.back() != '.') local += '.';
  }
  while (!local.empty() && local.back() == '.') local.pop_back();
  return local + "@example.org";
}

Status create_demo_accounts(service::Service& service, const std::string& demo_council) {
  std::vector<service::User> users = {demo_user(service, "office", ""), demo_user(service, "council", demo_council)};
  for (const std::string& party : service::parties(*service.state()->scenario)) users.push_back(demo_user(service, "group", party));
  for (const Peer& peer : service.state()->scenario->peers) users.push_back(demo_user(service, "peer", peer.id));
  auto made = service.create_users(std::move(users), kActor);
  return made.is_ok() ? Status::ok() : made.status();
}

Result<std::string> demo_token(service::Service& service, const std::string& role, const std::string& subject) {
  service::User wanted = demo_user(service, role, subject);
  std::optional<service::User> user;
  for (const service::User& u : service.users())
    if (u.email == wanted.email) user = u;
  if (!user) {
    auto made = service.create_user(wanted, kActor, false);
    if (!made.is_ok()) return made.status();
    user = made.value();
  }
  auto token = service.create_token(user->id, "demo token printed at start", 90, kActor);
  if (!token.is_ok()) return token.status();
  return token.value().secret;
}

}  // namespace peerslot
