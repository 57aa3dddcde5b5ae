# shellcheck shell=bash
# Shared code of the scenario scripts (s0_smoke.sh ... s4_soak.sh). Source it; do not run it.
#
# What it does for a scenario script:
#   lt_setup <scenario>        build/find JMeter + plugin, raise ulimit -n, make results/<scenario>_<ts>/,
#                              start the reference server when LOADTEST_BASE_URL is unset, health check
#   lt_run_step <plan> <dir> <users> <spawn_rate> <duration_s> <hold_s> [--full-history]
#                              JMeter -> JTL -> dashboard -> results_stats*.csv, summary.txt, report.html,
#                              step.json, dashboard check, history entry. Returns 0 pass, 1 threshold FAIL,
#                              2 the run itself broke.
#   LOADTEST_ENGINES=N|host:port,...  JMeter's distributed mode (scripts/distributed.sh; see lib/engines.sh)
#   LT_SKIP_BUILD=1            use the jars as they are even when sources are newer (missing ones are built)
#   lt_parse_duration 1h30m    -> 5400 (seconds; "90", "90s", "5m", "1h", "1h30m", "2h5m10s")
#
# Secrets (password, bypass token) live only in the environment: never on a command line, in a file or
# in a log. For the auto-started reference server both are random per run.

set -o pipefail

LT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LT_JMETER_JAR=""
LT_PLUGIN_JAR=""
LT_SERVER_PID=""
LT_JMETER_PID=""
LT_RUN_DIR=""
LT_SCENARIO=""
LT_CI_FLAG=()

# JMeter's dashboard keeps the samples whose name matches: all but the delivery ledger's bookkeeping rows
# (e2e_delivery_facts, the cross-engine join's input), which the results tool keeps out of its stats too.
LT_DASHBOARD_FILTER='^(?!e2e_delivery_facts$).*$'

lt_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
lt_warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
lt_die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 2; }
lt_banner() {
  printf '\n%s\n  %s\n%s\n' "================================================================" "$*" \
    "================================================================"
}

# "90" | "90s" | "5m" | "1h" | "1h30m" | "2h5m10s" -> seconds (Locust's --run-time syntax).
lt_parse_duration() {
  local text="${1// /}" total=0 rest num unit
  [[ -n "$text" ]] || { echo "empty duration" >&2; return 1; }
  if [[ "$text" =~ ^[0-9]+$ ]]; then echo "$text"; return 0; fi
  [[ "$text" =~ ^([0-9]+[hms])+$ ]] || {
    echo "bad duration '$1' (use e.g. 90, 90s, 5m, 1h, 1h30m)" >&2; return 1; }
  rest="$text"
  while [[ "$rest" =~ ^([0-9]+)([hms])(.*)$ ]]; do
    num=$((10#${BASH_REMATCH[1]})); unit="${BASH_REMATCH[2]}"; rest="${BASH_REMATCH[3]}"
    case "$unit" in
      h) total=$((total + num * 3600)) ;;
      m) total=$((total + num * 60)) ;;
      s) total=$((total + num)) ;;
    esac
  done
  echo "$total"
}

# Seconds -> "1h02m03s" / "4m05s" / "35s" for progress lines.
lt_fmt_seconds() {
  local s=$1
  if ((s >= 3600)); then printf '%dh%02dm%02ds' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
  elif ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60))
  else printf '%ds' "$s"; fi
}

# A positive whole number, or die naming the variable.
lt_require_int() {
  local name=$1 value=$2
  [[ "$value" =~ ^[0-9]+$ && "$value" -gt 0 ]] || lt_die "$name must be a positive whole number, was '$value'"
}

# Dashboard graph granularity (ms) by run length: fine for short runs, bounded point count for long ones.
lt_granularity_ms() {
  local seconds=$1
  if ((seconds <= 600)); then echo 1000
  elif ((seconds <= 7200)); then echo 10000
  else echo 60000; fi
}

lt_raise_ulimit() {
  local hard
  hard="$(ulimit -Hn)"
  if [[ "$hard" == unlimited ]]; then hard=1048576; fi
  if ulimit -Sn "$hard" 2>/dev/null; then
    lt_log "open files limit: $(ulimit -Sn)"
  else
    lt_warn "could not raise the open files limit (now $(ulimit -Sn)); many SSE streams need many sockets"
  fi
}

# 24 random bytes as hex, from /dev/urandom.
lt_random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# --- build / JMeter -----------------------------------------------------------------------------------

