#!/usr/bin/env bash
# Load-generator benchmark of the JMeter SSE plugin against the reference server, all on loopback.
# One command from a fresh clone: builds what is missing, runs every figure, prints one table.
#
#   bench/run.sh                      # everything, medians of 3 runs (~80 min on 2 cores)
#   BENCH_RUNS=1 bench/run.sh         # everything once (~35 min)
#   BENCH_ONLY="hold cost" bench/run.sh   # some figures: hold cost deliveries accuracy floor distributed ingest
#   BENCH_KEEP=1 BENCH_ONLY=accuracy bench/run.sh   # re-run one figure, keep the others' results
#   BENCH_BACKEND=generic-sse bench/run.sh            # the second target: our server in --generic-sse mode
#   BENCH_TARGET_URL=http://host:port BENCH_BACKEND=my.properties [BENCH_TARGET_PID=pid] bench/run.sh
#                                     # any target (tokens BENCH_TOKEN_0/1 or BENCH_PASSWORD from the environment)
#   BENCH_ONLY=ingest bench/run.sh    # samples/s one controller ingests from two engines (distributed mode)
#
# Target (env): BENCH_BACKEND (backend profile: a name under config/backends/ or a file; default instainstru),
# BENCH_TARGET_URL (default: the bench starts its own reference servers, with the profile's
# REFERENCE_SERVER_ARGS), BENCH_TARGET_PID (the target's process on this machine: its CPU and RSS are
# measured; automatic for the servers the bench starts), BENCH_USER_0/1 (accounts; default the seeded two),
# BENCH_TOKEN_0/1 or BENCH_PASSWORD (a foreign target's secrets: environment only, never a file or a log),
# BENCH_CONVERSATION_ID, BENCH_CONVERSATIONS_FILE (the accounts' shared conversation; default the seed's).
#
# Sizes (env): BENCH_STREAMS (19000), BENCH_HOLD_THREADS (100), BENCH_COST_LOW/HIGH (2000/10000),
# BENCH_DELIVERY_STREAMS (10000), BENCH_DELIVERY_RATE (8 msg/s), BENCH_DELIVERY_MESSAGES (600),
# BENCH_DELIVERY_WARMUP (messages left out of the steady-state figure; default a third of them),
# BENCH_DELIVERY_SENDERS (default: from a POST latency probe, ceil(rate x p90 x 1.5) + 1, at most
# BENCH_SENDERS_MAX 64; a number fixes it), BENCH_PROBE_SENDS (8),
# BENCH_INGEST_SECONDS (30 per mode), BENCH_INGEST_THREADS (per engine, 4), BENCH_INGEST_MODES
# (StrippedBatch Batch Asynch),
# BENCH_ACCURACY_RUNS (3), BENCH_DIST_STREAMS (per engine, 19000), BENCH_JAVA17, BENCH_JAVA25,
# BENCH_TRANSPORT (netty: the default event-loop transport; okhttp: okhttp-eventsource, a reader thread per stream),
# BENCH_IO_THREADS (Netty event-loop threads; default one per core),
# BENCH_ENGINE_CPUS / BENCH_TARGET_CPUS (taskset CPU lists: the engine and the reference servers on cores apart),
# BENCH_ENGINE_GC (the engines' collector flags; default as the scripts give them), BENCH_EVENTS_KEPT (1).
# Outputs (JTLs, logs, monitor CSVs) go to bench/out/ (git-ignored).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out/run"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
trap bench_cleanup EXIT

