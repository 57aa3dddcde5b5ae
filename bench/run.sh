#!/usr/bin/env bash
# Load-generator benchmark of the JMeter SSE plugin against the reference server, all on loopback.
# One command from a fresh clone: builds what is missing, runs every figure, prints one table.
#
#   bench/run.sh                      # everything, medians of 3 runs (~80 min on 2 cores)
#   BENCH_RUNS=1 bench/run.sh         # everything once (~35 min)
#   BENCH_ONLY="hold cost" bench/run.sh   # some figures: hold cost deliveries accuracy floor distributed
#   BENCH_KEEP=1 BENCH_ONLY=accuracy bench/run.sh   # re-run one figure, keep the others' results
#
# Sizes (env): BENCH_STREAMS (19000), BENCH_HOLD_THREADS (100), BENCH_COST_LOW/HIGH (2000/10000),
# BENCH_DELIVERY_STREAMS (10000), BENCH_DELIVERY_RATE (8 msg/s), BENCH_DELIVERY_MESSAGES (240), BENCH_DELIVERY_SENDERS (2),
# BENCH_ACCURACY_RUNS (3), BENCH_DIST_STREAMS (per engine, 19000), BENCH_JAVA17, BENCH_JAVA25,
# BENCH_TRANSPORT (netty: the default event-loop transport; okhttp: okhttp-eventsource, a reader thread per stream),
# BENCH_IO_THREADS (Netty event-loop threads; default one per core).
# Outputs (JTLs, logs, monitor CSVs) go to bench/out/ (git-ignored).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out/run"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
trap bench_cleanup EXIT

ONLY="${BENCH_ONLY:-hold cost deliveries accuracy floor distributed}"
STREAMS="${BENCH_STREAMS:-19000}"
HOLD_THREADS="${BENCH_HOLD_THREADS:-100}"
COST_LOW="${BENCH_COST_LOW:-2000}"
COST_HIGH="${BENCH_COST_HIGH:-10000}"
DELIVERY_STREAMS="${BENCH_DELIVERY_STREAMS:-10000}"
DELIVERY_RATE="${BENCH_DELIVERY_RATE:-8}"
DELIVERY_MESSAGES="${BENCH_DELIVERY_MESSAGES:-240}"
DELIVERY_SENDERS="${BENCH_DELIVERY_SENDERS:-2}"   # POSTs in parallel: each answers after the server's fan-out
ACCURACY_RUNS="${BENCH_ACCURACY_RUNS:-3}"
ACCURACY_BIG="${BENCH_ACCURACY_BIG:-10000}"
ACCURACY_WARMUP="${BENCH_ACCURACY_WARMUP:-10}"  # first messages left out of the latency figures (JIT warm-up)
DIST_STREAMS="${BENCH_DIST_STREAMS:-19000}"
DELIVERY_HEAP="${BENCH_DELIVERY_HEAP:-2g}"
TRANSPORT="${BENCH_TRANSPORT:-netty}"
TRANSPORT_PROPS=(-Jsse.transport="$TRANSPORT")
[[ -n "${BENCH_IO_THREADS:-}" ]] && TRANSPORT_PROPS+=(-Jsse.io.threads="$BENCH_IO_THREADS")
EVENTS_KEPT="${BENCH_EVENTS_KEPT:-16}"   # SSE Open's "unread events kept" in the bench plan (no sampler reads them)
TRANSPORT_PROPS+=(-Jevents_kept="$EVENTS_KEPT")
JFR="${BENCH_JFR:-0}"   # 1: every engine records a JFR profile (engine.jfr beside its JTL); see bench/profile.sh
JAVA17="${BENCH_JAVA17:-$(dirname "$(readlink -f "$(command -v java)")")/java}"
JAVA25="${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JMETER_FLAGS=(-Xms1g -Xmx2g -XX:+UseG1GC -XX:MaxMetaspaceSize=256m)
IDENTITIES=(-Jidentity_0=sarah.chen@example.com -Jidentity_1=emma.johnson@example.com)
HOLD_PLAN="$BENCH_DIR/plans/streams.jmx"
want() { [[ " $ONLY " == *" $1 "* ]]; }

mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
if [[ "${BENCH_KEEP:-0}" != 1 ]]; then  # BENCH_KEEP=1: add to the last run's results (re-run some figures)
  rm -rf "${OUT:?}"/*
  : >"$RESULTS"
fi
put() { echo "$1=$2" >>"$RESULTS"; echo "  $1 = $2"; }
get() { grep -E "^$1=" "$RESULTS" | tail -1 | cut -d= -f2-; }

# Each process may use every file descriptor the hard limit allows (one per socket).
ulimit -n "$(ulimit -Hn)"

# ---- build what is missing -------------------------------------------------------------------------
REFSERVER_JAR="$ROOT/reference-server/target/reference-server.jar"
# shellcheck source=../scripts/lib/plugin-jar.sh
source "$ROOT/scripts/lib/plugin-jar.sh"
PLUGIN_JAR="$(plugin_jar "$ROOT" || true)"
newest_home() { ls -td "$ROOT"/plans/target/*/jmeter 2>/dev/null | while read -r d; do
  [[ -f "$d/bin/ApacheJMeter-5.6.3.jar" ]] && { echo "$d"; break; }; done; }
if [[ ! -f "$REFSERVER_JAR" || -z "$PLUGIN_JAR" || -z "$(newest_home)" ]]; then
  echo "building the plugin, the reference server and a JMeter home (offline Maven)..."
  (cd "$ROOT" && ./mvnw -B -q -o install -DskipTests -DskipScenarios \
    && ./mvnw -B -q -o -f plans/pom.xml jmeter:configure@configuration -DskipScenarios)
  PLUGIN_JAR="$(plugin_jar "$ROOT")"
fi
# A private copy of the JMeter home, so other work rebuilding plans/target cannot change it mid-run.
JMETER_HOME="$BENCH_DIR/out/jmeter"
if [[ ! -f "$JMETER_HOME/bin/ApacheJMeter-5.6.3.jar" ]]; then
  rm -rf "$JMETER_HOME"
  cp -a "$(newest_home)" "$JMETER_HOME"
fi
# ... and of the reference server jar: a rebuild while a server runs from it breaks that server's class loading.
cp "$REFSERVER_JAR" "$BENCH_DIR/out/reference-server.jar"
REFSERVER_JAR="$BENCH_DIR/out/reference-server.jar"
rm -f "$JMETER_HOME"/lib/ext/jmeter-sse-plugin-*.jar
cp "$PLUGIN_JAR" "$JMETER_HOME/lib/ext/"
JMETER_JAR="$JMETER_HOME/bin/ApacheJMeter-5.6.3.jar"

# A UDP port for JMeter's StopTestNow that no other JMeter on this machine uses.
UDP_PORT=$(( 30000 + RANDOM % 2000 ))
port_base=$(( 21000 + RANDOM % 8000 ))
# Sets NEXT_PORT (not in a $(...) subshell, which would lose the count).
next_port() { port_base=$((port_base + 1)); NEXT_PORT=$port_base; }

