#!/usr/bin/python3
"""imap_client.py PORT USER PASSWORD COMMAND ... -- the peers' side of the
mailbox test, with Python's imaplib, email and icalendar packages (Debian's
python3-icalendar), not peerslot's own code:
  reply INVITATION.eml PARTSTAT FROM
      answers the invitation as a calendar client does (RFC 5546 REPLY:
      the invitation's UID and SEQUENCE, the invited address as the one
      ATTENDEE with PARTSTAT), as multipart/alternative with the calendar
      in base64, From FROM, and appends it, unread, to INBOX
  note FROM SUBJECT
      appends a person's plain message, unread, to INBOX
  flags
      prints {"FROM": ["FLAG", ...]} for every message in INBOX as JSON"""
import datetime
import email
import email.message
import email.policy
import email.utils
import imaplib
import json
import sys
import time

import icalendar


def invitation_event(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = icalendar.Calendar.from_ical(part.get_content())
            return message, next(iter(calendar.walk("VEVENT")))
    raise SystemExit(path + " has no calendar part")


def reply(path, partstat, sender):
    invitation, event = invitation_event(path)
    invited = email.utils.parseaddr(str(invitation["To"]))[1]
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//peerslot tests//a calendar client//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    answer = icalendar.Event()
    answer.add("uid", str(event["UID"]))
    answer.add("sequence", int(event.get("SEQUENCE", 0)))
    answer.add("dtstamp", datetime.datetime.now(datetime.timezone.utc))
    answer["dtstart"] = event["DTSTART"]
    answer["organizer"] = event["ORGANIZER"]
    attendee = icalendar.vCalAddress("mailto:" + invited)
    attendee.params["PARTSTAT"] = icalendar.vText(partstat)
    answer.add("attendee", attendee)
    calendar.add_component(answer)
    message = email.message.EmailMessage()
    message["From"] = sender
    message["To"] = str(invitation["From"])
    message["Subject"] = partstat.capitalize() + ": " + str(invitation["Subject"])
    message["Date"] = email.utils.formatdate()
    message.set_content(partstat.capitalize() + ".\n")
    message.add_alternative(calendar.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"})
    return message


def note(sender, subject):
    message = email.message.EmailMessage()
    message["From"] = sender
    message["To"] = "office@example.org"
    message["Subject"] = subject
    message.set_content("Can we talk about the dates?\n")
    return message


def main():
    port, user, password, command, *args = sys.argv[1:]
    imap = imaplib.IMAP4("127.0.0.1", int(port))
    imap.login(user, password)
    if command in ("reply", "note"):
        message = reply(*args) if command == "reply" else note(*args)
        imap.append("INBOX", "", imaplib.Time2Internaldate(time.time()), message.as_bytes())
    elif command == "flags":
        imap.select("INBOX", readonly=True)
        flags = {}
        for uid in imap.uid("SEARCH", "ALL")[1][0].split():
            fetched = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[HEADER.FIELDS (FROM)])")[1]
            header = email.message_from_bytes(fetched[0][1], policy=email.policy.default)
            flags[str(header["From"])] = [f.decode() for f in imaplib.ParseFlags(fetched[0][0])]
        print(json.dumps(flags))
    imap.logout()


main()
