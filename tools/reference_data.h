// reference_data.h — the real councils, polling days and bank holidays in
// data/ (see data/README.md for sources), loaded for the demo generator and
// the command line.
//
// Guarantees: every council has a unique code and a known type; every polling
// day belongs to a listed council; dates are real dates. A malformed file is
// rejected with its name and line number.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"

#include <string>
#include <vector>

namespace peerslot {

struct CouncilRecord {
  std::string code;     // ONS GSS code as of April 2011, e.g. E10000018
  std::string name;
  std::string type;     // county, district, unitary, metropolitan, london_borough, welsh_unitary
  std::string region;   // English region or "Wales"
  double lat = 0;
  double lon = 0;
  std::string control;  // party or "NOC", after the May 2011 elections
  std::vector<Date> polling_days;  // scheduled ordinary elections 2011..2014
};

struct ReferenceData {
  std::vector<CouncilRecord> councils;
  std::vector<Date> bank_holidays;  // England and Wales
};

// Directory holding councils.csv, elections.csv and bank_holidays.csv:
// $PEERSLOT_DATA_DIR if set, else the source tree's data/.
std::string default_data_dir();
Result<ReferenceData> load_reference_data(const std::string& dir);

// Splits one CSV line into fields (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace peerslot
