// imap_server.cpp — see imap_server.h.
#include "tests/e2e/imap_server.h"

#include <catch2/catch.hpp>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace peerslot::e2e {

namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  REQUIRE(out.good());
}

// Who owns the mail: dovecot's own user as root, else the current user.
struct MailOwner {
  std::string name;
  uid_t uid;
  gid_t gid;
};

MailOwner mail_owner() {
  const passwd* user = ::getuid() == 0 ? ::getpwnam("dovecot") : ::getpwuid(::getuid());
  REQUIRE(user != nullptr);
  return {user->pw_name, user->pw_uid, user->pw_gid};
}

std::string config(const std::string& dir, int port, const MailOwner& owner) {
  bool root = ::getuid() == 0;
  std::string login_user = root ? "dovenull" : owner.name;
  return "protocols = imap\nlisten = 127.0.0.1\nbase_dir = " + dir + "/run\nstate_dir = " + dir +
         "/state\nlog_path = " + dir + "/dovecot.log\nssl = no\ndisable_plaintext_auth = no\n"
         "auth_mechanisms = plain login\nmail_location = maildir:" + dir + "/mail/%u\n"
         "first_valid_uid = 1\ndefault_internal_user = " + owner.name + "\ndefault_login_user = " + login_user + "\n"
         "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN " + dir + "/users\n}\n"
         "userdb {\n  driver = static\n  args = uid=" + std::to_string(owner.uid) + " gid=" + std::to_string(owner.gid) +
         " home=" + dir + "/mail/%u\n}\n"
         "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " + std::to_string(port) +
         "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n" + (root ? "" : "  chroot =\n") + "}\n";
}

}  // namespace

bool dovecot_available() { return ::access("/usr/sbin/dovecot", X_OK) == 0; }

ImapServer::ImapServer() : port_(free_port()) {
  char pattern[] = "/tmp/peerslot-imap-XXXXXX";
  REQUIRE(::mkdtemp(pattern) != nullptr);
  dir_ = pattern;
  ::chmod(dir_.c_str(), 0755);  // the mail processes run as dovecot's user
  MailOwner owner = mail_owner();
  std::filesystem::create_directories(dir_ + "/mail");
  REQUIRE(::chown((dir_ + "/mail").c_str(), owner.uid, owner.gid) == 0);
  write(dir_ + "/users", std::string(kUser) + ":{PLAIN}" + kPassword + "\n");
  write(dir_ + "/dovecot.conf", config(dir_, port_, owner));
  process_ = std::make_unique<LocalServer>(std::vector<std::string>{"/usr/sbin/dovecot", "-F", "-c", dir_ + "/dovecot.conf"}, port_);
}

ImapServer::~ImapServer() {
  process_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string ImapServer::url() const { return "imap://" + std::string(kUser) + "@127.0.0.1:" + std::to_string(port_) + "/INBOX"; }

}  // namespace peerslot::e2e
