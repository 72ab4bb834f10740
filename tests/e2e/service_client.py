"""Shared by the service benchmarks (service_load.py, connection_flood.py,
bench/bench_service.py): start `peerslot serve` on a fresh national demo, read
what it prints at start, call it, and pick requests a client can book."""
import json, os, re, subprocess, tempfile, time


def startup(text):
    """(port, {"office": token, "council": token, "peer": token}) from what
    `peerslot serve` has printed so far, or None before "listening on"."""
    m = re.search(r"listening on http://[\d.]+:(\d+)", text)
    if not m:
        return None
    tokens = dict(re.findall(r"(office|council|peer) token: (\w+)", text))
    return int(m.group(1)), tokens


def start(binary):
    work = tempfile.mkdtemp(prefix="peerslot-load-")
    log = open(os.path.join(work, "serve.log"), "w+")
    proc = subprocess.Popen([binary, "serve", "--db", os.path.join(work, "load.db"), "--port", "0",
                             "--solve-seconds", "2"], stdout=log, stderr=subprocess.STDOUT)
    while True:
        time.sleep(0.2)
        log.seek(0)
        started = startup(log.read())
        if started:
            return proc, started[0], started[1]["office"]


def call(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    res = conn.getresponse()
    data = res.read()
    return res.status, (json.loads(data) if data else None)


def bookable_requests(conn, office, count):
    """`count` distinct requests that are unbooked and have a feasible week,
    as [(request, council, week)], each in a different week where the options
    allow. Takes the unbooked requests first, then cancels bookings (office
    token; pinned ones are skipped) until there are enough. Also returns the
    ids whose bookings were cancelled."""
    status, plan = call(conn, "GET", "/plan", office)
    assert status == 200, "GET /plan: %d" % status
    status, scenario = call(conn, "GET", "/scenario", office)
    assert status == 200, "GET /scenario: %d" % status
    requests = {r["id"]: r for r in scenario["requests"]}
    booked = [a["request"] for a in plan["assignments"]]
    candidates = [r for r in requests if r not in set(booked)]
    cancelled = []
    chosen, weeks = [], set()
    def consider(request):
        status, answer = call(conn, "GET", "/requests/%s/weeks" % request, office)
        assert status == 200, "GET /requests/%s/weeks: %d" % (request, status)
        options = [o["week"] for o in answer["options"]]
        if options:
            week = next((w for w in options if w not in weeks), options[0])
            weeks.add(week)
            chosen.append((request, requests[request]["council"], week))
    for request in candidates:
        if len(chosen) < count:
            consider(request)
    for request in booked:
        if len(chosen) >= count:
            break
        if requests[request].get("pinned"):
            continue
        status, _ = call(conn, "DELETE", "/requests/%s/booking" % request, office)
        assert status == 200, "DELETE /requests/%s/booking: %d" % (request, status)
        cancelled.append(request)
        consider(request)
    assert len(chosen) == count, "only %d bookable requests for %d clients" % (len(chosen), count)
    return chosen, cancelled
