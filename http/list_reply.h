// list_reply.h — a list's page, read from the query and written as the
// reply. Every list of the API takes ?limit= (1..1000; 100 when absent)
// and ?cursor= (the `next` of the page before, unchanged) and answers
// {"<name>": [...], "next": the cursor of the next page, or null on the
// last}. The order and the paging are service/page.h's.
// Thread-safety: pure functions.
#pragma once

#include "engine/calendar.h"
#include "http/router.h"
#include "service/page.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace peerslot::http {

// The page of the list `name` the query asks for; invalid naming "limit"
// or "cursor" when they are not one.
Result<service::PageQuery> page_query(const Call& call, const std::string& name);
HttpReply page_reply(const std::string& name, nlohmann::json items, const std::string& next_after);
// A date (YYYY-MM-DD) from the query, nullopt when absent.
Result<std::optional<Date>> query_day(const Call& call, const std::string& name);

// The page's items through `to_json`, as page_reply() answers them.
template <class T, class ToJson>
HttpReply page_reply(const std::string& name, const service::Page<T>& page, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items) items.push_back(to_json(item));
  return page_reply(name, std::move(items), page.next_after);
}

}  // namespace peerslot::http
