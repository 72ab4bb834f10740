// imap_mailbox.cpp — the URL taken apart by libcurl's URL API; IMAP
// commands as libcurl custom requests on the folder, a message's body by
// its IMAP URL (RFC 5092's ";UID=").
#include "mail/imap_mailbox.h"

#include <memory>
#include <sstream>

namespace peerslot::mail {

namespace {

const char* const kReadKeyword = "PeerslotRead";

Status bad_mailbox(const std::string& detail) { return Status::invalid("mailbox", detail); }

struct UrlFree {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

std::string url_part(CURLU* url, CURLUPart which, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(url, which, &text, flags) != CURLUE_OK || !text) return "";
  std::string out = text;
  curl_free(text);
  return out;
}

std::string escaped(const std::string& text) {
  char* out = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
  if (!out) return "";
  std::string result = out;
  curl_free(out);
  return result;
}

std::size_t append_text(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// The numbers of an untagged "* SEARCH 3 5 8" answer.
std::vector<long> search_results(const std::string& answer) {
  std::vector<long> uids;
  std::istringstream lines(answer);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    for (long uid = 0; words >> uid;) uids.push_back(uid);
  }
  return uids;
}

}  // namespace

Result<ImapSettings> imap_settings(const std::string& text) {
  std::unique_ptr<CURLU, UrlFree> url(curl_url());
  if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
    return bad_mailbox("the address is not a URL such as imaps://office@mail.example.org/INBOX");
  std::string scheme = url_part(url.get(), CURLUPART_SCHEME);
  if (scheme != "imap" && scheme != "imaps") return bad_mailbox("the address must start with imap:// or imaps://");
  ImapSettings settings;
  std::string host = url_part(url.get(), CURLUPART_HOST);
  if (host.empty()) return bad_mailbox("the host name is missing");
  settings.host_and_port = host + ":" + url_part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  settings.username = url_part(url.get(), CURLUPART_USER, CURLU_URLDECODE);
  settings.password = url_part(url.get(), CURLUPART_PASSWORD, CURLU_URLDECODE);
  settings.folder = url_part(url.get(), CURLUPART_PATH, CURLU_URLDECODE);
  if (!settings.folder.empty() && settings.folder[0] == '/') settings.folder.erase(0, 1);
  if (settings.folder.empty()) settings.folder = "INBOX";
  if (settings.folder.find_first_of(";/") != std::string::npos)
    return bad_mailbox("the folder \"" + settings.folder + "\" may not hold ';' or '/' (name one folder)");
  Status options = read_connection_options(url_part(url.get(), CURLUPART_QUERY), "mailbox", settings);
  if (!options.is_ok()) return options;
  settings.folder_url = scheme + "://" + settings.host_and_port + "/" + escaped(settings.folder);
  return settings;
}

ImapMailbox::ImapMailbox(ImapSettings settings) : settings_(std::move(settings)) { use_curl(); }

std::string ImapMailbox::where() const { return "the mailbox " + settings_.folder + " at " + settings_.host_and_port; }

Result<std::string> ImapMailbox::perform(const std::string& url, const std::string& command) {
  if (!curl_) curl_.reset(curl_easy_init());
  if (!curl_) return Status::io_error("cannot reach " + where() + ": curl_easy_init failed");
  CURL* c = curl_.get();
  std::string answer;
  char error_text[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_text);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  set_connection(c, settings_, settings_.username, settings_.password);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  CURLcode result = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (result == CURLE_OK) return answer;
  std::string what = command.empty() ? "FETCH" : command.substr(0, command.find(' ', 4));
  return Status::io_error(where() + " did not answer " + what + ": " + (error_text[0] ? error_text : curl_easy_strerror(result)));
}

Result<std::vector<long>> ImapMailbox::unread() {
  auto answer = perform(settings_.folder_url, std::string("UID SEARCH UNKEYWORD ") + kReadKeyword);
  if (!answer.is_ok()) return answer.status();
  return search_results(answer.value());
}

Result<FetchedMessage> ImapMailbox::fetch(long uid) {
  auto flags = perform(settings_.folder_url, "UID FETCH " + std::to_string(uid) + " FLAGS");
  if (!flags.is_ok()) return flags.status();
  auto body = perform(settings_.folder_url + "/;UID=" + std::to_string(uid), "");
  if (!body.is_ok()) return body.status();
  return FetchedMessage{body.value(), flags.value().find("\\Seen") != std::string::npos};
}

Status ImapMailbox::finish(long uid, bool keep_seen) {
  std::string store = "UID STORE " + std::to_string(uid);
  auto marked = perform(settings_.folder_url, store + " +FLAGS.SILENT (" + kReadKeyword + ")");
  if (!marked.is_ok()) return marked.status();
  if (keep_seen) return Status::ok();
  auto unseen = perform(settings_.folder_url, store + " -FLAGS.SILENT (\\Seen)");
  return unseen.is_ok() ? Status::ok() : unseen.status();
}

}  // namespace peerslot::mail
