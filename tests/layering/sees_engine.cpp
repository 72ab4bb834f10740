// Compiles only when the engine public headers are visible.
#include "engine/booking_options.h"
