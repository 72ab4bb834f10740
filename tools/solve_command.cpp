// Placeholder until the scheduler lands: registers nothing.
#include "tools/commands.h"
namespace peerslot {
void add_solve_command(CLI::App&, int*) {}
}  // namespace peerslot
