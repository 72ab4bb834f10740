// curl_library.cpp — std::call_once around curl_global_init.
#include "mail/curl_library.h"

#include <curl/curl.h>

#include <mutex>

namespace peerslot::mail {

void use_curl() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace peerslot::mail
