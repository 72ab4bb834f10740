#!/usr/bin/env python3
"""Load client for `peerslot serve` (a benchmark, not a test; ctest does not run it).

Usage: service_load.py PEERSLOT_BINARY [--clients N] [--seconds S]

Starts the service on a fresh temporary database seeded with the national demo,
makes one council user per client for a bookable unbooked request of its own
(service_client.bookable_requests: the office cancels bookings to make
enough, in distinct weeks where it can), then measures with N keep-alive clients:
  1. GET /requests/{id}/weeks (the usable-weeks page), for S seconds;
  2. POST /requests/{id}/booking + DELETE of it, for S seconds (each client
     books and cancels its own council's request in its best week).
Prints requests/s and p50/p99 latency for each.
"""
import http.client, sys, threading, time

from service_client import bookable_requests, call, start


def measure(port, seconds, work):
    latencies, lock = [], threading.Lock()
    def run(i):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        end = time.time() + seconds
        mine = []
        while time.time() < end:
            t = time.perf_counter()
            work(conn, i)
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(CLIENTS)]
    for t in threads: t.start()
    for t in threads: t.join()
    latencies.sort()
    return len(latencies) / seconds, latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000


binary = sys.argv[1]
CLIENTS = int(sys.argv[sys.argv.index("--clients") + 1]) if "--clients" in sys.argv else 8
SECONDS = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 10
proc, port, office = start(binary)
try:
    setup = http.client.HTTPConnection("127.0.0.1", port)
    users = []
    for request, council, week in bookable_requests(setup, office, CLIENTS)[0]:
        _, user = call(setup, "POST", "/users", office, {"role": "council", "subject": council})
        users.append((request, user["token"], week))

    def weeks_page(conn, i):
        request, token, _ = users[i]
        assert call(conn, "GET", "/requests/%s/weeks" % request, token)[0] == 200

    def book_and_cancel(conn, i):
        request, token, week = users[i]
        status, _ = call(conn, "POST", "/requests/%s/booking" % request, token, {"week": week})
        if status == 201:
            call(conn, "DELETE", "/requests/%s/booking" % request, token)

    for name, work in (("GET /requests/{id}/weeks", weeks_page), ("POST booking + DELETE booking (pairs)", book_and_cancel)):
        rps, p50, p99 = measure(port, SECONDS, work)
        print("%-40s %3d clients  %7.1f /s  p50 %6.1f ms  p99 %6.1f ms" % (name, CLIENTS, rps, p50, p99))
finally:
    proc.terminate()
    proc.wait()
