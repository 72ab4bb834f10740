// peerslot — scheduling and booking for local government peer challenge.
// The command line: each subcommand lives in its own *_command.cpp.
#include "tools/commands.h"
#include "tools/scenario_files.h"

int main(int argc, char** argv) {
  CLI::App app{"peerslot: plan, check and book local government peer challenges"};
  app.require_subcommand(1);
  int exit_code = peerslot::kExitOk;
  peerslot::add_check_command(app, &exit_code);
  peerslot::add_generate_command(app, &exit_code);
  peerslot::add_solve_command(app, &exit_code);
  peerslot::add_options_command(app, &exit_code);
  peerslot::add_repair_command(app, &exit_code);
  peerslot::add_bench_command(app, &exit_code);
  peerslot::add_serve_command(app, &exit_code);
  peerslot::add_openapi_command(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : peerslot::kExitBadInput;
  }
  return exit_code;
}
