#!/usr/bin/env python3
"""Figures from a JMeter CSV JTL (bench/run.sh). Commands:
  errors JTL                         failed samples
  latency JTL LABEL [WARMUP]         count failed p50 p99 of column e2e_latency_ms (us precision) for LABEL,
                                     leaving out the first WARMUP messages by send time (JIT warm-up)
  deliveries JTL MONITOR_CSV         delivered lost fanouts fanout_failed window_s per_s cpu_us_per_delivery
  delivery_detail JTL MONITOR_CSV RATE STREAMS SENDERS
                                     key=value lines: offered against achieved messages/s and deliveries/s, the
                                     sends' latency, engine / target / machine CPU over the window, what limited
  frame RAW HEADERS EVENT PREFIX     key=value lines: the event shape (event name, id form, greeting) and the
                                     size of a message (data: bytes, frame bytes, bytes on the wire) from a raw
                                     capture of one stream (curl --raw: chunked framing kept)
  gc_pauses GC_LOG                   the engine's stop-the-world pauses (-Xlog:gc): count, p50 / p99 / max ms
  ingest COUNTS_CSV SKIP_S           samples/s into the controller's JTL and CPU from the 1 s samples
  opens JTL                          opened, failed opens, first..last open span (s)
  medians RESULTS FROM_LINE          for every key=value written after line FROM_LINE more than once with numeric
                                     values: key=median and key__runs=the values in run order
"""
import csv
import os
import re
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


def monitor_rows(path):
    """The monitor CSV's lines as dicts of ints (None where a column is empty); cut lines are skipped."""
    out = []
    lines = open(path).read().split("\n")
    header = lines[0].split(",")
    for line in lines[1:]:
        fields = line.split(",")
        if len(fields) < 4 or not all(f.strip().isdigit() for f in fields[:4]):
            continue  # a line cut by the process ending
        row = {}
        for name, f in zip(header, fields):
            row[name] = int(f) if f.strip().isdigit() else None
        out.append(row)
    return out


def at(mon, column, ms):
    """Linear interpolation of a monitor column at time ms (None when the column has no values)."""
    pts = [(m["ms"], m[column]) for m in mon if m.get(column) is not None]
    if not pts:
        return None
    prev = pts[0]
    for t, v in pts:
        if t >= ms:
            if t == prev[0]:
                return v
            return prev[1] + (v - prev[1]) * (ms - prev[0]) / (t - prev[0])
        prev = (t, v)
    return pts[-1][1]


def delivery_figures(jtl, monitor):
    delivered = lost = fanouts = failed = 0
    start = end = None
    sends = []
    completed = []  # (send, completion, delivered) of each fan-out
    for r in rows(jtl):
        if r["label"] == "send_message":
            t = int(r["timeStamp"])
            start = t if start is None else min(start, t)
            sends.append((t, int(r["elapsed"]), r["success"] == "true"))
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
        completed.append((int(r["timeStamp"]), t, dlv))
    window = ((end or 0) - (start or 0)) / 1000.0
    mon = monitor_rows(monitor)
    cpu_s = float("nan")
    if mon and start and end:
        cpu_s = (at(mon, "cpu_ticks", end) - at(mon, "cpu_ticks", start)) / 100.0
    per_s = delivered / window if window > 0 else 0
    us = cpu_s * 1e6 / delivered if delivered else float("nan")
    return dict(delivered=delivered, lost=lost, fanouts=fanouts, failed=failed, window=window, per_s=per_s,
                cpu_us=us, cpu_s=cpu_s, start=start, end=end, sends=sorted(sends), completed=sorted(completed), mon=mon)


