// webhook_transport.cpp — one libcurl easy handle per post; the answer's
// body is kept up to kWebhookResponseKept bytes and the rest read and
// dropped, so a chatty endpoint cannot fill memory.
#include "mail/webhook_transport.h"

#include "mail/curl_library.h"

#include <algorithm>
#include <string>

namespace peerslot::mail {

namespace {

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* out) {
  auto* kept = static_cast<std::string*>(out);
  std::size_t n = size * count;
  if (kept->size() < service::kWebhookResponseKept)
    kept->append(data, std::min(n, service::kWebhookResponseKept - kept->size()));
  return n;
}

CurlList header_list(const service::WebhookPost& post) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : post.headers) list = curl_slist_append(list, (name + ": " + value).c_str());
  list = curl_slist_append(list, "Expect:");  // send the body at once, without waiting for 100 Continue
  return CurlList(list);
}

}  // namespace

CurlWebhookTransport::CurlWebhookTransport(int timeout_seconds) : timeout_seconds_(timeout_seconds) { use_curl(); }

Result<service::WebhookAnswer> CurlWebhookTransport::post(const service::WebhookPost& post) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return Status::io_error("cannot post to " + post.url + ": curl_easy_init failed");
  CurlList headers = header_list(post);
  service::WebhookAnswer answer;
  char error_text[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, post.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, post.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "peerslot-webhooks/1");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_answer);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_seconds_));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds_));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK)
    return Status::io_error(post.url + " did not answer: " + (error_text[0] ? error_text : curl_easy_strerror(result)));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<int>(status);
  return answer;
}

}  // namespace peerslot::mail
