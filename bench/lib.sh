# Helpers for bench/run.sh (sourced). Every wait is bounded; every process started here is recorded in
# BENCH_PIDS and stopped by bench_cleanup (run.sh traps EXIT).

BENCH_PIDS=()

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

# start_server LOGFILE PORT HOST HEAP [extra args...]: starts a reference server, sets SERVER_PID.
start_server() {
  local log="$1" port="$2" host="$3" heap="$4"; shift 4
  java "-Xmx$heap" "-Xms$heap" -XX:+UseG1GC -jar "$REFSERVER_JAR" --host "$host" --port "$port" \
    --no-rate-limit --no-csrf "$@" >"$log" 2>&1 &
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

# login BASE EMAIL: prints the session token (never logged).
login() {
  curl -s -m 10 -D - -o /dev/null --data-urlencode "username=$2" --data-urlencode "password=Test1234" \
    "$1/api/v1/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: sid_preview=\([^;]*\);.*/\1/p'
}

open_streams() { # BASE...: sum of open_streams over the servers
  local total=0 b n
  for b in "$@"; do
    n=$(curl -s -m 5 "$b/api/v1/health" | grep -Eo '"open_streams":[0-9]+' | cut -d: -f2)
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

# monitor PID OUT MAX_SECONDS BASE...: one line a second (ms, rss_kb, threads, cpu_ticks, server streams)
# until PID ends or MAX_SECONDS pass. Run it in the background.
monitor() {
  local pid="$1" out="$2" max="$3"; shift 3
  local i
  echo "ms,rss_kb,threads,cpu_ticks,open_streams" >"$out"
  for i in $(seq 1 "$max"); do
    kill -0 "$pid" 2>/dev/null || break
    echo "$(now_ms),$(proc_rss_kb "$pid"),$(proc_threads "$pid"),$(proc_cpu_ticks "$pid"),$(open_streams "$@")" >>"$out"
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