def delivery_steady(d, warmup):
    """The same figure without the first `warmup` messages (the JIT compiling the delivery path, the heap
    growing to its size): deliveries of the later messages over the engine CPU from the first later send to the
    last completion. That CPU still includes the tail of the earlier messages' fan-outs, so it errs high."""
    later = d["completed"][warmup:]
    if warmup <= 0 or len(later) < 2 or not d["mon"]:
        return None
    start, end = later[0][0], max(f[1] for f in later)
    delivered = sum(f[2] for f in later)
    window = (end - start) / 1000.0
    a, b = at(d["mon"], "cpu_ticks", start), at(d["mon"], "cpu_ticks", end)
    if a is None or b is None or window <= 0 or not delivered:
        return None
    return dict(messages=len(later), delivered=delivered, window=window, per_s=delivered / window,
                cpu_us=(b - a) / 100.0 * 1e6 / delivered)


def delivery_detail(jtl, monitor, rate, streams, senders, warmup=0):
    d = delivery_figures(jtl, monitor)
    out = {}
    steady = delivery_steady(d, warmup)
    if steady:
        out["steady"] = "%.2f us, %.0f/s (the last %d messages, %d deliveries in %.1f s; first %d left out)" % (
            steady["cpu_us"], steady["per_s"], steady["messages"], steady["delivered"], steady["window"], warmup)
        # numbers apart, so that several runs give a median of them
        out["steady_cpu_us"] = "%.2f" % steady["cpu_us"]
        out["steady_per_s"] = "%.0f" % steady["per_s"]
    sends, mon, start, end, window = d["sends"], d["mon"], d["start"], d["end"], d["window"]
    lat = [e for _, e, _ in sends]
    out["sends"] = "%d (%d failed)" % (len(sends), sum(1 for s in sends if not s[2]))
    span = (sends[-1][0] - sends[0][0]) / 1000.0 if len(sends) > 1 else 0
    achieved = (len(sends) - 1) / span if span > 0 else float("nan")
    offered_d = rate * streams
    out["messages_per_s"] = "%g / %.2f" % (rate, achieved)
    out["deliveries_offered_per_s"] = "%.0f" % offered_d
    mean = sum(lat) / len(lat) if lat else float("nan")
    capacity = senders * 1000.0 / mean if lat and mean > 0 else float("inf")
    out["send_ms"] = "p50 %.0f / p90 %.0f / max %.0f" % (pct(lat, 50), pct(lat, 90), max(lat)) if lat else "-"
    out["sender_capacity_per_s"] = "%.1f" % capacity
    cores = os.cpu_count() or 1

    def pct_of_core(column):
        if not mon or not start or not end or window <= 0:
            return None
        a, b = at(mon, column, start), at(mon, column, end)
        return None if a is None or b is None else (b - a) / window  # ticks/s = % of one core

    engine = pct_of_core("cpu_ticks")
    target = pct_of_core("target_cpu_ticks")
    busy = pct_of_core("machine_busy")
    total = pct_of_core("machine_total")
    machine = 100.0 * busy / total if busy is not None and total else None  # % of all cores
    out["engine_cpu_pct"] = "%.0f" % engine if engine is not None else "-"
    if target is not None:
        out["target_cpu_pct"] = "%.0f" % target
        out["target_cpu_us"] = "%.2f" % (target / 100.0 * window * 1e6 / d["delivered"]) if d["delivered"] else "-"
        rss = [m["target_rss_kb"] for m in mon if m.get("target_rss_kb") and start <= m["ms"] <= end]
        out["target_rss_mib"] = "%.0f" % (max(rss) / 1024.0) if rss else "-"
    other = None
    if busy is not None:
        other = busy - (engine or 0) - (target or 0)
        out["machine_cpu"] = "%.0f%% of %d cores busy (others %.0f%% of a core)" % (machine, cores, max(0.0, other))
    short_msgs = not (achieved >= 0.95 * rate)
    short_deliveries = d["per_s"] < 0.95 * offered_d
    if not (short_msgs or short_deliveries):
        out["limit"] = "none (within 5 % of the offered rate)"
        return out
    cpu = []
    if engine is not None:
        cpu.append("engine %.0f%%" % engine)
    if target is not None:
        cpu.append("server %.0f%%" % target)
    if other is not None:
        cpu.append("others %.0f%%" % max(0.0, other))
    cpu_text = ", ".join(cpu) + " of a core" + (", machine %.0f%% busy" % machine if machine is not None else "")
    saturated = machine is not None and machine >= 90
    senders_short = capacity < 1.05 * rate
    if saturated:
        # A blocking POST answers after the server's fan-out: on a saturated machine its latency is the
        # server's backlog, so the CPU is the limit even when the senders are all busy.
        heavier = "server CPU" if (target or 0) >= (engine or 0) else "engine CPU"
        if other is not None and other > max(engine or 0, target or 0):
            heavier = "other processes' CPU"
        why = "%s (%s)" % (heavier, cpu_text)
        if senders_short:
            why += "; the POSTs queued behind it: %d senders / mean POST %.0f ms = %.1f msg/s" % (
                senders, mean, capacity)
    elif senders_short:
        why = "sender latency: %d senders / mean POST %.0f ms = %.1f msg/s (%s)" % (
            senders, mean, capacity, cpu_text)
    elif short_deliveries and not short_msgs:
        why = "fan-out: messages kept the rate but deliveries did not (%s)" % cpu_text
    else:
        why = "neither senders nor CPU saturated (%s)" % cpu_text
    out["limit"] = why
    return out


