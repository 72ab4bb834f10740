// reply_recorder.cpp — JSON lines appended under a mutex, flushed per line.
#include "http/reply_recorder.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace peerslot::http {

namespace {

bool is_json(const std::string& content_type) {
  std::string media = content_type.substr(0, content_type.find(';'));
  return media == "application/json" || (media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0);
}

}  // namespace

Result<std::unique_ptr<ReplyRecorder>> ReplyRecorder::open(const std::string& path) {
  std::ofstream out(path, std::ios::app);
  if (!out) return Status::invalid("record-replies", "cannot write to " + path);
  return std::unique_ptr<ReplyRecorder>(new ReplyRecorder(std::move(out)));
}

void ReplyRecorder::record(const std::string& method, const std::string& path_template, const HttpReply& reply) {
  nlohmann::json body;  // null: no body, or not JSON
  if (!reply.body.empty() && is_json(reply.content_type)) body = nlohmann::json::parse(reply.body, nullptr, false);
  if (body.is_discarded()) body = "(not JSON) " + reply.body.substr(0, 200);
  nlohmann::json line = {{"method", method}, {"path", path_template}, {"status", reply.status},
                         {"content_type", reply.body.empty() ? "" : reply.content_type}, {"body", body}};
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << text << std::flush;
  if (!out_ && !reported_) {
    reported_ = true;
    std::cerr << "record-replies: a reply could not be written\n";
  }
}

}  // namespace peerslot::http