lt_newer_sources() { # <reference file> <paths...>: true when any source file is newer than the reference
  local ref=$1; shift
  [[ -n "$(find "$@" -type f -newer "$ref" -print -quit 2>/dev/null)" ]]
}

# shellcheck source=plugin-jar.sh
source "$LT_ROOT/scripts/lib/plugin-jar.sh"
# shellcheck source=engine-gc.sh
source "$LT_ROOT/scripts/lib/engine-gc.sh"
# shellcheck source=engines.sh
source "$LT_ROOT/scripts/lib/engines.sh"
lt_plugin_jar_path() {
  plugin_jar "$LT_ROOT"
}

# Builds the plugin (and what it depends on) when the jar is missing or older than its sources.
lt_ensure_plugin() {
  local jar
  jar="$(lt_plugin_jar_path || true)"
  local sources=("$LT_ROOT/pom.xml")
  local m
  for m in sse-client correlation report plugin; do sources+=("$LT_ROOT/$m/src/main" "$LT_ROOT/$m/pom.xml"); done
  if [[ -z "$jar" ]] || { [[ "${LT_SKIP_BUILD:-}" != 1 ]] && lt_newer_sources "$jar" "${sources[@]}"; }; then
    # Only the plugin and the modules it needs (-pl plugin -am: not plans/, whose build runs scenarios);
    # maven.test.skip: tests are not compiled either, so a half-edited test cannot stop a load test.
    lt_log "building the plugin (./mvnw install -pl plugin -am -Dmaven.test.skip=true; LT_SKIP_BUILD=1 skips this) ..."
    (cd "$LT_ROOT" && ./mvnw -B -q install -pl plugin -am -Dmaven.test.skip=true) || lt_die "build failed"
    jar="$(lt_plugin_jar_path)" || lt_die "build made no plugin jar under plugin/target"
  fi
  LT_PLUGIN_JAR="$jar"
}

