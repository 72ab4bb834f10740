#!/usr/bin/env python3
"""Helpers of tools/bench-service (which starts and stops the servers and runs
wrk); each subcommand prints shell assignments for the script to eval, or the
report.

  started LOG PID [--tokens]     wait for "listening on" and /healthz; port= (and tokens)
  copy-db SRC DST                online copy of a SQLite database (backup API)
  weeks-target PORT COUNCIL      a request of the demo council: weeks_request=
  bookings PORT OFFICE N         N bookable requests, one per client: bookings="R=W ..."
  context RESULTS_DIR K=V ...    write RESULTS_DIR/context.json (what the report prints)
  report RESULTS_DIR             the tables; exit 1 when a reply was unexpected

Exit 1 (with the reason on stderr) when the service did not start or a call
failed.
"""
import http.client, json, math, os, shlex, sqlite3, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from service_client import bookable_requests, call, startup  # noqa: E402


def fail(message):
    print("bench-service: " + message, file=sys.stderr)
    sys.exit(1)


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def started(log, pid, tokens, timeout=600):
    """Waits for the server's "listening on" line (seeding the demo and its
    initial plan come first) and then for GET /healthz to answer 200."""
    deadline = time.time() + timeout
    while True:
        with open(log) as f:
            text = f.read()
        found = startup(text)
        if found:
            break
        if not alive(pid) or time.time() > deadline:
            fail("the service did not start; its output (%s):\n%s" % (log, text[-3000:]))
        time.sleep(0.2)
    port, printed = found
    if tokens and sorted(printed) != ["council", "office", "peer"]:
        fail("no demo tokens in the service's output (%s); is the database new?" % log)
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            pass
        if not alive(pid) or time.time() > deadline:
            fail("GET /healthz did not answer 200 on port %d" % port)
        time.sleep(0.2)
    print("port=%d" % port)
    for role, token in sorted(printed.items()) if tokens else []:
        print("%s_token=%s" % (role, shlex.quote(token)))


def copy_db(src, dst):
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    source.backup(target)
    target.close()
    source.close()


def weeks_target(port, council_token):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    status, me = call(conn, "GET", "/me", council_token)
    if status != 200 or "council" not in me:
        fail("GET /me with the council token: %d %s" % (status, me))
    status, requests = call(conn, "GET", "/councils/%s/requests" % me["council"], council_token)
    if status != 200 or not requests:
        fail("GET /councils/%s/requests: %d, %s" % (me["council"], status, requests))
    request = requests[0]["id"]
    status, _ = call(conn, "GET", "/requests/%s/weeks" % request, council_token)
    if status != 200:
        fail("GET /requests/%s/weeks: %d" % (request, status))
    print("weeks_request=%s" % shlex.quote(request))
    print("weeks_council=%s" % shlex.quote(me["council"]))


def bookings(port, office_token, count):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    try:
        chosen, cancelled = bookable_requests(conn, office_token, count)
    except AssertionError as e:
        fail(str(e))
    print("bookings=%s" % shlex.quote(" ".join("%s=%s" % (r, w) for r, _, w in chosen)))
    print("freed=%s" % shlex.quote(" ".join(cancelled)))


