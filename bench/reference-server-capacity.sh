#!/usr/bin/env bash
# Capacity bench for the reference server: holds N concurrent SSE streams (default 19,200) with fan-out, on a
# server limited to -Xmx1g, from two separate load processes (each ~N/2 streams, from its own loopback source
# address so ephemeral ports and per-process fd limits are not shared). Sends a few messages and checks that
# every stream receives every one. Prints streams held, server heap, RSS and threads.
#
#   bench/reference-server-capacity.sh [total-streams] [messages]
#
# Outputs (logs) go to bench/out/refserver-capacity/ (git-ignored). Every wait is bounded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
total="${1:-19200}"
messages="${2:-3}"
clients=2
per_client=$(( (total + clients - 1) / clients ))
out="$root/bench/out/refserver-capacity"
mkdir -p "$out"
rm -f "$out"/*.log

# Each process may hold up to the hard limit of open files.
ulimit -n "$(ulimit -Hn)"
echo "open files limit per process: $(ulimit -n)"

jar="$root/reference-server/target/reference-server.jar"
(cd "$root" && ./mvnw -B -q -pl reference-server package -DskipTests)

# The bypass token comes from a random env variable; never printed.
bypass_var="REFSERVER_BENCH_BYPASS_$RANDOM$RANDOM"
export "$bypass_var=bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

port=$(( 20000 + RANDOM % 10000 ))
server_pid=""
client_pids=()
cleanup() {
  for p in "${client_pids[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

java -Xmx1g -Xms1g -XX:+UseG1GC -jar "$jar" --port "$port" --bypass-token-env "$bypass_var" \
  --ping-interval-seconds 15 --heartbeat-idle-seconds 30 >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$out/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log"; exit 1; }
  sleep 0.2
done
grep -q "listening on" "$out/server.log" || { echo "server did not start"; cat "$out/server.log"; exit 1; }
base="http://127.0.0.1:$port"
echo "server pid $server_pid on $base"

login() { # prints the session token of $1
  curl -s -m 10 -D - -o /dev/null -H "Origin: https://preview.instainstru.com" \
    -H "X-Rate-Limit-Bypass: ${!bypass_var}" \
    --data-urlencode "username=$1" --data-urlencode "password=Test1234" "$base/api/v1/auth/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: sid_preview=\([^;]*\);.*/\1/p'
}
export BENCH_TOKEN_SARAH="$(login sarah.chen@example.com)"
export BENCH_TOKEN_EMMA="$(login emma.johnson@example.com)"
[[ -n "$BENCH_TOKEN_SARAH" && -n "$BENCH_TOKEN_EMMA" ]] || { echo "login failed"; exit 1; }

client_src="$root/bench/refserver/CapacityClient.java"
tokens=(BENCH_TOKEN_SARAH BENCH_TOKEN_EMMA)
start_ns=$(date +%s%N)
for i in $(seq 0 $((clients - 1))); do
  java -Xmx256m -XX:+UseSerialGC "$client_src" --port "$port" --token-env "${tokens[$((i % 2))]}" \
    --bypass-env "$bypass_var" --streams "$per_client" --source "127.0.0.$((i + 2))" \
    --expect-messages "$messages" --connect-timeout-seconds 180 --hold-seconds 60 >"$out/client$i.log" 2>&1 &
  client_pids+=("$!")
done

# Wait (bounded) until every client reports READY.
for _ in $(seq 1 400); do
  ready=$(cat "$out"/client*.log 2>/dev/null | grep -c '^READY' || true)
  [[ "$ready" -ge "$clients" ]] && break
  sleep 0.5
done
grep -h '^READY' "$out"/client*.log || { echo "clients not ready"; tail -5 "$out"/client*.log; exit 1; }
echo "streams opened in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"

health=$(curl -s -m 10 "$base/api/v1/health")
echo "server health: $health"

# Figures while all streams are held.
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$server_pid/status")
fds=$(ls "/proc/$server_pid/fd" | wc -l)
heap_before=$(jcmd "$server_pid" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 || true)
jcmd "$server_pid" GC.run >/dev/null 2>&1 || true
heap_live=$(jcmd "$server_pid" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 || true)

# Fan-out: each message goes to every stream of both participants.
send_ns=$(date +%s%N)
for m in $(seq 1 "$messages"); do
  code=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BENCH_TOKEN_SARAH" \
    -H "Origin: https://preview.instainstru.com" -H "X-Rate-Limit-Bypass: ${!bypass_var}" \
    -H "Content-Type: application/json" -d "{\"content\": \"capacity-bench-$m\"}" \
    "$base/api/v1/conversations/01JCZ0C0NVERSAT10N00000001/messages")
  [[ "$code" == "200" ]] || echo "send $m answered $code"
  sleep 1
done

for p in "${client_pids[@]}"; do wait "$p" || true; done
client_pids=()
echo "all deliveries done $(( ($(date +%s%N) - send_ns) / 1000000 )) ms after the first send"
grep -h '^DONE' "$out"/client*.log || { tail -5 "$out"/client*.log; exit 1; }

echo "---- reference server capacity ----"
echo "streams requested:      $total ($clients load processes)"
echo "streams held (server):  $(echo "$health" | grep -Eo '"open_streams":[0-9]+' | cut -d: -f2)"
echo "server heap used:       ${heap_before#used } (after full GC: ${heap_live#used }) of -Xmx1g"
echo "server RSS:             $((rss_kb / 1024)) MiB"
echo "server threads:         $threads"
echo "server open fds:        $fds"
