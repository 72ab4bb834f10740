// page_checks.cpp — see page_checks.h.
#include "tests/browser/page_checks.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace peerslot::test {

using nlohmann::json;

std::string artifact(const std::string& name) {
  std::filesystem::create_directories(PEERSLOT_ARTIFACT_DIR);
  return std::string(PEERSLOT_ARTIFACT_DIR) + "/" + name;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string axe_violations(Browser& browser) {
  static const std::string source = [] {
    std::string text = read_text(std::string(PEERSLOT_WEB_SOURCE_DIR) + "/node_modules/axe-core/axe.min.js");
    if (text.empty()) throw std::runtime_error("web/node_modules/axe-core/axe.min.js is missing: run tools/setup (npm ci in web/)");
    return text;
  }();
  if (!browser.run_script("return typeof window.axe !== 'undefined';").get<bool>()) browser.run_script(source);
  json found = browser.run_async_script(R"(
    const done = arguments[arguments.length - 1];
    axe.run(document, { resultTypes: ['violations'] })
      .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                          .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)))
      .catch((e) => done(['axe failed: ' + e]));)");
  std::string lines;
  for (const auto& v : found) lines += v.get<std::string>() + "\n";
  return lines;
}

void check_page(Browser& browser, const std::string& name, Reader reader) {
  std::string violations = axe_violations(browser);
  INFO("page " << name << ": axe-core found\n" << violations);
  REQUIRE(violations.empty());
  if (reader == Reader::kPerson) {
    json words = browser.run_script(R"(
      // A booking's reference is the service's own code, shown as it is.
      const copy = document.body.cloneNode(true);
      copy.querySelectorAll('.app-reference').forEach((e) => e.remove());
      copy.style.display = 'none';
      const text = copy.textContent;
      return [/\bH\d{1,2}\b/, /\bcost\b/i, /\b[PR]\d{5}\b/, /\bE\d{8}\b/, /\d{4}-\d{2}-\d{2}/, /\bdelta\b/,
              /\bundefined\b/, /\bnull\b/]
        .filter((re) => re.test(text)).map((re) => re.source + ': ' + text.match(re)[0]);)");
    INFO("page " << name << " shows " << words.dump());
    CHECK(words.empty());
  }
  // Script errors and files of the page that failed to load; an API call
  // the service refused (401, 409) or could not answer is the test's own doing.
  std::string errors;
  std::istringstream lines(browser.console_errors());
  for (std::string line; std::getline(lines, line);) {
    bool api_call = line.find("Failed to load resource") != std::string::npos &&
                    !std::regex_search(line.substr(0, line.find(' ')), std::regex(R"(\.(js|mjs|css|png|svg|ico)$)"));
    if (!api_call) errors += line + "\n";
  }
  INFO("page " << name << ": the console says\n" << errors);
  CHECK(errors.empty());
  json width = browser.run_script("return [document.documentElement.scrollWidth, window.innerWidth];");
  if (width[1].get<int>() <= 400) {
    INFO("page " << name << " is " << width[0] << " px wide in a " << width[1] << " px window");
    CHECK(width[0].get<int>() <= width[1].get<int>());
  }
  browser.screenshot(artifact(name + ".png"));
}

}  // namespace peerslot::test
