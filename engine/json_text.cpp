// json_text.cpp — parse_json_text() in three steps: a byte scan (UTF-8 and
// nesting depth, tracking line and column), a SAX pass that only looks for
// syntax and number-range errors (keeping the position nlohmann reports),
// then the DOM build, which can no longer fail.
#include "engine/json_text.h"

#include <algorithm>

namespace peerslot {

using nlohmann::json;

namespace {

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;  // in characters
};

// The line and column of byte `offset` of `text`.
Position position_of(std::string_view text, std::size_t offset) {
  Position at;
  for (std::size_t i = 0; i < offset && i < text.size();) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
      ++i;
      continue;
    }
    std::size_t step = utf8_sequence_length(text, i);
    i += step ? step : 1;
    ++at.column;
  }
  return at;
}

Status refusal(const Position& at, const std::string& what) {
  return Status::invalid("not valid JSON: line " + std::to_string(at.line) + ", column " + std::to_string(at.column) +
                         ": " + what);
}

// The first `limit` characters of well-formed UTF-8 text.
std::string_view first_characters(std::string_view text, std::size_t limit) {
  std::size_t end = 0;
  for (std::size_t count = 0; end < text.size() && count < limit; ++count) {
    std::size_t step = utf8_sequence_length(text, end);
    end += step ? step : 1;
  }
  return text.substr(0, end);
}

// UTF-8 and nesting depth, before anything is parsed.
Status scan_text(std::string_view text) {
  Position at;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t step = utf8_sequence_length(text, i);
    if (step == 0) return refusal(at, "the text is not valid UTF-8");
    char c = text[i];
    if (in_string) {
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth)
        return refusal(at, "the value is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    i += step;
  }
  return Status::ok();
}

// Accepts every value; remembers the first error and where nlohmann saw it.
// The refusal quotes the character there, never nlohmann's token or words.
class ErrorFinder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
    position_ = position;
    out_of_range_ = error.id == 406;
    return false;
  }

  // The refusal for the error found in `text`.
  Status status(std::string_view text) const {
    std::size_t offset = position_ > 0 ? position_ - 1 : 0;
    Position at = position_of(text, offset);
    if (out_of_range_) return refusal(at, "a number is out of range");
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return refusal(at, "the text is empty");
    if (offset >= text.size()) return refusal(at, "the text ends before the value is complete");
    std::size_t length = std::max<std::size_t>(1, utf8_sequence_length(text, offset));
    return refusal(at, "unexpected " + quote_json(json(std::string(text.substr(offset, length)))));
  }

 private:
  std::size_t position_ = 0;
  bool out_of_range_ = false;
};

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  auto continuation = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
  unsigned lead = byte(at);
  if (at >= text.size()) return 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(at + 1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    unsigned second = byte(at + 1);
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogate
    return continuation(at + 1) && continuation(at + 2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    unsigned second = byte(at + 1);
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
    return continuation(at + 1) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
  }
  return 0;
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](unsigned char c) { return is_control_byte(c); });
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t step = utf8_sequence_length(text, i);
    if (step == 0) return false;
    i += step;
  }
  return true;
}

Result<json> parse_json_text(const std::string& text) {
  Status scanned = scan_text(text);
  if (!scanned.is_ok()) return scanned;
  ErrorFinder finder;
  if (!json::sax_parse(text, &finder)) return finder.status(text);
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) return Status::invalid("not valid JSON: the text could not be read");
  return value;
}

std::string json_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string quote_json(const json& value, std::size_t limit) { return shorten(json_text(value), limit); }

std::string shorten(std::string_view text, std::size_t limit) {
  std::string valid;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t step = utf8_sequence_length(text, i);
    valid += step ? text.substr(i, step) : std::string_view("\xEF\xBF\xBD");  // U+FFFD
    i += step ? step : 1;
  }
  std::string_view kept = first_characters(valid, limit);
  if (kept.size() == valid.size()) return valid;
  return std::string(first_characters(valid, limit > 3 ? limit - 3 : 0)) + "...";
}

}  // namespace peerslot
