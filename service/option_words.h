// option_words.h — why a booking option is offered, in words a council
// reads: "In your preferred period", "The team travels 320 km in all",
// "Spreads the peers' days most evenly of these weeks", never a cost.
//
// Guarantees: pure; the words depend only on the option, the other options
// listed with it and the request, so every reader sees the same page.
// Cost: O(listed options).
// Thread-safety: pure functions.
#pragma once

#include "engine/booking_options.h"
#include "engine/scenario.h"

#include <string>
#include <vector>

namespace peerslot::service {

// The reasons for `listed[i]`, best first. REQUIRES: i < listed.size().
std::vector<std::string> option_reasons(const Scenario& scenario, const Request& request,
                                        const std::vector<BookingOption>& listed, std::size_t i);

}  // namespace peerslot::service
