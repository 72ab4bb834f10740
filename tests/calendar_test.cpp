#include "engine/calendar.h"
#include <catch2/catch.hpp>
using namespace peerslot;
TEST_CASE("placeholder") { REQUIRE(is_monday(Date(2011, 9, 12))); }
