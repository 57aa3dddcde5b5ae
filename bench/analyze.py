#!/usr/bin/env python3
"""Figures from a JMeter CSV JTL (bench/run.sh). Commands:
  errors JTL                         failed samples
  latency JTL LABEL [WARMUP]         count failed p50 p99 of column e2e_latency_ms (us precision) for LABEL,
                                     leaving out the first WARMUP messages by send time (JIT warm-up)
  deliveries JTL MONITOR_CSV         delivered lost fanouts fanout_failed window_s per_s cpu_us_per_delivery
  opens JTL                          opened, failed opens, first..last open span (s)
  medians RESULTS FROM_LINE          for every key=value written after line FROM_LINE more than once with numeric
                                     values: key=median and key__runs=the values in run order
"""
import csv
import sys


def rows(path):
    with open(path, newline="") as f:
        yield from csv.DictReader(f)


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))  # nearest rank
    return v[k]


def main(argv):
    cmd = argv[1]
    if cmd == "errors":
        # == "false", not != "true": the JTL may be read while JMeter writes it, and its last line be partial
        print(sum(1 for r in rows(argv[2]) if r["success"] == "false"))
    elif cmd == "opens":
        ok = bad = 0
        first = last = None
        for r in rows(argv[2]):
            if r["label"] != "sse_open":
                continue
            if r["success"] == "true":
                ok += 1
            else:
                bad += 1
            end = int(r["timeStamp"]) + int(r["elapsed"])
            first = int(r["timeStamp"]) if first is None else min(first, int(r["timeStamp"]))
            last = end if last is None else max(last, end)
        print(ok, bad, "%.1f" % (((last or 0) - (first or 0)) / 1000.0))
    elif cmd == "latency":
        warmup = int(argv[4]) if len(argv) > 4 else 0
        picked = sorted(((int(r["timeStamp"]), r) for r in rows(argv[2]) if r["label"] == argv[3]), key=lambda p: p[0])[warmup:]
        lat, failed = [], 0
        for _, r in picked:
            if r["success"] != "true":
                failed += 1
            if r.get("e2e_latency_ms"):
                lat.append(float(r["e2e_latency_ms"]))
        print(len(lat), failed, "%.3f" % pct(lat, 50), "%.3f" % pct(lat, 99))
    elif cmd == "deliveries":
        delivered = lost = fanouts = failed = 0
        start = end = None
        for r in rows(argv[2]):
            if r["label"] == "send_message":
                t = int(r["timeStamp"])
                start = t if start is None else min(start, t)
            if r["label"] != "e2e_fanout_complete":
                continue
            fanouts += 1
            if r["success"] != "true":
                failed += 1
            exp, dlv, lst = (int(x) for x in r["e2e_counts"].split("/"))
            delivered += dlv
            lost += lst
            t = int(r["timeStamp"]) + int(r["elapsed"])
            end = t if end is None else max(end, t)
        window = ((end or 0) - (start or 0)) / 1000.0
        mon = []
        for line in open(argv[3]).read().split("\n")[1:]:
            fields = line.split(",")[:4]
            if len(fields) == 4 and all(f.strip().isdigit() for f in fields):  # a line cut by the process ending
                mon.append(tuple(int(f) for f in fields))

        def ticks_at(ms):  # linear interpolation of the process CPU ticks at time ms
            prev = mon[0]
            for m in mon:
                if m[0] >= ms:
                    if m[0] == prev[0]:
                        return m[3]
                    return prev[3] + (m[3] - prev[3]) * (ms - prev[0]) / (m[0] - prev[0])
                prev = m
            return mon[-1][3]

        cpu_s = (ticks_at(end) - ticks_at(start)) / 100.0 if mon and start and end else float("nan")
        per_s = delivered / window if window > 0 else 0
        us = cpu_s * 1e6 / delivered if delivered else float("nan")
        print(delivered, lost, fanouts, failed, "%.1f" % window, "%.0f" % per_s, "%.2f" % us)
    elif cmd == "medians":
        runs = {}
        with open(argv[2]) as f:
            for line in list(f)[int(argv[3]):]:
                key, _, value = line.rstrip("\n").partition("=")
                if key and not key.endswith("__runs"):
                    runs.setdefault(key, []).append(value)
        for key, values in runs.items():
            try:
                numbers = [float(v) for v in values]
            except ValueError:
                continue  # text figures: the last run's value stands
            if len(numbers) > 1:
                median = sorted(numbers)[(len(numbers) - 1) // 2]  # lower median: always a measured value
                print(f"{key}={values[numbers.index(median)]}")
                print(f"{key}__runs={' '.join(values)}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