# run_engine JAVA OUTDIR EXTRA_PROPS...: starts one non-GUI JMeter engine on the bench plan; sets ENGINE_PID.
run_engine() {
  local java_bin="$1" dir="$2"; shift 2
  mkdir -p "$dir"
  rm -f "$dir/results.jtl" "$dir/jmeter.log"  # JMeter appends to an existing JTL
  local jfr=()
  [[ "$JFR" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$dir/engine.jfr,settings=profile,dumponexit=true")
  "$java_bin" "${JMETER_FLAGS[@]}" "${jfr[@]}" -jar "$JMETER_JAR" -n -t "$HOLD_PLAN" -l "$dir/results.jtl" \
    -j "$dir/jmeter.log" -Jjmeterengine.nongui.port="$UDP_PORT" -Jjmeterengine.nongui.maxport="$UDP_PORT" \
    -Jsummariser.interval=10 -Jstreams_ready=0 -Jsample_variables=e2e_latency_ms,e2e_counts \
    "${TRANSPORT_PROPS[@]}" "${IDENTITIES[@]}" "$@" >"$dir/stdout.log" 2>&1 &
  ENGINE_PID=$!
  BENCH_PIDS+=("$ENGINE_PID")
}

# server_with_tokens DIR HEAP [server args]: starts a server, logs in both accounts; sets BASE, SERVER_PID.
server_with_tokens() {
  local dir="$1" heap="$2"; shift 2
  local host="${SERVER_HOST:-127.0.0.1}" port
  mkdir -p "$dir"
  next_port; port=$NEXT_PORT
  start_server "$dir/server.log" "$port" "$host" "$heap" "$@"
  BASE="http://$host:$port"
  BENCH_TOKEN_0="$(login "$BASE" sarah.chen@example.com)"
  BENCH_TOKEN_1="$(login "$BASE" emma.johnson@example.com)"
  [[ -n "$BENCH_TOKEN_0" && -n "$BENCH_TOKEN_1" ]] || { echo "login failed"; return 1; }
  export BENCH_TOKEN_0 BENCH_TOKEN_1
}

server_stats() { grep -Eo "$2=[0-9]+" "$1" | tail -1 | cut -d= -f2; }

java_label() { "$1" -version 2>&1 | head -1 | sed 's/"//g'; }

# ---- 1 + 5: streams held for 60 s, then the stop time ----------------------------------------------
hold_and_stop() { # JAVA TAG
  local java_bin="$1" tag="$2" dir="$OUT/hold-$2" per=$(( (STREAMS + HOLD_THREADS - 1) / HOLD_THREADS ))
  local target=$(( per * HOLD_THREADS ))
  echo "== streams held, $tag: $HOLD_THREADS threads x $per streams =="
  server_with_tokens "$dir" 1500m
  local server_pid="$SERVER_PID"
  # Each stream is held in turn for a slice; 190 x 0.8 s = 152 s in all: the stop comes in the middle.
  run_engine "$java_bin" "$dir" -Jbase_url="$BASE" -Jthreads="$HOLD_THREADS" -Jstreams_per_thread="$per" \
    -Jramp_seconds=10 -Jslice_seconds=0.8 -Jmax_seconds=600
  local engine="$ENGINE_PID" t0 held start_ms
  monitor "$engine" "$dir/monitor.csv" 700 "$BASE" &
  BENCH_PIDS+=("$!")
  start_ms=$(now_ms)
  held=$(wait_streams "$target" 300 "$BASE")
  t0=$(now_ms)
  put "hold_${tag}_open_seconds" "$(( (t0 - start_ms) / 1000 ))"
  sleep 30
  put "hold_${tag}_rss_mib" "$(( $(proc_rss_kb "$engine") / 1024 ))"
  put "hold_${tag}_threads" "$(proc_threads "$engine")"
  sleep 30
  local after errors
  after=$(open_streams "$BASE")
  errors=$(jtl_errors "$dir/results.jtl")
  put "hold_${tag}_target" "$target"
  put "hold_${tag}_reached" "$held"
  put "hold_${tag}_after60s" "$after"
  put "hold_${tag}_errors" "$errors"
  # Figure 5: StopTestNow with every stream held.
  local s0 exit_ms zero_ms=""
  s0=$(now_ms)
  stop_test "$UDP_PORT"
  local i n
  for i in $(seq 1 600); do
    n=$(open_streams "$BASE")
    if [[ -z "$zero_ms" && "$n" -eq 0 ]]; then zero_ms=$(now_ms); fi
    kill -0 "$engine" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$engine/stat" 2>/dev/null)" != Z ]] || break
    sleep 0.05
  done
  wait_exit "$engine" 60 || true
  exit_ms=$(now_ms)
  [[ -n "$zero_ms" ]] || { wait_streams_zero "$BASE"; zero_ms=$(now_ms); }
  put "stop_${tag}_exit_ms" "$(( exit_ms - s0 ))"
  put "stop_${tag}_streams_closed_ms" "$(( zero_ms - s0 ))"
  stop_pid "$engine"
  stop_pid "$server_pid"
}

wait_streams_zero() {
  local i
  for i in $(seq 1 100); do [[ "$(open_streams "$@")" -eq 0 ]] && return 0; sleep 0.2; done
}

