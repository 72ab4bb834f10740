// curl_library.h — what every transport on libcurl shares (SMTP mail,
// webhook posts): the one process-wide initialisation, and handles freed
// by unique_ptr.
// Guarantees: curl_global_init runs once per process however many threads
// call use_curl(). Thread-safety: any thread.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace peerslot::mail {

void use_curl();

struct CurlFree {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlFree>;
using CurlList = std::unique_ptr<curl_slist, CurlFree>;

}  // namespace peerslot::mail
