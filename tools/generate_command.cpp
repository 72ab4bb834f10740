// `peerslot generate [--scale K] [--seed N] -o FILE`: write a realistic demo
// scenario built from the reference data in data/.
#include "tools/commands.h"
#include "tools/generator.h"
#include "tools/scenario_files.h"

#include <iostream>
#include <memory>

namespace peerslot {

namespace {

struct GenerateArgs {
  GenerateOptions options;
  std::string output;
  std::string data_dir = default_data_dir();
};

int run_generate(const GenerateArgs& args) {
  auto data = load_reference_data(args.data_dir);
  if (!data.is_ok()) return report_bad_input(data.status());
  Scenario scenario = generate_scenario(data.value(), args.options);
  Status saved = save_scenario_file(args.output, scenario);
  if (!saved.is_ok()) return report_bad_input(saved);
  std::cerr << "generated " << scenario.councils.size() << " councils, " << scenario.peers.size() << " peers, "
            << scenario.requests.size() << " requests (scale " << args.options.scale << ", seed " << args.options.seed
            << ") -> " << args.output << "\n";
  return kExitOk;
}

}  // namespace

void add_generate_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand("generate", "Write a realistic demo scenario from the reference data in data/");
  cmd->add_option("--scale", args->options.scale, "Copies of every council (and so of peers and requests)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Random seed; the same seed gives the same scenario")
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Scenario JSON to write ('-' for stdout)")->required();
  cmd->add_option("--data", args->data_dir, "Reference data directory")->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = run_generate(*args); });
}

}  // namespace peerslot