# ---- 2: cost per held stream (slope between two counts) ----------------------------------------------
cost_point() { # JAVA TAG STREAMS -> writes "rss_kb heap_kb threads" to its point.txt
  local java_bin="$1" tag="$2" dir="$OUT/cost-$2-$3" per=$(( $3 / HOLD_THREADS ))
  server_with_tokens "$dir" 1500m >/dev/null
  local server_pid="$SERVER_PID"
  # 60 s of holding in all (each stream in turn); measured ~10 s after every stream is open.
  run_engine "$java_bin" "$dir" -Jbase_url="$BASE" -Jthreads="$HOLD_THREADS" -Jstreams_per_thread="$per" \
    -Jramp_seconds=5 -Jslice_seconds="$(calc "60 / $per" 3)" -Jmax_seconds=400
  local engine="$ENGINE_PID" jcmd
  jcmd="$(dirname "$java_bin")/jcmd"
  wait_streams "$(( per * HOLD_THREADS ))" 240 "$BASE" >/dev/null
  sleep 10
  local heap rss threads
  heap=$(heap_live_kb "$jcmd" "$engine")
  sleep 2
  rss=$(proc_rss_kb "$engine")
  threads=$(proc_threads "$engine")
  echo "$rss ${heap:-0} $threads" >"$dir/point.txt"
  stop_test "$UDP_PORT"; wait_exit "$engine" 30 || true
  stop_pid "$engine"
  stop_pid "$server_pid"
}

cost_per_stream() { # JAVA TAG
  local java_bin="$1" tag="$2" low high
  echo "== cost per stream, $tag: $COST_LOW and $COST_HIGH streams =="
  cost_point "$java_bin" "$tag" "$COST_LOW"
  cost_point "$java_bin" "$tag" "$COST_HIGH"
  low=($(cat "$OUT/cost-$tag-$COST_LOW/point.txt"))
  high=($(cat "$OUT/cost-$tag-$COST_HIGH/point.txt"))
  local d=$(( COST_HIGH - COST_LOW ))
  put "cost_${tag}_points" "${COST_LOW}: rss ${low[0]} KiB heap ${low[1]} KiB threads ${low[2]}; ${COST_HIGH}: rss ${high[0]} KiB heap ${high[1]} KiB threads ${high[2]}"
  put "cost_${tag}_rss_kib" "$(calc "(${high[0]} - ${low[0]}) / $d" 1)"
  put "cost_${tag}_heap_kib" "$(calc "(${high[1]} - ${low[1]}) / $d" 1)"
  put "cost_${tag}_threads" "$(calc "(${high[2]} - ${low[2]}) / $d" 3)"
}

# ---- 3: correlated deliveries per second -------------------------------------------------------------
deliveries() { # JAVA TAG
  local java_bin="$1" tag="$2" dir="$OUT/deliveries-$2" per=$(( DELIVERY_STREAMS / HOLD_THREADS ))
  local send_s=$(( DELIVERY_MESSAGES / DELIVERY_RATE ))
  echo "== deliveries, $tag: $DELIVERY_STREAMS streams x $DELIVERY_RATE msg/s x $DELIVERY_MESSAGES messages, $DELIVERY_SENDERS senders =="
  server_with_tokens "$dir" 1500m
  local server_pid="$SERVER_PID"
  # Every stream keeps up to 256 events no sampler reads (SSE Open's "unread events kept").
  local JMETER_FLAGS=(-Xms1g "-Xmx$DELIVERY_HEAP" -XX:+UseG1GC -XX:MaxMetaspaceSize=256m)
  run_engine "$java_bin" "$dir" -Jbase_url="$BASE" -Jthreads="$HOLD_THREADS" -Jstreams_per_thread="$per" \
    -Jramp_seconds=5 -Jslice_seconds="$(calc "($send_s * 2 + 20) / $per" 3)" -Jmax_seconds=400 \
    -Jsender_threads="$DELIVERY_SENDERS" -Jcollector=1 -Jrate="$DELIVERY_RATE" \
    -Jmessages_per_sender="$(( DELIVERY_MESSAGES / DELIVERY_SENDERS ))" \
    -Jconversations_file="$ROOT/config/conversations.json"
  local engine="$ENGINE_PID"
  monitor "$engine" "$dir/monitor.csv" 500 "$BASE" &
  BENCH_PIDS+=("$!")
  wait_exit "$engine" 450 || { echo "deliveries run overran; stopping it"; stop_test "$UDP_PORT"; wait_exit "$engine" 30 || true; }
  stop_pid "$server_pid"
  local f
  f=($(python3 "$BENCH_DIR/analyze.py" deliveries "$dir/results.jtl" "$dir/monitor.csv"))
  put "deliveries_${tag}_delivered" "${f[0]}"
  put "deliveries_${tag}_lost" "${f[1]}"
  put "deliveries_${tag}_fanouts" "${f[2]} (${f[3]} failed) of $DELIVERY_MESSAGES messages"
  put "deliveries_${tag}_window_s" "${f[4]}"
  put "deliveries_${tag}_per_s" "${f[5]}"
  put "deliveries_${tag}_cpu_us" "${f[6]}"
  put "deliveries_${tag}_server" "$(server_stats "$dir/server.log" deliveries) sent by the server, $(server_stats "$dir/server.log" messagesSent) messages"
  put "deliveries_${tag}_errors" "$(jtl_errors "$dir/results.jtl")"
}

