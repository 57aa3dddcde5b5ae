#!/usr/bin/env bash
# Where the engine's CPU goes, from a JFR recording made with BENCH_JFR=1 bench/run.sh:
#   bench/profile.sh bench/out/run/deliveries-j17/engine.jfr [top-N]
# Prints the hottest methods by self time (top frame) and by total time (anywhere in the stack), as shares
# of all execution samples.
set -euo pipefail
JFR_FILE="$1"; TOP="${2:-25}"
JFR_TOOL="${JFR_TOOL:-$(dirname "$(readlink -f "$(command -v java)")")/jfr}"
"$JFR_TOOL" print --events jdk.ExecutionSample --stack-depth 64 "$JFR_FILE" | python3 -c '
import re, sys, collections
top = int(sys.argv[1])
self_, total, n = collections.Counter(), collections.Counter(), 0
stack = None
for line in sys.stdin:
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        if stack:
            n += 1
            self_[stack[0]] += 1
            for frame in set(stack):
                total[frame] += 1
        stack = None
    elif stack is not None and line and not line.startswith("..."):
        stack.append(re.sub(r"\s+line:.*$", "", line))
print(f"{n} execution samples")
for title, counter in (("self", self_), ("total", total)):
    print(f"-- top {top} by {title} --")
    for frame, c in counter.most_common(top):
        print(f"{100 * c / n:6.1f}%  {frame}")
' "$TOP"
