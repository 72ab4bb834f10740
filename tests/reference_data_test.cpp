// The reference data in data/ loads, is complete for April 2011 and keeps
// the facts the scheduler depends on; a malformed control_changes.csv is
// rejected with its line number.
#include "tools/reference_data.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

}  // namespace

TEST_CASE("changes of political control at the 2012, 2013 and 2014 elections", "[data]") {
  std::map<int, int> per_year;
  for (const CouncilRecord& c : reference().councils) {
    INFO(c.code << " " << c.name);
    CHECK(control_values().count(c.control));
    std::string before = c.control;
    for (size_t i = 0; i < c.control_changes.size(); ++i) {
      const ControlChangeRecord& change = c.control_changes[i];
      INFO(to_iso(change.date) << " " << change.control);
      if (i > 0) CHECK(c.control_changes[i - 1].date < change.date);
      CHECK(change.control != before);  // a row is a real change
      CHECK(control_values().count(change.control));
      // A change happens at one of the council's own ordinary elections.
      CHECK(std::find(c.polling_days.begin(), c.polling_days.end(), change.date) != c.polling_days.end());
      CHECK(control_on(c, change.date) == change.control);
      CHECK(control_on(c, change.date - boost::gregorian::days(1)) == before);
      before = change.control;
      ++per_year[change.date.year()];
    }
  }
  CHECK(per_year[2012] >= 30);
  CHECK(per_year[2013] == 11);  // every 2013 change of control (see data/README.md)
  CHECK(per_year[2014] >= 15);
}

TEST_CASE("well-known changes of control are present", "[data]") {
  const CouncilRecord* birmingham = council("E08000025");
  REQUIRE(birmingham);
  CHECK(control_on(*birmingham, day("2012-05-02")) == "NOC");
  CHECK(control_on(*birmingham, day("2012-05-03")) == "Labour");
  const CouncilRecord* notts = council("E10000024");
  REQUIRE(notts);
  REQUIRE(notts->control_changes.size() == 1);
  CHECK(notts->control_changes[0].date == day("2013-05-02"));
  CHECK(notts->control_changes[0].control == "Labour");
  const CouncilRecord* croydon = council("E09000008");
  REQUIRE(croydon);
  CHECK(control_on(*croydon, day("2014-05-21")) == "Conservative");
  CHECK(control_on(*croydon, day("2014-05-22")) == "Labour");
  // Thurrock: Labour gain in 2012, lost to no overall control in 2014.
  const CouncilRecord* thurrock = council("E06000034");
  REQUIRE(thurrock);
  REQUIRE(thurrock->control_changes.size() == 2);
  CHECK(control_on(*thurrock, day("2013-01-01")) == "Labour");
  CHECK(control_on(*thurrock, day("2014-06-01")) == "NOC");
}

TEST_CASE("Eden and Blaenau Gwent control as decided in data/README.md", "[data]") {
  const CouncilRecord* eden = council("E07000030");
  REQUIRE(eden);
  CHECK(eden->control == "Independent");
  CHECK(eden->control_changes.empty());  // no Eden election between 2011 and 2015
  const CouncilRecord* blaenau_gwent = council("W06000019");
  REQUIRE(blaenau_gwent);
  CHECK(blaenau_gwent->control == "Independent");
  CHECK(control_on(*blaenau_gwent, day("2012-05-03")) == "Labour");
}

namespace {

// A data directory with two councils and the given control_changes.csv body.
std::string data_dir_with(const std::string& name, const std::string& changes) {
  auto dir = std::filesystem::temp_directory_path() /
             ("peerslot-reference-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::create_directories(dir);
  auto write = [&](const char* file, const std::string& text) { std::ofstream(dir / file) << text; };
  write("councils.csv",
        "code,name,type,region,lat,lon,control\n"
        "E07000001,Alpha District Council,district,North West,54.0,-2.5,Conservative\n"
        "E07000002,Beta District Council,district,North West,54.1,-2.6,NOC\n");
  write("elections.csv", "code,polling_day\nE07000001,2012-05-03\nE07000002,2012-05-03\n");
  write("bank_holidays.csv", "date,name\n2012-05-07,Early May bank holiday\n");
  if (!changes.empty()) write("control_changes.csv", "code,date,control,source\n" + changes);
  return dir.string();
}

std::string load_error(const std::string& name, const std::string& changes) {
  auto loaded = load_reference_data(data_dir_with(name, changes));
  return loaded.is_ok() ? "" : loaded.status().message();
}

}  // namespace

TEST_CASE("control_changes.csv is required and checked row by row", "[data]") {
  const std::string good = "E07000001,2012-05-03,Labour,https://example.org/a\n";
  auto loaded = load_reference_data(data_dir_with("good", good));
  INFO(loaded.status().message());
  REQUIRE(loaded.is_ok());
  REQUIRE(loaded.value().councils[0].control_changes.size() == 1);
  CHECK(loaded.value().councils[0].control_changes[0].control == "Labour");

  // Missing file.
  CHECK(load_error("missing", "").find("control_changes.csv") != std::string::npos);

  struct Bad {
    const char* name;
    std::string row;
    const char* message;
  };
  const std::vector<Bad> bad = {
      {"code", "E07000099,2012-05-03,Labour,https://example.org/b\n", "unknown council code E07000099"},
      {"date", "E07000002,2012-02-30,Labour,https://example.org/b\n", "is not a date"},
      {"control", "E07000002,2012-05-03,Labor,https://example.org/b\n", "unknown control \"Labor\""},
      {"order", "E07000001,2012-05-02,NOC,https://example.org/b\n", "is not after its previous change"},
      {"same", "E07000002,2012-05-03,NOC,https://example.org/b\n", "control is already NOC"},
      {"source", "E07000002,2012-05-03,Labour,\n", "source is required"},
      {"fields", "E07000002,2012-05-03,Labour\n", "expected 4 fields"},
  };
  for (const Bad& b : bad) {
    // The bad row is line 3, after the header and a good row.
    std::string message = load_error(b.name, good + b.row);
    INFO(b.name << ": " << message);
    CHECK(message.find("control_changes.csv:3: ") != std::string::npos);
    CHECK(message.find(b.message) != std::string::npos);
  }
  // A same-day repeat for one council is not strictly increasing either.
  std::string twice = load_error("twice", good + "E07000001,2012-05-03,Labour,https://example.org/b\n");
  CHECK(twice.find("control_changes.csv:3: ") != std::string::npos);
}