# ---- 4: accuracy against a known 200 ms publish delay ------------------------------------------------
accuracy_run() { # JAVA DIR STREAMS MESSAGES DELAY_MS -> writes "n failed p50 p99" to DIR/latency.txt
  local java_bin="$1" dir="$2" n="$3" messages="$4" delay="${5:-200}" threads per
  threads=$(( n < HOLD_THREADS ? 10 : HOLD_THREADS )); per=$(( n / threads ))
  server_with_tokens "$dir" 1500m --publish-delay-ms "$delay" >/dev/null
  local server_pid="$SERVER_PID"
  run_engine "$java_bin" "$dir" -Jbase_url="$BASE" -Jthreads="$threads" -Jstreams_per_thread="$per" \
    -Jramp_seconds=5 -Jslice_seconds="$(calc "($messages / 2 + 15) / $per" 3)" \
    -Jmax_seconds=400 -Jsender_threads=1 -Jcollector=1 -Jrate=2 -Jmessages="$messages" \
    -Jconversations_file="$ROOT/config/conversations.json"
  local engine="$ENGINE_PID"
  wait_exit "$engine" 400 || { stop_test "$UDP_PORT"; wait_exit "$engine" 30 || true; }
  stop_pid "$server_pid"
  python3 "$BENCH_DIR/analyze.py" latency "$dir/results.jtl" e2e_full_latency "$ACCURACY_WARMUP" >"$dir/latency.txt"
}

