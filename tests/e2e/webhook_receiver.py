#!/usr/bin/python3
"""A webhook receiver for the end-to-end tests, written as a program's
developer would write one from the Standard Webhooks specification with
Python's standard library alone (no peerslot code): it verifies each POST's
webhook-signature over "{webhook-id}.{webhook-timestamp}.{raw body}" with
the endpoint's secret (HMAC-SHA256, compared in constant time), refuses a
timestamp more than 5 minutes off (replay), answers FAIL_STATUS (500 when
not given) to the first FAIL_FIRST verified posts (to make the sender
retry, or with 410 to turn the endpoint off), and appends one JSON line per
post to LOG.

usage: webhook_receiver.py PORT SECRET LOG FAIL_FIRST [FAIL_STATUS]
"""
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRET, LOG, FAIL_FIRST = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
FAIL_STATUS = int(sys.argv[5]) if len(sys.argv) > 5 else 500
KEY = base64.b64decode(SECRET[len("whsec_"):] if SECRET.startswith("whsec_") else SECRET)
TOLERANCE = 5 * 60
verified_posts = 0


def verified(msg_id, timestamp, body, signatures):
    expected = base64.b64encode(hmac.new(KEY, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(s.startswith("v1,") and hmac.compare_digest(s[3:], expected) for s in signatures.split(" "))


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        global verified_posts
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        msg_id = self.headers.get("webhook-id", "")
        timestamp = self.headers.get("webhook-timestamp", "")
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= TOLERANCE
        good = bool(msg_id) and fresh and verified(msg_id, timestamp, body, self.headers.get("webhook-signature", ""))
        if not good:
            status = 401
        else:
            verified_posts += 1
            status = FAIL_STATUS if verified_posts <= FAIL_FIRST else 200
        entry = {"id": msg_id, "timestamp": timestamp, "verified": good, "fresh": fresh, "status": status,
                 "content_type": self.headers.get("Content-Type", ""), "payload": json.loads(body) if good else None}
        with open(LOG, "a") as log:
            log.write(json.dumps(entry) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"thanks" if status == 200 else b"not now")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
