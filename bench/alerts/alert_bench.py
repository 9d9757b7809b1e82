#!/usr/bin/env python3
"""Alert latency and webhook throughput against a running `zicht serve`
(bench/parts/80-alerts.sh starts the server and registers this receiver).

  alert_bench.py SINK SERVER_PORT RECEIVER_PORT KEY LATENCY_N THROUGHPUT_N SERVER_PID

The webhook receiver on 127.0.0.1:RECEIVER_PORT is SINK (webhook_sink.cc, C++:
a receiver in Python would cost more CPU per alert than Zicht does); it
answers every POST with 204 and prints when it arrived and which IBAN it
names, which a thread here follows.
The client (the main thread, one keep-alive connection) then

  latency:     posts LATENCY_N reports one at a time, each naming a new ING
               IBAN as beneficiary with a loss (rule `beneficiary_loss`),
               and waits for its alert before the next: the time from the
               POST /v1/reports being sent to the alert's arrival;
  throughput:  posts THROUGHPUT_N such reports in bodies of 1,000 and waits
               for all their alerts: alerts per second from the first
               report sent to the last alert received.

Prints `latency P50_MS P99_MS N`, `throughput ALERTS_PER_S N SECONDS`,
`cpu SERVER_US RECEIVER_US` (CPU per alert in the throughput phase: the
server process — ingest, alert generation, delivery — and the sink) and
`missing N` (alerts not received within the time limit). Every loop is
bounded in count and time; only loopback addresses are used.
"""
import atexit
import http.client
import json
import os
import subprocess
import sys
import threading
import time

def dutch_iban(bank, account):
    digits = "%010d" % account
    moved = bank + digits + "NL00"
    num = "".join(str(int(c, 36)) for c in moved)
    return "NL%02d%s%s" % (98 - int(num) % 97, bank, digits)


class Receiver:
    """Runs SINK (webhook_sink) on 127.0.0.1:PORT and follows what it prints."""

    def __init__(self, sink, port, max_requests):
        self.arrived = {}  # normalized IBAN -> first arrival (CLOCK_MONOTONIC s)
        self.cv = threading.Condition()
        self.proc = subprocess.Popen([sink, str(port), str(max_requests)], stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            self.stop()
            sys.exit("the webhook sink did not start")
        atexit.register(self.stop)  # also on sys.exit: never leave the sink running
        threading.Thread(target=self._follow, daemon=True).start()

    def _follow(self):
        for line in self.proc.stdout:
            at, normalized = line.split()
            with self.cv:
                self.arrived.setdefault(normalized, int(at) / 1e9)
                self.cv.notify()

    def count(self):
        with self.cv:
            return len(self.arrived)

    def wait(self, target, seconds):
        """Until `target` different IBANs have arrived in all."""
        deadline = time.monotonic() + seconds
        with self.cv:
            while len(self.arrived) < target:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cv.wait(left)
        return True

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def report(i, iban):
    return json.dumps({"source": "politie", "id": "bench-%d" % i, "reported_at": "2026-12-01",
                       "fraud_type": "phishing", "damage_eur": 100,
                       "identifiers": [{"kind": "iban", "value": iban, "role": "beneficiary"}]}) + "\n"


def server_cpu_s(pid):
    """CPU seconds (user + system) of process `pid` so far, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    sink, server_port, receiver_port, key = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    latency_n, throughput_n, server_pid = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    receiver = Receiver(sink, receiver_port, 2 * (latency_n + throughput_n))
    conn = http.client.HTTPConnection("127.0.0.1", server_port, timeout=60)
    headers = {"Authorization": "Bearer " + key, "X-Purpose": "fraud-reporting",
               "Content-Type": "application/x-ndjson"}

    def post(body):
        conn.request("POST", "/v1/reports", body=body.encode(), headers=headers)
        res = conn.getresponse()
        text = res.read()
        if res.status != 200:
            sys.exit("POST /v1/reports: %d %s" % (res.status, text[:200]))

    missing = 0
    latencies = []
    for i in range(latency_n):
        iban = dutch_iban("INGB", 1_000_000 + i)
        target = receiver.count() + 1
        sent = time.monotonic()
        post(report(i, iban))
        if receiver.wait(target, 10) and iban in receiver.arrived:
            latencies.append((receiver.arrived[iban] - sent) * 1000)
        else:
            missing += 1
            if missing >= 3:
                sys.exit("three alerts did not arrive within 10 s: is the webhook registered?")
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    print("latency %.1f %.1f %d" % (pick(0.50), pick(0.99), len(latencies)))

    ibans = [dutch_iban("INGB", 2_000_000 + i) for i in range(throughput_n)]
    target = receiver.count() + throughput_n
    cpu0, own0 = server_cpu_s(server_pid), server_cpu_s(receiver.proc.pid)
    start = time.monotonic()
    for b in range(0, throughput_n, 1000):
        post("".join(report(latency_n + b + j, iban) for j, iban in enumerate(ibans[b:b + 1000])))
    got_all = receiver.wait(target, 120)
    cpu1, own1 = server_cpu_s(server_pid), server_cpu_s(receiver.proc.pid)
    receiver.stop()
    last = max((receiver.arrived[i] for i in ibans if i in receiver.arrived), default=start)
    got = sum(1 for i in ibans if i in receiver.arrived)
    missing += 0 if got_all else throughput_n - got
    print("throughput %.0f %d %.2f" % (got / (last - start) if last > start else 0, got, last - start))
    print("cpu %.0f %.0f" % ((cpu1 - cpu0) * 1e6 / max(got, 1), (own1 - own0) * 1e6 / max(got, 1)))
    print("missing %d" % missing)


if __name__ == "__main__":
    main()