def percentile(sorted_values, p):
    """Nearest rank, like wrk's percentiles."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def ms(us):
    return "%.2f ms" % (us / 1000.0) if us == us else "-"


def report(results):
    with open(os.path.join(results, "context.json")) as f:
        context = json.load(f)
    def load(name):
        path = os.path.join(results, name + ".json")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return json.load(f)
    problems = []
    def socket_errors(name, r):
        errors = {k: v for k, v in sorted(r["socket_errors"].items()) if v}
        if errors:
            problems.append("%s: socket errors %s" % (name, errors))
        return errors

    print()
    print("Service benchmark, %s" % context["when"])
    print("    " + context["command"])
    print("commit %s, %s build, %s; %s" % (context["commit"], context["build_type"], context["machine"],
                                           context["load"]))
    print("databases: %s" % context["databases"])
    print()
    print("| workload | connections | requests/s | p50 | p99 | weeks / healthz |")
    print("|---|---:|---:|---:|---:|---:|")
    for c in (1, 8):
        rates = {}
        for name in ("healthz", "weeks"):
            r = load("%s_c%d" % (name, c))
            if r is None:
                problems.append("%s at %d connections: no result" % (name, c))
                continue
            rates[name] = r["requests"] / (r["duration_us"] / 1e6)
            errors = socket_errors("%s c%d" % (name, c), r)
            if r["non_2xx_3xx"]:
                problems.append("%s at %d connections: %d replies not 2xx/3xx" % (name, c, r["non_2xx_3xx"]))
            path = "/healthz" if name == "healthz" else "/requests/%s/weeks" % context["weeks_request"]
            ratio = ("%.3f (1/%.1f)" % (rates["weeks"] / rates["healthz"], rates["healthz"] / rates["weeks"])
                     if name == "weeks" and rates.get("healthz") and rates["weeks"] else "")
            note = " (%d not 2xx, socket errors %s)" % (r["non_2xx_3xx"], errors) if r["non_2xx_3xx"] or errors else ""
            print("| GET %s%s | %d | %.0f | %s | %s | %s |" % (path, note, c, rates[name], ms(r["p50_us"]),
                                                                 ms(r["p99_us"]), ratio))
    print()
    print("Booking loop, %d clients (wrk -t%d -c%d), office token, each client books its own request and cancels it:"
          % (context["clients"], context["clients"], context["clients"]))
    print()
    print("| database | committed bookings/s (201) | cancels/s (200) | POST p50 | POST p99 | other replies |")
    print("|---|---:|---:|---:|---:|---|")
    booking_rates = {}
    for name, where in (("booking_disk", context["disk_fs"]), ("booking_tmpfs", "tmpfs /dev/shm")):
        r = load(name)
        if r is None:
            if name == "booking_disk" or not context["skip_tmpfs"]:
                problems.append("%s: no result" % name)
            continue
        seconds = r["duration_us"] / 1e6
        counts = r["counts"] or {}
        committed = counts.get("POST 201", 0)
        cancels = counts.get("DELETE 200", 0)
        others = {k: v for k, v in sorted(counts.items()) if k not in ("POST 201", "DELETE 200")}
        for key, n in others.items():
            status = int(key.split()[1])
            if not (key.startswith("POST") and status == 409):  # 409 on POST: a refusal, reported
                problems.append("%s: %d x %s" % (name, n, key))
        if committed == 0:
            problems.append("%s: no booking was committed" % name)
        errors = socket_errors(name, r)
        post = sorted(r["post_us"] or [])
        booking_rates[name] = (committed / seconds, percentile(post, 50))
        other = ", ".join("%s: %d" % kv for kv in others.items()) or "none"
        if errors:
            other += "; socket errors %s" % errors
        print("| %s | %.1f | %.1f | %s | %s | %s |" % (where, committed / seconds, cancels / seconds,
                                                     ms(percentile(post, 50)), ms(percentile(post, 99)), other))
    print()
    print("clients' requests: %s" % context["bookings"])
    if context.get("freed"):
        print("(the office cancelled the bookings of %s first, to have enough unbooked requests)" % context["freed"])
    print()
    print("Targets (reported, not asserted):")
    for c in (1, 8):
        h, w = load("healthz_c%d" % c), load("weeks_c%d" % c)
        if h and w and h["requests"]:
            ratio = (w["requests"] / w["duration_us"]) / (h["requests"] / h["duration_us"])
            print("  weeks page >= 1/5 of /healthz at %d connection%s: %.3f -> %s"
                  % (c, "s" if c > 1 else "", ratio, "met" if ratio >= 0.2 else "not met"))
    if "booking_disk" in booking_rates:
        rate, p50 = booking_rates["booking_disk"]
        print("  booking p50 (commit included) < 3 ms: %s -> %s" % (ms(p50), "met" if p50 < 3000 else "not met"))
        print("  >= 150 committed bookings/s with %d clients: %.1f -> %s"
              % (context["clients"], rate, "met" if rate >= 150 else "not met"))
    if problems:
        print()
        print("UNEXPECTED (exit 1):")
        for p in problems:
            print("  " + p)
        sys.exit(1)


def main(argv):
    if len(argv) >= 3 and argv[0] == "started":
        started(argv[1], int(argv[2]), "--tokens" in argv[3:])
    elif len(argv) == 3 and argv[0] == "copy-db":
        copy_db(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "weeks-target":
        weeks_target(int(argv[1]), argv[2])
    elif len(argv) == 4 and argv[0] == "bookings":
        bookings(int(argv[1]), argv[2], int(argv[3]))
    elif len(argv) >= 2 and argv[0] == "context":
        context = dict(a.split("=", 1) for a in argv[2:])
        context["clients"] = int(context["clients"])
        context["skip_tmpfs"] = context["skip_tmpfs"] == "1"
        with open(os.path.join(argv[1], "context.json"), "w") as f:
            json.dump(context, f, indent=1)
    elif len(argv) == 2 and argv[0] == "report":
        report(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
