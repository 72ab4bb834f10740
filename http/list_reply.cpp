// list_reply.cpp — the query's page and the reply's envelope.
#include "http/list_reply.h"

#include "http/input.h"
#include "http/problem_json.h"

namespace peerslot::http {

Result<service::PageQuery> page_query(const Call& call, const std::string& name) {
  service::PageQuery query;
  auto limit = call.query_number("limit", service::kPageSize, 1, service::kMaxPageSize);
  if (!limit.is_ok()) return limit.status();
  query.limit = static_cast<int>(limit.value());
  if (call.request.has_param("cursor")) {
    auto key = service::key_of_cursor(name, call.request.get_param_value("cursor"));
    if (!key.is_ok()) return key.status();
    query.after = key.value();
  }
  return query;
}

HttpReply page_reply(const std::string& name, nlohmann::json items, const std::string& next_after) {
  nlohmann::json next = next_after.empty() ? nlohmann::json(nullptr) : nlohmann::json(service::cursor_of(name, next_after));
  return json_reply(200, {{name, std::move(items)}, {"next", std::move(next)}});
}

Result<std::optional<Date>> query_day(const Call& call, const std::string& name) {
  if (!call.request.has_param(name)) return std::optional<Date>();
  auto day = read_date(nlohmann::json{{name, call.request.get_param_value(name)}}, name);
  if (!day.is_ok()) return day.status();
  return std::optional<Date>(day.value());
}

}  // namespace peerslot::http