accuracy() { # JAVA TAG
  local java_bin="$1" tag="$2" r f
  # The intrinsic path (POST, publish, SSE write, read) on this machine without any publish delay.
  echo "== accuracy baseline, $tag, 100 streams, publish delay 0 =="
  accuracy_run "$java_bin" "$OUT/accuracy-$tag-baseline" 100 60 0
  f=($(cat "$OUT/accuracy-$tag-baseline/latency.txt"))
  put "accuracy_${tag}_baseline" "${f[2]} / ${f[3]}"
  for size in 100 "$ACCURACY_BIG"; do
    local runs=$ACCURACY_RUNS p50s=() p99s=() counts=()
    (( size > 100 )) && runs=1
    echo "== accuracy, $tag, $size streams, $runs run(s) =="
    for r in $(seq 1 "$runs"); do
      local f
      accuracy_run "$java_bin" "$OUT/accuracy-$tag-$size-$r" "$size" 60
      f=($(cat "$OUT/accuracy-$tag-$size-$r/latency.txt"))
      counts+=("${f[0]}/${f[1]}"); p50s+=("${f[2]}"); p99s+=("${f[3]}")
    done
    put "accuracy_${tag}_${size}_runs" "$runs (messages/failed per run: ${counts[*]}; p50s ${p50s[*]}; p99s ${p99s[*]})"
    put "accuracy_${tag}_${size}_p50" "$(printf '%s\n' "${p50s[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")"
    put "accuracy_${tag}_${size}_p99" "$(printf '%s\n' "${p99s[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")"
  done
}

# ---- 4c: the floor under figure 4: a raw-socket client (no JMeter) against the same server ------------------
floor_run() { # JAVA DIR DELAY_MS -> writes "count p50 p99" to DIR/floor.txt
  local java_bin="$1" dir="$2" delay="$3"
  server_with_tokens "$dir" 512m --publish-delay-ms "$delay" >/dev/null
  local server_pid="$SERVER_PID"
  timeout 120 "$java_bin" "$BENCH_DIR/refserver/LatencyFloor.java" --port "${BASE##*:}" --token-env BENCH_TOKEN_0 \
    --messages 60 --warmup "$ACCURACY_WARMUP" --rate 2 >"$dir/floor.txt" 2>"$dir/floor.err" || true
  stop_pid "$server_pid"
}

floor() { # JAVA TAG
  local java_bin="$1" tag="$2" r f p50s=() p99s=()
  echo "== accuracy floor, $tag: raw-socket client, publish delay 0, then 200 ms x $ACCURACY_RUNS =="
  floor_run "$java_bin" "$OUT/floor-$tag-0" 0
  f=($(cat "$OUT/floor-$tag-0/floor.txt"))
  put "floor_${tag}_baseline" "${f[1]:-failed} / ${f[2]:-failed}"
  for r in $(seq 1 "$ACCURACY_RUNS"); do
    floor_run "$java_bin" "$OUT/floor-$tag-200-$r" 200
    f=($(cat "$OUT/floor-$tag-200-$r/floor.txt"))
    p50s+=("${f[1]:-nan}"); p99s+=("${f[2]:-nan}")
  done
  put "floor_${tag}_200_runs" "p50s ${p50s[*]}; p99s ${p99s[*]}"
  put "floor_${tag}_200" "$(printf '%s\n' "${p50s[@]}" | sort -g | sed -n "$(( (ACCURACY_RUNS + 1) / 2 ))p") / $(printf '%s\n' "${p99s[@]}" | sort -g | sed -n "$(( (ACCURACY_RUNS + 1) / 2 ))p")"
}

# ---- 1b: two engines in JMeter's distributed mode ---------------------------------------------------
distributed() { # JAVA TAG
  local java_bin="$1" tag="$2" dir="$OUT/distributed-$2" per=$(( (DIST_STREAMS + HOLD_THREADS - 1) / HOLD_THREADS ))
  local target=$(( 2 * per * HOLD_THREADS ))
  echo "== distributed, $tag: 2 jmeter-server engines x $HOLD_THREADS threads x $per streams =="
  mkdir -p "$dir"
  rm -f "$dir/results.jtl"
  local bases=() servers=() engines=() rmi=() e
  for e in 0 1; do
    # One reference server per engine (a process holds at most ~20,000 sockets), on its own address.
    SERVER_HOST="127.0.0.$((e + 2))" server_with_tokens "$dir/server$e" 1500m
    bases+=("$BASE"); servers+=("$SERVER_PID")
    local port local_port
    next_port; port=$NEXT_PORT; next_port; local_port=$NEXT_PORT
    rmi+=("127.0.0.1:$port")
    # base_url and the tokens are this engine's own (server-local -J and environment).
    "$java_bin" "${JMETER_FLAGS[@]}" -Djava.rmi.server.hostname=127.0.0.1 \
      -jar "$JMETER_JAR" -s -Jserver.rmi.ssl.disable=true -Jserver_port="$port" -Jserver.rmi.localport="$local_port" \
      -Jbase_url="$BASE" -Jstreams_ready=0 "${TRANSPORT_PROPS[@]}" "${IDENTITIES[@]}" -j "$dir/server$e/jmeter-server.log" \
      >"$dir/server$e/jmeter-server.out" 2>&1 &
    engines+=("$!"); BENCH_PIDS+=("$!")
  done
  for e in 0 1; do  # bounded wait until both engines listen for the controller
    for _ in $(seq 1 100); do
      grep -q "Created remote object" "$dir/server$e/jmeter-server.out" 2>/dev/null && break
      sleep 0.2
    done
  done
  sleep 2
  local controller start_ms
  start_ms=$(now_ms)
  "$java_bin" "${JMETER_FLAGS[@]}" -jar "$JMETER_JAR" -n -t "$HOLD_PLAN" -R "$(IFS=,; echo "${rmi[*]}")" \
    -Jserver.rmi.ssl.disable=true -l "$dir/results.jtl" -j "$dir/controller.log" \
    -Jjmeterengine.nongui.port="$UDP_PORT" -Jjmeterengine.nongui.maxport="$UDP_PORT" \
    -Gthreads="$HOLD_THREADS" -Gstreams_per_thread="$per" -Gramp_seconds=10 -Gslice_seconds=0.8 -Gmax_seconds=600 \
    >"$dir/controller.out" 2>&1 &
  controller=$!; BENCH_PIDS+=("$controller")
  sleep 15
  if ! kill -0 "$controller" 2>/dev/null; then
    echo "the controller ended early:"; tail -5 "$dir/controller.out"
    put "dist_${tag}_errors" "controller failed: $(tail -1 "$dir/controller.out")"
    for e in "${engines[@]}" "${servers[@]}"; do stop_pid "$e"; done
    return 0
  fi
  local held after t0
  held=$(wait_streams "$target" 420 "${bases[@]}")
  t0=$(now_ms)
  put "dist_${tag}_open_seconds" "$(( (t0 - start_ms) / 1000 ))"
  put "dist_${tag}_rss_mib" "$(( ($(proc_rss_kb "${engines[0]}") + $(proc_rss_kb "${engines[1]}")) / 1024 ))"
  sleep 60
  after=$(open_streams "${bases[@]}")
  put "dist_${tag}_target" "$target"
  put "dist_${tag}_reached" "$held"
  put "dist_${tag}_after60s" "$after"
  stop_test "$UDP_PORT"
  wait_exit "$controller" 90 || true
  put "dist_${tag}_errors" "$(jtl_errors "$dir/results.jtl")"
  stop_pid "$controller"
  for e in "${engines[@]}"; do stop_pid "$e"; done
  for e in "${servers[@]}"; do stop_pid "$e"; done
}

echo "bench outputs in $OUT"
JVMS="${BENCH_JVMS:-j17 j25}"   # which JVMs the per-JVM figures run on
RUNS="${BENCH_RUNS:-3}"         # runs of figures 1, 2, 3 and 5: the table shows their medians
# each_jvm FUNC [RUNS]: the figure on every JVM, RUNS times, then the median of each numeric result.
each_jvm() {
  local f="$1" runs="${2:-1}" tag r from
  for tag in $JVMS; do
    from=$(wc -l <"$RESULTS")
    for r in $(seq 1 "$runs"); do
      if (( runs > 1 )); then echo "-- run $r of $runs"; fi
      "$f" "$([[ $tag == j17 ]] && echo "$JAVA17" || echo "$JAVA25")" "$tag"
    done
    if (( runs > 1 )); then
      python3 "$BENCH_DIR/analyze.py" medians "$RESULTS" "$from" >"$OUT/medians.tmp"
      cat "$OUT/medians.tmp" >>"$RESULTS"
      grep __runs "$OUT/medians.tmp" | sed 's/^/  /' || true
    fi
  done
}
want hold && each_jvm hold_and_stop "$RUNS"
want cost && each_jvm cost_per_stream "$RUNS"
want deliveries && each_jvm deliveries "$RUNS"
want accuracy && each_jvm accuracy          # 4a is a median of BENCH_ACCURACY_RUNS runs by itself
want floor && each_jvm floor
want distributed && each_jvm distributed    # one run: two engines and two servers take ~5 min

# ---- the table ---------------------------------------------------------------------------------------
v() { local x; x="$(get "$1")"; echo "${x:--}"; }
{
  echo
  echo "==== JMeter SSE plugin: load-generator benchmark ($(date -u +%Y-%m-%dT%H:%MZ)) ===="
  printf '%-34s %s\n' "machine" "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), open files $(ulimit -n), pid_max $(cat /proc/sys/kernel/pid_max)"
  printf '%-34s %s\n' "JVM j17" "$(java_label "$JAVA17")"
  printf '%-34s %s\n' "JVM j25" "$(java_label "$JAVA25")"
  printf '%-34s %s\n' "JMeter flags" "${JMETER_FLAGS[*]} (deliveries: -Xmx$DELIVERY_HEAP); reference server -Xmx1500m G1 --no-rate-limit --no-csrf"
  printf '%-34s %s\n' "JMeter" "5.6.3 ($(basename "$PLUGIN_JAR")), SSE transport $TRANSPORT${BENCH_IO_THREADS:+, $BENCH_IO_THREADS io threads}, $EVENTS_KEPT unread events kept per stream"
  echo "---------------------------------- figure ---------------------------------- j17 | j25 ----"
  printf '%-44s %18s | %s\n' "1. streams held 60 s, one engine (target)" "$(v hold_j17_after60s)/$(v hold_j17_target)" "$(v hold_j25_after60s)/$(v hold_j25_target)"
  printf '%-44s %18s | %s\n' "   errors in the JTL" "$(v hold_j17_errors)" "$(v hold_j25_errors)"
  printf '%-44s %18s | %s\n' "   time to open all (s)" "$(v hold_j17_open_seconds)" "$(v hold_j25_open_seconds)"
  printf '%-44s %18s | %s\n' "   engine RSS MiB / threads while held" "$(v hold_j17_rss_mib) / $(v hold_j17_threads)" "$(v hold_j25_rss_mib) / $(v hold_j25_threads)"
  dist() { echo "$(v "dist_$1_after60s")/$(v "dist_$1_target"), $(v "dist_$1_errors") err, $(v "dist_$1_open_seconds") s, $(v "dist_$1_rss_mib") MiB"; }
  printf '%-44s %18s | %s\n' "1b. two engines, distributed (held/target," "" ""
  printf '%-44s %18s | %s\n' "    errors, time to open, RSS of both)" "$(dist j17)" "$(dist j25)"
  printf '%-44s %18s | %s\n' "2. RSS KiB per stream (<= 50)" "$(v cost_j17_rss_kib)" "$(v cost_j25_rss_kib)"
  printf '%-44s %18s | %s\n' "   heap KiB per stream (after full GC)" "$(v cost_j17_heap_kib)" "$(v cost_j25_heap_kib)"
  printf '%-44s %18s | %s\n' "   threads per stream" "$(v cost_j17_threads)" "$(v cost_j25_threads)"
  printf '%-44s %18s | %s\n' "3. correlated deliveries/s (>= 50,000)" "$(v deliveries_j17_per_s)" "$(v deliveries_j25_per_s)"
  printf '%-44s %18s | %s\n' "   CPU us per delivery (<= 15)" "$(v deliveries_j17_cpu_us)" "$(v deliveries_j25_cpu_us)"
  printf '%-44s %18s | %s\n' "   delivered / lost" "$(v deliveries_j17_delivered) / $(v deliveries_j17_lost)" "$(v deliveries_j25_delivered) / $(v deliveries_j25_lost)"
  printf '%-44s %18s | %s\n' "   fan-out records" "$(v deliveries_j17_fanouts)" "$(v deliveries_j25_fanouts)"
  printf '%-44s %18s | %s\n' "   server" "$(v deliveries_j17_server)" "$(v deliveries_j25_server)"
  acc() { echo "$(v "accuracy_$1_$2_p50") / $(v "accuracy_$1_$2_p99")"; }
  printf '%-44s %18s | %s\n' "4.  e2e p50 / p99 ms, 100 streams, delay 0" "$(v accuracy_j17_baseline)" "$(v accuracy_j25_baseline)"
  printf '%-44s %18s | %s\n' "4a. e2e p50 / p99 ms, 100 streams (200 ms)" "$(acc j17 100)" "$(acc j25 100)"
  printf '%-44s %18s | %s\n' "    runs (p50s; p99s)" "$(v accuracy_j17_100_runs)" "$(v accuracy_j25_100_runs)"
  printf '%-44s %18s | %s\n' "4b. e2e p50 / p99 ms, $ACCURACY_BIG streams" "$(acc j17 "$ACCURACY_BIG")" "$(acc j25 "$ACCURACY_BIG")"
  printf '%-44s %18s | %s\n' "4c. floor: raw-socket client, no JMeter," "" ""
  printf '%-44s %18s | %s\n' "    p50 / p99 ms, delay 0" "$(v floor_j17_baseline)" "$(v floor_j25_baseline)"
  printf '%-44s %18s | %s\n' "    p50 / p99 ms, 200 ms (median of 3)" "$(v floor_j17_200)" "$(v floor_j25_200)"
  printf '%-44s %18s | %s\n' "5. StopTestNow -> engine exit ms (<= 5000)" "$(v stop_j17_exit_ms)" "$(v stop_j25_exit_ms)"
  printf '%-44s %18s | %s\n' "   StopTestNow -> server sees 0 streams ms" "$(v stop_j17_streams_closed_ms)" "$(v stop_j25_streams_closed_ms)"
  echo "---------------------------------- runs (medians above are of these) ----------------------------------"
  grep -E '^(hold_j[0-9]+_(after60s|errors|rss_mib|open_seconds)|cost_j[0-9]+_(rss|heap)_kib|deliveries_j[0-9]+_(per_s|cpu_us|lost)|stop_j[0-9]+_exit_ms)__runs=' "$RESULTS" \
    | sed 's/__runs=/  /' | awk '{k=$1; $1=""; printf "%-44s %s\n", k, $0}' || true
} | tee "$OUT/table.txt"
