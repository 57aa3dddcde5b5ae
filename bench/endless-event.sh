#!/usr/bin/env bash
# Bench: the engine's memory against a server whose SSE event never ends (issue: an endless event filled the
# heap, 222 MB -> 1.1 GB RSS in 14 s, then OutOfMemoryError). Runs a hostile server on 127.0.0.1 and a client
# built on the plugin's transports, which keeps N streams to it, reopening each one the limit fails. Samples
# the client's RSS every 0.5 s and prints the median and the peak, for each transport, with the default
# sse.max.event.bytes (1 MiB) and, for comparison, with a limit so high it is no limit (256 MiB).
#
#   bench/endless-event.sh [streams] [seconds]      (defaults 20 streams, 20 s per run; 4 runs)
#
# Needs the plugin jar (built if missing). Logs go to bench/out/endless-event/ (git-ignored). Every run stops
# by itself (the server and client end after their seconds; the script kills anything left).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${1:-20}"
seconds="${2:-20}"
out="$root/bench/out/endless-event"
mkdir -p "$out"
# shellcheck source=../scripts/lib/plugin-jar.sh
source "$root/scripts/lib/plugin-jar.sh"
jar="$(plugin_jar "$root" || true)"
if [[ -z "$jar" ]]; then
  (cd "$root" && ./mvnw -B -q install -pl plugin -am -Dmaven.test.skip=true)
  jar="$(plugin_jar "$root")"
fi

pids=()
cleanup() { for p in "${pids[@]:-}"; do [[ -n "$p" ]] && kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }

# run <transport> <max event bytes> <label>
run() {
  local transport=$1 limit=$2 label=$3 log="$out/$1-$2"
  java "$root/bench/hostile/EndlessEventServer.java" --port 0 --seconds $((seconds + 15)) >"$log.server" 2>&1 &
  local server=$! port="" i
  pids+=("$server")
  for i in $(seq 1 100); do
    port="$(sed -n 's/^LISTENING //p' "$log.server")"
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "endless-event server did not start"; cat "$log.server"; exit 1; }
  # the heap is capped like JMeter's default launcher (-Xmx1g): RSS can grow to it, not past it
  java -Xms256m -Xmx1g -cp "$jar" "$root/bench/hostile/EndlessEventClient.java" --port "$port" \
    --transport "$transport" --streams "$streams" --seconds "$seconds" --max-event-bytes "$limit" >"$log.client" 2>&1 &
  local client=$!
  pids+=("$client")
  for i in $(seq 1 200); do grep -q STARTED "$log.client" 2>/dev/null && break; sleep 0.1; done
  local samples=() r
  for i in $(seq 1 $((seconds * 2 + 40))); do
    kill -0 "$client" 2>/dev/null || break
    r="$(rss_kib "$client")"
    [[ -n "$r" ]] && samples+=("$r")
    sleep 0.5
  done
  kill -9 "$client" 2>/dev/null || true
  wait "$client" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  local stats
  stats="$(printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {if (NR) printf "%d %d %d", a[int((NR+1)/2)]/1024, a[NR]/1024, NR}')"
  read -r median peak n <<<"$stats"
  printf '%-8s %-22s RSS median %5s MB, peak %5s MB (%s samples)  %s\n' "$transport" "$label" "$median" "$peak" \
    "$n" "$(grep '^DONE' "$log.client" || echo "client did not finish: $(tail -1 "$log.client")")"
}

echo "endless SSE event: $streams streams per run, ${seconds}s per run, client heap -Xmx1g"
for transport in netty okhttp; do
  run "$transport" 1048576 "limit 1 MiB (default)"
  run "$transport" 268435456 "limit 256 MiB (none)"
done
