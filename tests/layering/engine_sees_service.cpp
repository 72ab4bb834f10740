// Must not compile with the engine include root alone: the engine cannot see the service.
#include "service/state.h"