def frame_shape(raw_path, headers_path, event_name, prefix):
    """The first frames of one stream as sent: greeting, event name and id form of a message, its sizes."""
    raw = open(raw_path, "rb").read()
    headers = open(headers_path, "rb").read().decode("latin-1").lower()
    chunked = "transfer-encoding: chunked" in headers
    body, chunks = bytearray(), []  # chunks: (offset in body, size, header+trailer bytes)
    if chunked:
        i = 0
        while i < len(raw):
            eol = raw.find(b"\r\n", i)
            if eol < 0:
                break
            try:
                size = int(raw[i:eol].split(b";")[0], 16)
            except ValueError:
                break
            if size == 0 or eol + 2 + size > len(raw):
                break
            chunks.append((len(body), size, (eol - i) + 2 + 2))
            body += raw[eol + 2:eol + 2 + size]
            i = eol + 2 + size + 2
    else:
        body = bytearray(raw)
    frames, pos = [], 0  # (start, end, fields) of each event (comments alone are not events)
    text = bytes(body)
    while pos < len(text):
        candidates = [k for k in (text.find(b"\r\n\r\n", pos), text.find(b"\n\n", pos)) if k >= 0]
        if not candidates:
            break
        stop = min(candidates)
        sep = 4 if text[stop:stop + 4] == b"\r\n\r\n" else 2
        block = text[pos:stop].decode("utf-8", "replace")
        fields = {}
        for line in block.replace("\r\n", "\n").split("\n"):
            if not line or line.startswith(":"):
                continue
            k, _, v = line.partition(":")
            v = v[1:] if v.startswith(" ") else v
            fields.setdefault(k, []).append(v)
        if fields:
            frames.append((pos, stop + sep, fields))
        pos = stop + sep
    out = {}
    if not frames:
        out["shape"] = "no event captured"
        return out
    first_name = frames[0][2].get("event", ["message"])[0]
    msg = next((f for f in frames if prefix in "\n".join(f[2].get("data", []))), None)
    kind = "bench message"
    if msg is None:
        msg = next((f for f in frames if f[2].get("event", ["message"])[0] == event_name), None)
        kind = "message"
    greeting = "yes (%s)" % first_name if first_name != event_name else "no"
    if msg is None:
        out["shape"] = "greeting %s; no %s event captured" % (greeting, event_name)
        return out
    start, end, fields = msg
    ident = fields.get("id", [None])[0]
    if ident is None:
        form = "none"
    elif re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", ident):
        form = "ULID"
    elif re.fullmatch(r"\d+:\d+", ident):
        form = "<millis>:<seq>" if len(ident.split(":")[0]) == 13 else "<n>:<n>"
    elif re.fullmatch(r"\d+", ident):
        form = "number"
    elif re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ident):
        form = "UUID"
    else:
        form = "%d chars" % len(ident)
    name = fields.get("event", ["message"])[0]
    out["shape"] = "event %s, id %s%s, greeting %s" % (name, form, " (%s)" % ident if ident else "", greeting)
    data = "\n".join(fields.get("data", [])).encode("utf-8")
    wire = sum(o for (off, size, o) in chunks if off >= start and off + size <= end)
    out["size"] = "%s: data %d B, frame %d B, %d B on the wire (%s)" % (
        kind, len(data), end - start, end - start + wire,
        "chunked: +%d B chunk framing" % wire if chunked else "not chunked")
    return out


