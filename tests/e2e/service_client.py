"""Shared by the service benchmarks: start `peerslot serve` on a fresh national demo, and call it."""
import json, os, re, subprocess, tempfile, time


def start(binary):
    work = tempfile.mkdtemp(prefix="peerslot-load-")
    log = open(os.path.join(work, "serve.log"), "w+")
    proc = subprocess.Popen([binary, "serve", "--db", os.path.join(work, "load.db"), "--port", "0",
                             "--solve-seconds", "2"], stdout=log, stderr=subprocess.STDOUT)
    while True:
        time.sleep(0.2)
        log.seek(0)
        text = log.read()
        m = re.search(r"listening on http://[\d.]+:(\d+)", text)
        if m:
            office = re.search(r"office token: (\w+)", text).group(1)
            return proc, int(m.group(1)), office


def call(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    res = conn.getresponse()
    data = res.read()
    return res.status, (json.loads(data) if data else None)
