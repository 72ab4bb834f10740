#!/usr/bin/python3
"""read_mail.py FILE... -- each RFC 5322 message, read by Python's email
package and its iCalendar part by the icalendar package (Debian's
python3-icalendar), printed as one JSON list for the end-to-end tests:
[{"file", "to", "from", "subject", "date", "message_id", "text",
  "calendar": null | {"method", "content_type_method",
                      "events": [{"uid", "sequence", "dtstart", "dtend",
                                  "summary", "organizer", "attendees": [..],
                                  "status"}]}}]
Dates are ISO 8601. The parsers are the test's independent judges: the
service's own writer is not used here."""
import email
import email.policy
import json
import sys

import icalendar


def calendar_of(part):
    cal = icalendar.Calendar.from_ical(part.get_content())
    events = []
    for event in cal.walk("VEVENT"):
        attendees = event.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "dtstart": event.decoded("DTSTART").isoformat(),
            "dtend": event.decoded("DTEND").isoformat(),
            "summary": str(event.get("SUMMARY")),
            "organizer": str(event.get("ORGANIZER")),
            "attendees": [str(a) for a in attendees],
            "status": str(event.get("STATUS")),
        })
    return {"method": str(cal.get("METHOD")), "content_type_method": part.get_param("method"), "events": events}


def read(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    text, calendar = "", None
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
        elif part.get_content_type() == "text/calendar":
            calendar = calendar_of(part)
    return {"file": path, "to": str(message["To"]), "from": str(message["From"]), "subject": str(message["Subject"]),
            "date": str(message["Date"]), "message_id": str(message["Message-ID"]), "text": text, "calendar": calendar}


print(json.dumps([read(path) for path in sys.argv[1:]]))
