// commands.h — the subcommands of the `peerslot` command line. Each adds
// itself to the CLI11 app; its callback sets *exit_code.
#pragma once

#include <CLI/CLI.hpp>

namespace peerslot {

void add_check_command(CLI::App& app, int* exit_code);
void add_generate_command(CLI::App& app, int* exit_code);
void add_solve_command(CLI::App& app, int* exit_code);
void add_options_command(CLI::App& app, int* exit_code);
void add_repair_command(CLI::App& app, int* exit_code);
void add_bench_command(CLI::App& app, int* exit_code);
void add_serve_command(CLI::App& app, int* exit_code);
void add_openapi_command(CLI::App& app, int* exit_code);

}  // namespace peerslot
