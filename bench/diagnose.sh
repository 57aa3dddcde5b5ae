#!/usr/bin/env bash
# Where the per-stream memory of a JMeter engine goes: holds N streams (default 10,000) with the bench plan
# under Native Memory Tracking, then saves NMT's summary and the heap's class histogram (after a full GC).
# With MESSAGES > 0 a sender first sends that many correlated messages at 5/s to every stream (so the
# histogram shows what the held streams keep of them). Run bench/run.sh once first (it builds
# bench/out/jmeter).
#
#   bench/diagnose.sh [java-binary] [streams] [messages]
#
# Output: bench/out/diagnose-<java>-<streams>/{nmt.txt,histogram.txt}, and a short summary on stdout.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
trap bench_cleanup EXIT
java_bin="${1:-$(dirname "$(readlink -f "$(command -v java)")")/java}"
streams="${2:-10000}"
messages="${3:-0}"
threads=100
per=$(( streams / threads ))
REFSERVER_JAR="$ROOT/reference-server/target/reference-server.jar"
JMETER_HOME="$BENCH_DIR/out/jmeter"
[[ -f "$JMETER_HOME/bin/ApacheJMeter-5.6.3.jar" && -f "$REFSERVER_JAR" ]] || { echo "run bench/run.sh first"; exit 1; }
ulimit -n "$(ulimit -Hn)"
tag="$("$java_bin" -version 2>&1 | head -1 | grep -Eo '"[0-9]+' | tr -d '"')"
dir="$BENCH_DIR/out/diagnose-j$tag-$streams-$messages"
rm -rf "$dir"; mkdir -p "$dir"
port=$(( 21000 + RANDOM % 8000 )); udp=$(( 32000 + RANDOM % 1000 ))
start_server "$dir/server.log" "$port" 127.0.0.1 1500m
base="http://127.0.0.1:$port"
BENCH_TOKEN_0="$(login "$base" sarah.chen@example.com)"; BENCH_TOKEN_1="$(login "$base" emma.johnson@example.com)"
export BENCH_TOKEN_0 BENCH_TOKEN_1
"$java_bin" -Xms1g -Xmx2g -XX:+UseG1GC -XX:MaxMetaspaceSize=256m -XX:NativeMemoryTracking=summary \
  -jar "$JMETER_HOME/bin/ApacheJMeter-5.6.3.jar" -n -t "$BENCH_DIR/plans/streams.jmx" -l "$dir/results.jtl" \
  -j "$dir/jmeter.log" -Jjmeterengine.nongui.port="$udp" -Jjmeterengine.nongui.maxport="$udp" \
  -Jbase_url="$base" -Jthreads="$threads" -Jstreams_per_thread="$per" -Jramp_seconds=5 \
  -Jslice_seconds="$(python3 -c "print(round((90 + $messages / 5) / $per, 3))")" -Jmax_seconds=300 -Jstreams_ready=0 \
  -Jsender_threads="$(( messages > 0 ? 1 : 0 ))" -Jcollector="$(( messages > 0 ? 1 : 0 ))" -Jrate=5 \
  -Jmessages="$messages" -Jconversations_file="$ROOT/config/conversations.json" \
  -Jidentity_0=sarah.chen@example.com -Jidentity_1=emma.johnson@example.com >"$dir/stdout.log" 2>&1 &
engine=$!; BENCH_PIDS+=("$engine")
wait_streams "$streams" 240 "$base" >/dev/null
sleep $(( 10 + messages / 5 ))
jcmd="$(dirname "$java_bin")/jcmd"
"$jcmd" "$engine" GC.run >/dev/null
"$jcmd" "$engine" GC.class_histogram >"$dir/histogram.txt"
"$jcmd" "$engine" VM.native_memory summary >"$dir/nmt.txt"
echo "engine RSS $(( $(proc_rss_kb "$engine") / 1024 )) MiB, threads $(proc_threads "$engine"), streams $(open_streams "$base")"
echo "--- NMT committed (KiB) ---"
grep -E '^-? *(Total|Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Native Memory Tracking|Arena Chunk|Metaspace)' "$dir/nmt.txt" \
  | sed 's/reserved=[0-9]*KB, //' | head -20
echo "--- heap: top classes after full GC (bytes per stream) ---"
awk -v n="$streams" 'NR>3 && NR<=23 {printf "%8.0f  %s\n", $3/n, $4}' "$dir/histogram.txt"
stop_test "$udp"; wait_exit "$engine" 60 || true