# The newest JMeter the build assembled for general use. Homes assembled for the Maven scenario run carry that
# run's target in bin/user.properties (which would beat the environment), so they are skipped.
lt_assembled_jmeter() {
  local d
  for d in $(ls -dt "$LT_ROOT"/plans/target/*/jmeter 2>/dev/null); do
    ls "$d"/bin/ApacheJMeter*.jar >/dev/null 2>&1 || continue
    grep -q '^LOADTEST_BASE_URL=' "$d/bin/user.properties" 2>/dev/null && continue
    echo "$d"
    return 0
  done
}

# JMETER_HOME (plugin installed into it) or the build-assembled JMeter under plans/target.
lt_ensure_jmeter() {
  lt_ensure_plugin
  local home
  if [[ -n "${JMETER_HOME:-}" ]]; then
    home="$JMETER_HOME"
    [[ -d "$home/lib/ext" ]] || lt_die "JMETER_HOME=$home has no lib/ext: not a JMeter installation"
    "$LT_ROOT/scripts/install-plugin.sh" "$home" >/dev/null || lt_die "could not install the plugin into $home"
  else
    home="$(lt_assembled_jmeter)"
    if [[ -z "$home" ]]; then
      lt_log "assembling JMeter 5.6.3 (./mvnw -f plans/pom.xml jmeter:configure) ..."
      (cd "$LT_ROOT" && ./mvnw -B -q -f plans/pom.xml jmeter:configure@configuration -DskipScenarios) || lt_die "JMeter assembly failed"
      home="$(lt_assembled_jmeter)"
      [[ -n "$home" ]] || lt_die "JMeter assembly left no usable JMeter under plans/target"
    fi
    # JMeter's launch scripts (bin/jmeter, jmeter-server, stoptest.sh, ...), which no Maven artifact holds
    [[ -x "$home/bin/jmeter-server" ]] || "$LT_ROOT/scripts/lib/complete-jmeter-home.sh" "$home" || lt_die "could not add bin/ scripts to $home"
    # a rebuilt plugin is copied in; no need to reassemble JMeter for it
    if ! cmp -s "$LT_PLUGIN_JAR" "$home/lib/ext/$(basename "$LT_PLUGIN_JAR")"; then
      JMETER_HOME="$home" "$LT_ROOT/scripts/install-plugin.sh" "$home" >/dev/null || lt_die "plugin install failed"
    fi
  fi
  LT_JMETER_JAR="$(ls "$home"/bin/ApacheJMeter*.jar 2>/dev/null | head -1)"
  [[ -f "$LT_JMETER_JAR" ]] || lt_die "no bin/ApacheJMeter*.jar in $home"
  lt_log "JMeter: $home"
}

# The results tool (same jar as the plugin).
lt_results() { java -jar "$LT_PLUGIN_JAR" "$@"; }

# --- target server --------------------------------------------------------------------------------------

# GET <base URL><LOADTEST_HEALTH_PATH> (environment, else the backend profile, else /api/v1/health) must answer
# 2xx before any load; an empty LOADTEST_HEALTH_PATH skips the check, for a backend with no health endpoint.
lt_health_check() {
  local path=/api/v1/health
  if [[ -n "${LOADTEST_HEALTH_PATH+set}" ]]; then
    path="$LOADTEST_HEALTH_PATH"
  elif grep -q '^LOADTEST_HEALTH_PATH=' "$LT_BACKEND_FILE" 2>/dev/null; then
    path="$(lt_backend_value LOADTEST_HEALTH_PATH)"
  fi
  if [[ -z "$path" ]]; then
    lt_log "health check skipped (LOADTEST_HEALTH_PATH is empty)"
    return 0
  fi
  local url="${LOADTEST_BASE_URL%/}$path"
  for _ in 1 2 3 4 5; do
    if curl -fsS --max-time 10 "$url" >/dev/null 2>&1; then
      lt_log "health check OK: $url"
      return 0
    fi
    sleep 2
  done
  lt_die "health check failed: GET $url (is the server up? are LOADTEST_BASE_URL and LOADTEST_HEALTH_PATH right?)"
}

# Starts the reference server on 127.0.0.1 (any free port) with a random bypass token and seed password,
# exported only in this process's environment for JMeter to read.
lt_start_reference_server() {
  local jar="$LT_ROOT/reference-server/target/reference-server.jar"
  if [[ ! -f "$jar" ]] || { [[ "${LT_SKIP_BUILD:-}" != 1 ]] &&
    lt_newer_sources "$jar" "$LT_ROOT/reference-server/src/main" "$LT_ROOT/reference-server/pom.xml"; }; then
    lt_log "building the reference server ..."
    if ! (cd "$LT_ROOT" && ./mvnw -B -q -pl reference-server package -Dmaven.test.skip=true); then
      [[ -f "$jar" ]] || lt_die "reference server build failed"
      lt_warn "reference server build failed; using the existing $jar"
    fi
  fi
  export REFSERVER_BYPASS_TOKEN LOADTEST_BYPASS_TOKEN LOADTEST_PASSWORD
  REFSERVER_BYPASS_TOKEN="$(lt_random_secret)"
  LOADTEST_BYPASS_TOKEN="$REFSERVER_BYPASS_TOKEN"
  local help
  help="$(java -jar "$jar" --help 2>&1 || true)"
  if [[ "$help" == *REFSERVER_SEED_PASSWORD* ]]; then
    export REFSERVER_SEED_PASSWORD
    REFSERVER_SEED_PASSWORD="$(lt_random_secret)"
    LOADTEST_PASSWORD="$REFSERVER_SEED_PASSWORD"
  else
    lt_warn "this reference server build ignores REFSERVER_SEED_PASSWORD: using its fixed seed password"
    LOADTEST_PASSWORD="Test1234"
  fi
  local log="$LT_RUN_DIR/reference-server.log" port=""
  local backend_args
  # REFERENCE_SERVER_ARGS in the environment (e.g. fault knobs: "--drop-fraction 0.05") beats the profile's
  read -r -a backend_args <<<"${REFERENCE_SERVER_ARGS-$(lt_backend_value REFERENCE_SERVER_ARGS)}"
  "$LT_ROOT/scripts/start-reference-server.sh" --host 127.0.0.1 --port 0 "${backend_args[@]}" >"$log" 2>&1 &
  LT_SERVER_PID=$!
  for _ in $(seq 1 300); do
    port="$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$log" | head -1 || true)"
    [[ -n "$port" ]] && break
    kill -0 "$LT_SERVER_PID" 2>/dev/null || { cat "$log" >&2; lt_die "the reference server did not start"; }
    sleep 0.1
  done
  [[ -n "$port" ]] || lt_die "the reference server printed no port within 30 s (see $log)"
  export LOADTEST_BASE_URL="http://127.0.0.1:$port"
  lt_log "reference server pid $LT_SERVER_PID on $LOADTEST_BASE_URL (log: $log)"
}

lt_stop_reference_server() {
  if [[ -n "$LT_SERVER_PID" ]] && kill -0 "$LT_SERVER_PID" 2>/dev/null; then
    kill "$LT_SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$LT_SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$LT_SERVER_PID" 2>/dev/null || true
    wait "$LT_SERVER_PID" 2>/dev/null || true
    lt_log "reference server stopped"
  fi
  LT_SERVER_PID=""
}

lt_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$LT_JMETER_PID" ]] && kill -0 "$LT_JMETER_PID" 2>/dev/null; then
    lt_warn "stopping JMeter (pid $LT_JMETER_PID)"
    kill "$LT_JMETER_PID" 2>/dev/null || true
    wait "$LT_JMETER_PID" 2>/dev/null || true
  fi
  lt_engines_stop
  lt_stop_reference_server
  exit "$rc"
}

lt_interrupted() {
  lt_warn "interrupted"
  exit 130
}

# A set LOADTEST_CONVERSATIONS_FILE must be a mapping the plan can read (same parser as the plan): else the
# run stops here, before any load, with exit 2.
lt_check_conversations_file() {
  local file="${LOADTEST_CONVERSATIONS_FILE:-}" msg
  [[ -n "$file" ]] || return 0
  # a relative path is the user's (from where they ran the script) when it exists there, else the repository's
  # (config/conversations.json); JMeter runs in the repository, so it gets the absolute path
  if [[ "$file" != /* && -e "$PWD/$file" ]]; then
    file="$PWD/$file"
    export LOADTEST_CONVERSATIONS_FILE="$file"
  fi
  if ! msg="$(cd "$LT_ROOT" && java -cp "$LT_PLUGIN_JAR" \
    com.instainstru.loadtest.jmeter.messaging.ConversationDirectory "$file" 2>&1)"; then
    lt_die "LOADTEST_CONVERSATIONS_FILE: $msg (fix or unset it; no load was started)"
  fi
  lt_log "conversation mapping: $msg"
}

# LOADTEST_BACKEND (default instainstru) names config/backends/<name>.properties: passed to JMeter with -q,
# so -J and (below) the environment still override each of its keys. Sets LT_BACKEND_FILE.
lt_select_backend() {
  local name="${LOADTEST_BACKEND:-instainstru}"
  LT_BACKEND_FILE="$LT_ROOT/config/backends/$name.properties"
  if [[ ! -f "$LT_BACKEND_FILE" ]]; then
    local known
    known="$(cd "$LT_ROOT/config/backends" && ls -- *.properties 2>/dev/null | sed 's/\.properties$//' | paste -sd, -)"
    lt_die "LOADTEST_BACKEND=$name: no config/backends/$name.properties (known: $known); no load was started"
  fi
  lt_log "backend profile: $name (config/backends/$name.properties)"
}

# A key of the backend profile ("" when absent).
lt_backend_value() {
  sed -n "s/^$1=//p" "$LT_BACKEND_FILE" | tail -1
}

# -J for each key of the backend profile that is also set in the environment: the environment wins over the
# profile (a property beats the environment in __loadtestParam).
lt_backend_env_overrides() {
  local key
  for key in $(sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' "$LT_BACKEND_FILE"); do
    [[ -n "${!key+set}" ]] && printf '%s\0' "-J$key=${!key}"
  done
  return 0
}

# --- setup --------------------------------------------------------------------------------------------

# lt_setup <scenario name, e.g. s0_smoke>: everything before the first step.
lt_setup() {
  LT_SCENARIO=$1
  command -v java >/dev/null || lt_die "java (17+) is not on PATH"
  command -v curl >/dev/null || lt_die "curl is not on PATH"
  trap lt_cleanup EXIT
  trap lt_interrupted INT TERM
  lt_raise_ulimit
  lt_ensure_jmeter
  lt_select_backend
  lt_check_conversations_file
  mkdir -p "$LT_ROOT/results"
  # mkdir without -p fails on an existing dir: two runs started in the same second get different dirs
  until LT_RUN_DIR="$LT_ROOT/results/${LT_SCENARIO}_$(date +%Y%m%d_%H%M%S)" && mkdir "$LT_RUN_DIR" 2>/dev/null; do
    sleep 1
  done
  LOADTEST_BASE_URL_GIVEN=0
  [[ -n "${LOADTEST_BASE_URL:-}" ]] && LOADTEST_BASE_URL_GIVEN=1
  if [[ -z "${LOADTEST_BASE_URL:-}" ]]; then
    lt_banner "LOADTEST_BASE_URL is not set: starting the LOCAL REFERENCE SERVER (not the real backend)"
    lt_start_reference_server
  else
    export LOADTEST_BASE_URL="${LOADTEST_BASE_URL%/}"
    lt_log "target: $LOADTEST_BASE_URL (nothing is started)"
    if [[ -z "${LOADTEST_PASSWORD:-}" ]]; then
      export LOADTEST_PASSWORD="Test1234"
      lt_log "LOADTEST_PASSWORD not set: using the seeded accounts' default password"
    fi
    [[ -n "${LOADTEST_BYPASS_TOKEN:-}" ]] || lt_warn "LOADTEST_BYPASS_TOKEN not set: requests may be rate limited"
  fi
  export LOADTEST_BASE_URL="${LOADTEST_BASE_URL%/}"
  lt_health_check
  lt_engines_setup
  lt_log "results: $LT_RUN_DIR"
}

# --- one step -------------------------------------------------------------------------------------------

# Counts the JTL's complete rows: sets LT_JTL_ROWS, LT_JTL_ERRORS, LT_JTL_THREADS, LT_JTL_SENT, LT_JTL_DELIVERED,
# LT_JTL_LOST (failed fan-outs), LT_JTL_E2E_P95 (ms, the last 10 s; "-" when none) and LT_JTL_STREAMS (SSE streams
# opened and not yet ended, over every engine; see report/.../OpenStreams.java). The JTL is read for
# progress because JMeter's summariser only prints when a sample arrives after its interval, which with 25 s
# SSE holds can be half a minute. The results CLI parses it (the same reader as the report).
lt_jtl_scan() {
  local jtl=$1 result rows errors threads sent delivered lost p95 streams
  [[ -s "$jtl" ]] || return 0
  result="$(java -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$LT_PLUGIN_JAR" progress "$jtl" 2>/dev/null || true)"
  [[ -n "$result" ]] || return 0
  # the fields of JtlProgress.line(), in its order
  read -r rows errors threads sent delivered lost p95 streams <<<"$result"
  LT_JTL_ROWS=$rows LT_JTL_ERRORS=$errors
  LT_JTL_SENT=${sent:-0} LT_JTL_DELIVERED=${delivered:-0} LT_JTL_LOST=${lost:-0} LT_JTL_E2E_P95=${p95:--}
  LT_JTL_STREAMS=${streams:-0}
  [[ "$threads" == - ]] || LT_JTL_THREADS=$threads
}

# The longest a step may run (s): planned duration + SSE hold (a hold started just before the end) + e2e
# timeout (undelivered messages' decision) + close grace + LOADTEST_END_MARGIN_S (60).
# lt_run_bound <duration_s> <hold_s>
lt_run_bound() {
  local margin="${LOADTEST_END_MARGIN_S:-60}" e2e="${LOADTEST_E2E_TIMEOUT_SECONDS:-10}"
  local grace_ms="${LOADTEST_CLOSE_GRACE_MS:-2000}"
  [[ "$margin" =~ ^[0-9]+$ ]] || lt_die "LOADTEST_END_MARGIN_S must be a whole number of seconds, was '$margin'"
  [[ "$grace_ms" =~ ^[0-9]+$ ]] || lt_die "LOADTEST_CLOSE_GRACE_MS must be a whole number of ms, was '$grace_ms'"
  e2e="${e2e%%.*}"; [[ "$e2e" =~ ^[0-9]+$ ]] || e2e=10
  echo $(($1 + $2 + e2e + 1 + (grace_ms + 999) / 1000 + margin))
}

# The UDP port JMeter listens on for StopTestNow (it prints it at start; 4445 is its first choice).
lt_jmeter_udp_port() {
  local port
  port="$(sed -n 's/.*message on port \([0-9][0-9]*\).*/\1/p' "$1" 2>/dev/null | head -1 || true)"
  echo "${port:-4445}"
}

# True while the process runs (a zombie, dead but not yet reaped by wait, counts as ended).
lt_pid_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)" != Z ]]
}

