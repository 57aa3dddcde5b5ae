# Helpers for bench/run.sh (sourced). Every wait is bounded; every process started here is recorded in
# BENCH_PIDS and stopped by bench_cleanup (run.sh traps EXIT).

BENCH_PIDS=()
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REFSERVER_ARGS=()    # the backend profile's REFERENCE_SERVER_ARGS (run.sh sets them)
BACKEND_FILE="${BACKEND_FILE:-}"

bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  for p in "${BENCH_PIDS[@]:-}"; do
    [[ -n "$p" ]] && wait "$p" 2>/dev/null || true
  done
  BENCH_PIDS=()
}

# Stops one process we started (SIGTERM, then SIGKILL after 20 s) and waits for it.
stop_pid() {
  local pid="$1" i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

now_ms() { date +%s%3N; }

# calc EXPRESSION DECIMALS: the arithmetic expression (floating point) rounded to DECIMALS places.
calc() { awk "BEGIN { printf \"%.$2f\", ($1) }"; }

# exec_pinned CPUS COMMAND...: execs COMMAND on those CPUs only (taskset -c, which execs it in turn), or as is
# when CPUS is empty. Only in a background subshell (exec_pinned ... &): so $! is COMMAND's own pid, whose CPU
# the monitor reads. BENCH_ENGINE_CPUS / BENCH_TARGET_CPUS keep engine and server off each other's cores.
exec_pinned() {
  local cpus="$1"; shift
  if [[ -n "$cpus" ]]; then
    command -v taskset >/dev/null || { echo "exec_pinned: taskset (util-linux) is needed for CPUs '$cpus'" >&2; exit 2; }
    exec taskset -c "$cpus" "$@"
  fi
  exec "$@"
}

# start_server LOGFILE PORT HOST HEAP [extra args...]: starts a reference server, sets SERVER_PID.
# REFSERVER_ARGS (the backend profile's REFERENCE_SERVER_ARGS, e.g. --generic-sse) come before the extra args.
start_server() {
  local log="$1" port="$2" host="$3" heap="$4"; shift 4
  exec_pinned "${BENCH_TARGET_CPUS:-}" java "-Xmx$heap" "-Xms$heap" -XX:+UseG1GC -jar "$REFSERVER_JAR" --host "$host" --port "$port" \
    --no-rate-limit --no-csrf "${REFSERVER_ARGS[@]}" "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  BENCH_PIDS+=("$SERVER_PID")
  local i
  for i in $(seq 1 150); do
    grep -q "listening on" "$log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "reference server did not start:"; cat "$log"; return 1
}

# backend_value KEY DEFAULT: KEY from the backend profile (BACKEND_FILE), else from the InstaInstru profile
# (the plans' defaults), else DEFAULT. The environment is not read here: run.sh decides what beats the profile.
backend_value() {
  local f line found=""
  for f in "$BACKEND_FILE" "$BENCH_ROOT/config/backends/instainstru.properties"; do
    [[ -f "$f" ]] || continue
    line="$(grep -E "^$1=" "$f" | tail -1 || true)"
    [[ -n "$line" ]] && { found=1; echo "${line#*=}"; break; }
  done
  [[ -n "$found" ]] || echo "$2"
}

# login BASE USER: prints the session token (never logged): the profile's login form, the token from the JSON
# body field, else from the first of the profile's token cookies. The password comes from the environment
# (BENCH_PASSWORD, else LOADTEST_PASSWORD; the seeded accounts' Test1234 for our own servers) and reaches curl
# on its standard input, so no command line shows it.
login() {
  local path user_field pw_field body_field cookies pw response token c
  path="$(backend_value LOADTEST_LOGIN_PATH /api/v1/auth/login)"
  user_field="$(backend_value LOADTEST_LOGIN_USER_FIELD username)"
  pw_field="$(backend_value LOADTEST_LOGIN_PASSWORD_FIELD password)"
  body_field="$(backend_value LOADTEST_TOKEN_BODY_FIELD access_token)"
  cookies="$(backend_value LOADTEST_TOKEN_COOKIES sid_preview)"
  pw="${BENCH_PASSWORD:-${LOADTEST_PASSWORD:-Test1234}}"
  response="$(printf '%s' "$pw" | curl -s -m 10 -D - --data-urlencode "$user_field=$2" \
    --data-urlencode "$pw_field@-" "$1$path" | tr -d '\r')"
  token="$(printf '%s' "$response" | grep -Eo "\"$body_field\" *: *\"[^\"]+\"" | head -1 | sed 's/.*: *"\([^"]*\)"/\1/' || true)"
  if [[ -z "$token" ]]; then
    for c in ${cookies//,/ }; do
      token="$(printf '%s\n' "$response" | sed -n "s/^[Ss]et-[Cc]ookie: $c=\([^;]*\);.*/\1/p" | head -1)"
      [[ -n "$token" ]] && break
    done
  fi
  echo "$token"
}

# curl_auth TOKEN CURL_ARGS...: curl with "Authorization: Bearer TOKEN" given on its standard input (-K -),
# not on its command line.
curl_auth() {
  local token="$1"; shift
  printf 'header = "Authorization: Bearer %s"\n' "$token" | curl -K - "$@"
}

# open_streams BASE...: sum of the servers' open_streams (their health endpoint). A target whose health answer
# has no open_streams is counted from the client side: successful sse_open rows in COUNT_JTL (the running
# engine's JTL, flushed on every sample for such a target) less the failed sse_hold rows.
open_streams() {
  local total=0 b n answer
  for b in "$@"; do
    answer="$(curl -s -m 5 "$b${HEALTH_PATH:-/api/v1/health}" 2>/dev/null || true)"
    n=$(grep -Eo '"open_streams": *[0-9]+' <<<"$answer" | grep -Eo '[0-9]+$' || true)
    if [[ -z "$n" && -n "${COUNT_JTL:-}" && -f "${COUNT_JTL:-}" ]]; then
      n=$(awk -F, '$3 == "sse_open" && $8 == "true" {o++} $3 == "sse_hold" && $8 == "false" {h++} END {print o - h + 0}' "$COUNT_JTL")
      total=$n; break  # one JTL for every target
    fi
    total=$((total + ${n:-0}))
  done
  echo "$total"
}

# wait_streams TARGET TIMEOUT_S BASE...: waits until the servers hold TARGET streams; prints the count.
wait_streams() {
  local target="$1" timeout="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout )) n=0
  while (( $(date +%s) < deadline )); do
    n=$(open_streams "$@")
    (( n >= target )) && break
    sleep 1
  done
  echo "$n"
}

proc_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
proc_threads() { awk '/^Threads/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
proc_fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }

# The machine's CPU: "busy total" jiffies over all cores since boot (/proc/stat; iowait counts as idle).
machine_cpu_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit}' /proc/stat; }