def ingest(counts_csv, skip_s):
    """COUNTS_CSV: ms,jtl_lines,controller_ticks,engines_ticks,machine_busy,machine_total per second."""
    pts = []
    for line in open(counts_csv).read().split("\n")[1:]:
        f = line.split(",")
        if len(f) == 6 and all(x.strip().isdigit() for x in f):
            pts.append(tuple(int(x) for x in f))
    out = {}
    if len(pts) < 3:
        out["samples_per_s"] = "-"
        return out
    t0 = pts[0][0] + skip_s * 1000
    steady = [p for p in pts if p[0] >= t0 and p[1] > 0] or pts
    # the steady part: from the first second after the warm-up to the last second the JTL still grew
    last = max(range(len(steady)), key=lambda i: (steady[i][1], -i))
    a, b = steady[0], steady[last]
    secs = (b[0] - a[0]) / 1000.0
    if secs <= 0:
        a, b = pts[0], pts[-1]
        secs = (b[0] - a[0]) / 1000.0
    n = b[1] - a[1]
    rate = n / secs if secs > 0 else 0
    ctl = (b[2] - a[2]) / secs  # % of a core
    eng = (b[3] - a[3]) / secs
    machine = 100.0 * (b[4] - a[4]) / (b[5] - a[5]) if b[5] > a[5] else float("nan")
    out["samples_per_s"] = "%.0f" % rate
    out["controller_cpu_pct"] = "%.0f" % ctl
    out["controller_cpu_us"] = "%.2f" % (ctl / 100.0 * 1e6 / rate) if rate else "-"
    out["engines_cpu_pct"] = "%.0f" % eng
    out["machine_pct"] = "%.0f" % machine
    out["window_s"] = "%.0f" % secs
    out["samples"] = str(pts[-1][1])
    return out


def gc_pauses(log_path):
    """Stop-the-world pauses in a -Xlog:gc log: count, p50, p99, max and total ms. A pause stops the event loops
    too, so it is the largest error a receive stamp can take from this engine's own collector."""
    pauses = []
    try:
        with open(log_path) as f:
            for line in f:
                m = re.search(r"\] GC\(\d+\) Pause .* ([\d.]+)ms$", line.rstrip())
                if m:
                    pauses.append(float(m.group(1)))
    except OSError:
        return "-"
    if not pauses:
        return "none"
    return "%d pauses, p50 %.1f / p99 %.1f / max %.1f ms, %.0f ms in all" % (
        len(pauses), pct(pauses, 50), pct(pauses, 99), max(pauses), sum(pauses))


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
        d = delivery_figures(argv[2], argv[3])
        print(d["delivered"], d["lost"], d["fanouts"], d["failed"], "%.1f" % d["window"], "%.0f" % d["per_s"],
              "%.2f" % d["cpu_us"])
    elif cmd == "delivery_detail":
        warmup = int(argv[7]) if len(argv) > 7 else 0
        for k, v in delivery_detail(argv[2], argv[3], float(argv[4]), int(argv[5]), int(argv[6]), warmup).items():
            print(f"{k}={v}")
    elif cmd == "gc_pauses":
        print(gc_pauses(argv[2]))
    elif cmd == "frame":
        for k, v in frame_shape(argv[2], argv[3], argv[4], argv[5]).items():
            print(f"{k}={v}")
    elif cmd == "ingest":
        for k, v in ingest(argv[2], float(argv[3])).items():
            print(f"{k}={v}")
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