# JMeter thread names ("users 1-3", "delivery ledger collector 2-1") in a thread dump, comma separated.
lt_dump_jmeter_threads() {
  sed -n 's/^"\([^"]* [0-9][0-9]*-[0-9][0-9]*\)".*/\1/p' "$1" 2>/dev/null | sort -u | paste -sd, - | sed 's/,/, /g'
}

# Past the bound: thread dump into <dir>/thread-dump.txt, StopTestNow on JMeter's UDP port, the thread-stop
# wait (LT_THREAD_STOP_WAIT_S, 10), then kill. Sets LT_OVERTIME_MESSAGE for the verdict.
# lt_end_overdue <step dir> <jmeter.out> <bound_s>
lt_end_overdue() {
  local dir=$1 out=$2 bound=$3 pid=$LT_JMETER_PID dump="$1/thread-dump.txt" port threads i
  lt_warn "JMeter still running ${bound}s after its start (the bound): thread dump, StopTestNow, then kill"
  if ! { command -v jcmd >/dev/null && jcmd "$pid" Thread.print >"$dump" 2>&1 && grep -q '^"' "$dump"; }; then
    if ! { command -v jstack >/dev/null && jstack "$pid" >"$dump" 2>&1 && grep -q '^"' "$dump"; }; then
      # the JVM prints the dump on its stdout (jmeter.out) on SIGQUIT
      local before; before="$(wc -l <"$out" 2>/dev/null || echo 0)"
      kill -3 "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        tail -n +$((before + 1)) "$out" >"$dump" 2>/dev/null || true
        grep -q '^"' "$dump" && break
        sleep 0.1
      done
    fi
  fi
  threads="$(lt_dump_jmeter_threads "$dump" || true)"
  port="$(lt_jmeter_udp_port "$out")"
  { printf 'StopTestNow' >"/dev/udp/127.0.0.1/$port"; } 2>/dev/null || lt_warn "could not send StopTestNow to UDP $port"
  local wait_s="${LT_THREAD_STOP_WAIT_S:-10}"
  for ((i = 0; i < wait_s * 10; i++)); do lt_pid_alive "$pid" || break; sleep 0.1; done
  if lt_pid_alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do lt_pid_alive "$pid" || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do lt_pid_alive "$pid" || break; sleep 0.1; done
  fi
  LT_OVERTIME_MESSAGE="the run did not end on time: JMeter was still running ${bound} s after its start (bound ="
  LT_OVERTIME_MESSAGE+=" duration + SSE hold + e2e timeout + close grace + LOADTEST_END_MARGIN_S); threads still"
  LT_OVERTIME_MESSAGE+=" alive: ${threads:-none named in the dump}; stopped by StopTestNow/kill (thread dump: $dump)"
}

