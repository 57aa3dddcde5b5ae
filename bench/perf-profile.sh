#!/usr/bin/env bash
# Where a running engine's CPU goes, kernel, GC and JIT compiler included (JFR's execution samples see only
# Java code): perf samples the process, the JVM writes its JIT symbol map, and the report groups the samples
# by thread kind and lists the hottest symbols.
#   bench/perf-profile.sh <engine pid> [seconds (20)] [top-N (25)]
# e.g. while figure 3 runs: bench/perf-profile.sh "$(pgrep -f streams.jmx | head -1)" 20
# Needs perf (linux-perf) and permission to sample the process (root, or kernel.perf_event_paranoid <= 1).
set -euo pipefail
pid="${1:?usage: perf-profile.sh <pid> [seconds] [top-N]}"; seconds="${2:-20}"; top="${3:-25}"
command -v perf >/dev/null || { echo "perf-profile.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
kill -0 "$pid" 2>/dev/null || { echo "perf-profile.sh: no process $pid" >&2; exit 2; }
data="$(mktemp)"; trap 'rm -f "$data"' EXIT
timeout $((seconds + 30)) perf record -q -F 499 -g -p "$pid" -o "$data" -- sleep "$seconds" 2>/dev/null
# the JIT's symbols (/tmp/perf-<pid>.map) after the recording, so that methods compiled meanwhile are named
jcmd "$pid" Compiler.perfmap >/dev/null 2>&1 || echo "(no JIT symbol map: Java frames show as [JIT])"
perf report -i "$data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | python3 -c '
import re, sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    m = re.match(r"\s*([\d.]+)%\s+(.+?)\s{2,}(\S.*)$", line)
    if not m:
        continue
    share, comm, dso = float(m.group(1)), m.group(2).strip(), m.group(3).strip()
    if comm.startswith(("C1 Compiler", "C2 Compiler")):
        kind = "JIT compiler"
    elif comm.startswith(("GC Thread", "G1 ")):
        kind = "GC (" + ("kernel: page faults, zeroing" if "kernel" in dso else "JVM") + ")"
    elif comm.startswith("sse-io"):
        kind = "SSE event loops (" + ("kernel: sockets, epoll" if "kernel" in dso else "Java and JVM") + ")"
    else:
        kind = "other threads (JMeter samplers, senders, collector, JVM)"
    kinds[kind] += share
print("share of the samples by thread kind:")
for kind, share in kinds.most_common():
    print(f"{share:6.1f}%  {kind}")
'
echo "-- top $top symbols (thread, symbol) --"
perf report -i "$data" --no-children --sort comm,sym --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -"$top"
