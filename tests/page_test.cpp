// Unit tests of keyset pages (service/page.h), their cursors
// (service/base64.h) and the users' list filter (service/collections.h).
#include "service/base64.h"
#include "service/collections.h"
#include "service/page.h"

#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

using namespace peerslot;
using namespace peerslot::service;

TEST_CASE("base64url round-trips any bytes and refuses what it did not make", "[page]") {
  std::mt19937 random(7);
  for (int n = 0; n < 40; ++n) {
    std::string bytes;
    for (int i = 0; i < n; ++i) bytes += static_cast<char>(random() % 256);
    std::string text = base64url(bytes);
    CHECK(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    CHECK(from_base64url(text) == bytes);
  }
  CHECK(base64url("R00001") == "UjAwMDAx");
  CHECK(!from_base64url("UjAwMDAx=").has_value());  // padding
  CHECK(!from_base64url("Uj+w").has_value());       // the standard alphabet
  CHECK(!from_base64url("UjB").has_value());        // "Uj" + stray bits in the last letter
  CHECK(!from_base64url("U").has_value());
  CHECK(!from_base64url("not a cursor").has_value());
}

TEST_CASE("cursors and number keys refuse a forged or foreign text, naming cursor", "[page]") {
  CHECK(key_of_cursor("requests", cursor_of("requests", "R00001")).value() == "R00001");
  CHECK(key_of_cursor("peers", cursor_of("requests", "R00001")).status().field() == "cursor");
  CHECK(key_of_cursor("requests", cursor_of("requests", "")).status().field() == "cursor");
  CHECK(key_of_cursor("requests", "").status().field() == "cursor");
  CHECK(key_of_cursor("requests", "%%%").status().field() == "cursor");
  CHECK(key_of_cursor("requests", "not-a-cursor").status().field() == "cursor");
  CHECK(number_key(42) == "0000000000000000042");
  CHECK(key_number(number_key(9223372036854775807)).value() == 9223372036854775807);
  CHECK(key_number("9999999999999999999").status().field() == "cursor");
  CHECK(key_number("R00001").status().field() == "cursor");
  CHECK(number_after(PageQuery{}).value() == 0);
}

TEST_CASE("page_of walks a list in key order, each item once, whatever the page size", "[page]") {
  std::vector<int> items;
  for (int i = 0; i < 53; ++i) items.push_back((i * 37) % 53);  // every number below 53, shuffled
  auto key = [](int n) { return number_key(n); };
  for (int limit : {1, 5, 52, 53, 54, 1000}) {
    std::vector<int> walked;
    PageQuery query{"", limit};
    int pages = 0;
    for (;; ++pages) {
      Page<int> page = page_of(items, key, query);
      CHECK(page.items.size() <= static_cast<std::size_t>(limit));
      walked.insert(walked.end(), page.items.begin(), page.items.end());
      if (page.next_after.empty()) break;
      query.after = page.next_after;
    }
    std::vector<int> sorted(53);
    for (int i = 0; i < 53; ++i) sorted[i] = i;
    CHECK(walked == sorted);
    CHECK(pages == (53 + limit - 1) / limit - 1);  // no empty last page
  }
}

TEST_CASE("a page read with one more than its limit knows whether another follows", "[page]") {
  auto key = [](int n) { return number_key(n); };
  Page<int> more = page_of_read(std::vector<int>{9, 8, 7}, key, 2);
  CHECK(more.items == std::vector<int>{9, 8});
  CHECK(more.next_after == number_key(8));
  Page<int> last = page_of_read(std::vector<int>{9, 8}, key, 2);
  CHECK(last.items.size() == 2);
  CHECK(last.next_after.empty());
}

TEST_CASE("the users' list filters by role, subject and a part of the name or address", "[page]") {
  auto user = [](std::int64_t id, std::string name, std::string email, std::string role, std::string subject) {
    User u;
    u.id = id;
    u.name = std::move(name);
    u.email = std::move(email);
    u.role = std::move(role);
    u.subject = std::move(subject);
    return u;
  };
  std::vector<User> users = {user(1, "Jo Bloggs", "jo@hartlepool.example.org", "council", "E06000001"),
                             user(2, "Sam Patel", "sam@example.org", "peer", "P00001"),
                             user(3, "Office", "office@example.org", "office", "")};
  CHECK(list_users(users, {"peer", "", ""}, {}).value().items.at(0).id == 2);
  CHECK(list_users(users, {"", "E06000001", ""}, {}).value().items.at(0).id == 1);
  CHECK(list_users(users, {"", "", "HARTLEPOOL"}, {}).value().items.at(0).id == 1);
  CHECK(list_users(users, {"", "", "patel"}, {}).value().items.at(0).id == 2);
  CHECK(list_users(users, {}, {"", 2}).value().next_after == number_key(2));
  CHECK(list_users(users, {"mayor", "", ""}, {}).status().field() == "role");
}