# Prints a progress line every ~10 s while JMeter runs (elapsed / planned, threads, streams open, samples, errors,
# sent / delivered / lost, e2e p95, heap).
# Also samples the JMeter JVM's heap into generator_heap.csv when LT_HEAP_CSV is set (S4 charts).
# With <bound_s>, JMeter still running after that many seconds is ended by lt_end_overdue (returns 3).
# lt_watch <jtl> <planned_s> <label> [<bound_s> <step dir> <jmeter.out>]
lt_watch() {
  local jtl=$1 planned=$2 label=$3 bound=${4:-} dir=${5:-} out=${6:-} start=$SECONDS last=0 now heap pct
  LT_JTL_ROWS=0 LT_JTL_ERRORS=0 LT_JTL_THREADS="?" LT_JTL_SENT=0 LT_JTL_DELIVERED=0 LT_JTL_LOST=0 LT_JTL_E2E_P95=-
  LT_JTL_STREAMS=0
  while kill -0 "$LT_JMETER_PID" 2>/dev/null; do
    sleep 1
    now=$((SECONDS - start))
    if [[ -n "$bound" ]] && ((now >= bound)); then
      lt_end_overdue "$dir" "$out" "$bound"
      return 3
    fi
    ((now - last >= 10)) || continue
    last=$now
    lt_jtl_scan "$jtl"
    heap=""
    if command -v jstat >/dev/null; then
      # used = S0U + S1U + EU + OU (KiB) of the generator JVM: JMeter, or the sum of the local engines
      local p generators=("$LT_JMETER_PID")
      ((${#LT_ENGINE_PIDS[@]})) && generators=("${LT_ENGINE_PIDS[@]}")
      heap="$(for p in "${generators[@]}"; do jstat -gc "$p" 2>/dev/null | awk 'NR==2 {printf "%d\n", ($3+$4+$6+$8)*1024}'; done |
        awk '{ s += $1; n++ } END { if (n) printf "%d", s }' || true)"
      [[ -n "$heap" && -n "${LT_HEAP_CSV:-}" ]] && echo "$(date +%s),$heap" >>"$LT_HEAP_CSV"
    fi
    pct="$(awk -v e="$LT_JTL_ERRORS" -v n="$LT_JTL_ROWS" 'BEGIN { printf "%.2f%%", n ? 100 * e / n : 0 }')"
    # past the planned time, JMeter waits for running SSE holds and undelivered messages' timeouts
    printf '[%s] %s  %s / %s%s  %sthreads %s (users + %s)  streams open %d  samples %d  errors %d (%s)  sent %d delivered %d lost %d  e2e p95 %s  heap %s\n' \
      "$(date +%H:%M:%S)" "$label" "$(lt_fmt_seconds "$now")" "$(lt_fmt_seconds "$planned")" \
      "$( ((now > planned)) && echo ' (finishing)')" "$( [[ -n "$LT_REMOTE" ]] && echo "$(lt_engines_status)  ")" \
      "$LT_JTL_THREADS" "$( ((LT_ENGINE_COUNT > 1)) && echo "$LT_ENGINE_COUNT collectors" || echo "1 collector")" \
      "$LT_JTL_STREAMS" "$LT_JTL_ROWS" "$LT_JTL_ERRORS" "$pct" \
      "$LT_JTL_SENT" "$LT_JTL_DELIVERED" "$LT_JTL_LOST" \
      "$([[ "$LT_JTL_E2E_P95" == - ]] && echo - || echo "${LT_JTL_E2E_P95} ms")" \
      "$([[ -n "$heap" ]] && echo "$((heap / 1048576)) MB" || echo -)"
  done
}

# A tiny page at the step's top level that opens the dashboard.
lt_write_report_html() {
  cat >"$1/report.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Load test report</title>
<meta http-equiv="refresh" content="0; url=dashboard/index.html"></head>
<body><p>Opening the <a href="dashboard/index.html">JMeter dashboard</a>. Summary: <a href="summary.txt">summary.txt</a>,
statistics: <a href="results_stats.csv">results_stats.csv</a>.</p></body></html>
EOF
}

# lt_run_step <plan.jmx> <step dir> <users> <spawn_rate> <duration_s> <hold_s> [--full-history]
# Returns 0 pass, 1 thresholds failed, 2 the run broke (no results).
lt_run_step() {
  local plan=$1 dir=$2 users=$3 spawn=$4 duration=$5 hold=$6 full=${7:-}
  local name
  name="$(basename "$LT_RUN_DIR")"
  [[ "$dir" == "$LT_RUN_DIR" ]] || name="$name/$(basename "$dir")"
  mkdir -p "$dir"
  printf '{"users": %d, "hold_seconds": %d, "duration_seconds": %d}\n' "$users" "$hold" "$duration" >"$dir/step.json"
  lt_banner "$name: $users users, spawn $spawn/s, $(lt_fmt_seconds "$duration"), SSE hold ${hold}s"
  local jtl="$dir/results.jtl" out="$dir/jmeter.out" rc=0
  # A JMeter property beats the environment in __loadtestParam, and a build-assembled JMeter's
  # user.properties may carry values for the Maven-driven run (LOADTEST_BASE_URL, *_FILE). So the
  # non-secret settings go in as -J (JMeter logs -J values: never a secret there), and the *_FILE
  # properties are blanked so the secrets come from this environment.
  local props=(-JLOADTEST_BASE_URL="$LOADTEST_BASE_URL" -JLOADTEST_PASSWORD_FILE= -JLOADTEST_BYPASS_TOKEN_FILE=
    -JLOADTEST_USERS_FILE=)
  [[ -n "${LOADTEST_CLOSE_GRACE_MS:-}" ]] && props+=("-Jclose_grace_ms=$LOADTEST_CLOSE_GRACE_MS")
  local overrides=()
  mapfile -d '' overrides < <(lt_backend_env_overrides)
  local v
  for v in LOADTEST_FRONTEND_ORIGIN LOADTEST_CONVERSATIONS_FILE LOADTEST_E2E_TIMEOUT_SECONDS LOADTEST_END_MARGIN_S \
    LOADTEST_INFLUX_URL; do
    [[ -n "${!v:-}" ]] && props+=("-J$v=${!v}")
  done
  local run=(-Jusers="$users" -Jspawn_rate="$spawn" -Jduration="$duration" -JLOADTEST_SSE_HOLD_SECONDS="$hold"
    -Jincludecontroller.prefix="$LT_ROOT/plans/" -JLOADTEST_THREAD_DUMP_DIR="$dir" "${props[@]}" "${overrides[@]}")
  local distributed=()
  if [[ -n "$LT_REMOTE" ]]; then
    # Every engine runs the plan: it gets its share of the users (-G, sent to the engines); the controller only
    # collects the samples into the JTL and makes the dashboard.
    local engine_run=("${run[@]/#-J/-G}")
    engine_run[0]="-Gusers=$(lt_engine_users "$users")"
    engine_run[1]="-Gspawn_rate=$(lt_engine_spawn "$spawn")"
    mapfile -d '' distributed < <(lt_controller_args)
    distributed+=("-G$LT_BACKEND_FILE" "${engine_run[@]}")
    lt_log "distributed: $LT_ENGINE_COUNT engines ($LT_REMOTE), $(lt_engine_users "$users") users and spawn $(lt_engine_spawn "$spawn")/s each"
  fi
  (
    cd "$LT_ROOT" || exit 2
    local rmi_host=()
    [[ -n "$LT_REMOTE" ]] && rmi_host=("-Djava.rmi.server.hostname=${LOADTEST_RMI_HOSTNAME:-127.0.0.1}")
    local gc=()
    mapfile -t gc < <(engine_gc_flags "${JMETER_JAVA:-java}" "${JVM_ARGS:-}")
    # shellcheck disable=SC2086  # JVM_ARGS is a list of JVM options, as in JMeter's own launcher
    exec "${JMETER_JAVA:-java}" "${gc[@]}" ${JVM_ARGS:-} "${rmi_host[@]}" -jar "$LT_JMETER_JAR" -q "$LT_BACKEND_FILE" -n \
      -t "plans/$plan" -l "$jtl" -j "$dir/jmeter.log" -e -o "$dir/dashboard" "${run[@]}" "${distributed[@]}" \
      -Jjmeter.save.saveservice.output_format=csv -Jjmeter.save.saveservice.autoflush=true \
      -Jjmeter.reportgenerator.statistic_window=-1 -Jjmeter.reportgenerator.sample_filter="$LT_DASHBOARD_FILTER" \
      -Jjmeter.reportgenerator.overall_granularity="$(lt_granularity_ms "$duration")"
  ) >"$out" 2>&1 &
  LT_JMETER_PID=$!
  local bound overdue=0
  bound="$(lt_run_bound "$duration" "$hold")"
  LT_OVERTIME_MESSAGE=""
  lt_watch "$jtl" "$duration" "$name" "$bound" "$dir" "$out" || overdue=1
  wait "$LT_JMETER_PID" || rc=$?
  LT_JMETER_PID=""
  ((overdue)) && lt_warn "$LT_OVERTIME_MESSAGE"
  if ((rc != 0)); then
    tail -20 "$out" >&2
    lt_warn "JMeter exited with $rc (see $out and $dir/jmeter.log)"
  fi
  if [[ ! -s "$jtl" ]] || (($(wc -l <"$jtl") < 2)); then
    lt_warn "no samples in $jtl: the run broke"
    ((overdue)) && lt_overdue_verdict "$dir"
    return 2
  fi
  [[ -f "$dir/dashboard/index.html" ]] || lt_warn "JMeter made no dashboard (see $dir/jmeter.log)"

  local convert_args=(convert "$jtl" --out "$dir" --scenario "$LT_SCENARIO" --label "$name"
    --thresholds "$LT_ROOT/config/thresholds.json" --check-thresholds "${LT_CI_FLAG[@]}")
  [[ "$full" == --full-history ]] && convert_args+=(--full-history)
  local verdict=0
  lt_results "${convert_args[@]}" || verdict=$?
  if ((verdict == 2)); then
    lt_warn "converting $jtl failed"
    return 2
  fi
  lt_write_report_html "$dir"

  if [[ -f "$dir/dashboard/statistics.json" ]]; then
    if lt_results check-dashboard "$dir/dashboard" "$dir/results_stats.csv" --jtl "$jtl" \
      >"$dir/dashboard_check.txt" 2>&1; then
      lt_log "dashboard check: $(tail -1 "$dir/dashboard_check.txt")"
    else
      cat "$dir/dashboard_check.txt"
      lt_warn "the JMeter dashboard and results_stats.csv disagree (see $dir/dashboard_check.txt)"
    fi
  fi
  lt_results "$dir/results_stats.csv" --save-history --label "$name" --scenario "$LT_SCENARIO" \
    --history "$LT_ROOT/results/load_test_history.json" | grep -E '^Saved to history' || true
  lt_log "step results: $dir (open report.html)"
  if ((overdue)); then
    lt_overdue_verdict "$dir"
    return 1
  fi
  return "$verdict"
}

# The FAIL verdict of a run that did not end on time: appended to summary.txt (and verdict.txt) and printed.
lt_overdue_verdict() {
  local line="VERDICT: FAIL - $LT_OVERTIME_MESSAGE"
  printf '\n%s\n' "$line" >>"$1/summary.txt"
  printf '%s\n' "$line" >"$1/verdict.txt"
  printf '%s\n' "$line" >&2
}

# lt_cooldown <seconds> <why>
lt_cooldown() {
  (($1 > 0)) || return 0
  lt_log "cooldown $(lt_fmt_seconds "$1") $2"
  sleep "$1"
}
