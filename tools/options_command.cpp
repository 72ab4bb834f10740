// Placeholder until the scheduler lands: registers nothing.
#include "tools/commands.h"
namespace peerslot {
void add_options_command(CLI::App&, int*) {}
}  // namespace peerslot
