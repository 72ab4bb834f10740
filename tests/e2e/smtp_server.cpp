// smtp_server.cpp — see smtp_server.h.
#include "tests/e2e/smtp_server.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace peerslot::e2e {

bool aiosmtpd_available() { return std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0; }

SmtpServer::SmtpServer(std::filesystem::path maildir, int port, const std::vector<std::string>& options)
    : maildir_(std::move(maildir)), port_(port ? port : free_port()) {
  std::vector<std::string> argv = {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_)};
  argv.insert(argv.end(), options.begin(), options.end());
  for (const char* handler : {"-c", "aiosmtpd.handlers.Mailbox"}) argv.push_back(handler);
  argv.push_back(maildir_.string());
  process_ = std::make_unique<LocalServer>(argv, port_);
}

std::vector<std::filesystem::path> SmtpServer::delivered_files() const {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::exists(maildir_ / "new")) return files;
  for (const auto& entry : std::filesystem::directory_iterator(maildir_ / "new")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> SmtpServer::delivered() const {
  std::vector<std::string> messages;
  for (const auto& file : delivered_files()) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    messages.push_back(text.str());
  }
  std::sort(messages.begin(), messages.end());
  return messages;
}

}  // namespace peerslot::e2e
