#include "tests/browser/webdriver.h"

#include <httplib.h>
#include <openssl/evp.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace peerslot::test {

namespace {

using Clock = std::chrono::steady_clock;
const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

std::string decode_base64(const std::string& text) {
  std::string out(3 * text.size() / 4 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) throw std::runtime_error("screenshot: bad base64");
  size_t padding = text.size() >= 2 ? (text[text.size() - 1] == '=') + (text[text.size() - 2] == '=') : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

bool elapsed(Clock::time_point start, double seconds) {
  return std::chrono::duration<double>(Clock::now() - start).count() > seconds;
}

}  // namespace

Browser::Browser(int driver_port, int width, int height) {
  driver_pid_ = fork();
  if (driver_pid_ == 0) {
    std::string port = "--port=" + std::to_string(driver_port);
    execlp("chromedriver", "chromedriver", port.c_str(), "--log-level=OFF", static_cast<char*>(nullptr));
    _exit(127);
  }
  driver_ = std::make_unique<httplib::Client>("127.0.0.1", driver_port);
  driver_->set_read_timeout(60, 0);
  auto start = Clock::now();
  while (!driver_->Get("/status")) {
    if (elapsed(start, 10)) throw std::runtime_error("chromedriver did not start (is chromium-driver installed?)");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  nlohmann::json args = {"--headless",   "--no-sandbox",  "--disable-gpu",          "--disable-background-networking",
                         "--disable-sync", "--no-first-run", "--disable-component-update", "--disable-quic",
                         "--window-size=" + std::to_string(width) + "," + std::to_string(height)};
  nlohmann::json options = {{"binary", "/usr/bin/chromium"}, {"args", args}};
  // Chromium's windows are at least 500 px wide: a phone's width is emulated
  // (its viewport, touch and pixel ratio 1), as a phone shows the page.
  if (width < 500)
    options["mobileEmulation"] = {{"deviceMetrics", {{"width", width}, {"height", height}, {"pixelRatio", 1.0}, {"touch", true}}}};
  nlohmann::json caps = {{"capabilities", {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", options},
                                                             {"goog:loggingPrefs", {{"browser", "SEVERE"}}}}}}}};
  session_ = call("POST", "/session", caps)["sessionId"].get<std::string>();
  call("POST", "/timeouts", {{"script", 60000}});
}

Browser::~Browser() {
  try {
    if (!session_.empty()) call("DELETE", "");
  } catch (const std::exception&) {
    // The driver is stopped below either way.
  }
  if (driver_pid_ > 0) {
    kill(driver_pid_, SIGTERM);
    waitpid(driver_pid_, nullptr, 0);
  }
}

nlohmann::json Browser::call(const std::string& method, const std::string& path, const nlohmann::json& body) {
  std::string url = session_.empty() ? path : "/session/" + session_ + path;
  std::string payload = body.is_null() ? "{}" : body.dump();
  httplib::Result res = method == "GET"    ? driver_->Get(url.c_str())
                        : method == "DELETE" ? driver_->Delete(url.c_str())
                                             : driver_->Post(url.c_str(), payload, "application/json");
  if (!res) throw std::runtime_error("webdriver " + method + " " + path + ": no answer from chromedriver");
  auto reply = nlohmann::json::parse(res->body, nullptr, false);
  if (res->status != 200 || reply.is_discarded())
    throw std::runtime_error("webdriver " + method + " " + path + ": " + res->body.substr(0, 400));
  return reply["value"];
}

void Browser::go(const std::string& url) { call("POST", "/url", {{"url", url}}); }

std::string Browser::wait_for(const std::string& css, double seconds) {
  auto start = Clock::now();
  for (;;) {
    try {
      return call("POST", "/element", {{"using", "css selector"}, {"value", css}})[kElementKey].get<std::string>();
    } catch (const std::runtime_error&) {
      if (elapsed(start, seconds)) throw std::runtime_error("no element matches " + css);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void Browser::click(const std::string& css) { call("POST", "/element/" + wait_for(css) + "/click"); }

void Browser::type(const std::string& css, const std::string& text) {
  call("POST", "/element/" + wait_for(css) + "/value", {{"text", text}});
}

void Browser::press(const std::string& keys) {
  nlohmann::json actions = nlohmann::json::array();
  // One UTF-8 character at a time (the WebDriver key codes are 3-byte characters of the private use area).
  for (size_t i = 0; i < keys.size();) {
    size_t n = (keys[i] & 0x80) == 0 ? 1 : (keys[i] & 0xE0) == 0xC0 ? 2 : (keys[i] & 0xF0) == 0xE0 ? 3 : 4;
    std::string key = keys.substr(i, n);
    actions.push_back({{"type", "keyDown"}, {"value", key}});
    actions.push_back({{"type", "keyUp"}, {"value", key}});
    i += n;
  }
  call("POST", "/actions", {{"actions", {{{"type", "key"}, {"id", "keyboard"}, {"actions", actions}}}}});
}

void Browser::chord(const std::string& modifier, const std::string& key) {
  nlohmann::json actions = {{{"type", "keyDown"}, {"value", modifier}}, {{"type", "keyDown"}, {"value", key}},
                            {{"type", "keyUp"}, {"value", key}}, {{"type", "keyUp"}, {"value", modifier}}};
  call("POST", "/actions", {{"actions", {{{"type", "key"}, {"id", "keyboard"}, {"actions", actions}}}}});
  call("DELETE", "/actions");  // nothing stays held down
}

std::string Browser::text(const std::string& css) {
  return call("GET", "/element/" + wait_for(css) + "/text").get<std::string>();
}

std::string Browser::wait_for_text(const std::string& css, const std::string& needle, double seconds) {
  auto start = Clock::now();
  std::string seen;
  for (;;) {
    try {
      seen = text(css);
    } catch (const std::runtime_error&) {
      seen.clear();  // the element may be re-rendered between find and read
    }
    if (seen.find(needle) != std::string::npos || elapsed(start, seconds)) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
}

nlohmann::json Browser::run_script(const std::string& script, const nlohmann::json& args) {
  return call("POST", "/execute/sync", {{"script", script}, {"args", args}});
}

nlohmann::json Browser::run_async_script(const std::string& script, const nlohmann::json& args) {
  return call("POST", "/execute/async", {{"script", script}, {"args", args}});
}

std::string Browser::console_errors() {
  std::string lines;
  for (const auto& entry : call("POST", "/se/log", {{"type", "browser"}}))
    if (entry.value("level", "") == "SEVERE") lines += entry.value("message", "") + "\n";
  return lines;
}

void Browser::screenshot(const std::string& png_path) {
  std::string png = decode_base64(call("GET", "/screenshot").get<std::string>());
  std::ofstream(png_path, std::ios::binary) << png;
}

}  // namespace peerslot::test