# monitor PID OUT MAX_SECONDS BASE...: one line a second until PID ends or MAX_SECONDS pass: ms, the engine's
# rss_kb, threads and cpu_ticks, the servers' open streams, then the target's cpu_ticks and rss_kb (pid
# MONITOR_TARGET_PID, empty when unknown) and the machine's busy/total jiffies. Run it in the background.
monitor() {
  local pid="$1" out="$2" max="$3"; shift 3
  local i target="${MONITOR_TARGET_PID:-}" tt tr busy total
  echo "ms,rss_kb,threads,cpu_ticks,open_streams,target_cpu_ticks,target_rss_kb,machine_busy,machine_total" >"$out"
  for i in $(seq 1 "$max"); do
    kill -0 "$pid" 2>/dev/null || break
    tt=""; tr=""
    if [[ -n "$target" ]] && kill -0 "$target" 2>/dev/null; then tt=$(proc_cpu_ticks "$target"); tr=$(proc_rss_kb "$target"); fi
    read -r busy total < <(machine_cpu_ticks)
    echo "$(now_ms),$(proc_rss_kb "$pid"),$(proc_threads "$pid"),$(proc_cpu_ticks "$pid"),$(open_streams "$@"),$tt,$tr,$busy,$total" >>"$out"
    sleep 1
  done
}

# Heap used after a full GC, in KiB (jcmd of the JVM that runs the process).
heap_live_kb() {
  local jcmd="$1" pid="$2"
  "$jcmd" "$pid" GC.run >/dev/null 2>&1 || true
  "$jcmd" "$pid" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 | grep -Eo '[0-9]+'
}

# stop_test PORT: JMeter's StopTestNow over its UDP shutdown port.
stop_test() {
  java -cp "$JMETER_HOME/lib/ext/ApacheJMeter_core.jar:$JMETER_HOME/lib/*:$JMETER_HOME/bin/ApacheJMeter-5.6.3.jar" \
    org.apache.jmeter.util.ShutdownClient StopTestNow "$1" >/dev/null 2>&1
}

# wait_exit PID TIMEOUT_S: waits for a process to end (10 ms polls); returns 1 on timeout.
wait_exit() {
  local pid="$1" deadline=$(( $(date +%s) + $2 ))
  while kill -0 "$pid" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; do
    (( $(date +%s) < deadline )) || return 1
    sleep 0.01
  done
}

jtl_errors() { # JTL: failed samples (success column false)
  python3 "$BENCH_DIR/analyze.py" errors "$1"
}
