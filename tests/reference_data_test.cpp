// The reference data in data/ loads, is complete for April 2011 and keeps
// the facts the scheduler depends on.
#include "tools/reference_data.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace peerslot;

namespace {

const ReferenceData& reference() {
  static const ReferenceData data = [] {
    auto loaded = load_reference_data(default_data_dir());
    INFO(loaded.status().message());
    REQUIRE(loaded.is_ok());
    return loaded.value();
  }();
  return data;
}

const CouncilRecord* council(const std::string& code) {
  for (const CouncilRecord& c : reference().councils)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("every council in England and Wales as of April 2011", "[data]") {
  std::map<std::string, int> by_type;
  for (const CouncilRecord& c : reference().councils) ++by_type[c.type];
  CHECK(by_type["county"] == 27);
  CHECK(by_type["district"] == 201);
  CHECK(by_type["metropolitan"] == 36);
  CHECK(by_type["london_borough"] == 33);
  CHECK(by_type["welsh_unitary"] == 22);
  CHECK(by_type["unitary"] >= 55);
  CHECK(by_type["unitary"] <= 56);
}

TEST_CASE("councils carry real codes, regions and positions", "[data]") {
  const CouncilRecord* leics = council("E10000018");
  REQUIRE(leics);
  CHECK(leics->type == "county");
  CHECK(leics->region == "East Midlands");
  CHECK(leics->lat == Approx(52.6).margin(0.3));
  const CouncilRecord* anglesey = council("W06000001");
  REQUIRE(anglesey);
  CHECK(anglesey->region == "Wales");
  std::set<std::string> regions;
  for (const CouncilRecord& c : reference().councils) {
    regions.insert(c.region);
    CHECK(c.lat > 49.8);  // England and Wales lie between the Scillies and Berwick
    CHECK(c.lat < 55.9);
    CHECK(c.lon > -6.5);
    CHECK(c.lon < 1.8);
  }
  CHECK(regions.size() == 10);
}

TEST_CASE("polling days follow the cycles, with Anglesey postponed", "[data]") {
  const Date county_day(2013, 5, 2), london_day(2014, 5, 22), wales_day(2012, 5, 3);
  for (const CouncilRecord& c : reference().councils) {
    INFO(c.code << " " << c.name);
    auto has = [&](Date d) { return std::find(c.polling_days.begin(), c.polling_days.end(), d) != c.polling_days.end(); };
    if (c.type == "county") CHECK(c.polling_days == std::vector<Date>{county_day});
    if (c.type == "london_borough" && c.code != "E09000001") CHECK(has(london_day));
    if (c.type == "welsh_unitary" && c.code != "W06000001") CHECK(c.polling_days == std::vector<Date>{wales_day});
    if (c.type == "metropolitan") CHECK_FALSE(has(county_day));
  }
  CHECK(council("W06000001")->polling_days == std::vector<Date>{county_day});
}
