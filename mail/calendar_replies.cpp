// calendar_replies.cpp — GMime walks the message's parts and decodes the
// calendar ones; libical reads each calendar's events and attendees.
#include "mail/calendar_replies.h"

#include <gmime/gmime.h>
#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace peerslot::mail {

namespace {

void use_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The address without its scheme, however often a calendar repeated it
// ("MAILTO:mailto:jo@…" gives "jo@…", never a "mailto:" left over).
std::string without_mailto(const char* address) {
  std::string text = lower(address ? address : "");
  while (text.rfind("mailto:", 0) == 0) text.erase(0, 7);
  return text;
}

// Every text/calendar leaf, its transfer encoding undone.
void collect_calendar(GMimeObject*, GMimeObject* part, gpointer calendars) {
  if (!GMIME_IS_PART(part) || !g_mime_content_type_is_type(g_mime_object_get_content_type(part), "text", "calendar"))
    return;
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
  if (!content) return;
  GMimeStream* decoded = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, decoded);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(decoded));
  static_cast<std::vector<std::string>*>(calendars)->emplace_back(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(decoded);
}

std::string first_from(GMimeMessage* message) {
  InternetAddressList* from = g_mime_message_get_from(message);
  for (int i = 0; from && i < internet_address_list_length(from); ++i) {
    InternetAddress* address = internet_address_list_get_address(from, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address))
      return lower(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
  }
  return "";
}

std::string partstat_name(icalproperty* attendee) {
  icalparameter* p = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER);
  if (!p) return "NEEDS-ACTION";  // RFC 5545 3.2.12's default
  const char* name = icalparameter_enum_to_string(icalparameter_get_partstat(p));
  return name ? name : "";
}

void add_replies(const std::string& calendar, const std::string& sender, std::vector<service::CalendarReply>& out) {
  icalcomponent* root = icalparser_parse_string(calendar.c_str());
  if (!root) return;
  icalproperty* method = icalcomponent_get_first_property(root, ICAL_METHOD_PROPERTY);
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT && method && icalproperty_get_method(method) == ICAL_METHOD_REPLY) {
    for (icalcomponent* event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
      const char* uid = icalcomponent_get_uid(event);
      bool has_sequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY) != nullptr;
      int sequence = has_sequence ? icalcomponent_get_sequence(event) : 0;
      for (icalproperty* a = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); a;
           a = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY))
        out.push_back({sender, uid ? uid : "", sequence, without_mailto(icalproperty_get_attendee(a)), partstat_name(a)});
    }
  }
  icalcomponent_free(root);
}

}  // namespace

std::vector<service::CalendarReply> calendar_replies(const std::string& message) {
  use_gmime();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(message.data(), message.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_object_unref(stream);
  GMimeMessage* parsed = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  if (!parsed) return {};
  std::vector<std::string> calendars;
  g_mime_message_foreach(parsed, collect_calendar, &calendars);
  std::string sender = first_from(parsed);
  g_object_unref(parsed);
  std::vector<service::CalendarReply> replies;
  for (const std::string& calendar : calendars) add_replies(calendar, sender, replies);
  return replies;
}

}  // namespace peerslot::mail
