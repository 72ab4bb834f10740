// request_text.cpp — checks for text that has not been through a JSON
// parser, on engine/json_text.h's UTF-8 decoder.
#include "service/request_text.h"

#include "engine/json_text.h"

#include <cstdio>

namespace peerslot::service {

bool clean_text(std::string_view text) { return !has_control_character(text) && is_valid_utf8(text); }

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < limit) {
    std::size_t n = utf8_sequence_length(text, i);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 0 || (n == 1 && is_control_byte(c))) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return i < text.size() ? out + "…" : out;
}

std::string trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace peerslot::service
