// reply_recorder.h — a record of every reply the routes give, one JSON line
// each: {"method", "path" (the route's OpenAPI template), "status",
// "content_type" ("" when the body is empty), "body" (the parsed JSON, or
// null when there is none or it is not JSON; a reply that claims JSON but
// does not parse is recorded as a string saying so)}. `peerslot serve --record-replies FILE` turns it on; the tests
// check each line against the OpenAPI document (tests/e2e/check_replies.py),
// so a reply that drifts from the document fails the build.
//
// Guarantees: one whole line per reply, in the order they were given; a
// reply is recorded before it is sent, so a client that saw it can find it.
// A failed write is reported once on stderr and never fails the reply.
// Thread-safety: record() may be called from any thread.
// Cost: one JSON parse and one buffered write per reply; off by default.
#pragma once

#include "engine/status.h"
#include "http/problem_json.h"

#include <fstream>
#include <memory>
#include <mutex>
#include <string>

namespace peerslot::http {

class ReplyRecorder {
 public:
  static Result<std::unique_ptr<ReplyRecorder>> open(const std::string& path);
  void record(const std::string& method, const std::string& path_template, const HttpReply& reply);

 private:
  explicit ReplyRecorder(std::ofstream out) : out_(std::move(out)) {}

  std::mutex mutex_;
  std::ofstream out_;  // guarded by mutex_
  bool reported_ = false;
};

}  // namespace peerslot::http