ONLY="${BENCH_ONLY:-hold cost deliveries accuracy floor distributed ingest}"
STREAMS="${BENCH_STREAMS:-19000}"
HOLD_THREADS="${BENCH_HOLD_THREADS:-100}"
COST_LOW="${BENCH_COST_LOW:-2000}"
COST_HIGH="${BENCH_COST_HIGH:-10000}"
DELIVERY_STREAMS="${BENCH_DELIVERY_STREAMS:-10000}"
DELIVERY_RATE="${BENCH_DELIVERY_RATE:-8}"
DELIVERY_MESSAGES="${BENCH_DELIVERY_MESSAGES:-600}"  # 2 min at 5/s: the JIT has settled for the last 400
DELIVERY_SENDERS="${BENCH_DELIVERY_SENDERS:-probe}"  # POSTs in parallel: each answers after the server's fan-out
SENDERS_MAX="${BENCH_SENDERS_MAX:-64}"
PROBE_SENDS="${BENCH_PROBE_SENDS:-8}"
INGEST_SECONDS="${BENCH_INGEST_SECONDS:-30}"
INGEST_THREADS="${BENCH_INGEST_THREADS:-4}"
INGEST_MODES="${BENCH_INGEST_MODES:-StrippedBatch Batch Asynch}"
ACCURACY_RUNS="${BENCH_ACCURACY_RUNS:-3}"
ACCURACY_BIG="${BENCH_ACCURACY_BIG:-10000}"
ACCURACY_WARMUP="${BENCH_ACCURACY_WARMUP:-10}"  # first messages left out of the latency figures (JIT warm-up)
DIST_STREAMS="${BENCH_DIST_STREAMS:-19000}"
DELIVERY_HEAP="${BENCH_DELIVERY_HEAP:-2g}"
DELIVERY_WARMUP="${BENCH_DELIVERY_WARMUP:-$(( DELIVERY_MESSAGES / 3 ))}"
TRANSPORT="${BENCH_TRANSPORT:-netty}"
TRANSPORT_PROPS=(-Jsse.transport="$TRANSPORT")
[[ -n "${BENCH_IO_THREADS:-}" ]] && TRANSPORT_PROPS+=(-Jsse.io.threads="$BENCH_IO_THREADS")
# SSE Open's "unread events kept" in the bench plan. A plan's hold counts a stream's events without keeping any;
# the bench's holders take their 100 streams in turn, so the 99 not held keep this many each (1: the nearest)
EVENTS_KEPT="${BENCH_EVENTS_KEPT:-1}"
TRANSPORT_PROPS+=(-Jevents_kept="$EVENTS_KEPT")
JFR="${BENCH_JFR:-0}"   # 1: every engine records a JFR profile (engine.jfr beside its JTL); see bench/profile.sh
JAVA17="${BENCH_JAVA17:-$(dirname "$(readlink -f "$(command -v java)")")/java}"
JAVA25="${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JMETER_FLAGS=(-Xms1g -Xmx2g -XX:MaxMetaspaceSize=256m)  # the collector: engine_collector
USER_0="${BENCH_USER_0:-sarah.chen@example.com}"
USER_1="${BENCH_USER_1:-emma.johnson@example.com}"
IDENTITIES=(-Jidentity_0="$USER_0" -Jidentity_1="$USER_1")
HOLD_PLAN="$BENCH_DIR/plans/streams.jmx"
INGEST_PLAN="$BENCH_DIR/plans/ingest.jmx"

# ---- the target: a backend profile, and our own reference servers unless BENCH_TARGET_URL names one ------
BACKEND="${BENCH_BACKEND:-instainstru}"
if [[ -f "$BACKEND" ]]; then BACKEND_FILE="$(readlink -f "$BACKEND")"
else BACKEND_FILE="$ROOT/config/backends/${BACKEND%.properties}.properties"; fi
[[ -f "$BACKEND_FILE" ]] || { echo "BENCH_BACKEND=$BACKEND: no profile $BACKEND_FILE" >&2; exit 2; }
BACKEND_NAME="$(basename "$BACKEND_FILE" .properties)"
TARGET_URL="${BENCH_TARGET_URL:-}"; TARGET_URL="${TARGET_URL%/}"
TARGET_PID="${BENCH_TARGET_PID:-}"
read -r -a REFSERVER_ARGS <<<"$(backend_value REFERENCE_SERVER_ARGS "")"
HEALTH_PATH="${BENCH_HEALTH_PATH-$(backend_value LOADTEST_HEALTH_PATH /api/v1/health)}"
STREAM_PATH="$(backend_value LOADTEST_STREAM_PATH /api/v1/messages/stream)"
MESSAGE_EVENT="$(backend_value LOADTEST_MESSAGE_EVENT new_message)"
SEND_BODY="$(backend_value LOADTEST_SEND_BODY '{"content": "{{content}}"}')"
CONVERSATION_ID="${BENCH_CONVERSATION_ID:-01JCZ0C0NVERSAT10N00000001}"
CONVERSATIONS_FILE="${BENCH_CONVERSATIONS_FILE:-$ROOT/config/conversations.json}"
SEND_PATH="$(backend_value LOADTEST_SEND_PATH '/api/v1/conversations/${conversation_id}/messages')"
SEND_PATH="${SEND_PATH//'${conversation_id}'/$CONVERSATION_ID}"
# The profile goes to every JMeter (-q): the plan reads its LOADTEST_* keys (paths, event, statuses).
PROFILE_PROPS=(-q "$BACKEND_FILE" -Jconversation_id="$CONVERSATION_ID")
if [[ -n "$TARGET_URL" ]]; then
  TARGET_LABEL="$TARGET_URL ($BACKEND_NAME profile)${TARGET_PID:+, pid $TARGET_PID}"
  # A foreign target's health answer may not count streams: the bench counts them from the JTL, flushed per sample.
  PROFILE_PROPS+=(-Jjmeter.save.saveservice.autoflush=true)
else
  TARGET_LABEL="reference server started by the bench${REFSERVER_ARGS[*]:+ (${REFSERVER_ARGS[*]})}, $BACKEND_NAME profile"
