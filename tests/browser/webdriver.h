// webdriver.h — a minimal W3C WebDriver client for browser tests, talking to
// Debian's chromedriver over HTTP with cpp-httplib, driving headless
// Debian chromium. No npm, no downloaded browser.
//
// Guarantees: the destructor closes the browser session and stops the
// chromedriver it started. Every failed WebDriver call throws
// std::runtime_error naming the command and the driver's message, so a
// test fails with the reason.
// Thread-safety: one Browser per thread.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace peerslot::test {

class Browser {
 public:
  // Starts chromedriver on `driver_port` and opens a headless chromium
  // window of the given size.
  Browser(int driver_port, int width, int height);
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  void go(const std::string& url);
  // Waits up to `seconds` for an element matching the CSS selector; returns its id.
  std::string wait_for(const std::string& css, double seconds = 10);
  void click(const std::string& css);
  void type(const std::string& css, const std::string& text);
  // Presses keys on the keyboard as a person does, into whatever has focus
  // (WebDriver key codes: kTab, kEnter, kArrowDown; other characters as themselves).
  void press(const std::string& keys);
  static constexpr const char* kTab = "\uE004";
  static constexpr const char* kEnter = "\uE007";
  static constexpr const char* kShift = "\uE008";
  static constexpr const char* kEscape = "\uE00C";
  static constexpr const char* kSpace = " ";
  static constexpr const char* kArrowLeft = "\uE012";
  static constexpr const char* kArrowUp = "\uE013";
  static constexpr const char* kArrowRight = "\uE014";
  static constexpr const char* kArrowDown = "\uE015";
  // Holds `modifier` (kShift) down while pressing `key`: chord(kShift, kTab) is Shift+Tab.
  void chord(const std::string& modifier, const std::string& key);
  std::string text(const std::string& css);
  // Waits until the text of `css` contains `needle`; returns the last text seen.
  std::string wait_for_text(const std::string& css, const std::string& needle, double seconds = 15);
  nlohmann::json run_script(const std::string& script, const nlohmann::json& args = nlohmann::json::array());
  // Runs a script that ends by calling its last argument (the WebDriver
  // "execute async" callback) with the result, waiting up to the session's
  // script timeout (60 s here).
  nlohmann::json run_async_script(const std::string& script, const nlohmann::json& args = nlohmann::json::array());
  void screenshot(const std::string& png_path);
  // The browser's console messages of level SEVERE (script errors, failed
  // loads) since the last call, one a line.
  std::string console_errors();

 private:
  nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

  int driver_pid_ = -1;
  std::unique_ptr<httplib::Client> driver_;
  std::string session_;
};

}  // namespace peerslot::test
