// violation_words.h — a rule the checker found broken, as a sentence for
// people: the council and the peer by name, the rule in plain words
// ("Cllr A. Example would be on two challenges in one week, at Hartlepool
// Borough Council"). The Service words its last-line refusals with it, so
// a change that slips past an operation's own checks is still refused in
// words; the rule id stays a separate field (Status::rule()).
// Thread-safety: pure function.
#pragma once

#include "engine/checker.h"
#include "engine/scenario.h"

#include <string>

namespace peerslot::service {

std::string violation_words(const Scenario& scenario, const Violation& violation);

}  // namespace peerslot::service
