// Must not compile with the engine public include root: engine/internal/ is private.
#include "engine/internal/schedule_state.h"