fi
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
# shellcheck source=../scripts/lib/engine-gc.sh
source "$ROOT/scripts/lib/engine-gc.sh"
PLUGIN_JAR="$(plugin_jar "$ROOT" || true)"
newest_home() { ls -td "$ROOT"/plans/target/*/jmeter 2>/dev/null | while read -r d; do
  [[ -f "$d/bin/ApacheJMeter-5.6.3.jar" ]] && { echo "$d"; break; }; done; }
if [[ ! -f "$REFSERVER_JAR" || -z "$PLUGIN_JAR" || -z "$(newest_home)" ]] || ! rmi_agent_jar "$PLUGIN_JAR" >/dev/null; then
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
# The plugin's RMI agent jar (binds an engine's plain RMI ports to loopback), which the plugin build makes beside it.
AGENT_JAR="$BENCH_DIR/out/rmi-agent.jar"
cp "$(rmi_agent_jar "$PLUGIN_JAR")" "$AGENT_JAR" || { echo "no RMI agent jar beside $PLUGIN_JAR: rebuild the plugin" >&2; exit 2; }

# A UDP port for JMeter's StopTestNow that no other JMeter on this machine uses.
UDP_PORT=$(( 30000 + RANDOM % 2000 ))
port_base=$(( 21000 + RANDOM % 8000 ))
# Sets NEXT_PORT (not in a $(...) subshell, which would lose the count).
next_port() { port_base=$((port_base + 1)); NEXT_PORT=$port_base; }

# engine_collector JAVA: the engine's collector flags, one per line: BENCH_ENGINE_GC when set (e.g.
# "-XX:+UseParallelGC" to compare), else what the scripts give an engine (scripts/lib/engine-gc.sh: G1 with
# refinement at the pause on Java 17-19), else G1 as JMeter's bin/jmeter.
engine_collector() {
  if [[ -n "${BENCH_ENGINE_GC:-}" ]]; then tr ' ' '\n' <<<"$BENCH_ENGINE_GC"; return 0; fi
  local flags
  flags="$(engine_gc_flags "$1")"
  if [[ -n "$flags" ]]; then echo "$flags"; else echo "-XX:+UseG1GC"; fi
}

# run_engine JAVA OUTDIR EXTRA_PROPS...: starts one non-GUI JMeter engine on the bench plan; sets ENGINE_PID.
run_engine() {
  local java_bin="$1" dir="$2"; shift 2
  mkdir -p "$dir"
  rm -f "$dir/results.jtl" "$dir/jmeter.log"  # JMeter appends to an existing JTL
  local jfr=() gc
  mapfile -t gc < <(engine_collector "$java_bin")
  [[ "$JFR" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$dir/engine.jfr,settings=profile,dumponexit=true")
  COUNT_JTL="$dir/results.jtl"  # a foreign target's open streams are counted from it (lib.sh open_streams)
  # The senders wait until this file holds how many of them send (deliveries: after the latency probe).
  printf '%s' "${SENDERS_NOW:-1}" >"$dir/senders.txt"
  exec_pinned "${BENCH_ENGINE_CPUS:-}" "$java_bin" "${JMETER_FLAGS[@]}" "${gc[@]}" "${jfr[@]}" -jar "$JMETER_JAR" -n -t "$HOLD_PLAN" -l "$dir/results.jtl" \
    -j "$dir/jmeter.log" -Jjmeterengine.nongui.port="$UDP_PORT" -Jjmeterengine.nongui.maxport="$UDP_PORT" \
    -Jsummariser.interval=10 -Jstreams_ready=0 -Jsample_variables=e2e_latency_ms,e2e_counts \
    -Jsenders_file="$dir/senders.txt" "${PROFILE_PROPS[@]}" \
    "${TRANSPORT_PROPS[@]}" "${IDENTITIES[@]}" "$@" >"$dir/stdout.log" 2>&1 &
  ENGINE_PID=$!
  BENCH_PIDS+=("$ENGINE_PID")
}

# server_with_tokens DIR HEAP [server args]: starts a server, logs in both accounts; sets BASE, SERVER_PID
# and TARGET (the pid whose CPU and RSS are the target's, empty when unknown). With BENCH_TARGET_URL no server
# is started (the server args, e.g. a publish delay, cannot apply): BASE is that target, SERVER_PID empty, and
# the tokens come from BENCH_TOKEN_0/1 in the environment, else from a login with BENCH_PASSWORD.
server_with_tokens() {
  local dir="$1" heap="$2"; shift 2
  local host="${SERVER_HOST:-127.0.0.1}" port
  mkdir -p "$dir"
  if [[ -n "$TARGET_URL" ]]; then
    BASE="$TARGET_URL"; SERVER_PID=""; TARGET="$TARGET_PID"
    if [[ -z "${FOREIGN_TOKEN_0:-}" ]]; then  # once per run: a foreign target may limit logins
      FOREIGN_TOKEN_0="${BENCH_TOKEN_0:-$(login "$BASE" "$USER_0")}"
      FOREIGN_TOKEN_1="${BENCH_TOKEN_1:-$(login "$BASE" "$USER_1")}"
    fi
    BENCH_TOKEN_0="$FOREIGN_TOKEN_0"; BENCH_TOKEN_1="$FOREIGN_TOKEN_1"
  else
    next_port; port=$NEXT_PORT
    start_server "$dir/server.log" "$port" "$host" "$heap" "$@"
    BASE="http://$host:$port"; TARGET="$SERVER_PID"
    BENCH_TOKEN_0="$(login "$BASE" "$USER_0")"
    BENCH_TOKEN_1="$(login "$BASE" "$USER_1")"
  fi
  [[ -n "$BENCH_TOKEN_0" && -n "$BENCH_TOKEN_1" ]] || { echo "login failed (a foreign target needs BENCH_TOKEN_0/1 or BENCH_PASSWORD)"; return 1; }
  export BENCH_TOKEN_0 BENCH_TOKEN_1
}

# target_counts_streams BASE: whether the target's health answer counts its open streams (our server does).
target_counts_streams() {
  curl -s -m 5 "$1$HEALTH_PATH" 2>/dev/null | grep -Eq '"open_streams": *[0-9]+'
}

server_stats() { grep -Eo "$2=[0-9]+" "$1" 2>/dev/null | tail -1 | cut -d= -f2; }

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
  local s0 exit_ms zero_ms="" counts=1
  target_counts_streams "$BASE" || { counts=0; zero_ms=never; }
  s0=$(now_ms)
  stop_test "$UDP_PORT"
  local i n
  for i in $(seq 1 600); do
    if (( counts )); then
      n=$(open_streams "$BASE")
      if [[ -z "$zero_ms" && "$n" -eq 0 ]]; then zero_ms=$(now_ms); fi
    fi
    kill -0 "$engine" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$engine/stat" 2>/dev/null)" != Z ]] || break
    sleep 0.05
  done
  wait_exit "$engine" 60 || true
  exit_ms=$(now_ms)
  [[ -n "$zero_ms" ]] || { wait_streams_zero "$BASE"; zero_ms=$(now_ms); }
  put "stop_${tag}_exit_ms" "$(( exit_ms - s0 ))"
  if (( counts )); then put "stop_${tag}_streams_closed_ms" "$(( zero_ms - s0 ))"
  else put "stop_${tag}_streams_closed_ms" "- (the target does not count its streams)"; fi
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
# capture_stream FILE_PREFIX TOKEN SECONDS: one more stream of the target, raw as sent (chunked framing kept),
# into FILE_PREFIX.raw / .headers; sets CAPTURE_PID. The token reaches curl through a pipe, not its arguments.
capture_stream() {
  local out="$1" token="$2" secs="$3"
  curl -K <(printf 'header = "Authorization: Bearer %s"\n' "$token") -sN --raw -m "$secs" \
    -H 'Accept: text/event-stream' -D "$out.headers" -o "$out.raw" "$BASE$STREAM_PATH" 2>/dev/null &
  CAPTURE_PID=$!
  BENCH_PIDS+=("$CAPTURE_PID")
}

# probe_sends N RATE TOKEN OUT: N POSTs at RATE per second, each on its own (so they overlap like the
# figure's senders will: the latency is the one under the offered rate), with the profile's send path and body;
# writes "http_code seconds" per line. They reach every held stream, like the figure's own messages.
probe_sends() {
  local n="$1" rate="$2" token="$3" out="$4" i body pids=() gap
  gap="$(calc "1 / $rate" 3)"
  : >"$out"
  for i in $(seq 1 "$n"); do
    body="${SEND_BODY//'{{content}}'/bench-probe-$i}"
    { curl_auth "$token" -s -m 30 -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
        --data-binary "$body" "$BASE$SEND_PATH" 2>/dev/null || echo "000 30"; } >>"$out" &
    pids+=("$!")
    sleep "$gap"
  done
  for i in "${pids[@]}"; do wait "$i" 2>/dev/null || true; done  # each bounded by curl -m 30
}

# senders_for RATE PROBE_FILE: ceil(rate x p90 POST latency x 1.5) + 1 sender threads, at most SENDERS_MAX.
senders_for() {
  sort -g -k2 "$2" | awk -v rate="$1" -v max="$SENDERS_MAX" '{ v[NR] = $2 } END {
    n = NR; k = int(0.9 * n + 0.999999); if (k < 1) k = 1; p90 = v[k]
    t = rate * p90 * 1.5; c = int(t); if (c < t) c++; c++
    if (c > max) c = max; if (c < 1) c = 1; printf "%d %.0f\n", c, p90 * 1000 }'
}

deliveries() { # JAVA TAG
  local java_bin="$1" tag="$2" dir="$OUT/deliveries-$2" per=$(( DELIVERY_STREAMS / HOLD_THREADS ))
  local send_s=$(( DELIVERY_MESSAGES / DELIVERY_RATE )) threads gate probe_note=", one capture stream more"
  if [[ "$DELIVERY_SENDERS" == probe ]]; then threads=$SENDERS_MAX; gate=0
  else threads=$DELIVERY_SENDERS; gate=$DELIVERY_SENDERS; fi
  echo "== deliveries, $tag: $DELIVERY_STREAMS streams x $DELIVERY_RATE msg/s x $DELIVERY_MESSAGES messages, senders $DELIVERY_SENDERS =="
  server_with_tokens "$dir" 1500m
  local server_pid="$SERVER_PID" target="$TARGET"
  # -Xms = -Xmx as JMeter's own bin/jmeter, touched at start: the kernel zeroing heap pages as G1 grew the heap
  # took ~10 % of the engine's CPU in the delivery window (perf, 2026-12-03)
  local JMETER_FLAGS=("-Xms$DELIVERY_HEAP" "-Xmx$DELIVERY_HEAP" -XX:+AlwaysPreTouch -XX:MaxMetaspaceSize=256m
    "-Xlog:gc:file=$dir/gc.log")
  SENDERS_NOW=$gate run_engine "$java_bin" "$dir" -Jbase_url="$BASE" -Jthreads="$HOLD_THREADS" -Jstreams_per_thread="$per" \
    -Jramp_seconds=5 -Jslice_seconds="$(calc "($send_s * 2 + 30) / $per" 3)" -Jmax_seconds=400 \
    -Jsender_threads="$threads" -Jcollector=1 -Jrate="$DELIVERY_RATE" \
    -Jmessages="$DELIVERY_MESSAGES" -Jmessages_per_sender="$DELIVERY_MESSAGES" \
    -Jconversations_file="$CONVERSATIONS_FILE"
  local engine="$ENGINE_PID"
  MONITOR_TARGET_PID="$target" monitor "$engine" "$dir/monitor.csv" 500 "$BASE" &
  BENCH_PIDS+=("$!")
  wait_streams "$DELIVERY_STREAMS" 300 "$BASE" >/dev/null
  # One stream more, raw, for the event shape and the size of a message as sent (account 1 gets account 0's).
  capture_stream "$dir/capture" "$BENCH_TOKEN_1" $(( send_s * 3 + 120 ))
  local capture="$CAPTURE_PID"
  sleep 1
  if (( gate == 0 )); then
    # The POST answers after the server's fan-out to every held stream: measure it with the streams held.
    probe_sends "$PROBE_SENDS" "$DELIVERY_RATE" "$BENCH_TOKEN_0" "$dir/probe.txt"
    local picked
    picked=($(senders_for "$DELIVERY_RATE" "$dir/probe.txt"))
    gate="${picked[0]}"
    put "deliveries_${tag}_probe" "$PROBE_SENDS POSTs at $DELIVERY_RATE/s, p90 ${picked[1]} ms (codes $(awk '{print $1}' "$dir/probe.txt" | sort | uniq -c | awk '{printf "%s%sx%s", s, $1, $2; s=" "}'))"
    printf '%s' "$gate" >"$dir/senders.txt"
    probe_note=", incl. $PROBE_SENDS probe messages and one capture stream"
  fi
  wait_exit "$engine" 450 || { echo "deliveries run overran; stopping it"; stop_test "$UDP_PORT"; wait_exit "$engine" 30 || true; }
  stop_pid "$capture"
  stop_pid "$server_pid"
  local f
  f=($(python3 "$BENCH_DIR/analyze.py" deliveries "$dir/results.jtl" "$dir/monitor.csv"))
  put "deliveries_${tag}_delivered" "${f[0]}"
  put "deliveries_${tag}_lost" "${f[1]}"
  put "deliveries_${tag}_fanouts" "${f[2]} (${f[3]} failed) of $DELIVERY_MESSAGES messages"
  put "deliveries_${tag}_window_s" "${f[4]}"
  put "deliveries_${tag}_per_s" "${f[5]}"
  put "deliveries_${tag}_cpu_us" "${f[6]}"
  put "deliveries_${tag}_senders" "$gate"
  local line
  while IFS= read -r line; do put "deliveries_${tag}_${line%%=*}" "${line#*=}"; done < <(
    python3 "$BENCH_DIR/analyze.py" delivery_detail "$dir/results.jtl" "$dir/monitor.csv" "$DELIVERY_RATE" \
      "$DELIVERY_STREAMS" "$gate" "$DELIVERY_WARMUP")
  while IFS= read -r line; do put "deliveries_${tag}_frame_${line%%=*}" "${line#*=}"; done < <(
    python3 "$BENCH_DIR/analyze.py" frame "$dir/capture.raw" "$dir/capture.headers" "$MESSAGE_EVENT" jmeter-e2e 2>&1)
  if [[ -n "$server_pid" ]]; then
    put "deliveries_${tag}_server" "$(server_stats "$dir/server.log" deliveries) sent by the server, $(server_stats "$dir/server.log" messagesSent) messages$probe_note"
  fi
  put "deliveries_${tag}_gc" "$(python3 "$BENCH_DIR/analyze.py" gc_pauses "$dir/gc.log")"
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
    -Jconversations_file="$CONVERSATIONS_FILE"
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
  if [[ -n "$TARGET_URL" ]]; then  # a foreign target has no publish-delay knob: only its own path above
    echo "   (a foreign target: the 200 ms figures need our server's --publish-delay-ms; left out)"
    return 0
  fi
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
  if [[ -n "$TARGET_URL" ]]; then echo "== accuracy floor: needs our own server (left out for $TARGET_URL)"; return 0; fi
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
# start_jmeter_server JAVA DIR JMETER_ARGS...: one jmeter-server engine on loopback (RMI without SSL, bound to
# 127.0.0.1 by the plugin's RMI agent); appends its pid to ENGINES and its address to RMI.
start_jmeter_server() {
  local java_bin="$1" dir="$2"; shift 2
  local port local_port
  mkdir -p "$dir"
  next_port; port=$NEXT_PORT; next_port; local_port=$NEXT_PORT
  RMI+=("127.0.0.1:$port")
  "$java_bin" "${JMETER_FLAGS[@]}" "-javaagent:$AGENT_JAR" -Djava.rmi.server.hostname=127.0.0.1 \
    -jar "$JMETER_JAR" -s -Jserver.rmi.ssl.disable=true -Jserver_port="$port" -Jserver.rmi.localport="$local_port" \
    "$@" -j "$dir/jmeter-server.log" >"$dir/jmeter-server.out" 2>&1 &
  ENGINES+=("$!"); BENCH_PIDS+=("$!")
}

# wait_jmeter_servers DIR...: bounded wait until each engine listens for the controller.
wait_jmeter_servers() {
  local d
  for d in "$@"; do
    for _ in $(seq 1 150); do
      grep -q "Created remote object" "$d/jmeter-server.out" 2>/dev/null && break
      sleep 0.2
    done
  done
  sleep 2
}

# start_controller JAVA DIR PLAN JMETER_ARGS...: the controller (-R every engine in RMI); sets CONTROLLER.
start_controller() {
  local java_bin="$1" dir="$2" plan="$3"; shift 3
  rm -f "$dir/results.jtl"
  "$java_bin" "${JMETER_FLAGS[@]}" "-javaagent:$AGENT_JAR" -Djava.rmi.server.hostname=127.0.0.1 \
    -jar "$JMETER_JAR" -n -t "$plan" -R "$(IFS=,; echo "${RMI[*]}")" \
    -Jserver.rmi.ssl.disable=true -l "$dir/results.jtl" -j "$dir/controller.log" \
    -Jjmeterengine.nongui.port="$UDP_PORT" -Jjmeterengine.nongui.maxport="$UDP_PORT" "$@" \
    >"$dir/controller.out" 2>&1 &
  CONTROLLER=$!; BENCH_PIDS+=("$CONTROLLER")
}

distributed() { # JAVA TAG
  local java_bin="$1" tag="$2" dir="$OUT/distributed-$2" per=$(( (DIST_STREAMS + HOLD_THREADS - 1) / HOLD_THREADS ))
  local target=$(( 2 * per * HOLD_THREADS ))
  echo "== distributed, $tag: 2 jmeter-server engines x $HOLD_THREADS threads x $per streams =="
  mkdir -p "$dir"
  rm -f "$dir/results.jtl"
  local bases=() servers=() e
  ENGINES=(); RMI=()
  for e in 0 1; do
    # One reference server per engine (a process holds at most ~20,000 sockets), on its own address.
    SERVER_HOST="127.0.0.$((e + 2))" server_with_tokens "$dir/server$e" 1500m
    # a foreign target is one target for both engines: counted once
    if [[ -z "$TARGET_URL" || "$e" == 0 ]]; then bases+=("$BASE"); fi
    [[ -n "$SERVER_PID" ]] && servers+=("$SERVER_PID")
    # base_url and the tokens are this engine's own (server-local -J and environment).
    start_jmeter_server "$java_bin" "$dir/server$e" -Jbase_url="$BASE" -Jstreams_ready=0 "${PROFILE_PROPS[@]}" \
      "${TRANSPORT_PROPS[@]}" "${IDENTITIES[@]}"
  done
  local engines=("${ENGINES[@]}")
  wait_jmeter_servers "$dir/server0" "$dir/server1"
  local controller start_ms
  start_ms=$(now_ms)
  COUNT_JTL="$dir/results.jtl"
  start_controller "$java_bin" "$dir" "$HOLD_PLAN" "${PROFILE_PROPS[@]}" \
    -Gthreads="$HOLD_THREADS" -Gstreams_per_thread="$per" -Gramp_seconds=10 -Gslice_seconds=0.8 -Gmax_seconds=600
  controller=$CONTROLLER
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

# ---- 6: controller ingest: samples/s one controller takes in from two engines ---------------------------
# Two jmeter-server engines on loopback run plans/ingest.jmx (BENCH_INGEST_THREADS threads each, Debug
# Samplers that show nothing: the cheapest sample JMeter has, no target); the controller writes every sample to
# its CSV JTL. Sampled every second: the JTL's lines, the controller's and the engines' CPU. The engines block
# when the controller falls behind (Batch/StrippedBatch send synchronously, Asynch through a bounded queue),
# so the JTL's growth is what the controller ingests; its CPU per sample says what a core of it can take.
ingest_run() { # JAVA TAG MODE
  local java_bin="$1" tag="$2" mode="$3" dir="$OUT/ingest-$2-$3" e
  echo "== controller ingest, $tag, mode $mode: 2 engines x $INGEST_THREADS threads, $INGEST_SECONDS s =="
  mkdir -p "$dir"
  ENGINES=(); RMI=()
  for e in 0 1; do
    start_jmeter_server "$java_bin" "$dir/engine$e" -Jmode="$mode"
  done
  wait_jmeter_servers "$dir/engine0" "$dir/engine1"
  start_controller "$java_bin" "$dir" "$INGEST_PLAN" -Jmode="$mode" \
    -Gthreads="$INGEST_THREADS" -Gseconds="$INGEST_SECONDS"
  local i busy total lines et
  echo "ms,jtl_lines,controller_ticks,engines_ticks,machine_busy,machine_total" >"$dir/counts.csv"
  for i in $(seq 1 $(( INGEST_SECONDS + 90 ))); do
    kill -0 "$CONTROLLER" 2>/dev/null || break
    read -r busy total < <(machine_cpu_ticks)
    lines=$(wc -l <"$dir/results.jtl" 2>/dev/null || echo 0)
    et=$(( $(proc_cpu_ticks "${ENGINES[0]}") + $(proc_cpu_ticks "${ENGINES[1]}") ))
    echo "$(now_ms),$lines,$(proc_cpu_ticks "$CONTROLLER"),$et,$busy,$total" >>"$dir/counts.csv"
    sleep 1
  done
  wait_exit "$CONTROLLER" 30 || { stop_test "$UDP_PORT"; wait_exit "$CONTROLLER" 30 || true; }
  stop_pid "$CONTROLLER"
  for e in "${ENGINES[@]}"; do stop_pid "$e"; done
  local line
  while IFS= read -r line; do put "ingest_${tag}_${mode}_${line%%=*}" "${line#*=}"; done < <(
    python3 "$BENCH_DIR/analyze.py" ingest "$dir/counts.csv" 8)
  put "ingest_${tag}_${mode}_errors" "$(jtl_errors "$dir/results.jtl")"
}

ingest() { # JAVA TAG
  local mode
  for mode in $INGEST_MODES; do ingest_run "$1" "$2" "$mode"; done
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
want ingest && each_jvm ingest              # one run per sample sender mode, ~1 min each

# ---- the table ---------------------------------------------------------------------------------------
v() { local x; x="$(get "$1")"; echo "${x:--}"; }
{
  echo
  echo "==== JMeter SSE plugin: load-generator benchmark ($(date -u +%Y-%m-%dT%H:%MZ)) ===="
  printf '%-34s %s\n' "machine" "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), open files $(ulimit -n), pid_max $(cat /proc/sys/kernel/pid_max)"
  printf '%-34s %s\n' "JVM j17" "$(java_label "$JAVA17")"
  printf '%-34s %s\n' "JVM j25" "$(java_label "$JAVA25")"
  printf '%-34s %s\n' "JMeter flags" "${JMETER_FLAGS[*]} (deliveries: -Xmx$DELIVERY_HEAP); reference server -Xmx1500m G1 --no-rate-limit --no-csrf"
  printf '%-34s %s\n' "JMeter" "5.6.3 ($(basename "$PLUGIN_JAR")), SSE transport $TRANSPORT${BENCH_IO_THREADS:+, $BENCH_IO_THREADS io threads}, $EVENTS_KEPT unread events kept per stream, engine GC $(engine_collector "$JAVA17" | tr '\n' ' ')(Java 17)${BENCH_ENGINE_CPUS:+; engine on CPUs $BENCH_ENGINE_CPUS}${BENCH_TARGET_CPUS:+; reference servers on CPUs $BENCH_TARGET_CPUS}"
  printf '%-34s %s\n' "target" "$TARGET_LABEL"
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
  printf '%-44s %18s | %s\n' "   CPU us per delivery (<= 10), whole window" "$(v deliveries_j17_cpu_us)" "$(v deliveries_j25_cpu_us)"
  # after warm-up: the median of the runs' figures; the last run's detail (its window, what was left out) beside it
  steady() { if [[ "$(get "deliveries_$1_steady_cpu_us__runs")" == *" "* ]]; then
      echo "$(v "deliveries_$1_steady_cpu_us") us, $(v "deliveries_$1_steady_per_s")/s (median of runs)"
    else v "deliveries_$1_steady"; fi; }
  printf '%-44s %s | %s\n' "   after warm-up (steady state)" "$(steady j17)" "$(steady j25)"
  printf '%-44s %18s | %s\n' "   offered / achieved messages/s" "$(v deliveries_j17_messages_per_s)" "$(v deliveries_j25_messages_per_s)"
  printf '%-44s %18s | %s\n' "   offered / achieved deliveries/s" "$(v deliveries_j17_deliveries_offered_per_s) / $(v deliveries_j17_per_s)" "$(v deliveries_j25_deliveries_offered_per_s) / $(v deliveries_j25_per_s)"
  printf '%-44s %18s | %s\n' "   limited by" "$(v deliveries_j17_limit)" "$(v deliveries_j25_limit)"
  printf '%-44s %18s | %s\n' "   senders; their POST ms in the run" "$(v deliveries_j17_senders); $(v deliveries_j17_send_ms)" "$(v deliveries_j25_senders); $(v deliveries_j25_send_ms)"
  printf '%-44s %18s | %s\n' "   senders from the probe" "$(v deliveries_j17_probe)" "$(v deliveries_j25_probe)"
  printf '%-44s %18s | %s\n' "   CPU % of a core: engine / target" "$(v deliveries_j17_engine_cpu_pct) / $(v deliveries_j17_target_cpu_pct)" "$(v deliveries_j25_engine_cpu_pct) / $(v deliveries_j25_target_cpu_pct)"
  printf '%-44s %18s | %s\n' "   target CPU us per delivery / RSS MiB" "$(v deliveries_j17_target_cpu_us) / $(v deliveries_j17_target_rss_mib)" "$(v deliveries_j25_target_cpu_us) / $(v deliveries_j25_target_rss_mib)"
  printf '%-44s %18s | %s\n' "   machine CPU" "$(v deliveries_j17_machine_cpu)" "$(v deliveries_j25_machine_cpu)"
  printf '%-44s %18s | %s\n' "   engine GC pauses (opening included)" "$(v deliveries_j17_gc)" "$(v deliveries_j25_gc)"
  printf '%-44s %18s | %s\n' "   event shape" "$(v deliveries_j17_frame_shape)" "$(v deliveries_j25_frame_shape)"
  printf '%-44s %18s | %s\n' "   message size" "$(v deliveries_j17_frame_size)" "$(v deliveries_j25_frame_size)"
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
  printf '%-44s %18s | %s\n' "6. controller ingest, 2 engines x $INGEST_THREADS threads:" "" ""
  for mode in $INGEST_MODES; do
    ing() { echo "$(v "ingest_$1_${mode}_samples_per_s")/s, ctl $(v "ingest_$1_${mode}_controller_cpu_pct")% = $(v "ingest_$1_${mode}_controller_cpu_us") us/sample, engines $(v "ingest_$1_${mode}_engines_cpu_pct")%"; }
    printf '%-44s %18s | %s\n' "   $mode samples/s, CPU % of a core" "$(ing j17)" "$(ing j25)"
  done
  echo "---------------------------------- runs (medians above are of these) ----------------------------------"
  grep -E '^(hold_j[0-9]+_(after60s|errors|rss_mib|open_seconds)|cost_j[0-9]+_(rss|heap)_kib|deliveries_j[0-9]+_(per_s|cpu_us|steady_cpu_us|lost|target_cpu_us|senders)|stop_j[0-9]+_exit_ms)__runs=' "$RESULTS" \
    | sed 's/__runs=/  /' | awk '{k=$1; $1=""; printf "%-44s %s\n", k, $0}' || true
} | tee "$OUT/table.txt"
