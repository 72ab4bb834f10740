// CSV import: cells are plain decimal numbers, well-formed UTF-8 without
// control characters, and every refusal names the column and the line.
#include "service/csv_import.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using nlohmann::json;

namespace {

const std::string kHeader = "id,name,type,region,control,lat,lon,elections,blackouts\r\n";

// The refusal of a councils CSV of the header and `lines` ("" if accepted).
std::string refusal(const std::string& lines) {
  auto imported = service::councils_from_csv(kHeader + lines);
  return imported.is_ok() ? "" : imported.status().message();
}

std::string council_line(const std::string& lat) {
  return "E06000001,Hartlepool Borough Council,unitary,North East,Labour," + lat + ",-1.2557,,\r\n";
}

}  // namespace

TEST_CASE("a councils CSV in the export's columns is read", "[csv]") {
  auto imported = service::councils_from_csv(kHeader + council_line("54.669") +
                                          "\"W1\",\"Rhondda, \"\"Taf\"\"\",welsh_unitary,Wales,NOC,5e1,-3,2012-05-03;2013-05-02,"
                                          "2011-12-19..2012-01-06\r\n");
  INFO(imported.status().message());
  REQUIRE(imported.is_ok());
  const json& councils = imported.value();
  REQUIRE(councils.size() == 2);
  CHECK(councils[0]["lat"] == 54.669);
  CHECK(councils[1]["name"] == "Rhondda, \"Taf\"");
  CHECK(councils[1]["lat"] == 50.0);
  CHECK(councils[1]["elections"] == json({"2012-05-03", "2013-05-02"}));
  CHECK(councils[1]["blackouts"] == json::parse(R"([{"start": "2011-12-19", "end": "2012-01-06"}])"));
}

TEST_CASE("numbers are plain decimals, never what std::stod also takes", "[csv]") {
  CHECK(refusal(council_line("nan")) == "lat: \"nan\" is not a number (line 2)");
  CHECK(refusal(council_line("inf")) == "lat: \"inf\" is not a number (line 2)");
  CHECK(refusal(council_line("-Infinity")) == "lat: \"-Infinity\" is not a number (line 2)");
  CHECK(refusal(council_line("0x1p3")) == "lat: \"0x1p3\" is not a number (line 2)");
  CHECK(refusal(council_line(" 54")) == "lat: \" 54\" is not a number (line 2)");
  CHECK(refusal(council_line("1e400")) == "lat: \"1e400\" is not a number (line 2)");
  CHECK(refusal(council_line("54.")) == "");
  CHECK(refusal(council_line("-.5")) == "");
  CHECK(refusal(council_line("1e-05")) == "");  // as the export may write a small value
}

TEST_CASE("a whole-number column takes digits only", "[csv]") {
  std::string header = "id,name,role,party,council,region,lat,lon,skills,available,max_days_per_year,conflicts\n";
  auto with_cap = [&](const std::string& cap) {
    auto imported = service::peers_from_csv(header + "P1,Chief,chief_executive,,,London,,,,2011-04-01..2012-03-31," + cap + ",\n");
    return imported.is_ok() ? "" : imported.status().message();
  };
  CHECK(with_cap("12") == "");
  CHECK(with_cap("12.5") == "max_days_per_year: \"12.5\" is not a whole number (line 2)");
  CHECK(with_cap("1e300") == "max_days_per_year: \"1e300\" is not a whole number (line 2)");
  CHECK(with_cap("99999999999999999999") == "max_days_per_year: \"99999999999999999999\" is not a whole number (line 2)");
}

TEST_CASE("control characters and invalid UTF-8 in a cell are refused, naming the column", "[csv]") {
  std::string nul = "E1,Hart" + std::string(1, '\0') + "lepool,unitary,North East,Labour,,,,\r\n";
  CHECK(refusal(nul) == "name: \"Hart\\u0000lepool\" contains a control character (line 2)");
  CHECK(refusal("E1,\"Hart\nlepool\",unitary,North East,Labour,,,,\r\n") ==
        "name: \"Hart\\nlepool\" contains a control character (line 2)");
  CHECK(refusal("E1,\"Hart\rlepool\",unitary,North East,Labour,,,,\r\n") ==
        "name: \"Hart\\rlepool\" contains a control character (line 2)");
  CHECK(refusal("E1,Hartlepool,unitary,North\tEast,Labour,,,,\r\n") ==
        "region: \"North\\tEast\" contains a control character (line 2)");
  CHECK(refusal("E1,Caf\xC3,unitary,North East,Labour,,,,\r\n") == "name: is not valid UTF-8 (line 2)");
}

TEST_CASE("line numbers count the lines of the text, blank ones included", "[csv]") {
  CHECK(refusal(council_line("54") + "\r\n\r\n" + council_line("north")) == "lat: \"north\" is not a number (line 5)");
}
