// page.h — one page of a list: keyset pagination over a unique, stable key.
//
// Design: a list is put in the order of a unique key (an id, or a week and
// an id); a page is the first `limit` items whose key comes after the
// query's. Callers never see a key, only a cursor: the list's name and the
// key in base64url (RFC 4648 section 5), which they hand back unchanged
// for the next page.
// Because the order is by a unique key, paging through a list never gives
// an item twice and never misses one that was there all along, however the
// list changes between pages; an item added behind the cursor is seen by
// the next walk from the start.
//
// Thread-safety: values and pure functions.
#pragma once

#include "engine/status.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace peerslot::service {

inline constexpr int kPageSize = 100;     // when the caller gives no limit
inline constexpr int kMaxPageSize = 1000;

struct PageQuery {
  std::string after;      // the page starts after this key; "" for the first page
  int limit = kPageSize;  // REQUIRES: 1..kMaxPageSize
};

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_after;  // the key the next page starts after; "" when this page is the last
};

// The cursor the caller is given for a key of the list named `list`
// (e.g. "requests"), and back. key_of_cursor() is invalid naming "cursor"
// for a text no page of that list gave (another list's cursor included).
std::string cursor_of(const std::string& list, const std::string& key);
Result<std::string> key_of_cursor(const std::string& list, const std::string& cursor);

// A key for a whole number that sorts as the number does. REQUIRES: n >= 0.
std::string number_key(std::int64_t n);
// The number of a number_key(), or invalid naming "cursor".
Result<std::int64_t> key_number(const std::string& key);
// The number the page starts after (or before, in a list of newest first):
// 0 for the first page.
Result<std::int64_t> number_after(const PageQuery& page);

// The page of `items` after query.after, in the order of key(item).
// REQUIRES: key(item) is unique. Cost: O(n log n) for n items.
template <class T, class KeyOf>
Page<T> page_of(const std::vector<T>& items, KeyOf key, const PageQuery& query) {
  std::vector<std::pair<std::string, const T*>> keyed;
  keyed.reserve(items.size());
  for (const T& item : items)
    if (std::string k = key(item); k > query.after) keyed.emplace_back(std::move(k), &item);
  auto limit = static_cast<std::size_t>(query.limit);
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (keyed.size() > limit) std::nth_element(keyed.begin(), keyed.begin() + limit, keyed.end(), by_key);
  Page<T> page;
  bool more = keyed.size() > limit;
  keyed.resize(std::min(keyed.size(), limit));
  std::sort(keyed.begin(), keyed.end(), by_key);
  for (const auto& [k, item] : keyed) page.items.push_back(*item);
  if (more) page.next_after = keyed.back().first;
  return page;
}

// The page from items already read in key order, at most limit + 1 of them
// (a store's query asks for one more than it shows, to know whether there
// is a next page).
template <class T, class KeyOf>
Page<T> page_of_read(std::vector<T> read, KeyOf key, int limit) {
  Page<T> page;
  if (read.size() > static_cast<std::size_t>(limit)) {
    read.resize(static_cast<std::size_t>(limit));
    page.next_after = key(read.back());
  }
  page.items = std::move(read);
  return page;
}

// The page of a store's list by id: `read(from, n)` reads at most n items
// of the list after (or, newest first, before) the id `from` (0: from the
// start), each with an `id`.
template <class T, class Read>
Result<Page<T>> page_by_id(const PageQuery& page, Read read) {
  auto from = number_after(page);
  if (!from.is_ok()) return from.status();
  Result<std::vector<T>> items = read(from.value(), page.limit + 1);
  if (!items.is_ok()) return items.status();
  return page_of_read(items.value(), [](const T& item) { return number_key(item.id); }, page.limit);
}

}  // namespace peerslot::service
