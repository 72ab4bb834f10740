#!/usr/bin/env python3
"""Connection flood against `peerslot serve` (a benchmark, not a test; ctest does not run it).

Usage: connection_flood.py PEERSLOT_BINARY [--idle N] [--slow N] [--burst N]

Starts the service on a fresh national demo, then holds N idle connections
(connected, nothing sent; default 64) and N slowloris connections (a request
line and one more header byte a second, never finished; default 64). While
they are held it times 20 fresh GET /healthz and 20 fresh GET
/requests/{id}/weeks (a council's usable-weeks page, each on a new
connection), then opens a burst of connections at once (default 500), each
sending GET /healthz, and counts the 200s. Prints medians and the worst.
"""
import http.client, socket, sys, threading, time

from service_client import call, start


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def fresh_get(port, path, token=None, timeout=10):
    """(status line, milliseconds) of one GET on a new connection."""
    started = time.perf_counter()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        auth = "Authorization: Bearer %s\r\n" % token if token else ""
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s\r\n" % (path, auth)).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        line = data.split(b"\r\n")[0].decode()
    except OSError as e:
        line = repr(e)
    return line, (time.perf_counter() - started) * 1000


def hold(port, idle, slow):
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(idle)]
    dripping = [socket.create_connection(("127.0.0.1", port)) for _ in range(slow)]
    for s in dripping:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    stop = threading.Event()
    def drip():
        while not stop.wait(1):
            for s in dripping:
                try:
                    s.sendall(b"X")
                except OSError:
                    pass
    threading.Thread(target=drip, daemon=True).start()
    return held + dripping, stop


def timed(port, path, token):
    runs = [fresh_get(port, path, token) for _ in range(20)]
    ms = sorted(t for _, t in runs)
    ok = sum("200" in line for line, _ in runs)
    return "%d/20 answered 200, median %.1f ms, worst %.1f ms" % (ok, ms[10], ms[-1])


def burst(port, count):
    results = [None] * count
    def one(i):
        results[i] = fresh_get(port, "/healthz", timeout=30)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    started = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    ok = sum("200" in line for line, _ in results)
    return "%d/%d answered 200 in %.2f s" % (ok, count, time.perf_counter() - started)


binary = sys.argv[1]
proc, port, office = start(binary)
try:
    setup = http.client.HTTPConnection("127.0.0.1", port)
    _, scenario = call(setup, "GET", "/scenario", office)
    request = scenario["requests"][0]
    _, user = call(setup, "POST", "/users", office, {"role": "council", "subject": request["council"]})
    connections, stop = hold(port, option("--idle", 64), option("--slow", 64))
    time.sleep(1.5)
    print("held: %d idle + %d slowloris connections" % (option("--idle", 64), option("--slow", 64)))
    print("GET /healthz:", timed(port, "/healthz", None))
    print("GET /requests/%s/weeks:" % request["id"], timed(port, "/requests/%s/weeks" % request["id"], user["token"]))
    print("burst:", burst(port, option("--burst", 500)))
    stop.set()
finally:
    proc.terminate()
    proc.wait()
