// reference_data.h — the real councils, polling days, changes of political
// control and bank holidays in data/ (see data/README.md for sources), loaded
// for the demo generator and the command line.
//
// Guarantees: every council has a unique code, a known type and a known
// control value; every polling day and every change of control belongs to a
// listed council; dates are real dates; each council's control changes are
// in strictly increasing date order and each differs from the control in
// force before it. A malformed file is rejected with its name and line number.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"

#include <set>
#include <string>
#include <vector>

namespace peerslot {

// A change of political control at an ordinary election (data/control_changes.csv).
struct ControlChangeRecord {
  Date date;            // polling day; the new control is in force from this day
  std::string control;  // party or "NOC", same values as CouncilRecord::control
};

struct CouncilRecord {
  std::string code;     // ONS GSS code as of April 2011, e.g. E10000018
  std::string name;
  std::string type;     // county, district, unitary, metropolitan, london_borough, welsh_unitary
  std::string region;   // English region or "Wales"
  double lat = 0;
  double lon = 0;
  std::string control;  // party or "NOC", after the May 2011 elections
  std::vector<Date> polling_days;  // scheduled ordinary elections 2011..2014
  std::vector<ControlChangeRecord> control_changes;  // May 2012..May 2014, by date
};

struct ReferenceData {
  std::vector<CouncilRecord> councils;
  std::vector<Date> bank_holidays;  // England and Wales
};

// The values a control field may take: "Conservative", "Labour",
// "Liberal Democrat", "Plaid Cymru", "Independent", "Green" and "NOC".
const std::set<std::string>& control_values();

// The control in force on day: the latest change on or before day, else the
// mid-2011 control.
const std::string& control_on(const CouncilRecord& council, Date day);

// Directory holding councils.csv, elections.csv, control_changes.csv and
// bank_holidays.csv: $PEERSLOT_DATA_DIR if set, else the source tree's data/.
std::string default_data_dir();
Result<ReferenceData> load_reference_data(const std::string& dir);

// Splits one CSV line into fields (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace peerslot
