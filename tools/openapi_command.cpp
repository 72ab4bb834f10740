// openapi_command.cpp — `peerslot openapi`: the API's OpenAPI 3.1 document
// (http/openapi.h) on stdout, as GET /openapi.json serves it, without
// starting a service: for generating clients and for checking the document.
#include "http/openapi.h"
#include "http/server.h"
#include "store/sqlite_store.h"
#include "tools/commands.h"
#include "tools/scenario_files.h"

#include <iostream>

namespace peerslot {

namespace {

int run_openapi() {
  auto store = store::SqliteStore::open(":memory:");
  auto service = store.is_ok() ? service::Service::open(std::move(store).value())
                               : Result<std::unique_ptr<service::Service>>(store.status());
  if (!service.is_ok()) return report_bad_input(service.status());
  http::Server server(*service.value(), {});
  std::cout << http::openapi_document(server.router().routes()).dump(2) << "\n";
  return kExitOk;
}

}  // namespace

void add_openapi_command(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("openapi", "Print the API's OpenAPI 3.1 document (as GET /openapi.json serves it)");
  cmd->callback([exit_code] { *exit_code = run_openapi(); });
}

}  // namespace peerslot
